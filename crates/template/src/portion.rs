//! Portion marks written into Markdown: the mark at the start of every portion (each
//! paragraph, heading, list item, block quote paragraph, table body row, footnote and code
//! block) of a piece of analyst text.
//!
//! Where a portion starts is found with the same parser and dialect the layout reads, so
//! the mark lands exactly where the typesetter will see the portion's text begin: a page
//! banner rolled up page by page reads it there.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::escape::escape_inline;
use crate::sanitize::options;

/// `markdown` with `mark` (as the scheme writes it, e.g. `(S)`) opening every portion: the
/// first text of each paragraph, heading, list item, table body row (its first cell) and
/// footnote definition, escaped; and a line of its own, as written, first inside each code
/// block, where Markdown escapes would show. An empty `mark` changes nothing.
pub(crate) fn mark_portions(markdown: &str, mark: &str) -> String {
    let mark = mark.trim();
    if mark.is_empty() || markdown.trim().is_empty() {
        return markdown.to_owned();
    }
    let prose = format!("{} ", escape_inline(mark));
    let mut inserts: Vec<(usize, String)> = Vec::new();
    // A portion has opened and its mark is not set yet.
    let mut waiting = false;
    let mut in_code = false;
    let mut in_head = false;
    // The first cell of a body row: where an empty one would take the mark.
    let mut first_cell: Option<usize> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::TableRow,
            ) => waiting = true,
            // The header row (cells straight under the head) is not a portion.
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) if waiting && !in_head => {
                let blank =
                    markdown[range.clone()].len() - markdown[range.clone()].trim_start().len();
                first_cell = Some(range.start + blank);
            }
            Event::End(TagEnd::TableCell) => {
                // A body row whose first cell is empty: the mark fills it, since the
                // first cell is where a reader (and the layout) looks for it.
                if let Some(at) = first_cell.take().filter(|_| waiting) {
                    inserts.push((at, prose.clone()));
                }
                waiting = false;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                waiting = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                // An empty block has nothing to mark.
                in_code = false;
                waiting = false;
            }
            Event::Text(_) if in_code && waiting => {
                // The mark's line takes whatever stands before the first line (a quote's
                // `>`, a list item's indent) so it stays inside the block.
                let line = markdown[..range.start].rfind('\n').map_or(0, |i| i + 1);
                let lead = &markdown[line..range.start];
                inserts.push((range.start, format!("{mark}\n{lead}")));
                waiting = false;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::TableRow,
            ) => waiting = false,
            ref inline if waiting && !in_code && opens_text(inline) => {
                inserts.push((range.start, prose.clone()));
                first_cell = None;
                waiting = false;
            }
            _ => {}
        }
    }
    let mut out =
        String::with_capacity(markdown.len() + inserts.iter().map(|(_, s)| s.len()).sum::<usize>());
    let mut from = 0;
    for (at, text) in inserts {
        out.push_str(&markdown[from..at]);
        out.push_str(&text);
        from = at;
    }
    out.push_str(&markdown[from..]);
    out
}

/// Whether `event` is the first of a portion's own text. A task box is not: the mark
/// follows it, so the box stays a box.
fn opens_text(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Text(_)
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Start(
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript
                    | Tag::Link { .. }
                    | Tag::Image { .. }
            )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_portion_gets_the_mark() {
        let text = "First paragraph\ncontinues here.\n\n- one\n- two\n\n> quoted\n\n1. first\n\n## Heading\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[^n]: a note\n\n```\ncode\n```\n";
        assert_eq!(
            mark_portions(text, "(S)"),
            "(S) First paragraph\ncontinues here.\n\n- (S) one\n- (S) two\n\n> (S) quoted\n\n1. (S) first\n\n## (S) Heading\n\n| A | B |\n|---|---|\n| (S) 1 | 2 |\n\n[^n]: (S) a note\n\n```\n(S)\ncode\n```\n"
        );
    }

    #[test]
    fn a_code_block_opens_with_its_mark_on_a_line_of_its_own() {
        let mark = |text| mark_portions(text, "(S//NF)");
        // Fenced, with an info string and the rest of the block as written.
        assert_eq!(
            mark("Intro.\n\n~~~text\nline 1\n  line 2\n~~~"),
            "(S//NF) Intro.\n\n~~~text\n(S//NF)\nline 1\n  line 2\n~~~"
        );
        // Indented: the mark's line is indented too, so it stays code.
        assert_eq!(
            mark("Intro.\n\n    line 1\n    line 2\n"),
            "(S//NF) Intro.\n\n    (S//NF)\n    line 1\n    line 2\n"
        );
        // An indented fence keeps its indent on the mark's line.
        assert_eq!(
            mark("  ```\n    x\n  ```"),
            "  ```\n  (S//NF)\n    x\n  ```"
        );
        // Inside a quote or opening a list item: the container's prefix is kept.
        assert_eq!(
            mark("> ```\n> code\n> ```"),
            "> ```\n> (S//NF)\n> code\n> ```"
        );
        assert_eq!(
            mark("- ```\n  code\n  ```"),
            "- ```\n  (S//NF)\n  code\n  ```"
        );
        // An empty block has nothing to mark.
        assert_eq!(mark("```\n```"), "```\n```");
    }

    #[test]
    fn marks_are_escaped_in_prose_and_literal_in_code() {
        assert_eq!(
            mark_portions("text\n\n```\ncode\n```", "[S*]"),
            "\\[S\\*\\] text\n\n```\n[S*]\ncode\n```"
        );
    }

    #[test]
    fn only_portion_starts_are_marked() {
        let mark = |text| mark_portions(text, "(C)");
        // A quote's lazy second line and a number opening a wrapped line are mid-portion.
        assert_eq!(mark("> a\n> b"), "> (C) a\n> b");
        assert_eq!(mark("In\n1999. The"), "(C) In\n1999. The");
        // Tables without outer pipes (a row's leading pipe is not an empty cell); an
        // empty first cell takes the mark.
        assert_eq!(
            mark("A | B\n--|--\n1 | 2\n | 3"),
            "A | B\n--|--\n(C) 1 | 2\n | (C) 3"
        );
        assert_eq!(mark("| A |\n|---|\n|  |"), "| A |\n|---|\n|  (C) |");
        // A task's box stays a box; emphasis and links open after the mark.
        assert_eq!(mark("- [ ] task"), "- [ ] (C) task");
        assert_eq!(mark("*em* and [a](b)"), "(C) *em* and [a](b)");
        // Each paragraph of a list item is marked, once.
        assert_eq!(mark("- a\n\n  b"), "- (C) a\n\n  (C) b");
    }

    #[test]
    fn no_mark_changes_nothing() {
        assert_eq!(mark_portions("a\n\nb", ""), "a\n\nb");
        assert_eq!(mark_portions("a\n\nb", "(U)"), "(U) a\n\n(U) b");
        assert_eq!(mark_portions("  \n", "(U)"), "  \n");
    }
}
