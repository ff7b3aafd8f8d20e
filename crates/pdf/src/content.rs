//! One layout page → its PDF content stream (glyph runs, filled rectangles, images) and
//! printpdf link annotations, with the y axis flipped (layout: top-left origin, y down;
//! PDF: bottom-left origin, y up).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use briefsmith_layout::FontId;
use briefsmith_layout::{
    CharLanguage, GlyphRun, ImageBox, LinkArea, LinkTarget, Page, PageItem, PositionedGlyph, Rgb,
    ScriptLanguages, StructElem, StructId,
};
use printpdf::{
    Actions, BorderArray, Codepoint, ColorArray, Destination, HighlightingMode, LinkAnnotation, Op,
    PdfFontHandle, Pt, RawImage, RawImageData, RawImageFormat, TextItem, XObjectId,
};

use crate::PdfError;
use crate::links::safe_uri;
use crate::subset::{SubsetFace, any_glyph_text};
use crate::syntax::{write_hex_u16, write_name, write_num, write_text_string};

/// What the page writer needs from the rest of the document.
pub(crate) struct Resources<'a> {
    /// Subset faces and their printpdf resource ids, by layout font.
    pub fonts: &'a BTreeMap<FontId, (SubsetFace, printpdf::FontId)>,
    /// Where each anchor is: page index and y (layout coordinates).
    pub anchors: &'a HashMap<&'a str, (usize, f32)>,
    /// Page heights, to flip the y of link destinations on other pages.
    pub page_heights: &'a [f32],
    /// The document's structure; empty for an untagged document.
    pub structure: &'a [StructElem],
    /// Leave `.notdef` glyphs out (PDF/A forbids showing them); the run's `/ActualText`
    /// still carries the characters.
    pub omit_notdef: bool,
}

/// Images already added to the PDF, by the address of their data: an image drawn on many
/// pages (a logo) is embedded once.
#[derive(Default)]
pub(crate) struct ImageCache {
    ids: HashMap<usize, CachedImage>,
}

/// An embedded image: its data (kept alive so the address key stays unique) and its
/// XObject.
struct CachedImage {
    _data: Arc<Vec<u8>>,
    id: XObjectId,
}

/// One page as PDF content: the content stream, written here directly, the link
/// annotations, which printpdf adds to the page, and for tagging the structure element of
/// each marked content sequence (indexed by MCID) and of each annotation's text.
pub(crate) struct PageContent {
    pub stream: Vec<u8>,
    pub links: Vec<Op>,
    pub mcids: Vec<StructId>,
    pub link_tags: Vec<LinkTag>,
}

/// What tagging needs of an annotation: the element its text is in, and what it does.
pub(crate) struct LinkTag {
    pub parent: Option<StructId>,
    /// The annotation's description (`/Contents`), read out instead of the bare link.
    pub description: String,
}

/// Writes one page. Text goes straight into the content stream as `TJ` arrays of glyph
/// ids: printpdf's per-glyph operations cost several times the layout itself on long
/// documents. printpdf still embeds the fonts, from [`glyph_inventory`].
pub(crate) fn page_content(
    page: &Page,
    page_index: usize,
    res: &Resources<'_>,
    pdf: &mut printpdf::PdfDocument,
    images: &mut ImageCache,
) -> Result<PageContent, PdfError> {
    let mut w = PageWriter {
        out: Vec::with_capacity(page.items.len() * 64),
        height: page.height,
        fill: None,
        font: None,
        in_text: false,
        tagged: !res.structure.is_empty(),
        artifact: false,
        open_tags: Vec::new(),
        closing: None,
        nested_span: false,
        mcids: Vec::new(),
    };
    for item in &page.items {
        if matches!(
            item,
            PageItem::Glyphs(_) | PageItem::Rect(_) | PageItem::Image(_)
        ) {
            w.finish_closing();
            w.mark_artifact_if_untagged();
        }
        match item {
            PageItem::Glyphs(run) => w.glyphs(run, res)?,
            PageItem::BeginTag(tag) => w.begin_tag(*tag, res.structure),
            PageItem::EndTag => w.end_tag(),
            PageItem::Rect(rect) => {
                w.end_text();
                w.set_fill(rect.color);
                let y = page.height - rect.y - rect.height;
                w.nums(&[rect.x, y, rect.width, rect.height]);
                w.out.extend_from_slice(b"re f\n");
            }
            PageItem::Image(image) => {
                w.end_text();
                w.image(image, page_index, pdf, images)?;
            }
        }
    }
    w.close_marks();
    let (links, link_tags) = page
        .links
        .iter()
        .filter_map(|link| {
            let op = link_op(link, page.height, res)?;
            let description = match &link.target {
                LinkTarget::External(uri) => format!("Link to {uri}"),
                LinkTarget::Internal(_) => "Link within the document".to_owned(),
            };
            Some((
                op,
                LinkTag {
                    parent: link.tag,
                    description,
                },
            ))
        })
        .unzip();
    Ok(PageContent {
        stream: w.out,
        links,
        mcids: w.mcids,
        link_tags,
    })
}

/// Text operations that use every glyph of every subset face once, with its text. printpdf
/// builds each font's `/W` widths and `/ToUnicode` map from the glyphs it sees shown, so
/// this is what it is given to see; the content stream it writes from them is replaced.
pub(crate) fn glyph_inventory(fonts: &BTreeMap<FontId, (SubsetFace, printpdf::FontId)>) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for (face, pdf_font) in fonts.values() {
        // Every glyph of the subset: .notdef and the glyphs the document draws.
        let gids = 0..u16::try_from(face.texts.len()).unwrap_or(u16::MAX);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(pdf_font.clone()),
            size: Pt(1.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(
                gids.map(|gid| Codepoint {
                    gid,
                    offset: 0.0,
                    cid: face.texts.get(usize::from(gid)).cloned(),
                })
                .collect(),
            )],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

struct PageWriter {
    out: Vec<u8>,
    height: f32,
    fill: Option<Rgb>,
    font: Option<(FontId, f32)>,
    in_text: bool,
    /// The document has a structure: content outside its tags is marked as artifact.
    tagged: bool,
    /// Inside an `/Artifact BMC … EMC` sequence.
    artifact: bool,
    /// The elements of the tagged sequences open (`BDC` without its `EMC` yet), innermost
    /// last.
    open_tags: Vec<StructId>,
    /// A sequence ended but not yet closed with `EMC`: the layout tags each line on its
    /// own, and when the next line begins the same element straight away the sequence
    /// simply goes on. One sequence per paragraph rather than per line makes the parent
    /// tree, the elements' kids and the content stream several times smaller.
    closing: Option<StructId>,
    /// A `/Span` (language or actual text) is open inside the current sequence.
    nested_span: bool,
    /// The element of each tagged sequence, by MCID.
    mcids: Vec<StructId>,
}

impl PageWriter {
    /// Opens an artifact sequence for content outside every tag (running heads, rules,
    /// tints, repeated table headers), so a reader of the structure skips it.
    fn mark_artifact_if_untagged(&mut self) {
        if self.tagged && self.open_tags.is_empty() && !self.artifact {
            self.end_text();
            self.out.extend_from_slice(b"/Artifact BMC\n");
            self.artifact = true;
        }
    }

    /// Starts the marked content of element `tag`, numbered with the page's next MCID.
    /// Marked content never straddles a text object: text is ended first.
    fn begin_tag(&mut self, tag: StructId, structure: &[StructElem]) {
        if self.closing == Some(tag) {
            self.closing = None;
            self.open_tags.push(tag);
            return;
        }
        self.finish_closing();
        self.end_text();
        self.end_artifact();
        self.open_mcid(tag, structure, &[]);
        self.open_tags.push(tag);
    }

    /// Writes the `BDC` of a tagged sequence of element `tag` under the page's next MCID,
    /// with `properties` (dictionary entries) beside the MCID.
    fn open_mcid(&mut self, tag: StructId, structure: &[StructElem], properties: &[u8]) {
        let role = structure
            .get(tag.0 as usize)
            .map_or("Span", |e| e.role.pdf_name());
        write_name(&mut self.out, role.as_bytes());
        self.out.extend_from_slice(b" <</MCID ");
        self.out
            .extend_from_slice(self.mcids.len().to_string().as_bytes());
        self.out.extend_from_slice(properties);
        self.out.extend_from_slice(b">> BDC\n");
        self.mcids.push(tag);
    }

    /// Ends the stretch of text written so far and starts the next: in language `lang`
    /// (a BCP 47 tag) and standing for the text `actual`, or the element's plain text.
    /// In a tagged sequence the sequence ends and starts again under a new MCID carrying
    /// the `/Lang`: poppler (and readers built on it) end a tagged sequence at the first
    /// `EMC` inside it, so a nested span would lose the element's text after it. An
    /// `/ActualText` still needs a nested `/Span` (poppler reads it only there), which then
    /// ends its sequence. Outside tags (artifacts, untagged documents) a `/Span` is nested.
    fn next_stretch(&mut self, lang: Option<&str>, actual: Option<&str>, structure: &[StructElem]) {
        self.end_text();
        if std::mem::take(&mut self.nested_span) {
            self.out.extend_from_slice(b"EMC\n");
        }
        let mut properties = Vec::new();
        if let Some(tag) = lang {
            write_lang(&mut properties, tag);
        }
        let open_span = |out: &mut Vec<u8>, properties: &[u8]| {
            out.extend_from_slice(b"/Span <<");
            out.extend_from_slice(properties);
            out.extend_from_slice(b">> BDC\n");
        };
        match self.open_tags.last().copied() {
            Some(tag) => {
                self.out.extend_from_slice(b"EMC\n");
                self.open_mcid(tag, structure, &properties);
                if let Some(text) = actual {
                    let mut span = b"/ActualText ".to_vec();
                    write_text_string(&mut span, text);
                    open_span(&mut self.out, &span);
                    self.nested_span = true;
                }
            }
            None => {
                if let Some(text) = actual {
                    properties.extend_from_slice(b"/ActualText ");
                    write_text_string(&mut properties, text);
                }
                if !properties.is_empty() {
                    open_span(&mut self.out, &properties);
                    self.nested_span = true;
                }
            }
        }
    }

    /// Ends the innermost tagged sequence; its `EMC` waits for what comes next.
    fn end_tag(&mut self) {
        self.finish_closing();
        self.closing = self.open_tags.pop();
    }

    /// Writes the `EMC` of a sequence ended and not continued.
    fn finish_closing(&mut self) {
        if self.closing.take().is_some() {
            self.end_text();
            self.out.extend_from_slice(b"EMC\n");
        }
    }

    fn end_artifact(&mut self) {
        if self.artifact {
            self.end_text();
            self.out.extend_from_slice(b"EMC\n");
            self.artifact = false;
        }
    }

    /// Ends the page's text object and every marked sequence still open.
    fn close_marks(&mut self) {
        self.finish_closing();
        self.end_text();
        self.end_artifact();
        while !self.open_tags.is_empty() {
            self.end_tag();
            self.finish_closing();
        }
    }

    /// Writes numbers each followed by a space.
    fn nums(&mut self, values: &[f32]) {
        for &v in values {
            write_num(&mut self.out, v);
            self.out.push(b' ');
        }
    }

    fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            let c = [color.0, color.1, color.2].map(|v| v.clamp(0.0, 1.0));
            self.nums(&c);
            self.out.extend_from_slice(b"rg\n");
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    /// Writes a run as one positioned `TJ` per baseline: glyph ids of the subset font,
    /// with kerns wherever the layout's position differs from the font's advance (kerning,
    /// justification).
    fn glyphs(&mut self, run: &GlyphRun, res: &Resources<'_>) -> Result<(), PdfError> {
        let Some(first) = run.glyphs.first() else {
            return Ok(());
        };
        if !(run.size.is_finite() && run.size > 0.0) {
            return Ok(());
        }
        let Some((face, pdf_font)) = res.fonts.get(&run.font) else {
            return Err(PdfError::Internal(format!(
                "font {} was not collected",
                run.font.0
            )));
        };
        self.set_fill(run.color);
        if self.font != Some((run.font, run.size)) {
            self.font = Some((run.font, run.size));
            write_name(&mut self.out, pdf_font.0.as_bytes());
            self.out.push(b' ');
            self.nums(&[run.size]);
            self.out.extend_from_slice(b"Tf\n");
        }

        // Where a glyph's /ToUnicode text is not what this use of it stands for (.notdef
        // for characters no face covers, one glyph for two characters), the run carries
        // its own text, so copying it gives "한국어" and not the first such character thrice.
        let actual = needs_actual_text(run, face);
        // Names in other scripts are read in their own language: a /Lang span around each
        // stretch of the run in a script other than Latin (module docs of
        // `briefsmith_layout::ScriptLanguages` say how the language is guessed).
        let languages = (!run.text.is_ascii()).then(|| ScriptLanguages::for_text(&run.text));
        let language_at = |glyph: &PositionedGlyph| {
            let c = run.text.get(glyph.cluster as usize..)?.chars().next()?;
            languages.map(|l| l.of(c))
        };
        // The language span open, if any.
        let mut span: Option<&'static str> = None;
        if actual {
            // The whole run is one span: ActualText replaces all of its content.
            span = run.glyphs.iter().find_map(|g| match language_at(g) {
                Some(CharLanguage::Other(tag)) => Some(tag),
                _ => None,
            });
            self.next_stretch(span, Some(&run.text), res.structure);
        }

        let to_em = 1000.0 / run.size;
        let mut origin = (first.x, first.y);
        let mut pen = 0.0f32; // where the viewer's pen is, in 1/1000 em from origin
        let mut open = false; // inside a `[<...` array
        for glyph in &run.glyphs {
            if !actual {
                let wanted = match language_at(glyph) {
                    Some(CharLanguage::Other(tag)) => Some(tag),
                    Some(CharLanguage::Latin) => None,
                    // Spaces and punctuation stay in the span they are in.
                    Some(CharLanguage::Neutral) | None => span,
                };
                if wanted != span {
                    if open {
                        self.out.extend_from_slice(b">] TJ\n");
                        open = false;
                    }
                    self.next_stretch(wanted, None, res.structure);
                    span = wanted;
                }
            }
            if open && (glyph.y - origin.1).abs() > 0.01 {
                // A glyph off the baseline (a shaped mark): start a new positioned array.
                self.out.extend_from_slice(b">] TJ\n");
                open = false;
            }
            if open {
                let target = (glyph.x - origin.0) * to_em;
                // A TJ number n moves the pen by -n/1000 em; whole units are plenty.
                let kern = (pen - target).round();
                if kern != 0.0 {
                    self.out.push(b'>');
                    write_num(&mut self.out, kern);
                    self.out.push(b'<');
                    pen -= kern;
                }
            } else {
                // The array starts here: the text matrix puts the pen on this glyph.
                if !self.in_text {
                    self.out.extend_from_slice(b"BT\n");
                    self.in_text = true;
                }
                origin = (glyph.x, glyph.y);
                pen = 0.0;
                self.out.extend_from_slice(b"1 0 0 1 ");
                self.nums(&[origin.0, self.height - origin.1]);
                self.out.extend_from_slice(b"Tm [<");
                open = true;
            }
            // The character code (Identity-H) is the subset glyph id, or for a CID-keyed
            // CFF face (a system CJK font) the glyph's CID.
            let new_id = face.remap.get(usize::from(glyph.id)).copied().unwrap_or(0);
            if new_id == 0 && res.omit_notdef {
                // The pen stays: the next glyph's kern puts it where the layout did.
                continue;
            }
            write_hex_u16(&mut self.out, face.code(new_id));
            pen += face.widths.get(usize::from(new_id)).copied().unwrap_or(0) as f32;
        }
        if open {
            self.out.extend_from_slice(b">] TJ\n");
        }
        if actual || span.is_some() {
            self.next_stretch(None, None, res.structure);
        }
        Ok(())
    }

    fn image(
        &mut self,
        image: &ImageBox,
        page_index: usize,
        pdf: &mut printpdf::PdfDocument,
        cache: &mut ImageCache,
    ) -> Result<(), PdfError> {
        if !(image.width > 0.0 && image.height > 0.0) {
            return Ok(());
        }
        let key = Arc::as_ptr(&image.data) as usize;
        let id = match cache.ids.get(&key) {
            Some(cached) => cached.id.clone(),
            None => {
                let decoded =
                    briefsmith_layout::decode_png(&image.data).map_err(|e| PdfError::Image {
                        page: page_index + 1,
                        reason: e.to_string(),
                    })?;
                let raw = RawImage {
                    width: decoded.width as usize,
                    height: decoded.height as usize,
                    data_format: RawImageFormat::RGBA8,
                    pixels: RawImageData::U8(decoded.pixels),
                    tag: Vec::new(),
                };
                // A name of our own, in order of first use: printpdf's are drawn from a
                // process-wide counter and would differ between two exports.
                let id = XObjectId(format!("Im{}", cache.ids.len() + 1));
                pdf.resources
                    .xobjects
                    .map
                    .insert(id.clone(), printpdf::XObject::Image(raw));
                // Keep the Arc alive so its address cannot be reused by other data.
                cache.ids.insert(
                    key,
                    CachedImage {
                        _data: image.data.clone(),
                        id: id.clone(),
                    },
                );
                id
            }
        };
        // An image XObject fills the unit square; the matrix sizes and places it.
        self.out.extend_from_slice(b"q ");
        self.nums(&[
            image.width,
            0.0,
            0.0,
            image.height,
            image.x,
            self.height - image.y - image.height,
        ]);
        self.out.extend_from_slice(b"cm ");
        write_name(&mut self.out, id.0.as_bytes());
        self.out.extend_from_slice(b" Do Q\n");
        Ok(())
    }
}

/// A `/Lang` entry for a marked-content property list; `tag` is a BCP 47 tag (letters).
fn write_lang(out: &mut Vec<u8>, tag: &str) {
    out.extend_from_slice(b"/Lang (");
    out.extend(
        tag.bytes()
            .filter(|b| b.is_ascii_alphanumeric() || *b == b'-'),
    );
    out.extend_from_slice(b")");
}

/// A link annotation, or `None` for a link the writer refuses (unsafe scheme, unknown
/// anchor, empty area).
fn link_op(link: &LinkArea, page_height: f32, res: &Resources<'_>) -> Option<Op> {
    if !(link.width > 0.0 && link.height > 0.0) {
        return None;
    }
    let actions = match &link.target {
        LinkTarget::External(uri) => Actions::Uri(safe_uri(uri)?),
        LinkTarget::Internal(name) => {
            let &(page, y) = res.anchors.get(name.as_str())?;
            let height = *res.page_heights.get(page)?;
            Actions::Goto(Destination::Xyz {
                page: page + 1,
                left: Some(0.0),
                top: Some(height - y),
                zoom: None,
            })
        }
    };
    let rect = printpdf::Rect::from_xywh(
        Pt(link.x),
        Pt(page_height - link.y - link.height),
        Pt(link.width),
        Pt(link.height),
    );
    Some(Op::LinkAnnotation {
        link: LinkAnnotation::new(
            rect,
            actions,
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            Some(HighlightingMode::Invert),
        ),
    })
}

/// Whether some glyph of `run` maps (in the face's /ToUnicode) to other text than the
/// text it stands for here.
fn needs_actual_text(run: &GlyphRun, face: &SubsetFace) -> bool {
    any_glyph_text(run, |index, text| {
        let Some(glyph) = run.glyphs.get(index) else {
            return false;
        };
        let id = face.remap.get(usize::from(glyph.id)).copied().unwrap_or(0);
        let mapped = face.texts.get(usize::from(id)).map_or("", String::as_str);
        !text.is_empty() && text != mapped
    })
}
