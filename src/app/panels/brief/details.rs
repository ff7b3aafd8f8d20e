//! The brief's details: title, author, date, audience, classification, template, bottom line.

use super::MARKINGS;
use super::marks;
use crate::app::state::AppState;
use briefsmith_core::model::BriefMeta;
use briefsmith_core::model::Marking;
use briefsmith_marking::{BannerScope, Mark, Scheme};
use egui::RichText;

pub(super) fn meta_editor(ui: &mut egui::Ui, state: &mut AppState) {
    let banner = marks::scheme(state).map(|scheme| (scheme, marks::banner(ui, state, scheme)));
    let mut meta = state.doc.brief().meta.clone();
    let before = meta.clone();
    let mut lost_focus = false;
    egui::CollapsingHeader::new(RichText::new("Brief details").strong())
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("brief-meta")
                .num_columns(2)
                .spacing([10.0, 4.0])
                .striped(false)
                .show(ui, |ui| {
                    lost_focus |= field(ui, "Title", &mut meta.title);
                    lost_focus |= field(ui, "Author", &mut meta.author);
                    lost_focus |= field(ui, "Organisation", &mut meta.organisation);
                    lost_focus |= field(ui, "Date", &mut meta.date);
                    lost_focus |= field(ui, "Audience", &mut meta.audience);

                    lost_focus |= markings_rows(ui, &mut meta, banner.as_ref());
                    if banner.is_some() {
                        release_row(ui, state);
                    }
                    if meta.markings.scheme.trim().is_empty() {
                        let label = ui.label("Classification");
                        ui.horizontal(|ui| {
                            let r = ui
                                .add(
                                    egui::TextEdit::singleline(&mut meta.classification)
                                        .hint_text("none")
                                        .desired_width(220.0),
                                )
                                .labelled_by(label.id);
                            lost_focus |= r.lost_focus();
                            egui::ComboBox::from_id_salt("classification-presets")
                                .selected_text("Markings")
                                .show_ui(ui, |ui| {
                                    for m in MARKINGS {
                                        let text = if m.is_empty() { "(none)" } else { m };
                                        if ui
                                            .selectable_label(meta.classification == m, text)
                                            .clicked()
                                        {
                                            meta.classification = m.to_owned();
                                        }
                                    }
                                })
                                .response
                                .accessible_name("Classification markings");
                        });
                        ui.end_row();
                    }

                    let label = ui.label("Template");
                    let choices = state.template_choices();
                    let current = if meta.template.is_empty() {
                        "(default)".to_owned()
                    } else {
                        meta.template.clone()
                    };
                    egui::ComboBox::from_id_salt("template-picker")
                        .selected_text(current)
                        .show_ui(ui, |ui| {
                            for (name, description) in choices {
                                ui.selectable_value(&mut meta.template, name.clone(), &name)
                                    .on_hover_text(description);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Bottom line");
                    let r = ui
                        .add(
                            egui::TextEdit::multiline(&mut meta.bottom_line)
                                .hint_text("The judgment and why it matters (Markdown)")
                                .desired_rows(2)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    lost_focus |= r.lost_focus();
                    ui.end_row();
                });
        });
    if meta != before {
        set_meta(state, meta);
    }
    if lost_focus {
        state.doc.end_typing();
    }
}

fn set_meta(state: &mut AppState, meta: BriefMeta) {
    state.set_meta(meta);
}

/// The marking rows: the scheme, and with one the floor, ceiling, title and bottom-line
/// marks and the banner computed from the portions (never typed); returns whether a
/// field lost focus.
fn markings_rows(
    ui: &mut egui::Ui,
    meta: &mut BriefMeta,
    banner: Option<&(&Scheme, Result<Mark, String>)>,
) -> bool {
    let label = ui.label("Marking scheme");
    let names = crate::marking::schemes()
        .map(|s| s.names())
        .unwrap_or_default();
    let current = &mut meta.markings.scheme;
    let shown = if current.is_empty() {
        "(none: type the banner)".to_owned()
    } else {
        current.clone()
    };
    egui::ComboBox::from_id_salt("marking-scheme")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(current, String::new(), "(none: type the banner)");
            for name in names {
                ui.selectable_value(current, name.clone(), &name);
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text("Built-in schemes are for training and formatting, not an authority");
    ui.end_row();
    if meta.markings.scheme.trim().is_empty() {
        return false;
    }
    let Some((scheme, banner)) = banner else {
        ui.label("");
        ui.colored_label(
            crate::app::panels::style::ERROR,
            format!("No marking scheme is named \"{}\"", meta.markings.scheme),
        );
        ui.end_row();
        return false;
    };
    let floor = Mark::lowest(scheme).short(scheme);
    let m = &mut meta.markings;
    let mut lost_focus = mark_row(ui, "Floor", &mut m.floor, &floor);
    lost_focus |= mark_row(ui, "Ceiling", &mut m.ceiling, "none declared");
    lost_focus |= mark_row(ui, "Title mark", &mut m.title, "floor");
    lost_focus |= mark_row(ui, "Bottom line mark", &mut m.bottom_line, "floor");
    ui.label("Banner");
    ui.horizontal(|ui| match banner {
        Ok(mark) => {
            marks::chip(ui, scheme, mark);
            // A per-page scheme sets this only where the whole brief is stated; the pages
            // each carry their own, never higher.
            let per_page = scheme.banner == BannerScope::Page;
            let said = if per_page {
                "The roll-up of every portion in the brief: the first page's classification \
                 block and Word's header state it"
            } else {
                "The roll-up of every portion in the brief; the exports set it"
            };
            ui.label(RichText::new(mark.banner(scheme)).strong())
                .on_hover_text(said);
            if per_page {
                ui.weak("at most: each PDF page carries the roll-up of its own portions");
            }
        }
        Err(problem) => {
            ui.colored_label(crate::app::panels::style::ERROR, problem);
        }
    });
    ui.end_row();
    lost_focus
}

/// The ceiling of a releasable export (kept in the app, not the draft): the exports cut
/// the brief to it; the row says how many portions that leaves out, or why it cannot.
fn release_row(ui: &mut egui::Ui, state: &mut AppState) {
    let label = ui.label("Release at");
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut state.release_at)
                .hint_text("whole brief")
                .desired_width(180.0),
        )
        .labelled_by(label.id)
        .on_hover_text("Exports leave out every portion marked above this mark");
        let ceiling = state.release_at.trim();
        if !ceiling.is_empty() {
            let said = marks::cached(ui, state, ("release", ceiling.to_owned()), || {
                let cited = state.doc.cited();
                let dataset = cited.as_deref();
                crate::marking::releasable(state.doc.brief(), dataset, ceiling)
                    .map(|r| {
                        format!(
                            "exports leave out {} portion(s) above {}",
                            r.dropped.len(),
                            r.ceiling
                        )
                    })
                    .map_err(|e| format!("{e:#}"))
            });
            match said {
                Ok(text) => ui.weak(text),
                Err(e) => ui.colored_label(crate::app::panels::style::ERROR, e),
            };
        }
    });
    ui.end_row();
}

/// One mark typed into a grid row (empty for none); returns whether it lost focus.
fn mark_row(ui: &mut egui::Ui, name: &str, value: &mut Option<Marking>, hint: &str) -> bool {
    let label = ui.label(name);
    let mut text = value.as_ref().map(|m| m.to_string()).unwrap_or_default();
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(hint)
                .desired_width(180.0),
        )
        .labelled_by(label.id);
    if r.changed() {
        let typed = text.trim();
        *value = (!typed.is_empty()).then(|| Marking::new(typed));
    }
    ui.end_row();
    r.lost_focus()
}

/// A labelled single-line field in a two-column grid; returns whether it lost focus.
fn field(ui: &mut egui::Ui, name: &str, value: &mut String) -> bool {
    let label = ui.label(name);
    let r = ui
        .add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ui.end_row();
    r.lost_focus()
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{By, Queryable};

    /// The US-style exercise scheme with its banner rolled up over `scope`.
    fn us_style(scope: &str) -> Scheme {
        let toml = include_str!("../../../../markings/us-style.toml").replacen(
            "banner = \"document\"",
            &format!("banner = \"{scope}\""),
            1,
        );
        Scheme::from_toml(&toml, "us-style.toml").unwrap()
    }

    /// The notes beside the banner row for a brief whose portions roll up to S.
    fn banner_notes(scheme: &Scheme) -> usize {
        let mark = Mark::parse(scheme, "S").unwrap();
        let mut meta = BriefMeta::default();
        meta.markings.scheme = "us-style".into();
        let banner = (scheme, Ok(mark));
        let h = Harness::new_ui(|ui| {
            markings_rows(ui, &mut meta, Some(&banner));
        });
        assert!(h.query_by_label("SECRET").is_some(), "the banner is shown");
        h.query_all(By::new().label_contains("each PDF page carries"))
            .count()
    }

    #[test]
    fn a_per_page_scheme_says_the_pages_carry_their_own_banner() {
        assert_eq!(banner_notes(&us_style("page")), 1);
        assert_eq!(banner_notes(&us_style("document")), 0);
    }
}
