//! Faces from the system's fonts, for characters no bundled face has (Chinese, Japanese,
//! Korean, rarer scripts and symbols), found through fontdb.
//!
//! Nothing here runs for a document the bundled faces cover. The first character they
//! lack lists the system's faces and reads each one's character coverage (once per book);
//! each character's answer is then cached, so a Chinese paragraph pays one lookup per
//! distinct character. Faces without outlines (colour bitmap emoji) are never chosen, since
//! a PDF cannot embed them as a font; among faces with outlines a monochrome one (Symbola
//! for emoji) comes before one whose glyphs are really colour layers or pictures (COLR,
//! SVG, sbix, CBDT), which a PDF font shows as bare outlines or not at all. Private-use
//! characters never fall back: their
//! meaning is private to the author, not to whichever font happens to fill that range.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock, PoisonError};

use rustc_hash::FxHashMap;
use rustybuzz::Face;

use super::fonts::LoadedFace;

/// Most system faces one book takes on; characters needing more are left uncovered.
pub(crate) const MAX_FACES: usize = 32;

/// A system face in use: the parsed face and where its bytes came from.
pub(crate) struct SystemFace {
    pub loaded: LoadedFace,
    /// The whole font file (a collection holds several faces).
    pub data: &'static [u8],
    /// Which face of the file.
    pub index: u32,
    /// Its PostScript name, e.g. `NotoSansCJKsc-Regular`.
    pub name: String,
}

/// What a character is wanted for: the text's family and weight pick among the faces
/// that have it (a serif body gets Noto Serif CJK, a bold heading a bold face).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Want {
    pub serif: bool,
    pub bold: bool,
}

/// The system faces of one font book: the list of candidates, the faces taken on so far
/// (slots that never move, so a face is borrowed without a lock) and the answers given.
pub(crate) struct SystemFaces {
    candidates: OnceLock<Vec<Candidate>>,
    slots: [OnceLock<SystemFace>; MAX_FACES],
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Slot of each candidate taken on, by candidate index.
    slot_of: FxHashMap<usize, usize>,
    /// Slots filled so far.
    used: usize,
    /// The slot that sets each character, or `None` for a character no face has.
    answers: FxHashMap<(char, Want), Option<usize>>,
}

/// One face of the system's fonts, with what is needed to rank it and its coverage.
struct Candidate {
    path: PathBuf,
    index: u32,
    family: String,
    name: String,
    weight: u16,
    italic: bool,
    mono: bool,
    /// The face draws in colour (COLR, SVG, sbix or CBDT tables beside its outlines).
    colour: bool,
    /// Covered code points as sorted, disjoint inclusive ranges.
    ranges: Vec<(u32, u32)>,
}

impl Candidate {
    fn covers(&self, c: char) -> bool {
        let cp = u32::from(c);
        let i = self.ranges.partition_point(|&(_, end)| end < cp);
        self.ranges.get(i).is_some_and(|&(start, _)| start <= cp)
    }

    /// Lower is better: monochrome before colour, Noto first (it matches the bundled
    /// faces), then the wanted family
    /// and weight, upright, proportional, Simplified Chinese among the CJK variants; then
    /// by name and file, so the choice is the same on every run.
    fn rank(&self, want: Want) -> impl Ord + '_ {
        let serif = self.family.contains("Serif");
        let target = if want.bold { 700 } else { 400 };
        (
            self.colour,
            !self.family.starts_with("Noto"),
            serif != want.serif,
            self.italic,
            self.weight.abs_diff(target),
            self.mono,
            !self.family.ends_with(" SC"),
            self.family.as_str(),
            &self.path,
            self.index,
        )
    }
}

impl Default for SystemFaces {
    fn default() -> Self {
        SystemFaces {
            candidates: OnceLock::new(),
            slots: [const { OnceLock::new() }; MAX_FACES],
            state: Mutex::new(State::default()),
        }
    }
}

impl SystemFaces {
    /// The face in `slot`, if one has been taken on there.
    pub fn get(&self, slot: usize) -> Option<&SystemFace> {
        self.slots.get(slot)?.get()
    }

    /// How many faces have been taken on.
    pub fn len(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .used
    }

    /// The slot of a system face that has `c`, taking the face on if need be; `None` when
    /// no usable system face has it.
    pub fn slot_for(&self, c: char, want: Want) -> Option<usize> {
        if is_private_use(c) {
            return None;
        }
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&answer) = state.answers.get(&(c, want)) {
            return answer;
        }
        let answer = self.choose(c, want, &mut state);
        state.answers.insert((c, want), answer);
        answer
    }

    fn choose(&self, c: char, want: Want, state: &mut State) -> Option<usize> {
        let candidates = self.candidates.get_or_init(list_candidates);
        let best = candidates
            .iter()
            .enumerate()
            .filter(|(_, cand)| cand.covers(c))
            .min_by(|(_, a), (_, b)| a.rank(want).cmp(&b.rank(want)))?
            .0;
        if let Some(&slot) = state.slot_of.get(&best) {
            return Some(slot);
        }
        if state.used >= MAX_FACES {
            return None;
        }
        let face = load(&candidates[best])?;
        let slot = state.used;
        // Only this function fills slots, under the state lock, each once.
        self.slots[slot].set(face).ok()?;
        state.used += 1;
        state.slot_of.insert(best, slot);
        Some(slot)
    }
}

/// Private-use characters (U+E000–U+F8FF and planes 15–16).
fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF_0000..=0x10_FFFF)
}

/// Every face of the system's fonts that has outlines, with its coverage.
fn list_candidates() -> Vec<Candidate> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut out: Vec<Candidate> = db
        .faces()
        .filter_map(|info| {
            let fontdb::Source::File(path) = &info.source else {
                return None;
            };
            let (ranges, colour) = db.with_face_data(info.id, |data, index| {
                let face = ttf_parser::Face::parse(data, index).ok()?;
                let tables = face.tables();
                // Bitmap-only faces (CBDT colour emoji) cannot be embedded as a PDF font.
                if tables.glyf.is_none() && tables.cff.is_none() {
                    return None;
                }
                let colour = tables.colr.is_some()
                    || tables.svg.is_some()
                    || tables.sbix.is_some()
                    || tables.cbdt.is_some();
                Some((coverage(&face), colour))
            })??;
            Some(Candidate {
                path: path.clone(),
                index: info.index,
                family: info
                    .families
                    .first()
                    .map(|(name, _)| name.clone())
                    .unwrap_or_default(),
                name: info.post_script_name.clone(),
                weight: info.weight.0,
                italic: info.style != fontdb::Style::Normal,
                mono: info.monospaced,
                colour,
                ranges,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.path, a.index).cmp(&(&b.path, b.index)));
    out
}

/// The code points a face's Unicode cmap subtables map, as sorted inclusive ranges.
fn coverage(face: &ttf_parser::Face<'_>) -> Vec<(u32, u32)> {
    let mut points = Vec::new();
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            sub.codepoints(|cp| {
                if sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                    points.push(cp);
                }
            });
        }
    }
    points.sort_unstable();
    points.dedup();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for cp in points {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == cp => *end = cp,
            _ => ranges.push((cp, cp)),
        }
    }
    ranges
}

/// Reads and parses a chosen face.
fn load(cand: &Candidate) -> Option<SystemFace> {
    let data = file_bytes(&cand.path)?;
    let face = Face::from_slice(data, cand.index)?;
    Some(SystemFace {
        loaded: LoadedFace::new(face),
        data,
        index: cand.index,
        name: cand.name.clone(),
    })
}

/// A font file's bytes, read once per process and kept for its life: faces borrow them
/// for `'static`, as they borrow the bundled fonts, and every book shares the one copy.
fn file_bytes(path: &PathBuf) -> Option<&'static [u8]> {
    static FILES: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let mut files = FILES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(&data) = files.get(path) {
        return Some(data);
    }
    let data: &'static [u8] = Box::leak(std::fs::read(path).ok()?.into_boxed_slice());
    files.insert(path.clone(), data);
    Some(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(family: &str, colour: bool) -> Candidate {
        Candidate {
            path: PathBuf::from(format!("/fonts/{family}.ttf")),
            index: 0,
            family: family.to_owned(),
            name: family.replace(' ', ""),
            weight: 400,
            italic: false,
            mono: false,
            colour,
            ranges: vec![(0x1F44D, 0x1F44D)],
        }
    }

    #[test]
    fn a_monochrome_face_comes_before_a_colour_one_even_from_noto() {
        let want = Want {
            serif: false,
            bold: false,
        };
        let colour = candidate("Noto Color Emoji", true);
        let mono = candidate("Symbola", false);
        assert!(mono.rank(want) < colour.rank(want));
        // Between monochrome faces Noto still comes first.
        let noto = candidate("Noto Sans Symbols", false);
        assert!(noto.rank(want) < mono.rank(want));
    }
}
