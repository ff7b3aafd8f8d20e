//! One layout page → printpdf page operations: glyph runs, filled rectangles, images and
//! link annotations, with the y axis flipped (layout: top-left origin, y down; PDF:
//! bottom-left origin, y up).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use briefsmith_layout::text::FontId;
use briefsmith_layout::{GlyphRun, ImageBox, LinkArea, LinkTarget, Page, PageItem, Rgb};
use printpdf::{
    Actions, BorderArray, Codepoint, Color, ColorArray, Destination, HighlightingMode,
    LinkAnnotation, Op, PaintMode, PdfFontHandle, Pt, RawImage, RawImageData, RawImageFormat,
    TextItem, TextMatrix, XObjectId, XObjectTransform,
};

use crate::PdfError;
use crate::links::safe_uri;
use crate::subset::SubsetFace;

/// What the page writer needs from the rest of the document.
pub(crate) struct Resources<'a> {
    /// Subset faces and their printpdf resource ids, by layout font.
    pub fonts: &'a BTreeMap<FontId, (SubsetFace, printpdf::FontId)>,
    /// Where each anchor is: page index and y (layout coordinates).
    pub anchors: &'a HashMap<&'a str, (usize, f32)>,
    /// Page heights, to flip the y of link destinations on other pages.
    pub page_heights: &'a [f32],
}

/// Images already added to the PDF, by the address of their data: an image drawn on many
/// pages (a logo) is embedded once.
#[derive(Default)]
pub(crate) struct ImageCache {
    ids: HashMap<usize, CachedImage>,
}

/// An embedded image: its data (kept alive so the address key stays unique), its
/// XObject and its size in pixels.
struct CachedImage {
    _data: Arc<Vec<u8>>,
    id: XObjectId,
    width: u32,
    height: u32,
}

/// Builds the operations of one page.
pub(crate) fn page_ops(
    page: &Page,
    page_index: usize,
    res: &Resources<'_>,
    pdf: &mut printpdf::PdfDocument,
    images: &mut ImageCache,
) -> Result<Vec<Op>, PdfError> {
    let mut w = PageWriter {
        ops: Vec::with_capacity(page.items.len() * 4 + page.links.len()),
        height: page.height,
        fill: None,
        font: None,
        in_text: false,
    };
    for item in &page.items {
        match item {
            PageItem::Glyphs(run) => w.glyphs(run, res)?,
            PageItem::Rect(rect) => {
                w.end_text();
                w.set_fill(rect.color);
                let mut r = printpdf::Rect::from_xywh(
                    Pt(rect.x),
                    Pt(page.height - rect.y - rect.height),
                    Pt(rect.width),
                    Pt(rect.height),
                );
                r.mode = Some(PaintMode::Fill);
                w.ops.push(Op::DrawRectangle { rectangle: r });
            }
            PageItem::Image(image) => {
                w.end_text();
                w.image(image, page_index, pdf, images)?;
            }
        }
    }
    w.end_text();
    for link in &page.links {
        if let Some(op) = link_op(link, page.height, res) {
            w.ops.push(op);
        }
    }
    Ok(w.ops)
}

struct PageWriter {
    ops: Vec<Op>,
    height: f32,
    fill: Option<Rgb>,
    font: Option<(FontId, f32)>,
    in_text: bool,
}

impl PageWriter {
    fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            self.ops.push(Op::SetFillColor {
                col: Color::Rgb(printpdf::Rgb::new(
                    color.0.clamp(0.0, 1.0),
                    color.1.clamp(0.0, 1.0),
                    color.2.clamp(0.0, 1.0),
                    None,
                )),
            });
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    /// Writes a run as one positioned `TJ` per baseline: glyph ids of the subset font,
    /// with kerns wherever the layout's position differs from the font's advance (kerning,
    /// justification). printpdf merges runs that share a baseline.
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
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        self.set_fill(run.color);
        if self.font != Some((run.font, run.size)) {
            self.font = Some((run.font, run.size));
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(pdf_font.clone()),
                size: Pt(run.size),
            });
        }

        let to_em = 1000.0 / run.size;
        let mut origin = (first.x, first.y);
        let mut pen = 0.0f32; // where the viewer's pen is, in 1/1000 em from origin
        let mut segment: Vec<Codepoint> = Vec::with_capacity(run.glyphs.len());
        for glyph in &run.glyphs {
            if (glyph.y - origin.1).abs() > 0.01 {
                // A glyph off the baseline (a shaped mark): start a new positioned segment.
                self.show(&mut segment, origin);
                origin = (glyph.x, glyph.y);
                pen = 0.0;
            }
            let target = (glyph.x - origin.0) * to_em;
            if let Some(last) = segment.last_mut() {
                // A TJ number n moves the pen by -n/1000 em; whole units are plenty.
                let kern = (pen - target).round();
                if kern != 0.0 {
                    last.offset = kern;
                    pen -= kern;
                }
            } else {
                // The segment starts here: the text matrix puts the pen on this glyph.
                origin.0 = glyph.x;
                pen = 0.0;
            }
            let new_id = face.remap.get(&glyph.id).copied().unwrap_or(0);
            let width = face.widths.get(usize::from(new_id)).copied().unwrap_or(0);
            let text = face.texts.get(usize::from(new_id)).cloned();
            segment.push(Codepoint {
                gid: new_id,
                offset: 0.0,
                cid: text,
            });
            pen += width as f32;
        }
        self.show(&mut segment, origin);
        Ok(())
    }

    fn show(&mut self, segment: &mut Vec<Codepoint>, origin: (f32, f32)) {
        if segment.is_empty() {
            return;
        }
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, origin.0, self.height - origin.1]),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(std::mem::take(segment))],
        });
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
        let (id, px_w, px_h) = match cache.ids.get(&key) {
            Some(cached) => (cached.id.clone(), cached.width, cached.height),
            None => {
                let decoded =
                    briefsmith_raster::decode_png(&image.data).map_err(|e| PdfError::Image {
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
                let id = pdf.add_image(&raw);
                // Keep the Arc alive so its address cannot be reused by other data.
                cache.ids.insert(
                    key,
                    CachedImage {
                        _data: image.data.clone(),
                        id: id.clone(),
                        width: decoded.width,
                        height: decoded.height,
                    },
                );
                (id, decoded.width, decoded.height)
            }
        };
        // At 72 dpi printpdf draws one pixel per point; scale that to the box.
        self.ops.push(Op::UseXobject {
            id,
            transform: XObjectTransform {
                translate_x: Some(Pt(image.x)),
                translate_y: Some(Pt(self.height - image.y - image.height)),
                scale_x: Some(image.width / px_w.max(1) as f32),
                scale_y: Some(image.height / px_h.max(1) as f32),
                dpi: Some(72.0),
                ..Default::default()
            },
        });
        Ok(())
    }
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
