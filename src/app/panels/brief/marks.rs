//! Marks in the brief pane: each block's mark as a chip in its scheme's colours, the field
//! that sets an analyst's mark, and the banner computed live from the portions.

use crate::app::state::AppState;
use briefsmith_core::compose::{BlockPos, Edit};
use briefsmith_core::model::{Block, Marking};
use briefsmith_marking::{BriefMarks, Mark, Scheme, rgb, roll_up};
use egui::{Color32, RichText};

/// The scheme the open brief names, if it names one this program has.
pub(super) fn scheme(state: &AppState) -> Option<&'static Scheme> {
    let name = state.doc.brief().meta.markings.scheme.trim();
    if name.is_empty() {
        return None;
    }
    crate::marking::schemes().ok()?.get(name)
}

/// What a block's row shows: its mark in the scheme, or why it cannot be read.
pub(super) fn block_mark(scheme: &Scheme, state: &AppState, block: &Block) -> Result<Mark, String> {
    let markings = &state.doc.brief().meta.markings;
    let own = match block {
        Block::Item(r) => r.snapshot.marking.as_ref(),
        Block::Text(t) => t.marking.as_ref(),
        Block::Judgment(j) => j.marking.as_ref(),
    };
    let read = |m: Option<&Marking>| match m.or(markings.floor.as_ref()) {
        Some(m) => Mark::parse(scheme, m.as_str()).map_err(|e| e.to_string()),
        None => Ok(Mark::lowest(scheme)),
    };
    let picked = read(own)?;
    // As the exports count it: an item marked higher in the dataset since the pick
    // carries the stricter mark.
    let cited = state.doc.cited();
    match (block, cited.as_deref()) {
        (Block::Item(r), Some(ds)) => match ds.item(&r.item) {
            Some(item) => Ok(roll_up(
                scheme,
                [&picked, &read(ds.marking_of(item).as_ref())?],
            )),
            None => Ok(picked),
        },
        _ => Ok(picked),
    }
}

/// A mark as a small chip in its level's colours.
pub(super) fn chip(ui: &mut egui::Ui, scheme: &Scheme, mark: &Mark) -> egui::Response {
    let (colour, background) = mark.colours(scheme);
    let [r, g, b] = rgb(colour);
    let colour = Color32::from_rgb(r, g, b);
    // Without a background of its own, the level's colour fills the chip.
    let (fill, text) = match background {
        Some(bg) => {
            let [r, g, b] = rgb(bg);
            (Color32::from_rgb(r, g, b), colour)
        }
        None => (colour, readable_on(colour)),
    };
    let short = mark.short(scheme);
    egui::Frame::new()
        .fill(fill)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(&short).color(text).small().strong())
        })
        .inner
        .on_hover_text(mark.banner(scheme))
        .accessible_name(format!("Marked {short}"))
}

/// Black or white, whichever reads better on `fill`.
fn readable_on(fill: Color32) -> Color32 {
    let luma =
        0.299 * f32::from(fill.r()) + 0.587 * f32::from(fill.g()) + 0.114 * f32::from(fill.b());
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// A chip saying a mark does not read in the scheme.
pub(super) fn bad_chip(ui: &mut egui::Ui, problem: &str) -> egui::Response {
    crate::app::panels::style::badge(ui, "MARK?", crate::app::panels::style::ERROR)
        .on_hover_text(problem)
}

/// The field that sets the analyst's mark on a text, a judgment or an item's note: a pick
/// of the scheme's levels, or a full mark typed (e.g. `S//NF`), applied once it reads.
pub(super) fn mark_field(
    ui: &mut egui::Ui,
    state: &mut AppState,
    scheme: &Scheme,
    pos: BlockPos,
    label: &str,
    current: Option<&Marking>,
) {
    let floor = state
        .doc
        .brief()
        .meta
        .markings
        .floor
        .as_ref()
        .map_or_else(|| Mark::lowest(scheme).short(scheme), |f| f.to_string());
    let id = egui::Id::unique("mark-field").with((pos.section, pos.index));
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.map(|m| m.to_string()).unwrap_or_default());
    let mut picked: Option<Option<Marking>> = None;
    ui.horizontal_wrapped(|ui| {
        let name = ui.label(label);
        egui::ComboBox::from_id_salt(("mark-level", pos.section, pos.index))
            .selected_text(current.map_or_else(|| format!("floor ({floor})"), |m| m.to_string()))
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(current.is_none(), format!("floor ({floor})"))
                    .clicked()
                {
                    picked = Some(None);
                }
                for level in &scheme.levels {
                    let same = current.is_some_and(|m| m.as_str() == level.portion);
                    if ui.selectable_label(same, &level.portion).clicked() {
                        picked = Some(Some(Marking::new(level.portion.clone())));
                    }
                }
            })
            .response
            .labelled_by(name.id);
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("or type a mark, e.g. S//NF")
                    .desired_width(180.0),
            )
            .accessible_name(format!("{label} as text"));
        let typed = text.trim();
        let problem = (!typed.is_empty())
            .then(|| Mark::parse(scheme, typed).err())
            .flatten();
        if let Some(problem) = &problem {
            ui.colored_label(crate::app::panels::style::ERROR, problem.to_string());
        }
        if edit.changed() {
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
        }
        let done =
            edit.lost_focus() || ui.input(|i| i.key_pressed(egui::Key::Enter)) && edit.has_focus();
        if done && problem.is_none() {
            let mark = Mark::parse(scheme, typed)
                .ok()
                .map(|m| Marking::new(m.short(scheme)));
            picked = Some(mark);
        }
    });
    if let Some(marking) = picked {
        ui.data_mut(|d| d.remove::<String>(id));
        if marking.as_ref() != current {
            state.doc.end_typing();
            state.apply(Edit::SetMarking { at: pos, marking });
            state.doc.end_typing();
        }
    }
}

/// The banner as the exports will set it: the roll-up of the brief's portions, or what is
/// wrong with its marks.
pub(super) fn banner(ui: &egui::Ui, state: &AppState, scheme: &Scheme) -> Result<Mark, String> {
    cached(ui, state, ("banner", scheme.name.clone()), || {
        let brief = state.doc.brief();
        let cited = state.doc.cited();
        BriefMarks::of(scheme, brief, cited.as_deref())
            .map(|m| m.banner(brief))
            .map_err(|e| e.to_string())
    })
}

/// `work()` done once per state of the brief and dataset, not once per frame: marks are
/// read against the dataset's index, which a 100,000-item dataset makes costly to build.
pub(super) fn cached<T, K>(ui: &egui::Ui, state: &AppState, key: K, work: impl FnOnce() -> T) -> T
where
    T: Clone + Send + Sync + 'static,
    K: std::hash::Hash,
{
    let dataset = state.doc.dataset.as_ref().map(|d| d.fingerprint.clone());
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&(key, state.doc.editor().revision(), dataset), &mut hasher);
    let id = egui::Id::unique("marks-cache").with(std::hash::Hasher::finish(&hasher));
    if let Some(hit) = ui.data(|d| d.get_temp::<T>(id)) {
        return hit;
    }
    let value = work();
    ui.data_mut(|d| d.insert_temp(id, value.clone()));
    value
}
