//! The minijinja engine every template runs in, shared by the registry (which compiles
//! each template as it loads) and rendering: a sandboxed environment holding only the
//! template's own files, escaping every plain value for Markdown, with a fuel budget; and
//! its errors as ours, naming the file and line.

use crate::TemplateError;
use crate::escape::{escape_inline, link};
use briefsmith_core::date::long_date;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};
use std::borrow::Cow;

/// The auto-escape mode every template renders in.
const MARKDOWN: AutoEscape = AutoEscape::Custom(Cow::Borrowed("markdown"));

/// One file of a template set.
#[derive(Debug, Clone)]
pub(crate) struct TemplateFile {
    /// Name inside the template engine: `<folder>/<file>`.
    pub name: String,
    /// How errors name the file: its path on disk, or `templates/<folder>/<file> (built-in)`.
    pub display: String,
    pub source: String,
}

/// An environment holding the template's files and nothing else: no loader, so nothing
/// outside the template set can be included. `fuel` 0 means no rendering is planned.
pub(crate) fn environment(
    files: &[TemplateFile],
    main: &str,
    fuel: u64,
) -> Result<Environment<'static>, TemplateError> {
    let mut env = Environment::new();
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| convert(files, main, &e))?;
    env.set_syntax(syntax);
    env.set_auto_escape_callback(|_| MARKDOWN);
    env.set_formatter(format_value);
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_fuel(Some(fuel.max(1)));
    env.add_filter("escape", escape_filter);
    env.add_filter("e", escape_filter);
    env.add_filter("long_date", |s: String| long_date(&s));
    env.add_function("link", |text: String, url: String| {
        Value::from_safe_string(link(&text, &url))
    });
    for f in files {
        env.add_template_owned(f.name.clone(), f.source.clone())
            .map_err(|e| convert(files, main, &e))?;
    }
    Ok(env)
}

/// Prints a value: safe strings as they are, none and undefined as nothing, everything
/// else escaped for Markdown.
fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_undefined() || value.is_none() {
        return Ok(());
    }
    if value.is_safe() || *state.auto_escape() != MARKDOWN {
        return minijinja::escape_formatter(out, state, value);
    }
    out.write_str(&escape_inline(&value.to_string()))
        .map_err(|_| Error::new(ErrorKind::WriteFailure, "cannot write the output"))
}

/// `{{ x | e }}`: escapes for Markdown (the built-in filter knows only HTML).
fn escape_filter(value: Value) -> Value {
    if value.is_safe() {
        value
    } else {
        Value::from_safe_string(escape_inline(&value.to_string()))
    }
}

/// A minijinja error as ours, naming the template file (among `files`; `main` when the
/// error names none) and line.
pub(crate) fn convert(files: &[TemplateFile], main: &str, e: &Error) -> TemplateError {
    // The innermost error names the file that failed (an include or macro file).
    let mut inner: &Error = e;
    while let Some(next) = std::error::Error::source(inner).and_then(|s| s.downcast_ref::<Error>())
    {
        if next.name().is_none() {
            break;
        }
        inner = next;
    }
    let file = display_name(files, inner.name().unwrap_or(main));
    let line = inner.line();
    if e.kind() == ErrorKind::OutOfFuel || inner.kind() == ErrorKind::OutOfFuel {
        return TemplateError::OutOfFuel { file, line };
    }
    let message = match inner.detail() {
        Some(detail) => format!("{}: {detail}", inner.kind()),
        None => inner.kind().to_string(),
    };
    TemplateError::Template {
        file,
        line,
        message,
    }
}

/// How errors name the engine file `name`: its display name among `files`.
fn display_name(files: &[TemplateFile], name: &str) -> String {
    files
        .iter()
        .find(|f| f.name == name)
        .map_or_else(|| name.to_owned(), |f| f.display.clone())
}
