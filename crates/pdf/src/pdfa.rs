//! PDF/A-2b (ISO 19005-2, level B): what an archival file adds to the ordinary one.
//!
//! The ordinary file already embeds every font, carries an `/ID`, an uncompressed XMP
//! packet matching the Info dictionary, a binary comment after the header, and no
//! JavaScript, actions other than GoTo/URI, encryption or transparency groups. For PDF/A
//! the writer adds an sRGB output intent (every colour is `DeviceRGB`), the `pdfaid`
//! identification in the XMP (module `metadata`), the print flag on every annotation, and
//! never shows `.notdef` (module `content`).

use lopdf_printpdf::{Dictionary, Document, Object, Stream};

use crate::metadata::text_string;

/// The sRGB profile (see `assets/README.md` for its origin and licence).
const SRGB_PROFILE: &[u8] = include_bytes!("../assets/sRGB.icc");
/// How the output intent names the profile's condition.
const SRGB_CONDITION: &str = "sRGB IEC61966-2.1";
/// The annotation flag "print" (ISO 32000-1, table 165): PDF/A requires it on every one.
const PRINT_FLAG: i64 = 4;

/// Adds the output intent to the catalog and the print flag to every annotation.
pub(crate) fn make_archival(doc: &mut Document) -> Result<(), lopdf_printpdf::Error> {
    let mut profile_dict = Dictionary::new();
    profile_dict.set("N", Object::Integer(3));
    let profile_id = doc.add_object(Object::Stream(Stream::new(
        profile_dict,
        SRGB_PROFILE.to_vec(),
    )));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    intent.set("OutputConditionIdentifier", text_string(SRGB_CONDITION));
    intent.set("Info", text_string(SRGB_CONDITION));
    intent.set("DestOutputProfile", Object::Reference(profile_id));
    doc.catalog_mut()?.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );

    let pages: Vec<_> = doc.get_pages().into_values().collect();
    for page_id in pages {
        let annots = match doc.get_dictionary_mut(page_id)?.get_mut(b"Annots") {
            Ok(Object::Array(annots)) => std::mem::take(annots),
            _ => continue,
        };
        let mut flagged = Vec::with_capacity(annots.len());
        for mut annot in annots {
            let dict = match &mut annot {
                Object::Dictionary(dict) => Some(dict),
                Object::Reference(id) => doc.get_dictionary_mut(*id).ok(),
                _ => None,
            };
            if let Some(dict) = dict {
                dict.set("F", Object::Integer(PRINT_FLAG));
            }
            flagged.push(annot);
        }
        doc.get_dictionary_mut(page_id)?
            .set("Annots", Object::Array(flagged));
    }
    Ok(())
}
