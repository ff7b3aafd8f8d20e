//! Editing the library: the record form (source, entity, item) with its problems beside
//! each field, the Library menu, the item actions, quick capture, and the list of sources
//! and entities.

use super::style::ERROR;
use crate::app::forms::{FieldProblem, Form, ItemChoice};
use crate::app::state::{AppState, PathPurpose};
use briefsmith_core::model::{Credibility, EntityKind, ItemId, Reliability, SourceKind};
use egui::{Key, KeyboardShortcut, Modifiers};

/// Ctrl+Enter: the passage in quick capture becomes an item.
pub const CAPTURE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);

const SOURCE_KINDS: [(SourceKind, &str); 7] = [
    (SourceKind::News, "News"),
    (SourceKind::Government, "Government"),
    (SourceKind::ThinkTank, "Think tank"),
    (SourceKind::Academic, "Academic"),
    (SourceKind::SocialMedia, "Social media"),
    (SourceKind::StateMedia, "State media"),
    (SourceKind::Other, "Other"),
];

const ENTITY_KINDS: [(EntityKind, &str); 7] = [
    (EntityKind::Person, "Person"),
    (EntityKind::Country, "Country"),
    (EntityKind::Organisation, "Organisation"),
    (EntityKind::WeaponSystem, "Weapon system"),
    (EntityKind::Place, "Place"),
    (EntityKind::Event, "Event"),
    (EntityKind::Other, "Other"),
];

/// The Library menu.
pub fn menu(ui: &mut egui::Ui, state: &mut AppState) {
    if ui.button("New library…").clicked() {
        state.ask_path(PathPurpose::NewLibrary);
    }
    if ui.button("Open dataset or library…").clicked() {
        state.ask_path(PathPurpose::OpenDataset);
    }
    let json = state
        .doc
        .dataset
        .as_ref()
        .is_some_and(|d| d.library().is_none());
    ui.add_enabled_ui(json, |ui| {
        if ui
            .button("Make a library from this dataset…")
            .on_hover_text("Keep this dataset in a library file you can edit")
            .clicked()
        {
            state.ask_path(PathPurpose::LibraryFromDataset);
        }
    });
    ui.separator();
    let editable = state.library().is_some_and(|l| !l.is_read_only());
    ui.add_enabled_ui(editable, |ui| {
        for (label, prefix) in [
            ("New source…", "src"),
            ("New entity…", "ent"),
            ("New item…", "itm"),
        ] {
            if ui.button(label).clicked() {
                state.new_record(prefix);
            }
        }
        if ui.button("Sources and entities…").clicked() {
            state.show_records = true;
        }
        ui.separator();
        if ui
            .button("Import article…")
            .on_hover_text("Read a saved web page, text, PDF or Word file for quotes and facts")
            .clicked()
        {
            state.ask_path(PathPurpose::ImportArticle);
        }
        if ui.button("Import pasted text…").clicked() {
            state.paste = Some(crate::app::import::PasteBox::default());
        }
    });
}

/// Edit, duplicate and delete for the selected library item (in its detail view).
pub fn item_actions(ui: &mut egui::Ui, state: &mut AppState, id: &ItemId) {
    let editable = state.library().is_some_and(|l| !l.is_read_only());
    ui.add_enabled_ui(editable, |ui| {
        ui.horizontal(|ui| {
            if ui.small_button("Edit item").clicked() {
                state.edit_item(id);
            }
            if ui.small_button("Duplicate item").clicked() {
                state.duplicate_item(id);
            }
            if ui.small_button("Delete item").clicked() {
                state.delete_item(id);
            }
        });
    });
}

/// Quick capture, above the library list when a library is open: choose the source,
/// paste or type the passage, press Ctrl+Enter.
pub fn capture(ui: &mut egui::Ui, state: &mut AppState) {
    let Some(ds) = &state.doc.dataset else { return };
    if ds.library().is_none() {
        return;
    }
    let dataset = ds.catalog().clone();
    egui::CollapsingHeader::new("Quick capture")
        .default_open(false)
        .show(ui, |ui| {
            let current = state
                .capture
                .source
                .as_ref()
                .and_then(|id| dataset.source(id))
                .map_or("Choose a source", |s| s.title.as_str());
            let label = ui.label("Capture source");
            egui::ComboBox::from_id_salt("capture-source")
                .selected_text(current)
                .width(ui.available_width())
                .truncate()
                .show_ui(ui, |ui| {
                    for s in &dataset.sources {
                        let text = format!("{} — {}", s.publisher, s.title);
                        ui.selectable_value(&mut state.capture.source, Some(s.id.clone()), text);
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Passage");
            let edit = ui
                .add(
                    egui::TextEdit::multiline(&mut state.capture.text)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .hint_text("Paste or type a passage, then Ctrl+Enter"),
                )
                .labelled_by(label.id);
            state.capture.propose(&dataset);
            if !state.capture.proposed.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.weak("Entities named:");
                    for (id, keep) in &mut state.capture.proposed {
                        let name = dataset.entity(id).map_or(id.as_str(), |e| e.name.as_str());
                        ui.checkbox(keep, name);
                    }
                });
            }
            let pressed = edit.has_focus() && ui.input_mut(|i| i.consume_shortcut(&CAPTURE));
            if ui.button("Capture as item").clicked() || pressed {
                state.capture_item();
            }
        });
}

/// The open form, in a window of its own; Save is refused while a field has a problem.
pub fn form_window(ctx: &egui::Context, state: &mut AppState) {
    let (Some(mut form), Some(ds)) = (state.form.clone(), state.doc.dataset.as_ref()) else {
        return;
    };
    let dataset = ds.catalog().clone();
    // Checked again only when the form or the library changed: the check reads every
    // source and entity.
    let cache = egui::Id::unique("record-form-problems");
    let key = (form.clone(), ds.fingerprint.clone());
    type Checked = ((Form, String), Vec<FieldProblem>);
    let problems = match ctx.data(|d| d.get_temp::<Checked>(cache)) {
        Some((checked, problems)) if checked == key => problems,
        _ => {
            let problems = form.problems(&dataset);
            ctx.data_mut(|d| d.insert_temp(cache, (key, problems.clone())));
            problems
        }
    };
    let mut open = true;
    let mut save = false;
    let mut cancel = false;
    egui::Window::new(form.title())
        .id(egui::Id::unique("record-form"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(460.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.7)
                .show(ui, |ui| {
                    egui::Grid::new("record-form-grid")
                        .num_columns(2)
                        .spacing([10.0, 6.0])
                        .show(ui, |ui| match &mut form {
                            Form::Source(f) => {
                                ui.label("Id");
                                ui.weak(&f.id);
                                ui.end_row();
                                line(ui, "Title", &mut f.title, &problems);
                                line(ui, "Publisher", &mut f.publisher, &problems);
                                line(ui, "Authors", &mut f.authors, &problems);
                                line(ui, "Date", &mut f.date, &problems);
                                line(ui, "URL", &mut f.url, &problems);
                                pick(ui, "Kind", &mut f.kind, &SOURCE_KINDS);
                                let grades: Vec<(String, String)> = Reliability::SCALE
                                    .iter()
                                    .map(|(g, m)| ((*g).to_owned(), format!("{g}: {m}")))
                                    .collect();
                                pick_owned(
                                    ui,
                                    "Reliability",
                                    &mut f.reliability,
                                    &grades,
                                    &problems,
                                );
                                multi(ui, "Notes", &mut f.notes, &problems);
                            }
                            Form::Entity(f) => {
                                ui.label("Id");
                                ui.weak(&f.id);
                                ui.end_row();
                                line(ui, "Name", &mut f.name, &problems);
                                pick(ui, "Kind", &mut f.kind, &ENTITY_KINDS);
                                line(ui, "Aliases", &mut f.aliases, &problems);
                                line(ui, "Role", &mut f.role, &problems);
                                line(ui, "Name in its own script", &mut f.native_name, &problems);
                            }
                            Form::Item(f) => {
                                ui.label("Id");
                                ui.weak(&f.id);
                                ui.end_row();
                                let choices: Vec<(ItemChoice, &str)> =
                                    ItemChoice::ALL.iter().map(|c| (*c, c.name())).collect();
                                pick(ui, "Kind", &mut f.choice, &choices);
                                multi(ui, "Text", &mut f.text, &problems);
                                if f.choice != ItemChoice::Fact {
                                    line(ui, "Speaker", &mut f.speaker, &problems);
                                    line(ui, "Via", &mut f.via, &problems);
                                }
                                line(ui, "Date", &mut f.date, &problems);
                                line(ui, "Place", &mut f.place, &problems);
                                let sources: Vec<(
                                    Option<briefsmith_core::model::SourceId>,
                                    String,
                                )> = dataset
                                    .sources
                                    .iter()
                                    .map(|s| (Some(s.id.clone()), s.title.clone()))
                                    .collect();
                                pick_owned(ui, "Source", &mut f.source, &sources, &problems);
                                line(ui, "Locator", &mut f.locator, &problems);
                                let grades: Vec<(i64, String)> = Credibility::SCALE
                                    .iter()
                                    .map(|(g, m)| (*g, format!("{g}: {m}")))
                                    .collect();
                                pick_owned(
                                    ui,
                                    "Credibility",
                                    &mut f.credibility,
                                    &grades,
                                    &problems,
                                );
                                line(ui, "Entities", &mut f.entities, &problems);
                                line(ui, "Tags", &mut f.tags, &problems);
                                line(ui, "Marking", &mut f.marking, &problems);
                            }
                        });
                });
            for p in problems.iter().filter(|p| !shown_beside_a_field(p)) {
                ui.colored_label(ERROR, &p.message);
            }
            ui.separator();
            ui.horizontal(|ui| {
                let ok = problems.is_empty();
                if ui
                    .add_enabled(ok, egui::Button::new("Save"))
                    .on_disabled_hover_text("Mend the fields marked in red first")
                    .clicked()
                {
                    save = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
    if cancel || !open {
        state.form = None;
        return;
    }
    if state.form.as_ref() != Some(&form) {
        state.form = Some(form);
    }
    if save {
        state.save_form();
    }
}

/// Fields whose problems show beside them; others show under the form.
const FIELDS: [&str; 14] = [
    "Title",
    "Publisher",
    "Authors",
    "Date",
    "URL",
    "Reliability",
    "Notes",
    "Name",
    "Aliases",
    "Text",
    "Speaker",
    "Source",
    "Credibility",
    "Entities",
];

fn shown_beside_a_field(p: &FieldProblem) -> bool {
    FIELDS.contains(&p.field)
}

/// The problems of `field`, in red under it.
fn problems_of(ui: &mut egui::Ui, field: &str, problems: &[FieldProblem]) {
    let mine: Vec<&FieldProblem> = problems.iter().filter(|p| p.field == field).collect();
    if mine.is_empty() {
        return;
    }
    ui.end_row();
    ui.label("");
    ui.vertical(|ui| {
        for p in mine {
            ui.colored_label(ERROR, &p.message);
        }
    });
}

fn line(ui: &mut egui::Ui, name: &str, value: &mut String, problems: &[FieldProblem]) {
    let label = ui.label(name);
    ui.add(egui::TextEdit::singleline(value).desired_width(320.0))
        .labelled_by(label.id);
    problems_of(ui, name, problems);
    ui.end_row();
}

fn multi(ui: &mut egui::Ui, name: &str, value: &mut String, problems: &[FieldProblem]) {
    let label = ui.label(name);
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(3)
            .desired_width(320.0),
    )
    .labelled_by(label.id);
    problems_of(ui, name, problems);
    ui.end_row();
}

fn pick<T: PartialEq + Copy>(ui: &mut egui::Ui, name: &str, value: &mut T, choices: &[(T, &str)]) {
    let label = ui.label(name);
    let current = choices
        .iter()
        .find(|(c, _)| c == value)
        .map_or("", |(_, n)| *n);
    egui::ComboBox::from_id_salt(("form", name))
        .selected_text(current)
        .width(320.0)
        .show_ui(ui, |ui| {
            for (c, n) in choices {
                ui.selectable_value(value, *c, *n);
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
}

fn pick_owned<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    name: &str,
    value: &mut T,
    choices: &[(T, String)],
    problems: &[FieldProblem],
) {
    let label = ui.label(name);
    let current = choices
        .iter()
        .find(|(c, _)| c == value)
        .map_or("Choose…", |(_, n)| n.as_str());
    egui::ComboBox::from_id_salt(("form", name))
        .selected_text(current)
        .width(320.0)
        .truncate()
        .show_ui(ui, |ui| {
            for (c, n) in choices {
                ui.selectable_value(value, c.clone(), n);
            }
        })
        .response
        .labelled_by(label.id);
    problems_of(ui, name, problems);
    ui.end_row();
}

/// The sources and entities of the library, each with edit, duplicate and delete.
pub fn records_window(ctx: &egui::Context, state: &mut AppState) {
    if !state.show_records {
        return;
    }
    let Some(ds) = &state.doc.dataset else { return };
    let dataset = ds.catalog().clone();
    let mut open = true;
    let mut action: Option<(&str, &str, String)> = None;
    egui::Window::new("Sources and entities")
        .open(&mut open)
        .default_width(480.0)
        .default_height(420.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.heading("Sources");
                for s in &dataset.sources {
                    row(
                        ui,
                        &format!("{} ({}) {}", s.title, s.reliability, s.id),
                        "src",
                        s.id.as_str(),
                        &mut action,
                    );
                }
                ui.heading("Entities");
                for e in &dataset.entities {
                    row(
                        ui,
                        &format!("{} {}", e.name, e.id),
                        "ent",
                        e.id.as_str(),
                        &mut action,
                    );
                }
            });
        });
    state.show_records = open;
    if let Some((verb, kind, id)) = action {
        match (verb, kind) {
            ("edit", "src") => state.edit_source(&briefsmith_core::model::SourceId::new(id)),
            ("edit", _) => state.edit_entity(&briefsmith_core::model::EntityId::new(id)),
            ("duplicate", _) => state.duplicate_record(kind, &id),
            _ => state.delete_record(kind, &id),
        }
    }
}

fn row<'a>(
    ui: &mut egui::Ui,
    text: &str,
    kind: &'a str,
    id: &str,
    action: &mut Option<(&'static str, &'a str, String)>,
) {
    ui.horizontal(|ui| {
        for verb in ["edit", "duplicate", "delete"] {
            let name = format!("{} {id}", capitalised(verb));
            if ui
                .small_button(capitalised(verb))
                .on_hover_text(&name)
                .accessible_name(&name)
                .clicked()
            {
                *action = Some((verb, kind, id.to_owned()));
            }
        }
        ui.add(egui::Label::new(text).truncate());
    });
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
