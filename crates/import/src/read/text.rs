//! Plain text and Markdown.

use super::Document;
use crate::model::SourceMeta;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Plain text: blank lines separate paragraphs when the text has any (hard-wrapped lines
/// are joined); otherwise every line is a paragraph, as in text copied from a web page.
pub fn read_plain(text: &str) -> Document {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let has_blank_lines = text.lines().any(|l| l.trim().is_empty())
        && text.split("\n\n").filter(|b| !b.trim().is_empty()).count() > 1;
    let paragraphs = if has_blank_lines {
        text.split("\n\n")
            .map(|block| block.lines().map(str::trim).collect::<Vec<_>>().join(" "))
            .collect()
    } else {
        text.lines().map(str::to_owned).collect()
    };
    Document {
        meta: SourceMeta::default(),
        paragraphs,
    }
}

/// Markdown: block text with the markup dropped; the first level-1 heading is the title.
pub fn read_markdown(text: &str) -> Document {
    let mut meta = SourceMeta::default();
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut in_title = false;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if meta.title.is_none() => in_title = true,
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(TagEnd::Heading(_)) if in_title => {
                in_title = false;
                meta.title = Some(current.trim().to_owned());
                current.clear();
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => paragraphs.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    paragraphs.push(current);
    Document { meta, paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_make_paragraphs_and_join_wrapped_lines() {
        let doc = read_plain("One line\nwrapped.\n\nTwo.\n");
        assert_eq!(doc.paragraphs[0], "One line wrapped.");
        assert_eq!(doc.paragraphs[1], "Two.");
        let doc = read_plain("First.\nSecond.\n");
        assert_eq!(doc.paragraphs, vec!["First.", "Second."]);
    }

    #[test]
    fn markdown_title_and_plain_paragraphs() {
        let doc = read_markdown("# Big *news*\n\nShe said **“yes, we will”**.\n\n- a point\n");
        assert_eq!(doc.meta.title.as_deref(), Some("Big news"));
        assert_eq!(doc.paragraphs[0], "She said “yes, we will”.");
        assert_eq!(doc.paragraphs[1], "a point");
    }
}
