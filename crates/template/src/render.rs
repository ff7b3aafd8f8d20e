//! Rendering a brief through a template: a sandboxed minijinja environment holding only
//! the template's own files, escaping every plain value for Markdown, with a fuel budget.

use crate::TemplateError;
use crate::context::{self, TemplateInfo};
use crate::escape::{escape_inline, link};
use crate::registry::Template;
use briefsmith_core::model::{Brief, Dataset};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};
use std::borrow::Cow;

/// The auto-escape mode every template renders in.
const MARKDOWN: AutoEscape = AutoEscape::Custom(Cow::Borrowed("markdown"));

/// Fuel for a render: a fixed allowance plus some per block, so a long brief renders and a
/// runaway loop stops within a fraction of a second.
const FUEL_BASE: u64 = 2_000_000;
const FUEL_PER_BLOCK: u64 = 20_000;

/// What the Markdown is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A `.md` file people read: carries the classification as text at top and bottom.
    Markdown,
    /// Input to the PDF layout, which sets the classification banner on every page itself.
    Pdf,
}

/// Renders `brief` as Markdown for a `.md` file. `export_date` is ISO 8601.
pub fn render(
    tpl: &Template,
    brief: &Brief,
    dataset: Option<&Dataset>,
    export_date: &str,
) -> Result<String, TemplateError> {
    render_for(tpl, brief, dataset, export_date, Target::Markdown)
}

/// Renders `brief` as Markdown for `target`. `export_date` is ISO 8601.
pub fn render_for(
    tpl: &Template,
    brief: &Brief,
    dataset: Option<&Dataset>,
    export_date: &str,
    target: Target,
) -> Result<String, TemplateError> {
    let fuel = FUEL_BASE + FUEL_PER_BLOCK * brief.block_count() as u64;
    let env = environment(tpl, fuel)?;
    let main = tpl.main_name();
    let compiled = env.get_template(&main).map_err(|e| convert(tpl, &e))?;
    let ctx = context::build(
        brief,
        dataset,
        export_date,
        target == Target::Pdf,
        TemplateInfo {
            name: tpl.manifest.name.clone(),
            description: tpl.manifest.description.clone(),
        },
    );
    let out = compiled
        .render(Value::from(Serde(&ctx)))
        .map_err(|e| convert(tpl, &e))?;
    Ok(tidy(&out))
}

/// An environment holding the template's files and nothing else: no loader, so nothing
/// outside the template set can be included. `fuel` 0 means no rendering is planned.
pub(crate) fn environment(
    tpl: &Template,
    fuel: u64,
) -> Result<Environment<'static>, TemplateError> {
    let mut env = Environment::new();
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| convert(tpl, &e))?;
    env.set_syntax(syntax);
    env.set_auto_escape_callback(|_| MARKDOWN);
    env.set_formatter(format_value);
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_fuel(Some(fuel.max(1)));
    env.add_filter("escape", escape_filter);
    env.add_filter("e", escape_filter);
    env.add_filter("long_date", |s: String| {
        briefsmith_core::date::long_date(&s)
    });
    env.add_function("link", |text: String, url: String| {
        Value::from_safe_string(link(&text, &url))
    });
    for f in &tpl.files {
        env.add_template_owned(f.name.clone(), f.source.clone())
            .map_err(|e| convert(tpl, &e))?;
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

/// A minijinja error as ours, naming the template file and line.
fn convert(tpl: &Template, e: &Error) -> TemplateError {
    // The innermost error names the file that failed (an include or macro file).
    let mut inner: &Error = e;
    while let Some(next) = std::error::Error::source(inner).and_then(|s| s.downcast_ref::<Error>())
    {
        if next.name().is_none() {
            break;
        }
        inner = next;
    }
    let file = inner
        .name()
        .map(|n| tpl.display_name(n))
        .unwrap_or_else(|| tpl.display_name(&tpl.main_name()));
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

/// At most one blank line in a row outside code, no trailing spaces, one final newline:
/// templates may then use whitespace freely.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank_run = 0;
    let mut fence: Option<String> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        if fence.is_none() && marker.len() >= 3 {
            fence = Some(marker);
        } else if let Some(open) = &fence
            && trimmed.starts_with(open.as_str())
            && trimmed
                .trim_end()
                .chars()
                .all(|c| c == open.chars().next().unwrap_or('`'))
        {
            fence = None;
        } else if fence.is_none() && line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if blank_run > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank_run = 0;
        // Keep a trailing backslash (hard break) and code as written; drop stray spaces.
        if fence.is_some() {
            out.push_str(line);
        } else {
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidy_collapses_blank_lines_outside_code() {
        assert_eq!(tidy("\n\n# T\n\n\n\ntext  \n"), "# T\n\ntext\n");
        assert_eq!(tidy("```\na\n\n\nb\n```\n"), "```\na\n\n\nb\n```\n");
    }
}
