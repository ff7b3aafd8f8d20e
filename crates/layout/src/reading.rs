//! A page's text in reading order, element by element: what a screen reader reads from
//! the tagged PDF, for the preview's accessibility tree. Artifacts (running heads, page
//! numbers, banners) are left out, as the PDF marks them.

use crate::{Page, PageItem, Role, StructElem, StructId};

/// The text one structure element shows on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementText {
    pub elem: StructId,
    pub role: Role,
    /// Its words, lines joined by spaces; a figure's alternative text. A list item's or
    /// note's label (its number or bullet) is read with the text after it.
    pub text: String,
    /// Where it is: left, top, right, bottom in points from the page's top-left corner.
    pub bounds: [f32; 4],
}

/// The elements with text on `page`, in the order the page shows them; `structure` is the
/// document's ([`crate::Document::structure`]).
pub fn page_reading(page: &Page, structure: &[StructElem]) -> Vec<ElementText> {
    let mut out: Vec<ElementText> = Vec::new();
    let mut open: Vec<StructId> = Vec::new();
    // The baseline of the last run added to the element last written to, and whether
    // that run was a lone hyphen (one the line breaker set at a broken word).
    let mut baseline = f32::NAN;
    let mut broken_word = false;
    let mut label: Option<ElementText> = None;
    for item in &page.items {
        let (bounds, text, line) = match item {
            PageItem::BeginTag(tag) => {
                open.push(*tag);
                continue;
            }
            PageItem::EndTag => {
                open.pop();
                continue;
            }
            PageItem::Rect(_) => continue,
            PageItem::Glyphs(run) => {
                let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last()) else {
                    continue;
                };
                let bounds = [
                    first.x.min(last.x),
                    first.y - run.size,
                    first.x.max(last.x + last.advance),
                    first.y + run.size * 0.3,
                ];
                (bounds, run.text.as_str(), first.y)
            }
            PageItem::Image(image) => (
                [
                    image.x,
                    image.y,
                    image.x + image.width,
                    image.y + image.height,
                ],
                "",
                f32::NAN,
            ),
        };
        let Some(&elem) = open.last() else { continue };
        let Some(info) = structure.get(elem.0 as usize) else {
            continue;
        };
        let text = match (&info.alt, item) {
            (Some(alt), PageItem::Image(_)) => alt.as_str(),
            _ => text,
        };
        let continues = out.last().is_some_and(|last| last.elem == elem);
        if !continues {
            if let Some(done) = out.last_mut() {
                finish(done);
            }
            let mut entry = ElementText {
                elem,
                role: info.role,
                text: String::new(),
                bounds,
            };
            // The label goes with the first thing after it.
            if let Some(label) = label.take() {
                entry.text = label.text;
                entry.text.push(' ');
                entry.bounds = union(label.bounds, bounds);
            }
            out.push(entry);
            baseline = line;
        }
        let Some(entry) = out.last_mut() else {
            continue;
        };
        entry.bounds = union(entry.bounds, bounds);
        if continues && (line - baseline).abs() > 0.5 && !entry.text.ends_with(' ') {
            // A new line: a space, unless the line before ended in the hyphen of a word
            // broken there.
            if broken_word {
                entry.text.pop();
            } else {
                entry.text.push(' ');
            }
        }
        baseline = line;
        broken_word = text == "-"
            && entry
                .text
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
        entry.text.push_str(text);
        if info.role == Role::Label && out.last().is_some_and(|e| e.elem == elem) {
            // Held back until what it labels starts.
            label = out.pop();
        }
    }
    if let Some(label) = label {
        out.push(label);
    }
    if let Some(done) = out.last_mut() {
        finish(done);
    }
    out.retain(|e| !e.text.is_empty());
    out
}

/// Tidies an element's text once it is complete.
fn finish(entry: &mut ElementText) {
    let text = entry.text.split_whitespace().collect::<Vec<_>>().join(" ");
    entry.text = text;
}

fn union(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset;
    use briefsmith_style::{DocumentInfo, PageStyle};

    #[test]
    fn a_page_reads_element_by_element_without_its_furniture() {
        // Long words, so some break across lines with a hyphen.
        let long = "Officials characteristically reported unprecedented international \
                    infrastructure negotiations along the border. "
            .repeat(8);
        let markdown = format!("# Border crisis\n\n{long}\n\n1. First judgment.\n2. Second.\n");
        let info = DocumentInfo {
            title: "Border crisis".into(),
            banner: "OFFICIAL".into(),
            ..DocumentInfo::default()
        };
        let doc = typeset(&markdown, &PageStyle::default(), &info, None).expect("typesets");
        let read = page_reading(&doc.pages[0], &doc.structure);
        let texts: Vec<(Role, &str)> = read.iter().map(|e| (e.role, e.text.as_str())).collect();
        assert_eq!(texts[0], (Role::Heading(1), "Border crisis"));
        // The paragraph's lines are one text, words whole across line ends.
        assert_eq!(texts[1], (Role::Paragraph, long.trim()));
        assert_eq!(texts[2], (Role::Paragraph, "1. First judgment."));
        assert_eq!(texts[3], (Role::Paragraph, "2. Second."));
        assert_eq!(texts.len(), 4, "no banner or page number: {texts:?}");
        // Each element is where the page shows it: the heading above the paragraph.
        assert!(read[0].bounds[3] <= read[1].bounds[1] + 1.0, "{read:?}");
        assert!(read[1].bounds[2] > read[1].bounds[0] + 100.0);
    }
}
