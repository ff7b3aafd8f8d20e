//! Document metadata: the Info dictionary and the matching XMP packet.
//!
//! Written by the writer rather than printpdf, whose Info dictionary also claims a PDF/X
//! version the file does not conform to, and which only writes XMP together with a
//! 0.5 MB ICC profile.

use briefsmith_core::date::Timestamp;
use briefsmith_style::DocumentInfo;
use lopdf_printpdf::{Dictionary, Document, Object, Stream, StringFormat};

/// Who made the file, as written to `/Creator` and `/Producer`.
const CREATOR: &str = "Briefsmith";
const PRODUCER: &str = concat!(
    "Briefsmith ",
    env!("CARGO_PKG_VERSION"),
    " (printpdf 0.12.8)"
);

/// `D:YYYYMMDDHHmmSSZ`, the PDF date format.
fn pdf_date(t: Timestamp) -> String {
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A PDF text string: plain for printable ASCII, else UTF-16BE with a byte-order mark.
pub(crate) fn text_string(text: &str) -> Object {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Replaces the Info dictionary and adds an XMP metadata stream to the catalog; dated
/// `when`, if given; identified as PDF/A-2b when `pdf_a`.
pub(crate) fn write_metadata(
    doc: &mut Document,
    info: &DocumentInfo,
    when: Option<Timestamp>,
    pdf_a: bool,
) -> Result<(), lopdf_printpdf::Error> {
    let keywords = info.keywords.join(", ");
    let mut dict = Dictionary::new();
    for (key, value) in [
        ("Title", info.title.as_str()),
        ("Author", info.author.as_str()),
        ("Subject", info.subject.as_str()),
        ("Keywords", keywords.as_str()),
    ] {
        if !value.trim().is_empty() {
            dict.set(key, text_string(value));
        }
    }
    dict.set("Creator", text_string(CREATOR));
    dict.set("Producer", text_string(PRODUCER));
    if let Some(when) = when {
        dict.set("CreationDate", text_string(&pdf_date(when)));
        dict.set("ModDate", text_string(&pdf_date(when)));
    }
    let info_id = doc.add_object(Object::Dictionary(dict));
    doc.trailer.set("Info", Object::Reference(info_id));

    let xmp = xmp_packet(info, &keywords, when, pdf_a);
    let mut stream_dict = Dictionary::new();
    stream_dict.set("Type", Object::Name(b"Metadata".to_vec()));
    stream_dict.set("Subtype", Object::Name(b"XML".to_vec()));
    // Left uncompressed, so tools that scan files for XMP find it.
    let stream = Stream::new(stream_dict, xmp.into_bytes()).with_compression(false);
    let metadata_id = doc.add_object(Object::Stream(stream));

    let catalog = doc.catalog_mut()?;
    catalog.set("Metadata", Object::Reference(metadata_id));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    Ok(())
}

/// The XMP packet mirroring the Info dictionary (Dublin Core, PDF and XMP basic schemas),
/// with the PDF/A identification schema when `pdf_a`.
fn xmp_packet(info: &DocumentInfo, keywords: &str, when: Option<Timestamp>, pdf_a: bool) -> String {
    let mut dc = String::new();
    if !info.title.trim().is_empty() {
        dc += &format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            xml_escape(&info.title)
        );
    }
    if !info.author.trim().is_empty() {
        dc += &format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            xml_escape(&info.author)
        );
    }
    if !info.subject.trim().is_empty() {
        dc += &format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            xml_escape(&info.subject)
        );
    }
    let subjects: String = info
        .keywords
        .iter()
        .filter(|k| !k.trim().is_empty())
        .map(|k| format!("<rdf:li>{}</rdf:li>", xml_escape(k)))
        .collect();
    if !subjects.is_empty() {
        dc += &format!("<dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>");
    }
    let dates = when.map_or_else(String::new, |when| {
        format!(
            "<xmp:CreateDate>{when}</xmp:CreateDate>\n\
             <xmp:ModifyDate>{when}</xmp:ModifyDate>\n\
             <xmp:MetadataDate>{when}</xmp:MetadataDate>\n"
        )
    });
    let (pdfaid_ns, pdfaid) = if pdf_a {
        (
            " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
            "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n",
        )
    } else {
        ("", "")
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"{pdfaid_ns}>\n\
         <dc:format>application/pdf</dc:format>{dc}\n\
         {pdfaid}\
         <pdf:Keywords>{}</pdf:Keywords>\n\
         <pdf:Producer>{}</pdf:Producer>\n\
         <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n\
         {dates}</rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>",
        xml_escape(keywords),
        xml_escape(PRODUCER),
    )
}

/// Escapes text for XML character data and attributes; drops characters XML 1.0 forbids.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_written_in_the_pdf_date_format() {
        assert_eq!(pdf_date(Timestamp::from_unix(0)), "D:19700101000000Z");
        assert_eq!(
            pdf_date(Timestamp::from_unix(1_795_587_658)),
            "D:20261125062058Z"
        );
    }

    #[test]
    fn non_ascii_text_is_utf16_with_bom() {
        match text_string("Café") {
            Object::String(bytes, StringFormat::Hexadecimal) => {
                assert_eq!(&bytes[..2], &[0xfe, 0xff]);
                assert_eq!(bytes.len(), 2 + 4 * 2);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(
            text_string("Plain"),
            Object::String(_, StringFormat::Literal)
        ));
    }

    #[test]
    fn xmp_escapes_markup_in_metadata() {
        let info = DocumentInfo {
            title: "A <b> & \"c\"".into(),
            keywords: vec!["x<y".into()],
            ..Default::default()
        };
        let xmp = xmp_packet(&info, "x<y", None, false);
        assert!(xmp.contains("A &lt;b&gt; &amp; &quot;c&quot;"));
        assert!(xmp.contains("<rdf:li>x&lt;y</rdf:li>"));
        assert!(!xmp.contains("<b>"));
        assert!(!xmp.contains("pdfaid"));
    }

    #[test]
    fn pdf_a_identifies_itself_in_the_xmp() {
        let xmp = xmp_packet(&DocumentInfo::default(), "", None, true);
        assert!(xmp.contains("xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""));
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    }
}
