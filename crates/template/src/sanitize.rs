//! Making the analyst's own Markdown (free text blocks, notes, judgments, bottom line) safe
//! to place in a brief.
//!
//! Analyst text is Markdown by intent: emphasis, lists, tables, links and footnotes work as
//! written. Three things do not: raw HTML is shown as text, links that are not http,
//! https or mailto keep only their text, and images keep only their alt text unless they
//! name a relative file. A code fence left open is closed, so one block can never swallow
//! the rest of the brief.

use crate::escape::{escape_inline, is_safe_url};
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The Markdown dialect the layout reads (CommonMark + GFM tables, footnotes,
/// strikethrough, task lists), so sanitising sees what the typesetter will see.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Passes over the text; each pass removes what the previous one uncovered.
const MAX_PASSES: usize = 8;

/// Analyst Markdown with raw HTML escaped, unsafe links and images reduced to their text,
/// and open code fences closed. Line endings are normalised and ends trimmed.
pub fn sanitize_markdown(markdown: &str) -> String {
    let mut text = markdown.replace("\r\n", "\n").replace('\r', "\n");
    text = text.trim_matches('\n').trim_end().to_owned();
    for _ in 0..MAX_PASSES {
        let edits = unsafe_spans(&text);
        if edits.is_empty() {
            return close_open_fence(text);
        }
        text = apply(&text, edits);
    }
    // Pathological input: give up on its structure and show it literally.
    text.split("\n\n")
        .map(escape_inline)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Footnote labels the text defines or references, so generated labels can avoid them.
pub fn footnote_labels(markdown: &str) -> Vec<String> {
    let mut labels = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::FootnoteReference(l) | Event::Start(Tag::FootnoteDefinition(l)) => {
                labels.push(l.to_string())
            }
            _ => {}
        }
    }
    labels
}

/// Replacements that make the text safe, by source range, in order, not overlapping.
fn unsafe_spans(text: &str) -> Vec<(Range<usize>, String)> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // The link or image being neutralised: its range, and its plain text so far.
    let mut open: Option<(Range<usize>, String, usize)> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Some((_, plain, depth)) = open.as_mut() {
            match &event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => *depth += 1,
                Event::End(TagEnd::Link | TagEnd::Image) if *depth > 0 => *depth -= 1,
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    if let Some((r, plain, _)) = open.take() {
                        edits.push((r, escape_inline(&plain)));
                    }
                    continue;
                }
                Event::Text(t) | Event::Code(t) => plain.push_str(t),
                Event::SoftBreak | Event::HardBreak => plain.push(' '),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => {
                edits.push((range.clone(), text[range].replace('<', "\\<")))
            }
            Event::InlineHtml(_) | Event::Html(_) => {
                edits.push((range.clone(), text[range].replacen('<', "\\<", 1)))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if link_type != LinkType::Email && !is_safe_url(&dest_url) => {
                open = Some((range, String::new(), 0));
            }
            Event::Start(Tag::Image { dest_url, .. }) if !is_relative_file(&dest_url) => {
                open = Some((range, String::new(), 0));
            }
            _ => {}
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut kept: Vec<(Range<usize>, String)> = Vec::with_capacity(edits.len());
    for (r, s) in edits {
        if kept.last().is_none_or(|(last, _)| r.start >= last.end) {
            kept.push((r, s));
        }
    }
    kept
}

/// Whether an image source names a file below the draft's folder: no scheme, not absolute,
/// no `..` step.
fn is_relative_file(src: &str) -> bool {
    let has_scheme = src.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    !src.is_empty()
        && !has_scheme
        && !src.starts_with('/')
        && !src.starts_with('\\')
        && !src.split(['/', '\\']).any(|step| step == "..")
}

/// The text with each range replaced.
fn apply(text: &str, edits: Vec<(Range<usize>, String)>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for (r, replacement) in edits {
        out.push_str(&text[at..r.start]);
        out.push_str(&replacement);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Closes a fenced code block that runs to the end of the text without its closing fence.
fn close_open_fence(mut text: String) -> String {
    let mut last_fence: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) = event {
            last_fence = Some(range);
        }
    }
    let Some(range) = last_fence else { return text };
    let block = &text[range.clone()];
    let opening = block.lines().next().unwrap_or("").trim_start();
    let fence_char = opening.chars().next().unwrap_or('`');
    let fence: String = opening.chars().take_while(|&c| c == fence_char).collect();
    let closed = block.lines().count() > 1
        && block.lines().last().is_some_and(|l| {
            l.trim().starts_with(&fence) && l.trim().chars().all(|c| c == fence_char)
        });
    if range.end >= text.trim_end().len() && !closed {
        text.push('\n');
        text.push_str(&fence);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_survives() {
        let md = "Some *emphasis*, a [link](https://example.org) and a list:\n\n- one\n- two";
        assert_eq!(sanitize_markdown(md), md);
    }

    #[test]
    fn html_is_shown_as_text() {
        assert_eq!(
            sanitize_markdown("a <b>bold</b> move"),
            "a \\<b>bold\\</b> move"
        );
        assert_eq!(
            sanitize_markdown("<script>\nalert(1)\n</script>"),
            "\\<script>\nalert(1)\n\\</script>"
        );
    }

    #[test]
    fn unsafe_links_keep_their_text() {
        assert_eq!(
            sanitize_markdown("[click](javascript:alert(1)) now"),
            "click now"
        );
        assert_eq!(
            sanitize_markdown("<javascript:alert(1)>"),
            "javascript:alert(1)"
        );
        assert_eq!(sanitize_markdown("![x](file:///etc/passwd)"), "x");
        assert_eq!(
            sanitize_markdown("![map](img/map.png)"),
            "![map](img/map.png)"
        );
        assert_eq!(sanitize_markdown("![x](../secret.png)"), "x");
    }

    #[test]
    fn open_fences_are_closed() {
        assert_eq!(sanitize_markdown("```\ncode"), "```\ncode\n```");
        assert_eq!(sanitize_markdown("~~~~\ncode\n~~~~"), "~~~~\ncode\n~~~~");
        assert_eq!(sanitize_markdown("```"), "```\n```");
    }
}
