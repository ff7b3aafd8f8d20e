//! Rendering a brief through a template: its context built, run through the template's
//! engine (see [`crate::engine`]) with a fuel budget for the brief's size, then tidied.

use crate::TemplateError;
use crate::context::{self, TemplateInfo};
use crate::engine::{convert, environment};
use crate::registry::Template;
use briefsmith_core::model::{Brief, Dataset};
use briefsmith_marking::DocumentMarks;
use minijinja::value::Serde;
use minijinja::value::Value;

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
    render_marked(tpl, brief, dataset, export_date, target, None)
}

/// Renders `brief` as Markdown for `target` with its portion marks, banner and
/// classification block (`marks`, from `briefsmith_marking::document_marks`).
pub fn render_marked(
    tpl: &Template,
    brief: &Brief,
    dataset: Option<&Dataset>,
    export_date: &str,
    target: Target,
    marks: Option<&DocumentMarks>,
) -> Result<String, TemplateError> {
    let fuel = FUEL_BASE + FUEL_PER_BLOCK * brief.block_count() as u64;
    let main = tpl.main_name();
    let env = environment(&tpl.files, &main, fuel)?;
    let compiled = env
        .get_template(&main)
        .map_err(|e| convert(&tpl.files, &main, &e))?;
    let ctx = context::build(
        brief,
        dataset,
        export_date,
        target == Target::Pdf,
        marks,
        TemplateInfo {
            name: tpl.manifest.name.clone(),
            description: tpl.manifest.description.clone(),
        },
    );
    let out = compiled
        .render(Value::from(Serde(&ctx)))
        .map_err(|e| convert(&tpl.files, &main, &e))?;
    Ok(tidy(&out))
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
