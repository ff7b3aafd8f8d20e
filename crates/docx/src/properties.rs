//! Document properties: `docProps/core.xml` (title, author, subject, keywords, language)
//! and `docProps/app.xml` (the application that wrote it).

use crate::xml::Xml;
use briefsmith_style::DocumentInfo;

/// The core properties Word shows under File ▸ Info.
pub(crate) fn core(info: &DocumentInfo, language: &str) -> Vec<u8> {
    let mut x = Xml::part();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.element("dc:title", &[], &info.title);
    if !info.author.is_empty() {
        x.element("dc:creator", &[], &info.author);
    }
    if !info.subject.is_empty() {
        x.element("dc:subject", &[], &info.subject);
    }
    if !info.keywords.is_empty() {
        x.element("cp:keywords", &[], &info.keywords.join(", "));
    }
    if !language.is_empty() {
        x.element("dc:language", &[], language);
    }
    x.close("cp:coreProperties");
    x.into_bytes()
}

/// The extended properties: only the application's name.
pub(crate) fn app() -> Vec<u8> {
    let mut x = Xml::part();
    x.open(
        "Properties",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    x.element("Application", &[], "Briefsmith");
    x.close("Properties");
    x.into_bytes()
}
