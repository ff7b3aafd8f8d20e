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
//!
//! The elements, the root and the parent tree are written as text straight into object
//! streams (module `file`): a long brief has tens of thousands of them, and building each
//! as a lopdf dictionary first was most of the cost of tagging.

use briefsmith_layout::{Role, StructElem, StructId};
use lopdf_printpdf::{Document, Object, ObjectId};

use crate::content::LinkTag;
use crate::file::PackedObjects;
use crate::metadata::text_string;
use crate::syntax::{write_int, write_name, write_object, write_ref};

/// The language of the text: briefs are written in English. Names in other scripts are
/// marked-content spans with their own `/Lang` (module `content`).
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

/// One entry of an element's `/K`.
#[derive(Clone, Copy)]
enum Kid {
    /// A child element.
    Elem(ObjectId),
    /// Marked content on the element's own page (`/Pg`).
    Mcid(usize),
    /// Marked content on another page: a marked-content reference.
    OnPage(ObjectId, usize),
}

/// Writes the structure tree for `structure` and the marked content of `pages` (in page
/// order) into `packed`; marks the pages, the link annotations and the catalog.
pub(crate) fn write_structure(
    doc: &mut Document,
    structure: &[StructElem],
    pages: &[PageTags],
    packed: &mut PackedObjects,
) -> Result<(), lopdf_printpdf::Error> {
    let ids: Vec<ObjectId> = structure.iter().map(|_| doc.new_object_id()).collect();
    let mut kids: Vec<Vec<Kid>> = vec![Vec::new(); structure.len()];
    for (index, elem) in structure.iter().enumerate() {
        if let Some(parent) = elem.parent.and_then(|p| kids.get_mut(p.0 as usize))
            && let Some(&id) = ids.get(index)
        {
            parent.push(Kid::Elem(id));
        }
    }
    // The parent tree's /Nums, written as it grows: per page, the element of each MCID;
    // then per annotation, its Link element.
    let mut nums = Vec::with_capacity(pages.iter().map(|p| p.mcids.len() * 8 + 8).sum());
    // An element's content on its first page is listed by bare MCID with the element's
    // /Pg; only content on later pages (a paragraph running over) needs a full reference.
    let mut first_page: Vec<Option<ObjectId>> = vec![None; structure.len()];
    for (key, tags) in pages.iter().enumerate() {
        write_int(&mut nums, key as i64);
        nums.push(b'[');
        for (mcid, elem) in tags.mcids.iter().enumerate() {
            let slot = elem.0 as usize;
            nums.push(b' ');
            let (Some(list), Some(&elem_id), Some(first)) =
                (kids.get_mut(slot), ids.get(slot), first_page.get_mut(slot))
            else {
                nums.extend_from_slice(b"null");
                continue;
            };
            let page = *first.get_or_insert(tags.page);
            list.push(if page == tags.page {
                Kid::Mcid(mcid)
            } else {
                Kid::OnPage(tags.page, mcid)
            });
            write_ref(&mut nums, elem_id);
        }
        nums.extend_from_slice(b"]\n");
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
            let elem_id = doc.new_object_id();
            let out = packed.start(elem_id);
            out.extend_from_slice(b"<</Type/StructElem/S/Link/P ");
            write_ref(out, parent_id);
            out.extend_from_slice(b"/Pg ");
            write_ref(out, tags.page);
            out.extend_from_slice(b"/Alt");
            write_object(out, &text_string(&link.description));
            out.extend_from_slice(b"/K[<</Type/OBJR/Obj ");
            write_ref(out, annot_id);
            out.extend_from_slice(b"/Pg ");
            write_ref(out, tags.page);
            out.extend_from_slice(b">>]>>");
            parent_kids.push(Kid::Elem(elem_id));
            write_int(&mut nums, next_key as i64);
            nums.push(b' ');
            write_ref(&mut nums, elem_id);
            nums.push(b'\n');
            next_key += 1;
        }
        doc.get_dictionary_mut(tags.page)?
            .set("Annots", Object::Array(placed));
    }

    let root_id = doc.new_object_id();
    for (index, (elem, kids)) in structure.iter().zip(kids).enumerate() {
        let Some(&id) = ids.get(index) else { continue };
        let out = packed.start(id);
        out.extend_from_slice(b"<</Type/StructElem/S");
        write_name(out, elem.role.pdf_name().as_bytes());
        out.extend_from_slice(b"/P ");
        let parent = elem
            .parent
            .and_then(|p| ids.get(p.0 as usize).copied())
            .unwrap_or(root_id);
        write_ref(out, parent);
        if let Some(Some(page)) = first_page.get(index) {
            out.extend_from_slice(b"/Pg ");
            write_ref(out, *page);
        }
        out.extend_from_slice(b"/K[");
        for (n, kid) in kids.iter().enumerate() {
            if n > 0 {
                out.push(b' ');
            }
            match *kid {
                Kid::Elem(child) => write_ref(out, child),
                Kid::Mcid(mcid) => write_int(out, mcid as i64),
                Kid::OnPage(page, mcid) => {
                    out.extend_from_slice(b"<</Type/MCR/Pg ");
                    write_ref(out, page);
                    out.extend_from_slice(b"/MCID ");
                    write_int(out, mcid as i64);
                    out.extend_from_slice(b">>");
                }
            }
        }
        out.push(b']');
        if let Some(alt) = &elem.alt {
            out.extend_from_slice(b"/Alt");
            write_object(out, &text_string(alt));
        }
        if elem.role == Role::TableHeader {
            // Every header cell heads its column (briefs' tables have one header row).
            out.extend_from_slice(b"/A<</O/Table/Scope/Column>>");
        }
        out.extend_from_slice(b">>");
    }

    let parent_tree_id = doc.new_object_id();
    let out = packed.start(parent_tree_id);
    out.extend_from_slice(b"<</Nums[");
    out.extend_from_slice(&nums);
    out.extend_from_slice(b"]>>");
    drop(nums);

    let out = packed.start(root_id);
    out.extend_from_slice(b"<</Type/StructTreeRoot/K");
    match ids.first() {
        Some(&id) => {
            out.push(b' ');
            write_ref(out, id);
        }
        None => out.extend_from_slice(b"[]"),
    }
    out.extend_from_slice(b"/ParentTree ");
    write_ref(out, parent_tree_id);
    out.extend_from_slice(b"/ParentTreeNextKey ");
    write_int(out, next_key as i64);
    out.extend_from_slice(b">>");

    let catalog = doc.catalog_mut()?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    let mut mark_info = lopdf_printpdf::Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    catalog.set("Lang", text_string(LANGUAGE));
    Ok(())
}
