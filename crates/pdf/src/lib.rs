//! Pages → PDF bytes.
//!
//! printpdf 0.12 writes the document structure, the embedded fonts (Type 0, Identity-H,
//! with `/W` and `/ToUnicode`), images and link annotations. This crate subsets the fonts
//! beforehand (module `subset`), writes each page's content stream itself (module `content`:
//! printpdf's per-glyph operations were most of the time of a long export), and adds what
//! printpdf does not do well on the lopdf document it produces: the nested outline, the
//! Info dictionary and XMP metadata, the structure tree of a tagged PDF (module `tagging`)
//! and an identifier derived from the file (module `ident`), so the same document always
//! gives the same bytes. The file itself is written here too (module `file`): the small
//! objects, most of them the structure tree's, packed in compressed object streams.
//! Nothing here writes JavaScript, Launch actions or an OpenAction.

mod content;
mod coverage;
mod file;
mod ident;
mod links;
mod metadata;
mod outline;
mod pdfa;
mod prune;
mod subset;
mod syntax;
mod tagging;

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;

use briefsmith_core::date::Timestamp;
use briefsmith_layout::Document;
use briefsmith_layout::{FontBook, FontId};
use lopdf_printpdf::{Object, ObjectId};
use printpdf::{PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt};

pub use crate::coverage::{coverage_warning, uncovered_characters};

use crate::content::{ImageCache, Resources, glyph_inventory, page_content};
use crate::subset::GlyphUsage;

/// Why a document could not be written as PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font face could not be read or subset.
    #[error("font {font}: {reason}")]
    Font { font: String, reason: String },
    /// An image on a page could not be decoded.
    #[error("image on page {page}: {reason}")]
    Image { page: usize, reason: String },
    /// The PDF structure could not be built or serialised.
    #[error("writing the PDF: {0}")]
    Write(String),
    /// A fault in the writer itself (a broken invariant), reported rather than panicking.
    #[error("internal error in the PDF writer: {0}")]
    Internal(String),
}

/// Font bytes by layout font id: what the writer needs from a [`FontBook`].
pub(crate) trait FaceSource {
    /// The face's font file (TrueType or OpenType, or a collection of them).
    fn face_bytes(&self, id: FontId) -> &[u8];
    /// Which face of a collection [`FaceSource::face_bytes`] holds it in (0 otherwise).
    fn face_index(&self, _id: FontId) -> u32 {
        0
    }
    /// A human-readable name for messages and as a fallback font name.
    fn face_label(&self, id: FontId) -> &str;
}

impl FaceSource for FontBook {
    fn face_bytes(&self, id: FontId) -> &[u8] {
        self.face_data(id)
    }
    fn face_label(&self, id: FontId) -> &str {
        self.face_name(id)
    }
    fn face_index(&self, id: FontId) -> u32 {
        FontBook::face_index(self, id)
    }
}

/// What the caller tells the writer rather than the writer finding out for itself (as
/// typst's `PdfOptions` does), so one document with one set of options is one file.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfOptions {
    /// When the document was made: its creation and modification date in the Info
    /// dictionary and XMP. With none the file carries no dates.
    pub timestamp: Option<Timestamp>,
    /// Write PDF/A-2b for archives: an sRGB output intent, the PDF/A identification in
    /// the XMP, and no `.notdef` glyph shown (a character no font has is left blank).
    pub pdf_a: bool,
}

/// Writes a laid-out document as PDF: fonts embedded as subsets, text extractable in
/// logical order, an outline of the headings, internal and web/mail links, metadata.
pub fn write_pdf(
    doc: &Document,
    fonts: &FontBook,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    write_with(doc, fonts, options)
}

fn write_with(
    doc: &Document,
    faces: &dyn FaceSource,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&doc.info.title);

    // Fonts: subset first, then register the small faces with printpdf.
    let mut fonts = BTreeMap::new();
    for (number, (font, face)) in GlyphUsage::collect(doc)
        .subset_all(faces)?
        .into_iter()
        .enumerate()
    {
        let mut warnings = Vec::new();
        let mut parsed = printpdf::ParsedFont::from_bytes(&face.bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::Font {
                font: faces.face_label(font).to_owned(),
                reason: "the subset font could not be read back".into(),
            })?;
        parsed.font_name = Some(face.name.clone());
        // Resource names of our own, in order of first use: printpdf's are drawn from a
        // process-wide counter, so a second export would name the fonts differently.
        let id = printpdf::FontId(format!("F{}", number + 1));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        fonts.insert(font, (face, id));
    }

    let mut anchors: HashMap<&str, (usize, f32)> = HashMap::new();
    for (index, page) in doc.pages.iter().enumerate() {
        for anchor in &page.anchors {
            anchors
                .entry(anchor.name.as_str())
                .or_insert((index, anchor.y));
        }
    }
    let heights: Vec<f32> = doc.pages.iter().map(|p| p.height).collect();
    let res = Resources {
        fonts: &fonts,
        anchors: &anchors,
        page_heights: &heights,
        structure: &doc.structure,
        omit_notdef: options.pdf_a,
    };

    let mut images = ImageCache::default();
    let mut pages = Vec::with_capacity(doc.pages.len());
    let mut streams = Vec::with_capacity(doc.pages.len());
    let mut mcids = Vec::with_capacity(doc.pages.len());
    for (index, page) in doc.pages.iter().enumerate() {
        let content = page_content(page, index, &res, &mut pdf, &mut images)?;
        let size = printpdf::Rect::from_wh(Pt(page.width), Pt(page.height));
        pages.push(PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size,
            ops: content.links,
        });
        streams.push(content.stream);
        mcids.push((content.mcids, content.link_tags));
    }
    if pages.is_empty() {
        // A PDF needs at least one page; an empty document is one blank page.
        let (w, h) = briefsmith_style::Paper::A4.size_pt();
        pages.push(PdfPage::new(pt_to_mm(w), pt_to_mm(h), Vec::new()));
        streams.push(Vec::new());
    }
    // printpdf embeds the fonts from the glyphs it sees; the first page shows it them all,
    // and its content stream is then replaced like every other page's.
    pages[0].ops.extend(glyph_inventory(&fonts));
    pdf.with_pages(pages);

    let save_options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut out = pdf.to_lopdf_document(&save_options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Internal(error.msg.clone()));
    }
    drop(pdf);

    out.version = "1.7".into();
    let page_ids: Vec<ObjectId> = out.get_pages().into_values().collect();
    set_page_contents(&mut out, &page_ids, streams)?;
    outline::add_outline(&mut out, &doc.outline, &page_ids, &heights)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    metadata::write_metadata(&mut out, &doc.info, options.timestamp, options.pdf_a)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    if options.pdf_a {
        pdfa::make_archival(&mut out).map_err(|e| PdfError::Write(e.to_string()))?;
    }
    // What printpdf wrote and the steps above replaced goes before the structure tree is
    // added: the tree is most of a tagged file's objects, all reachable, and walking them
    // would only cost time.
    prune::prune_unreachable(&mut out);
    let mut packed = file::PackedObjects::default();
    if !doc.structure.is_empty() {
        let pages: Vec<_> = page_ids
            .iter()
            .copied()
            .zip(mcids)
            .map(|(page, (mcids, links))| tagging::PageTags { page, mcids, links })
            .collect();
        tagging::write_structure(&mut out, &doc.structure, &pages, &mut packed)
            .map_err(|e| PdfError::Write(e.to_string()))?;
    }
    compress_streams(&mut out)?;
    out.trailer.set("ID", ident::placeholder());

    let mut bytes = file::save(&mut out, packed)?;
    ident::stamp(&mut bytes)?;
    Ok(bytes)
}

/// Puts each page's own content stream in place of the one printpdf wrote.
fn set_page_contents(
    doc: &mut lopdf_printpdf::Document,
    page_ids: &[ObjectId],
    streams: Vec<Vec<u8>>,
) -> Result<(), PdfError> {
    if page_ids.len() != streams.len() {
        return Err(PdfError::Internal(format!(
            "{} pages written for {} laid out",
            page_ids.len(),
            streams.len()
        )));
    }
    for (&page_id, stream) in page_ids.iter().zip(streams) {
        let contents = doc
            .get_dictionary(page_id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|e| PdfError::Internal(format!("page without contents: {e}")))?;
        doc.get_object_mut(contents)
            .and_then(Object::as_stream_mut)
            .map_err(|e| PdfError::Internal(format!("page contents: {e}")))?
            .set_content(stream);
    }
    Ok(())
}

fn pt_to_mm(pt: f32) -> printpdf::Mm {
    printpdf::Mm(pt * 25.4 / 72.0)
}

/// Deflates every stream that allows it, at zlib-rs level 2: on a 45-page document the
/// whole export takes 44 ms against 56 ms at the usual level 6, for files ~5% larger.
/// (lopdf's own `compress` uses the slowest level.)
fn compress_streams(doc: &mut lopdf_printpdf::Document) -> Result<(), PdfError> {
    doc.objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(s) if s.allows_compression && !s.dict.has(b"Filter") => Some(s),
            _ => None,
        })
        .try_for_each(deflate)
}

/// Deflates one stream, keeping it as it is when that would not make it smaller.
fn deflate(stream: &mut lopdf_printpdf::Stream) -> Result<(), PdfError> {
    let packed = deflate_bytes(&stream.content)?;
    if packed.len() < stream.content.len() {
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(packed);
    }
    Ok(())
}

/// `data` deflated (zlib) at the writer's one level.
pub(crate) fn deflate_bytes(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(2),
    );
    encoder
        .write_all(data)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    encoder.finish().map_err(|e| PdfError::Write(e.to_string()))
}

#[cfg(test)]
mod tests;
