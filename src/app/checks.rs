//! The tradecraft checks in the app: the rules in force, the findings for the open brief
//! (recomputed only when the brief, its dataset or the rules change), accepting a finding
//! with a reason as one undoable edit, and asking before an export with open errors.

use crate::app::jobs::ExportFormat;
use crate::app::state::{AppState, Dialog, Pane, Tab};
use briefsmith_checks::{Finding, Place, Report, Rules, RulesLayer};
use briefsmith_core::compose::BlockPos;
use std::path::Path;

/// What the checks window and the status bar keep between frames.
#[derive(Debug, Default)]
pub struct ChecksState {
    /// Whether the Checks window is open.
    pub open: bool,
    /// The user's `checks.toml`, read at start-up.
    user: RulesLayer,
    /// Why the user's `checks.toml` is not in force (it is invalid).
    pub user_error: Option<String>,
    /// Why the template's `[checks]` table is not in force (it is invalid).
    pub template_error: Option<String>,
    /// The finding whose reason is being typed, as (check, key).
    pub accepting: Option<(&'static str, String)>,
    /// The reason being typed for it.
    pub reason: String,
    /// Set by "Export anyway": the next export goes ahead despite open errors.
    export_confirmed: bool,
}

impl ChecksState {
    /// Reads the user's rules (`checks.toml` in the config folder); an invalid file is
    /// said in `user_error` and left out.
    pub fn load_user_rules(&mut self) {
        match crate::checks::user_rules() {
            Ok(layer) => self.user = layer,
            Err(e) => self.user_error = Some(format!("Your check rules are ignored: {e}")),
        }
    }
}

impl AppState {
    /// The rules for the open brief: defaults, its template's, the user's.
    fn check_rules(&mut self) -> Rules {
        match crate::checks::rules_for(&self.templates, self.doc.brief(), &self.checks.user) {
            Ok(rules) => {
                self.checks.template_error = None;
                rules
            }
            Err(e) => {
                self.checks.template_error = Some(format!("Check rules ignored: {e}"));
                Rules::default()
            }
        }
    }

    /// The findings for the brief as it stands.
    pub fn check_report(&mut self) -> &Report {
        let rules = self.check_rules();
        self.doc.checks(rules)
    }

    /// Accepts `finding` for `reason`, stored in the brief (one undoable edit).
    pub fn acknowledge(&mut self, finding: &Finding, reason: &str) -> bool {
        if reason.trim().is_empty() {
            return false;
        }
        let mut meta = self.doc.brief().meta.clone();
        meta.acknowledged
            .retain(|a| !(a.check == finding.check && a.place == finding.key));
        meta.acknowledged.push(finding.acknowledge(reason));
        self.checks.accepting = None;
        self.checks.reason.clear();
        self.set_meta_step(meta)
    }

    /// Sets the metadata as an undo step of its own, never merged with typing in the
    /// brief's details.
    fn set_meta_step(&mut self, meta: briefsmith_core::model::BriefMeta) -> bool {
        self.doc.end_typing();
        let changed = self.set_meta(meta);
        self.doc.end_typing();
        changed
    }

    /// Withdraws the acceptance of `finding`, so it counts again (one undoable edit).
    pub fn reopen_finding(&mut self, finding: &Finding) -> bool {
        let mut meta = self.doc.brief().meta.clone();
        meta.acknowledged
            .retain(|a| !(a.check == finding.check && a.place == finding.key));
        self.set_meta_step(meta)
    }

    /// Selects the block a finding is about and shows the brief, as a click on its row would.
    pub fn select_finding(&mut self, place: &Place) {
        let (Some(section), Some(index)) = (place.section, place.block) else {
            return;
        };
        let pos = BlockPos::new(section, index);
        if self.doc.brief().block(pos).is_some() {
            self.selected_block = Some(pos);
            self.keyboard_pane = Pane::Brief;
            // In a narrow window the brief shares a tabbed pane: show it.
            self.tab = Tab::Brief;
        }
    }

    /// Whether an export must wait for an answer: the brief has open errors and the user has
    /// not said "Export anyway". Asks, and returns true, when it must.
    pub fn export_held_by_checks(&mut self, format: ExportFormat, path: &Path) -> bool {
        if std::mem::take(&mut self.checks.export_confirmed) {
            return false;
        }
        let errors = self.check_report().counts().error;
        if errors == 0 {
            return false;
        }
        self.dialog = Some(Dialog::ExportWithErrors {
            format,
            path: path.to_owned(),
            errors,
        });
        true
    }

    /// "Export anyway": exports despite the open errors.
    pub fn export_despite_errors(&mut self, format: ExportFormat, path: &Path) {
        self.checks.export_confirmed = true;
        self.export(format, path);
    }
}
