//! Font subsetting: each face is cut down to the glyphs the document uses, before printpdf
//! sees it.
//!
//! printpdf 0.12 only subsets when built with its `text_layout` feature, which drags in a
//! whole second layout engine. So the writer subsets with allsorts itself (the same
//! subsetter printpdf would use), renumbers the glyphs, and hands printpdf the small font
//! under a `XXXXXX+Name` subset tag. Every glyph also carries the text it stands for, from
//! which printpdf writes the `/ToUnicode` CMap that lets readers extract and search text.

use std::collections::BTreeMap;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use briefsmith_layout::FontId;
use briefsmith_layout::{Document, GlyphRun, PageItem};

use crate::{FaceSource, PdfError};

/// A face cut down to the document's glyphs, ready to give to printpdf.
pub(crate) struct SubsetFace {
    /// The subset font program.
    pub bytes: Vec<u8>,
    /// `XXXXXX+PostScriptName`: the subset tag marks the font as a subset for readers.
    pub name: String,
    /// Glyph id in the subset, indexed by original glyph id (0, .notdef, for glyphs not
    /// in the subset). A table rather than a map: it is read once per glyph drawn.
    pub remap: Vec<u16>,
    /// Advance width per subset glyph id, in 1/1000 em exactly as written to `/W`.
    pub widths: Vec<i64>,
    /// Text per subset glyph id, for `/ToUnicode` (empty: the glyph maps to no text).
    pub texts: Vec<String>,
    /// The character code (Identity-H) per subset glyph id where it is not the glyph id:
    /// a CID-keyed CFF font (Noto CJK) is addressed by the CIDs of its charset, which
    /// printpdf also keys `/W` and `/ToUnicode` by.
    pub codes: Option<Vec<u16>>,
}

impl SubsetFace {
    /// The code that shows subset glyph `gid` in a content stream.
    pub fn code(&self, gid: u16) -> u16 {
        match &self.codes {
            Some(codes) => codes.get(usize::from(gid)).copied().unwrap_or(0),
            None => gid,
        }
    }
}

/// Glyphs a document uses, per face, with the text each stands for.
#[derive(Default)]
pub(crate) struct GlyphUsage {
    faces: BTreeMap<FontId, FaceGlyphs>,
    /// The faces in the order the document first draws them: resource names follow it,
    /// since a system face's `FontId` depends on what the book set before this document.
    order: Vec<FontId>,
}

/// The glyphs of one face: their text, and which already have some.
#[derive(Default)]
struct FaceGlyphs {
    texts: BTreeMap<u16, String>,
    /// By glyph id: the glyph has a non-empty text. A table, not a map lookup: every glyph
    /// drawn is checked against it.
    known: Vec<bool>,
}

impl GlyphUsage {
    /// Collects every glyph drawn anywhere in `doc`.
    pub fn collect(doc: &Document) -> Self {
        let mut usage = GlyphUsage::default();
        for page in &doc.pages {
            for item in &page.items {
                if let PageItem::Glyphs(run) = item {
                    usage.add_run(run);
                }
            }
        }
        usage
    }

    fn add_run(&mut self, run: &GlyphRun) {
        if run.glyphs.is_empty() {
            return; // a face drawn nowhere must not be embedded
        }
        if !self.faces.contains_key(&run.font) {
            self.order.push(run.font);
        }
        let face = self.faces.entry(run.font).or_default();
        // A long document meets nearly all its glyphs on its first pages: skip the work of
        // finding each glyph's text when there is nothing new to learn from this run.
        let known = |id: u16| face.known.get(usize::from(id)).copied().unwrap_or(false);
        if run.glyphs.iter().all(|g| known(g.id)) {
            return;
        }
        for (index, text) in glyph_texts(run).into_iter().enumerate() {
            let id = run.glyphs[index].id;
            // .notdef stands for every character the face lacks: it maps to no text, and
            // each use carries its own text as /ActualText (see `content`).
            let text = if id == 0 { "" } else { text };
            match face.texts.get_mut(&id) {
                // ToUnicode maps a glyph, not an occurrence: the first non-empty text wins,
                // and runs where a glyph stands for other text say so with /ActualText.
                Some(existing) if existing.is_empty() && !text.is_empty() => {
                    *existing = text.to_owned()
                }
                Some(_) => {}
                None => {
                    face.texts.insert(id, text.to_owned());
                }
            }
            if !text.is_empty() {
                let slot = usize::from(id);
                if face.known.len() <= slot {
                    face.known.resize(slot + 1, false);
                }
                face.known[slot] = true;
            }
        }
    }

    /// Subsets every used face, in the order the document first draws them.
    pub fn subset_all(
        &self,
        faces: &dyn FaceSource,
    ) -> Result<Vec<(FontId, SubsetFace)>, PdfError> {
        self.order
            .iter()
            .filter_map(|font| Some((*font, self.faces.get(font)?)))
            .map(|(font, glyphs)| Ok((font, subset_face(faces, font, &glyphs.texts)?)))
            .collect()
    }
}

/// The text each glyph of a run stands for: the source text from its cluster up to the
/// next cluster. Further glyphs of the same cluster (marks, split glyphs) get no text, so
/// extraction yields every character once.
pub(crate) fn glyph_texts(run: &GlyphRun) -> Vec<&str> {
    let mut texts = Vec::with_capacity(run.glyphs.len());
    any_glyph_text(run, |_, text| {
        texts.push(text);
        false
    });
    texts
}

/// Calls `found` with each glyph's index and text (as [`glyph_texts`] gives them) until
/// it returns true; whether it did. Runs whose clusters only grow (nearly all: left-to-
/// right text without reordering) need no allocation: each glyph's text runs to the next
/// glyph's cluster.
pub(crate) fn any_glyph_text<'a>(
    run: &'a GlyphRun,
    mut found: impl FnMut(usize, &'a str) -> bool,
) -> bool {
    let glyphs = &run.glyphs;
    if glyphs.windows(2).all(|w| w[0].cluster < w[1].cluster) {
        return glyphs.iter().enumerate().any(|(index, glyph)| {
            let end = glyphs
                .get(index + 1)
                .map_or(run.text.len(), |next| next.cluster as usize);
            found(
                index,
                run.text.get(glyph.cluster as usize..end).unwrap_or(""),
            )
        });
    }
    sorted_glyph_texts(run)
        .into_iter()
        .enumerate()
        .any(|(index, text)| found(index, text))
}

/// [`glyph_texts`] for any order of clusters (right-to-left runs, reordered marks).
fn sorted_glyph_texts(run: &GlyphRun) -> Vec<&str> {
    let mut starts: Vec<usize> = run.glyphs.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut seen = vec![false; starts.len()];
    run.glyphs
        .iter()
        .map(|g| {
            let start = g.cluster as usize;
            let Ok(slot) = starts.binary_search(&start) else {
                return "";
            };
            if std::mem::replace(&mut seen[slot], true) {
                return "";
            }
            let end = starts.get(slot + 1).copied().unwrap_or(run.text.len());
            run.text.get(start..end).unwrap_or("")
        })
        .collect()
}

fn subset_face(
    faces: &dyn FaceSource,
    font: FontId,
    glyphs: &BTreeMap<u16, String>,
) -> Result<SubsetFace, PdfError> {
    let data = faces.face_bytes(font);
    let index = faces.face_index(font);
    let label = faces.face_label(font).to_owned();
    let fail = |reason: String| PdfError::Font {
        font: label.clone(),
        reason,
    };
    let parsed = ttf_parser::Face::parse(data, index).map_err(|e| fail(e.to_string()))?;
    let upm = f32::from(parsed.units_per_em());

    // Glyph 0 (.notdef) must come first; allsorts numbers the subset glyphs by their
    // position in this list.
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.keys().copied().filter(|&g| g != 0))
        .collect();
    let scope = ReadScope::new(data);
    let font_data = scope
        .read::<FontData<'_>>()
        .map_err(|e| fail(e.to_string()))?;
    let provider = font_data
        .table_provider(index as usize)
        .map_err(|e| fail(e.to_string()))?;
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| fail(e.to_string()))?;

    let mut remap = vec![0u16; ids.iter().max().map_or(0, |&m| usize::from(m) + 1)];
    let mut widths = Vec::with_capacity(ids.len());
    let mut texts = Vec::with_capacity(ids.len());
    for (new, &old) in ids.iter().enumerate() {
        // Same arithmetic as printpdf's `/W` writer, so kerns computed against these
        // widths put glyphs exactly where the layout did.
        let advance = parsed
            .glyph_hor_advance(ttf_parser::GlyphId(old))
            .unwrap_or(0);
        widths.push((f32::from(advance) * 1000.0 / upm) as i64);
        texts.push(glyphs.get(&old).cloned().unwrap_or_default());
        remap[usize::from(old)] = new as u16;
    }

    let postscript = postscript_name(&parsed, &label);
    let name = format!("{}+{postscript}", subset_tag(&postscript, &ids));
    let codes = printpdf::cff_charset_gid_to_cid_map(&bytes, 0).map(|map| {
        (0..ids.len() as u16)
            .map(|gid| map.get(&gid).copied().unwrap_or(gid))
            .collect()
    });
    Ok(SubsetFace {
        bytes,
        name,
        remap,
        widths,
        texts,
        codes,
    })
}

/// Six capital letters derived from the face's name and its glyph set, as PDF subset tags
/// are (the name, not the `FontId`, which differs for a system face between runs).
fn subset_tag(postscript: &str, ids: &[u16]) -> String {
    // FNV-1a: stable across runs and platforms, so the same document gets the same tag.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in postscript
        .bytes()
        .chain(ids.iter().flat_map(|g| g.to_le_bytes()))
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
        .collect()
}

/// The face's PostScript name (name id 6), else its label, reduced to the characters a
/// PDF name may hold without escapes.
fn postscript_name(face: &ttf_parser::Face<'_>, label: &str) -> String {
    let from_table = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string());
    let raw = from_table.unwrap_or_else(|| label.to_owned());
    let clean: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if clean.is_empty() {
        "Font".to_owned()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefsmith_layout::{PositionedGlyph, Rgb};

    fn run(text: &str, clusters: &[u32]) -> GlyphRun {
        GlyphRun {
            font: FontId(0),
            size: 10.0,
            color: Rgb::BLACK,
            text: text.into(),
            glyphs: clusters
                .iter()
                .enumerate()
                .map(|(i, &cluster)| PositionedGlyph {
                    id: i as u16 + 1,
                    x: i as f32 * 5.0,
                    y: 0.0,
                    advance: 5.0,
                    cluster,
                })
                .collect(),
        }
    }

    #[test]
    fn a_ligature_glyph_carries_all_its_characters() {
        // "office": o, ffi ligature at byte 1, c at 4, e at 5.
        let r = run("office", &[0, 1, 4, 5]);
        assert_eq!(glyph_texts(&r), vec!["o", "ffi", "c", "e"]);
    }

    #[test]
    fn extra_glyphs_of_a_cluster_map_to_nothing() {
        let r = run("éa", &[0, 0, 2]);
        assert_eq!(glyph_texts(&r), vec!["é", "", "a"]);
    }

    #[test]
    fn right_to_left_clusters_still_map_each_character_once() {
        let r = run("abc", &[2, 1, 0]);
        assert_eq!(glyph_texts(&r), vec!["c", "b", "a"]);
    }

    #[test]
    fn clusters_off_char_boundaries_do_not_panic() {
        let r = run("é", &[1, 9]);
        assert_eq!(glyph_texts(&r), vec!["", ""]);
    }

    #[test]
    fn subset_tags_are_six_capitals_and_stable() {
        let a = subset_tag("NotoSerif-Regular", &[0, 5, 9]);
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag("NotoSerif-Regular", &[0, 5, 9]));
        assert_ne!(a, subset_tag("NotoSerif-Regular", &[0, 5, 10]));
        assert_ne!(a, subset_tag("NotoSans-Regular", &[0, 5, 9]));
    }
}
