//! The Checks window: the brief's tradecraft findings by severity, each with its place
//! (a click selects the block) and its advice; a finding can be accepted with a reason,
//! and an accepted one reopened. Also the findings' counts for the status bar.

use super::style::{ERROR, WARNING, badge};
use crate::app::state::AppState;
use briefsmith_checks::{Counts, Finding, Severity};
use egui::{Color32, RichText};

const INFO: Color32 = Color32::from_gray(110);

fn colour(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// "1 error · 2 warnings · 3 notes", leaving out what is zero; "no findings" for none.
fn summary(c: Counts) -> String {
    let parts: Vec<String> = [
        (c.error, "error", "errors"),
        (c.warning, "warning", "warnings"),
        (c.info, "note", "notes"),
        (c.acknowledged, "accepted", "accepted"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| super::count(n, one, many))
    .collect();
    if parts.is_empty() {
        "no findings".to_owned()
    } else {
        parts.join(" · ")
    }
}

/// The status bar's part: the open findings by severity; a click opens the Checks window.
pub fn status(ui: &mut egui::Ui, state: &mut AppState) {
    let counts = state.check_report().counts();
    let text = format!("Checks: {}", summary(counts));
    let text = match (counts.error, counts.warning) {
        (0, 0) => RichText::new(text).weak(),
        (0, _) => RichText::new(text).color(WARNING),
        _ => RichText::new(text).color(ERROR),
    };
    if ui
        .add(egui::Button::new(text).frame(false))
        .on_hover_text("Show the tradecraft checks")
        .clicked()
    {
        state.checks.open = !state.checks.open;
    }
}

/// Draws the Checks window when it is open.
pub fn window(ctx: &egui::Context, state: &mut AppState) {
    if !state.checks.open {
        return;
    }
    // The report is small (a finding per problem); a copy lets the rows edit the state.
    let report = state.check_report().clone();
    let mut open = true;
    egui::Window::new("Checks")
        .open(&mut open)
        .default_width(480.0)
        .default_height(440.0)
        .vscroll(true)
        .show(ctx, |ui| {
            for e in [&state.checks.user_error, &state.checks.template_error]
                .into_iter()
                .flatten()
            {
                ui.colored_label(ERROR, e);
            }
            ui.label(format!("Tradecraft checks: {}.", summary(report.counts())));
            if report.findings.is_empty() {
                ui.weak("Every key judgment is sourced, its words match its likelihood, and nothing cited has changed.");
            }
            for severity in Severity::ALL {
                let open: Vec<&Finding> = report
                    .findings
                    .iter()
                    .filter(|f| f.acknowledged.is_none() && f.severity == severity)
                    .collect();
                if open.is_empty() {
                    continue;
                }
                ui.add_space(6.0);
                let title = match severity {
                    Severity::Error => "Errors",
                    Severity::Warning => "Warnings",
                    Severity::Info => "Notes",
                };
                ui.label(RichText::new(title).strong().color(colour(severity)));
                for f in open {
                    row(ui, state, f);
                }
            }
            let accepted: Vec<&Finding> = report
                .findings
                .iter()
                .filter(|f| f.acknowledged.is_some())
                .collect();
            if !accepted.is_empty() {
                ui.add_space(6.0);
                egui::CollapsingHeader::new(format!("Accepted ({})", accepted.len()))
                    .id_salt("accepted-findings")
                    .show(ui, |ui| {
                        for f in accepted {
                            row(ui, state, f);
                        }
                    });
            }
        });
    state.checks.open = open;
}

/// One finding: badge, place (a link to the block), advice, and accept or reopen.
fn row(ui: &mut egui::Ui, state: &mut AppState, f: &Finding) {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(6, 4))
        .corner_radius(4.0)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let label = match &f.acknowledged {
                    Some(_) => "ACCEPTED",
                    None => f.severity.as_str(),
                };
                badge(ui, &label.to_uppercase(), colour(f.severity));
                let place = f.place.describe();
                if f.place.block.is_some() {
                    if ui
                        .link(&place)
                        .on_hover_text("Select this block in the brief")
                        .clicked()
                    {
                        state.select_finding(&f.place);
                    }
                } else {
                    ui.label(place);
                }
                ui.weak(f.check);
            });
            ui.add(egui::Label::new(&f.message).wrap());
            match &f.acknowledged {
                Some(reason) => {
                    ui.horizontal(|ui| {
                        ui.weak(format!("Accepted: {reason}"));
                        if ui
                            .small_button("Reopen")
                            .on_hover_text("Withdraw the acceptance, so the finding counts again")
                            .clicked()
                        {
                            state.reopen_finding(f);
                        }
                    });
                }
                None => accept(ui, state, f),
            }
        });
}

/// "Accept…" opens a reason field under the finding; Accept stores it in the brief.
fn accept(ui: &mut egui::Ui, state: &mut AppState, f: &Finding) {
    let editing = state
        .checks
        .accepting
        .as_ref()
        .is_some_and(|(check, key)| *check == f.check && *key == f.key);
    if !editing {
        if ui
            .small_button("Accept…")
            .on_hover_text("Keep the brief as it is and say why; the reason is saved in the draft")
            .clicked()
        {
            state.checks.accepting = Some((f.check, f.key.clone()));
            state.checks.reason.clear();
        }
        return;
    }
    ui.horizontal(|ui| {
        let label = ui.label("Reason:");
        let mut reason = std::mem::take(&mut state.checks.reason);
        ui.add(
            egui::TextEdit::singleline(&mut reason)
                .hint_text("why the brief stands as it is")
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        let ok = !reason.trim().is_empty();
        let accepted = ui
            .add_enabled(ok, egui::Button::new("Accept"))
            .on_disabled_hover_text("Say why first")
            .clicked();
        let cancelled = ui.button("Cancel").clicked();
        state.checks.reason = reason;
        if accepted {
            let reason = state.checks.reason.clone();
            state.acknowledge(f, &reason);
        } else if cancelled {
            state.checks.accepting = None;
            state.checks.reason.clear();
        }
    });
}
