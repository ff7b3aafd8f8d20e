//! Tagged PDF: the structure tree (ISO 32000-1, 14.7–14.8) built from the layout's
//! structure and the marked content the page writer numbered (module `content`).
//!
//! Each layout element becomes a `StructElem` whose kids are its child elements, then its
//! marked content page by page (bare MCIDs on the element's first page, `/Pg`, and marked-
//! content references on later ones); the parent tree maps each page's MCIDs back to their
//! elements. The catalog says the file is marked, names its language, and each page
//! orders its annotations by structure (`/Tabs /S`), as PDF/UA-1 asks.

use briefsmith_layout::{Role, StructElem, StructId};
use lopdf_printpdf::{Dictionary, Document, Object, ObjectId};

use crate::metadata::text_string;

/// The language of the text: briefs are written in English (names in other scripts are
/// spans within it).
pub(crate) const LANGUAGE: &str = "en";

/// Writes the structure tree for `structure`, given for each page (in order, with its
/// object id) the element of each MCID on it.
pub(crate) fn write_structure(
    doc: &mut Document,
    structure: &[StructElem],
    pages: &[(ObjectId, Vec<StructId>)],
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
    for (key, (page_id, mcids)) in pages.iter().enumerate() {
        let mut parents = Vec::with_capacity(mcids.len());
        for (mcid, elem) in mcids.iter().enumerate() {
            let slot = elem.0 as usize;
            let (Some(list), Some(&elem_id), Some(first)) =
                (kids.get_mut(slot), ids.get(slot), first_page.get_mut(slot))
            else {
                parents.push(Object::Null);
                continue;
            };
            let page = *first.get_or_insert(*page_id);
            if page == *page_id {
                list.push(Object::Integer(mcid as i64));
            } else {
                let mut mcr = Dictionary::new();
                mcr.set("Type", Object::Name(b"MCR".to_vec()));
                mcr.set("Pg", Object::Reference(*page_id));
                mcr.set("MCID", Object::Integer(mcid as i64));
                list.push(Object::Dictionary(mcr));
            }
            parents.push(Object::Reference(elem_id));
        }
        nums.push(Object::Integer(key as i64));
        nums.push(Object::Array(parents));
        let page = doc.get_dictionary_mut(*page_id)?;
        page.set("StructParents", Object::Integer(key as i64));
        page.set("Tabs", Object::Name(b"S".to_vec()));
    }

    let root_id = doc.new_object_id();
    for (index, (elem, kids)) in structure.iter().zip(kids).enumerate() {
        let mut dict = Dictionary::new();
        if let Some(Some(page)) = first_page.get(index) {
            dict.set("Pg", Object::Reference(*page));
        }
        dict.set("Type", Object::Name(b"StructElem".to_vec()));
        dict.set("S", Object::Name(elem.role.pdf_name().as_bytes().to_vec()));
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
            attributes.set("O", Object::Name(b"Table".to_vec()));
            attributes.set("Scope", Object::Name(b"Column".to_vec()));
            dict.set("A", Object::Dictionary(attributes));
        }
        doc.objects.insert(ids[index], Object::Dictionary(dict));
    }

    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree_id = doc.add_object(Object::Dictionary(parent_tree));
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set(
        "K",
        ids.first()
            .map_or(Object::Array(Vec::new()), |&id| Object::Reference(id)),
    );
    root.set("ParentTree", Object::Reference(parent_tree_id));
    root.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
    doc.objects.insert(root_id, Object::Dictionary(root));

    let catalog = doc.catalog_mut()?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    catalog.set("Lang", text_string(LANGUAGE));
    Ok(())
}
