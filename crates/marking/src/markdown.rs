//! Portion marks read back from Markdown (e.g. notes typed with `(S) ` at the start of each
//! paragraph): every portion must carry one; the banner is their roll-up; a releasable
//! version drops the portions above a ceiling. For `briefsmith typeset`, which has no brief.
//!
//! A portion is a top-level paragraph or heading, a list item, a block quote, a table body
//! row, a footnote definition, or a code or HTML block; its mark opens its first text.

use crate::mark::{Mark, roll_up};
use crate::release::{Dropped, preview};
use crate::scheme::Scheme;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::ops::Range;

/// Markdown whose portions were read, and perhaps cut to a ceiling.
#[derive(Debug, Clone)]
pub struct MarkedMarkdown {
    /// The Markdown left (all of it when no ceiling was given).
    pub markdown: String,
    /// The roll-up of the portions left.
    pub banner: Mark,
    /// The portions left out, in reading order.
    pub dropped: Vec<Dropped>,
}

/// A portion without a mark that reads, with its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownMarkError {
    /// A portion whose first text does not open with a mark.
    #[error(
        "line {line}: this portion has no portion mark (it should open with one, e.g. {example}): “{preview}”"
    )]
    Unmarked {
        line: usize,
        example: String,
        preview: String,
    },
    /// A portion whose mark does not read in the scheme.
    #[error("line {line}: {problem}")]
    Mark {
        line: usize,
        problem: crate::MarkError,
    },
}

/// One portion: where it is and its mark.
struct Portion {
    range: Range<usize>,
    mark: Mark,
    preview: String,
}

/// Reads every portion's mark in `markdown` and, given a `ceiling`, leaves out each portion
/// it does not dominate.
pub fn read_markdown_marks(
    scheme: &Scheme,
    markdown: &str,
    ceiling: Option<&Mark>,
) -> Result<MarkedMarkdown, MarkdownMarkError> {
    let portions = portions(scheme, markdown)?;
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    let mut cuts: Vec<Range<usize>> = Vec::new();
    for p in &portions {
        if ceiling.is_none_or(|c| c.dominates(&p.mark)) {
            kept.push(p.mark.clone());
        } else {
            dropped.push(Dropped {
                place: format!("line {}", line_of(markdown, p.range.start)),
                what: "portion".to_owned(),
                mark: p.mark.portion(scheme),
                preview: p.preview.clone(),
            });
            // The whole lines the portion stands on, so no stray marker or blank is left.
            let start = markdown[..p.range.start].rfind('\n').map_or(0, |i| i + 1);
            let end = if markdown[..p.range.end].ends_with('\n') {
                p.range.end
            } else {
                markdown[p.range.end..]
                    .find('\n')
                    .map_or(markdown.len(), |i| p.range.end + i + 1)
            };
            cuts.push(start..end);
        }
    }
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for cut in cuts {
        if cut.start >= at {
            out.push_str(&markdown[at..cut.start]);
            at = cut.end;
        }
    }
    out.push_str(&markdown[at.min(markdown.len())..]);
    Ok(MarkedMarkdown {
        markdown: out,
        banner: roll_up(scheme, &kept),
        dropped,
    })
}

/// The portions of `markdown`, each with its mark.
fn portions(scheme: &Scheme, markdown: &str) -> Result<Vec<Portion>, MarkdownMarkError> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Vec::new();
    // The open portion: its range, its nesting depth, and its mark once read.
    let mut open: Option<(Range<usize>, usize, Option<Mark>)> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if open.is_none() && is_portion(&tag) {
                    open = Some((range, depth, None));
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let Some((r, _, mark)) = open.take_if(|(_, d, _)| *d == depth) {
                    let line = line_of(markdown, r.start);
                    let preview = preview(&markdown[r.clone()]);
                    let Some(mark) = mark else {
                        return Err(MarkdownMarkError::Unmarked {
                            line,
                            example: Mark::lowest(scheme).portion(scheme),
                            preview,
                        });
                    };
                    out.push(Portion {
                        range: r,
                        mark,
                        preview,
                    });
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((r, _, mark @ None)) = &mut open {
                    *mark = Some(leading_mark(scheme, &text, line_of(markdown, r.start))?);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

fn is_portion(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::BlockQuote(_)
            | Tag::TableRow
            | Tag::FootnoteDefinition(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
    )
}

/// The mark opening `text`, e.g. `(S//NF)` in `(S//NF) The words`.
fn leading_mark(scheme: &Scheme, text: &str, line: usize) -> Result<Mark, MarkdownMarkError> {
    let unmarked = || MarkdownMarkError::Unmarked {
        line,
        example: Mark::lowest(scheme).portion(scheme),
        preview: preview(text),
    };
    let text = text.trim_start();
    let rest = text
        .strip_prefix(scheme.portion_open.as_str())
        .ok_or_else(unmarked)?;
    let close = rest
        .find(scheme.portion_close.as_str())
        .ok_or_else(unmarked)?;
    Mark::parse(scheme, &rest[..close]).map_err(|problem| MarkdownMarkError::Mark { line, problem })
}

/// The 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Schemes;

    fn us() -> Scheme {
        Schemes::builtin()
            .unwrap()
            .require("us-style")
            .unwrap()
            .clone()
    }

    const NOTES: &str = "# (U) Notes\n\n(U) Open words.\n\n(S//NF) Secret words here.\n\n- (C) a confidential point\n- (U) a plain point\n\n> (S) a secret quote\n\n| A | B |\n|---|---|\n| (U) one | 1 |\n| (S) two | 2 |\n\n- (S) first\n- (U) second\n";

    #[test]
    fn the_banner_is_the_roll_up_and_a_ceiling_cuts_whole_portions() {
        let s = us();
        let all = read_markdown_marks(&s, NOTES, None).unwrap();
        assert_eq!(all.banner.banner(&s), "SECRET//NOFORN");
        assert_eq!(all.markdown, NOTES);
        let c = Mark::parse(&s, "C").unwrap();
        let cut = read_markdown_marks(&s, NOTES, Some(&c)).unwrap();
        assert_eq!(cut.banner.banner(&s), "CONFIDENTIAL");
        assert_eq!(
            cut.markdown,
            "# (U) Notes\n\n(U) Open words.\n\n\n- (C) a confidential point\n- (U) a plain point\n\n\n| A | B |\n|---|---|\n| (U) one | 1 |\n\n- (U) second\n"
        );
        let places: Vec<&str> = cut.dropped.iter().map(|d| d.place.as_str()).collect();
        assert_eq!(places, ["line 5", "line 10", "line 15", "line 17"]);
    }

    #[test]
    fn an_unmarked_or_badly_marked_portion_is_named_with_its_line() {
        let s = us();
        let e = read_markdown_marks(&s, "(U) One.\n\nTwo has none.\n", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("line 3: this portion has no portion mark"),
            "{e}"
        );
        let e = read_markdown_marks(&s, "(U) One.\n\n- (Q) bad\n", None)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("line 3: \"Q\": \"Q\" is not a level"), "{e}");
    }
}
