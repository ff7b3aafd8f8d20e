//! Tagged PDF: the structure tree (ISO 32000-1, 14.7–14.8) built from the layout's
//! structure and the marked content the page writer numbered (module `content`).
//!
//! Each layout element becomes a `StructElem` whose kids are its child elements, then its
//! marked content page by page (bare MCIDs on the element's first page, `/Pg`, and marked-
//! content references on later ones), then a `Link` element for each link on its text,
//! holding the annotation (`OBJR`); the parent tree maps each page's MCIDs, and each
//! annotation, back to their elements. The catalog says the file is marked, names its
//! language, and each page orders its annotations by structure (`/Tabs /S`), as PDF/UA-1
//! asks.

use briefsmith_layout::{Role, StructElem, StructId};
use lopdf_printpdf::{Dictionary, Document, Object, ObjectId};

use crate::content::LinkTag;
use crate::metadata::text_string;

/// The language of the text: briefs are written in English (names in other scripts are
/// spans within it).
pub(crate) const LANGUAGE: &str = "en";

/// What one page contributes to the tree.
pub(crate) struct PageTags {
    pub page: ObjectId,
    /// The element of each marked sequence, by MCID.
    pub mcids: Vec<StructId>,
    /// One per annotation, in the order of the page's `/Annots`.
    pub links: Vec<LinkTag>,
}

fn name(text: &str) -> Object {
    Object::Name(text.as_bytes().to_vec())
}

/// Writes the structure tree for `structure` and the marked content of `pages` (in page
/// order).
pub(crate) fn write_structure(
    doc: &mut Document,
    structure: &[StructElem],
    pages: &[PageTags],
) -> Result<(), lopdf_printpdf::Error> {
    let ids: Vec<ObjectId> = structure.iter().map(|_| doc.new_object_id()).collect();
    let mut kids: Vec<Vec<Object>> = vec![Vec::new(); structure.len()];
    for (index, elem) in structure.iter().enumerate() {
        if let Some(parent) = elem.parent.and_then(|p| kids.get_mut(p.0 as usize))
            && let Some(&id) = ids.get(index)
        {
            parent.push(Object::Reference(id));
        }
    }
    // An element's content on its first page is listed by bare MCID with the element's
    // /Pg; only content on later pages (a paragraph running over) needs a full reference.
    let mut first_page: Vec<Option<ObjectId>> = vec![None; structure.len()];
    let mut nums = Vec::with_capacity(pages.len() * 2);
    for (key, tags) in pages.iter().enumerate() {
        let mut parents = Vec::with_capacity(tags.mcids.len());
        for (mcid, elem) in tags.mcids.iter().enumerate() {
            let slot = elem.0 as usize;
            let (Some(list), Some(&elem_id), Some(first)) =
                (kids.get_mut(slot), ids.get(slot), first_page.get_mut(slot))
            else {
                parents.push(Object::Null);
                continue;
            };
            let page = *first.get_or_insert(tags.page);
            if page == tags.page {
                list.push(Object::Integer(mcid as i64));
            } else {
                let mut mcr = Dictionary::new();
                mcr.set("Type", name("MCR"));
                mcr.set("Pg", Object::Reference(tags.page));
                mcr.set("MCID", Object::Integer(mcid as i64));
                list.push(Object::Dictionary(mcr));
            }
            parents.push(Object::Reference(elem_id));
        }
        nums.push(Object::Integer(key as i64));
        nums.push(Object::Array(parents));
        let page = doc.get_dictionary_mut(tags.page)?;
        page.set("StructParents", Object::Integer(key as i64));
        page.set("Tabs", name("S"));
    }

    // Links: each annotation becomes an object of its own with a /StructParent, held by a
    // Link element under the element its text is in.
    let mut next_key = pages.len();
    for tags in pages {
        let annots = match doc.get_dictionary_mut(tags.page)?.get_mut(b"Annots") {
            Ok(Object::Array(annots)) => std::mem::take(annots),
            _ => continue,
        };
        let mut placed = Vec::with_capacity(annots.len());
        for (annot, link) in annots.into_iter().zip(&tags.links) {
            let Object::Dictionary(mut dict) = annot else {
                placed.push(annot);
                continue;
            };
            dict.set("StructParent", Object::Integer(next_key as i64));
            dict.set("Contents", text_string(&link.description));
            let annot_id = doc.add_object(Object::Dictionary(dict));
            placed.push(Object::Reference(annot_id));

            let parent = link
                .parent
                .map_or(0, |p| p.0 as usize)
                .min(structure.len().saturating_sub(1));
            let (Some(&parent_id), Some(parent_kids)) = (ids.get(parent), kids.get_mut(parent))
            else {
                continue;
            };
            let mut objr = Dictionary::new();
            objr.set("Type", name("OBJR"));
            objr.set("Obj", Object::Reference(annot_id));
            objr.set("Pg", Object::Reference(tags.page));
            let mut elem = Dictionary::new();
            elem.set("Type", name("StructElem"));
            elem.set("S", name("Link"));
            elem.set("P", Object::Reference(parent_id));
            elem.set("Pg", Object::Reference(tags.page));
            elem.set("Alt", text_string(&link.description));
            elem.set("K", Object::Array(vec![Object::Dictionary(objr)]));
            let elem_id = doc.add_object(Object::Dictionary(elem));
            parent_kids.push(Object::Reference(elem_id));
            nums.push(Object::Integer(next_key as i64));
            nums.push(Object::Reference(elem_id));
            next_key += 1;
        }
        doc.get_dictionary_mut(tags.page)?
            .set("Annots", Object::Array(placed));
    }

    let root_id = doc.new_object_id();
    for (index, (elem, kids)) in structure.iter().zip(kids).enumerate() {
        let mut dict = Dictionary::new();
        if let Some(Some(page)) = first_page.get(index) {
            dict.set("Pg", Object::Reference(*page));
        }
        dict.set("Type", name("StructElem"));
        dict.set("S", name(elem.role.pdf_name()));
        let parent = elem
            .parent
            .and_then(|p| ids.get(p.0 as usize).copied())
            .unwrap_or(root_id);
        dict.set("P", Object::Reference(parent));
        dict.set("K", Object::Array(kids));
        if let Some(alt) = &elem.alt {
            dict.set("Alt", text_string(alt));
        }
        if elem.role == Role::TableHeader {
            // Every header cell heads its column (briefs' tables have one header row).
            let mut attributes = Dictionary::new();
            attributes.set("O", name("Table"));
            attributes.set("Scope", name("Column"));
            dict.set("A", Object::Dictionary(attributes));
        }
        doc.objects.insert(ids[index], Object::Dictionary(dict));
    }

    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree_id = doc.add_object(Object::Dictionary(parent_tree));
    let mut root = Dictionary::new();
    root.set("Type", name("StructTreeRoot"));
    root.set(
        "K",
        ids.first()
            .map_or(Object::Array(Vec::new()), |&id| Object::Reference(id)),
    );
    root.set("ParentTree", Object::Reference(parent_tree_id));
    root.set("ParentTreeNextKey", Object::Integer(next_key as i64));
    doc.objects.insert(root_id, Object::Dictionary(root));

    let catalog = doc.catalog_mut()?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    catalog.set("Lang", text_string(LANGUAGE));
    Ok(())
}
