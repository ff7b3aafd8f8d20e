//! Relationships of one part (`_rels/<part>.rels`): the ids its markup uses to name
//! styles, notes, headers, images and external links.

use crate::xml::Xml;

const NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
/// Prefix of the relationship types of WordprocessingML documents.
pub(crate) const OFFICE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// The relationships of one part, numbered `rId1`, `rId2`, … in the order they are added.
#[derive(Debug, Default)]
pub(crate) struct Rels {
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    kind: &'static str,
    target: String,
    external: bool,
}

impl Rels {
    /// Adds a relationship of `kind` (the last word of its type URI) to a part of the
    /// package; returns its id.
    pub fn add(&mut self, kind: &'static str, target: impl Into<String>) -> String {
        self.push(kind, target.into(), false)
    }

    /// Adds a hyperlink to an address outside the package; returns its id. The same
    /// address is named once.
    pub fn link(&mut self, url: &str) -> String {
        if let Some(i) = self
            .entries
            .iter()
            .position(|e| e.external && e.target == url)
        {
            return id(i);
        }
        self.push("hyperlink", url.to_owned(), true)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn push(&mut self, kind: &'static str, target: String, external: bool) -> String {
        self.entries.push(Entry {
            kind,
            target,
            external,
        });
        id(self.entries.len() - 1)
    }

    /// The `.rels` part.
    pub fn to_xml(&self) -> Vec<u8> {
        let mut x = Xml::part();
        x.open("Relationships", &[("xmlns", NS)]);
        for (i, e) in self.entries.iter().enumerate() {
            let ty = format!("{OFFICE}{}", e.kind);
            let id = id(i);
            let mut attrs = vec![("Id", id.as_str()), ("Type", &ty), ("Target", &e.target)];
            if e.external {
                attrs.push(("TargetMode", "External"));
            }
            x.empty("Relationship", &attrs);
        }
        x.close("Relationships");
        x.into_bytes()
    }
}

fn id(index: usize) -> String {
    format!("rId{}", index + 1)
}

/// The package's own relationships (`_rels/.rels`): the document and its properties.
pub(crate) fn package_rels() -> Vec<u8> {
    let mut x = Xml::part();
    x.open("Relationships", &[("xmlns", NS)]);
    let core =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    let app = format!("{OFFICE}extended-properties");
    let doc = format!("{OFFICE}officeDocument");
    for (id, ty, target) in [
        ("rId1", doc.as_str(), "word/document.xml"),
        ("rId2", core, "docProps/core.xml"),
        ("rId3", app.as_str(), "docProps/app.xml"),
    ] {
        x.empty(
            "Relationship",
            &[("Id", id), ("Type", ty), ("Target", target)],
        );
    }
    x.close("Relationships");
    x.into_bytes()
}
