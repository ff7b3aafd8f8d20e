//! The library pane: search as you type, filters, the virtualised list of items and the
//! selected item's details.

use super::DragPayload;
use super::style::{ERROR, badge, grade_colour};
use crate::app::library::{Filters, Row};
use crate::app::state::{AppState, Pane};
use briefsmith_core::model::{Item, ItemKind};
use briefsmith_core::validate::is_iso_date;
use egui::{Color32, Key, Role, Sense, WidgetInfo};

/// Height of one row of the item list.
const ROW_HEIGHT: f32 = 44.0;

/// The id of the search field, for Ctrl+F.
pub fn search_id() -> egui::Id {
    egui::Id::unique("library-search")
}

/// Draws the library pane.
pub fn show(ui: &mut egui::Ui, state: &mut AppState) {
    let Some(ds) = &state.doc.dataset else {
        ui.heading("Library");
        ui.label("No dataset is open. The brief is shown from the snapshots it keeps.");
        if ui.button("Open dataset…").clicked() {
            state.ask_path(crate::app::state::PathPurpose::OpenDataset);
        }
        return;
    };
    let title = ds.catalog().title.clone();
    let total = ds.item_count();
    ui.horizontal(|ui| {
        ui.heading("Library");
        // Truncated: a long dataset title must not widen the pane.
        ui.add(egui::Label::new(egui::RichText::new(&title).weak()).truncate())
            .on_hover_text(&title);
    });

    search_field(ui, state);
    super::records::capture(ui, state);
    filters(ui, state);
    if let Some(ds) = &state.doc.dataset {
        state.search.update(ds);
    }
    let results_len = state.search.len();
    ui.horizontal(|ui| {
        let more = if state.search.more() { "+" } else { "" };
        ui.weak(format!(
            "{}{more} of {}",
            super::grouped(results_len),
            super::count(total as usize, "item", "items")
        ));
        if state.search.filters.is_active() && ui.small_button("Clear filters").clicked() {
            state.search.filters = Filters::default();
        }
    });
    if let Some(e) = state.search.error() {
        ui.colored_label(ERROR, format!("The library cannot be searched: {e}"));
    }

    egui::Panel::bottom("library-detail")
        .resizable(true)
        .default_size(230.0)
        .size_range(80.0..=600.0)
        .show(ui, |ui| detail(ui, state));

    list(ui, state);
}

fn search_field(ui: &mut egui::Ui, state: &mut AppState) {
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        let edit = egui::TextEdit::singleline(&mut state.search.query)
            .id(search_id())
            .hint_text("text, speaker, tag, entity…  (Ctrl+F)")
            .desired_width(f32::INFINITY);
        let response = ui.add(edit).labelled_by(label.id);
        if std::mem::take(&mut state.focus_search) {
            response.request_focus();
        }
        if response.has_focus() {
            state.keyboard_pane = Pane::Library;
            let (down, up) =
                ui.input(|i| (i.key_pressed(Key::ArrowDown), i.key_pressed(Key::ArrowUp)));
            if down || up {
                state.step_library_selection(if down { 1 } else { -1 });
            }
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            state.add_selected_item();
        }
    });
}

fn filters(ui: &mut egui::Ui, state: &mut AppState) {
    let AppState { search, doc, .. } = state;
    egui::CollapsingHeader::new("Filters")
        .default_open(false)
        .show(ui, |ui| {
            // Read only while the filters are open: a large library's tags cost a query.
            let choices = match &doc.dataset {
                Some(ds) => search.choices(ds),
                None => Default::default(),
            };
            let f = &mut search.filters;
            egui::Grid::new("library-filters")
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    ui.label("Kind");
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut f.kind, None, "All");
                        ui.selectable_value(&mut f.kind, Some(ItemKind::Fact), "Facts");
                        ui.selectable_value(&mut f.kind, Some(ItemKind::Quote), "Quotes");
                    });
                    ui.end_row();

                    let label = ui.label("Entity");
                    let current = f
                        .entity
                        .as_ref()
                        .and_then(|id| choices.entities.iter().find(|(e, _)| e == id))
                        .map(|(_, n)| n.as_str())
                        .unwrap_or("Any");
                    egui::ComboBox::from_id_salt("filter-entity")
                        .selected_text(current)
                        .width(220.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut f.entity, None, "Any");
                            for (id, name) in &choices.entities {
                                ui.selectable_value(&mut f.entity, Some(id.clone()), name);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Tag");
                    egui::ComboBox::from_id_salt("filter-tag")
                        .selected_text(f.tag.as_deref().unwrap_or("Any"))
                        .width(220.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut f.tag, None, "Any");
                            for tag in &choices.tags {
                                ui.selectable_value(&mut f.tag, Some(tag.clone()), tag);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Source");
                    let current = f
                        .source
                        .as_ref()
                        .and_then(|id| choices.sources.iter().find(|(s, _)| s == id))
                        .map(|(_, n)| n.as_str())
                        .unwrap_or("Any");
                    egui::ComboBox::from_id_salt("filter-source")
                        .selected_text(current)
                        .width(220.0)
                        .truncate()
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut f.source, None, "Any");
                            for (id, name) in &choices.sources {
                                ui.selectable_value(&mut f.source, Some(id.clone()), name);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    ui.label("Dates");
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut f.date_from)
                                .hint_text("from YYYY-MM-DD")
                                .desired_width(100.0),
                        )
                        .accessible_name("Date from");
                        ui.add(
                            egui::TextEdit::singleline(&mut f.date_to)
                                .hint_text("to YYYY-MM-DD")
                                .desired_width(100.0),
                        )
                        .accessible_name("Date to");
                    });
                    ui.end_row();
                    for (name, value) in [("From", &f.date_from), ("To", &f.date_to)] {
                        let value = value.trim();
                        if !value.is_empty() && !is_iso_date(value) {
                            ui.label("");
                            ui.colored_label(
                                ERROR,
                                format!("{name}: “{value}” is not a date; write 2024-10-11, 2024-10 or 2024. This bound is not applied."),
                            );
                            ui.end_row();
                        }
                    }

                    ui.label("Grade");
                    ui.horizontal(|ui| {
                        egui::ComboBox::from_id_salt("filter-reliability")
                            .selected_text(match f.min_reliability {
                                Some(c) => format!("source {c} or better"),
                                None => "any source".into(),
                            })
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut f.min_reliability, None, "any source");
                                for (g, meaning) in briefsmith_core::model::Reliability::SCALE {
                                    let c = g.chars().next().unwrap_or('F');
                                    ui.selectable_value(
                                        &mut f.min_reliability,
                                        Some(c),
                                        format!("{g} or better ({meaning})"),
                                    );
                                }
                            })
                            .response
                            .accessible_name("Source reliability");
                        egui::ComboBox::from_id_salt("filter-credibility")
                            .selected_text(match f.min_credibility {
                                Some(c) => format!("information {c} or better"),
                                None => "any information".into(),
                            })
                            .show_ui(ui, |ui| {
                                ui.selectable_value(
                                    &mut f.min_credibility,
                                    None,
                                    "any information",
                                );
                                for (g, meaning) in briefsmith_core::model::Credibility::SCALE {
                                    ui.selectable_value(
                                        &mut f.min_credibility,
                                        Some(g),
                                        format!("{g} or better ({meaning})"),
                                    );
                                }
                            })
                            .response
                            .accessible_name("Information credibility");
                    });
                    ui.end_row();
                });
        });
}

fn list(ui: &mut egui::Ui, state: &mut AppState) {
    let mut add = None;
    let mut select = None;
    let selected = state.selected_item.clone();
    let picked = state.doc.picked_items().clone();
    let Some(ds) = &state.doc.dataset else { return };
    let mut focused_row = None;
    let view_id = egui::Id::unique("library-list-view");
    let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
    let counted = state.search.len();
    let reveal = std::mem::take(&mut state.reveal_selected);
    let at = reveal
        .then(|| {
            selected
                .as_ref()
                .and_then(|id| state.search.position(ds, id))
        })
        .flatten();
    if at.is_some() && state.search.len() != counted {
        // Placing the row counted further down a library: the list grows this frame and
        // scrolls the next, once the scroll area knows its new height.
        state.reveal_selected = true;
        ui.ctx().request_repaint();
    } else if let Some(r) = at {
        // Rows outside the view are never laid out, so scroll by arithmetic, not by widget.
        let (offset, height) = ui
            .data(|d| d.get_temp::<(f32, f32)>(view_id))
            .unwrap_or((0.0, ui.available_height()));
        let step = ROW_HEIGHT + ui.spacing().item_spacing.y;
        let top = r as f32 * step;
        if top < offset {
            area = area.vertical_scroll_offset(top);
        } else if top + step > offset + height {
            area = area.vertical_scroll_offset(top + step - height);
        }
    }
    // Counted after the reveal: placing a row far down a library counts that far.
    let rows = state.search.len();
    let output = area.show_rows(ui, ROW_HEIGHT, rows, |ui, range| {
        for r in range {
            let Some(entry) = state.search.row(ds, r) else {
                break;
            };
            let in_brief = picked.contains(&entry.id);
            let is_selected = selected.as_ref() == Some(&entry.id);
            let response = row(ui, &entry, is_selected, in_brief);
            if response.drag_started() {
                response.dnd_set_drag_payload(DragPayload::Item(Box::new(entry.clone())));
            }
            // A row focused by Tab is the selection, as in any list box.
            if response.clicked() || (response.gained_focus() && !is_selected) {
                select = Some(entry.id.clone());
            }
            if response.has_focus() {
                focused_row = Some(response.id);
            }
            if response.double_clicked() {
                add = Some(entry.id);
            }
        }
    });
    state.focused_row = focused_row;
    let view = (output.state.clamped_offset().y, output.inner_rect.height());
    ui.data_mut(|d| d.insert_temp(view_id, view));
    if let Some(i) = select {
        state.selected_item = Some(i);
        state.keyboard_pane = Pane::Library;
    }
    if let Some(id) = add {
        state.selected_item = Some(id.clone());
        state.add_item(&id, None);
    }
}

/// One list row: grade badge, speaker or date, first line. Painted directly (no child
/// widgets) so a long list stays cheap; named for screen readers by its text.
fn row(ui: &mut egui::Ui, entry: &Row, selected: bool, in_brief: bool) -> egui::Response {
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, ROW_HEIGHT), Sense::click_and_drag());
    let label = &entry.label;
    let kind = Some(entry.kind);
    let marker = if in_brief { " (in the brief)" } else { "" };
    let accessible = format!(
        "{} {} {}{marker}",
        label.grade, label.lead, label.first_line
    );
    response.widget_info(|| WidgetInfo::selected(Role::ListItem, true, selected, &accessible));
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let painter = ui.painter_at(rect);
        let fill = if selected {
            visuals.selection.bg_fill
        } else if response.hovered() {
            visuals.widgets.hovered.weak_bg_fill
        } else {
            Color32::TRANSPARENT
        };
        painter.rect_filled(rect.shrink(1.0), 3.0, fill);
        if response.has_focus() {
            painter.rect_stroke(
                rect.shrink(1.0),
                3.0,
                visuals.selection.stroke,
                egui::StrokeKind::Inside,
            );
        }
        let small = egui::TextStyle::Small.resolve(ui.style());
        let body = egui::TextStyle::Body.resolve(ui.style());
        let text_color = visuals.text_color();
        let weak = visuals.weak_text_color();
        // Badge.
        let badge_galley =
            painter.layout_no_wrap(label.grade.clone(), small.clone(), Color32::WHITE);
        let badge_rect = egui::Rect::from_min_size(
            rect.min + egui::vec2(6.0, 6.0),
            badge_galley.size() + egui::vec2(8.0, 2.0),
        );
        painter.rect_filled(badge_rect, 3.0, grade_colour(&label.grade));
        painter.galley(
            badge_rect.min + egui::vec2(4.0, 1.0),
            badge_galley,
            Color32::WHITE,
        );
        // Kind and lead.
        let kind_text = match kind {
            Some(ItemKind::Quote) => "QUOTE",
            _ => "FACT",
        };
        let x = badge_rect.max.x + 8.0;
        let kind_galley = painter.layout_no_wrap(kind_text.into(), small.clone(), weak);
        let kind_w = kind_galley.size().x;
        painter.galley(egui::pos2(x, rect.min.y + 7.0), kind_galley, weak);
        painter.text(
            egui::pos2(x + kind_w + 8.0, rect.min.y + 5.0),
            egui::Align2::LEFT_TOP,
            &label.lead,
            body.clone(),
            weak,
        );
        if in_brief {
            painter.text(
                egui::pos2(rect.max.x - 8.0, rect.min.y + 7.0),
                egui::Align2::RIGHT_TOP,
                "in brief",
                small.clone(),
                visuals.selection.stroke.color,
            );
        }
        // First line, clipped to the row.
        let line_painter = painter.with_clip_rect(rect.shrink2(egui::vec2(6.0, 0.0)));
        line_painter.text(
            egui::pos2(rect.min.x + 6.0, rect.min.y + 23.0),
            egui::Align2::LEFT_TOP,
            &label.first_line,
            body,
            text_color,
        );
    }
    response
}

fn detail(ui: &mut egui::Ui, state: &mut AppState) {
    let found = state.doc.dataset.as_ref().and_then(|ds| {
        let id = state.selected_item.as_ref()?;
        // Read once per selection and dataset state, not every frame: in a library each
        // read is a query.
        let key = egui::Id::unique("library-detail").with((id, &ds.fingerprint));
        let item = match ui.data(|d| d.get_temp::<Option<Item>>(key)) {
            Some(read) => read,
            None => {
                let read = ds.item(id);
                ui.data_mut(|d| d.insert_temp(key, read.clone()));
                read
            }
        }?;
        Some((item, ds.catalog().clone()))
    });
    let Some((item, dataset)) = found else {
        ui.add_space(8.0);
        ui.weak("Select an item to see its full text and source. Double-click, press Enter or drag it onto the brief to add it.");
        return;
    };
    let source = dataset.source(&item.source);
    ui.style_mut().interaction.selectable_labels = true;
    egui::ScrollArea::vertical()
        .id_salt("library-detail-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let grade = format!(
                    "{}{}",
                    source.map(|s| s.reliability.0.as_str()).unwrap_or("?"),
                    item.credibility
                );
                badge(ui, &grade, grade_colour(&grade));
                ui.strong(match item.kind {
                    ItemKind::Fact => "Fact",
                    ItemKind::Quote => "Quote",
                });
                ui.weak(item.id.as_str());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Add to brief").clicked() {
                        state.add_item(&item.id, None);
                    }
                });
            });
            if state.library().is_some() {
                super::records::item_actions(ui, state, &item.id);
            }
            if let Some(speaker) = item.speaker.as_ref().and_then(|id| dataset.entity(id)) {
                let role = if speaker.role.is_empty() {
                    String::new()
                } else {
                    format!(", {}", speaker.role)
                };
                ui.label(egui::RichText::new(format!("{}{role}", speaker.name)).italics());
            }
            ui.add(egui::Label::new(egui::RichText::new(&item.text).size(15.0)).wrap());
            ui.add_space(4.0);
            let mut facts: Vec<String> = Vec::new();
            if !item.date.is_empty() {
                facts.push(format!("Date: {}", item.date));
            }
            if !item.place.is_empty() {
                facts.push(format!("Place: {}", item.place));
            }
            if !item.via.is_empty() {
                facts.push(format!("Via: {}", item.via));
            }
            if let Some(m) = item.credibility.meaning() {
                facts.push(format!("Information {}: {m}", item.credibility));
            }
            for f in facts {
                ui.weak(f);
            }
            if let Some(s) = source {
                ui.separator();
                ui.label(egui::RichText::new(&s.title).strong());
                let mut line = format!("{}, {}", s.publisher, s.date);
                if !item.locator.is_empty() {
                    line.push_str(&format!(" ({})", item.locator));
                }
                ui.label(line);
                if let Some(m) = s.reliability.meaning() {
                    ui.weak(format!("Source {}: {m}", s.reliability));
                }
                if let Some(url) = &s.url {
                    ui.hyperlink(url);
                }
            }
            let names: Vec<&str> = item
                .entities
                .iter()
                .filter_map(|e| dataset.entity(e).map(|e| e.name.as_str()))
                .collect();
            if !names.is_empty() {
                ui.weak(format!("Entities: {}", names.join(", ")));
            }
            if !item.tags.is_empty() {
                ui.weak(format!("Tags: {}", item.tags.join(", ")));
            }
        });
}
