//! The PDF outline (bookmarks): the document's headings as a tree nested by level, each
//! pointing at its page and height.
//!
//! printpdf's own bookmarks are a flat list sorted by page and then by *title*, pointing
//! at the top of the page, so the writer builds the outline itself on the lopdf document.

use briefsmith_layout::OutlineEntry;
use lopdf_printpdf::{Dictionary, Document, Object, ObjectId};

use crate::metadata::text_string;

/// One outline item and its children, before object ids are assigned.
struct Node<'a> {
    entry: &'a OutlineEntry,
    children: Vec<Node<'a>>,
}

/// Adds `/Outlines` to the catalog. `pages` are the page object ids in order and
/// `heights` the page heights (to flip y). Entries on pages that do not exist are skipped.
pub(crate) fn add_outline(
    doc: &mut Document,
    entries: &[OutlineEntry],
    pages: &[ObjectId],
    heights: &[f32],
) -> Result<(), lopdf_printpdf::Error> {
    let valid: Vec<&OutlineEntry> = entries
        .iter()
        .filter(|e| e.page < pages.len() && e.y.is_finite())
        .collect();
    if valid.is_empty() {
        return Ok(());
    }
    let roots = nest(&valid);
    let root_id = doc.new_object_id();
    let (first, last, count) = write_level(doc, &roots, root_id, pages, heights);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    root.set("First", Object::Reference(first));
    root.set("Last", Object::Reference(last));
    root.set("Count", Object::Integer(count));
    doc.objects.insert(root_id, Object::Dictionary(root));

    let catalog = doc.catalog_mut()?;
    catalog.set("Outlines", Object::Reference(root_id));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    Ok(())
}

/// Builds the tree: an entry nests under the nearest earlier entry of a smaller level,
/// so a skipped level (# then ###) still nests rather than getting lost.
fn nest<'a>(entries: &[&'a OutlineEntry]) -> Vec<Node<'a>> {
    fn take<'a>(entries: &[&'a OutlineEntry], pos: &mut usize, parent_level: i32) -> Vec<Node<'a>> {
        let mut nodes = Vec::new();
        while let Some(entry) = entries.get(*pos) {
            if i32::from(entry.level) <= parent_level {
                break;
            }
            *pos += 1;
            let children = take(entries, pos, i32::from(entry.level));
            nodes.push(Node { entry, children });
        }
        nodes
    }
    let mut pos = 0;
    let mut roots = Vec::new();
    while pos < entries.len() {
        // Every entry is deeper than level -1, so each pass takes at least one.
        roots.extend(take(entries, &mut pos, -1));
    }
    roots
}

/// Writes sibling items under `parent`; returns (first, last, visible descendants).
fn write_level(
    doc: &mut Document,
    nodes: &[Node<'_>],
    parent: ObjectId,
    pages: &[ObjectId],
    heights: &[f32],
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = nodes.iter().map(|_| doc.new_object_id()).collect();
    let mut count = 0;
    for (i, node) in nodes.iter().enumerate() {
        let entry = node.entry;
        let mut item = Dictionary::new();
        item.set("Title", text_string(&entry.title));
        item.set("Parent", Object::Reference(parent));
        let top = heights.get(entry.page).copied().unwrap_or(0.0) - entry.y;
        item.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(pages[entry.page]),
                Object::Name(b"XYZ".to_vec()),
                Object::Integer(0),
                Object::Real(top.max(0.0)),
                Object::Null,
            ]),
        );
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        count += 1;
        if !node.children.is_empty() {
            let (first, last, below) = write_level(doc, &node.children, ids[i], pages, heights);
            item.set("First", Object::Reference(first));
            item.set("Last", Object::Reference(last));
            // Positive: the item starts open, showing its sub-headings.
            item.set("Count", Object::Integer(below));
            count += below;
        }
        doc.objects.insert(ids[i], Object::Dictionary(item));
    }
    (ids[0], ids[ids.len() - 1], count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(level: u8, title: &str) -> OutlineEntry {
        OutlineEntry {
            level,
            title: title.into(),
            page: 0,
            y: 0.0,
        }
    }

    fn shape(nodes: &[Node<'_>]) -> String {
        nodes
            .iter()
            .map(|n| {
                if n.children.is_empty() {
                    n.entry.title.clone()
                } else {
                    format!("{}({})", n.entry.title, shape(&n.children))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn headings_nest_by_level() {
        let list = [
            e(1, "A"),
            e(2, "a1"),
            e(3, "x"),
            e(2, "a2"),
            e(1, "B"),
            e(3, "b"),
        ];
        let refs: Vec<&OutlineEntry> = list.iter().collect();
        assert_eq!(shape(&nest(&refs)), "A(a1(x) a2) B(b)");
    }

    #[test]
    fn a_document_starting_deep_keeps_every_heading() {
        let list = [e(3, "deep"), e(1, "top"), e(2, "sub")];
        let refs: Vec<&OutlineEntry> = list.iter().collect();
        assert_eq!(shape(&nest(&refs)), "deep top(sub)");
    }
}
