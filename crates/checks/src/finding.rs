//! What a check reports: a finding with its id, severity, place and advice.

use briefsmith_core::model::Acknowledgement;
use serde::{Deserialize, Serialize};

/// How much a finding matters: errors should stop a brief going out until fixed or
/// acknowledged; warnings and notes are for the analyst's judgment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// Every severity, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The word used in reports: "error", "warning", "info".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where in the brief a finding is: the whole brief, a section, or one block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The section's index (from 0); `None` for the brief as a whole.
    pub section: Option<usize>,
    /// The section's heading, empty for the brief as a whole.
    pub heading: String,
    /// The block's index within its section (from 0); `None` for the section or brief.
    pub block: Option<usize>,
    /// The key judgment's number in the brief (from 1), when the finding is about one.
    pub judgment: Option<usize>,
}

impl Place {
    /// The brief as a whole (its metadata, its structure).
    pub fn brief() -> Self {
        Place::default()
    }

    /// "brief", "section 2 “Background”, block 3", "key judgment 1 (section 1 …, block 1)".
    pub fn describe(&self) -> String {
        let Some(section) = self.section else {
            return "brief".to_owned();
        };
        let mut out = format!("section {} “{}”", section + 1, self.heading);
        if let Some(block) = self.block {
            out.push_str(&format!(", block {}", block + 1));
        }
        match self.judgment {
            Some(n) => format!("key judgment {n} ({out})"),
            None => out,
        }
    }
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The check's stable id, e.g. `judgment.unsupported`.
    pub check: &'static str,
    pub severity: Severity,
    pub place: Place,
    /// What the finding is about, independent of block positions (`item:ID`,
    /// `judgment:TEXT`, `text:SENTENCE`, `brief`); acknowledgements are keyed by it.
    pub key: String,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The analyst's reason, when the finding is acknowledged.
    pub acknowledged: Option<String>,
}

impl Finding {
    /// A finding of `check` at `place` about `key`; severity and acknowledgement are
    /// filled in from the rules and the brief afterwards.
    pub(crate) fn new(check: &'static str, place: Place, key: String, message: String) -> Self {
        Finding {
            check,
            severity: Severity::Warning,
            place,
            key,
            message,
            acknowledged: None,
        }
    }

    /// The acknowledgement to store in the brief to accept this finding for `reason`.
    pub fn acknowledge(&self, reason: &str) -> Acknowledgement {
        Acknowledgement {
            check: self.check.to_owned(),
            place: self.key.clone(),
            reason: reason.trim().to_owned(),
        }
    }
}

/// Findings counted by severity; acknowledged ones are counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub acknowledged: usize,
}

impl Counts {
    /// The open (unacknowledged) findings of `severity`.
    pub fn of(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// Every finding of one run, brief-level first, then in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    /// Open findings by severity, and how many were acknowledged.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.findings {
            match (f.acknowledged.is_some(), f.severity) {
                (true, _) => c.acknowledged += 1,
                (false, Severity::Error) => c.error += 1,
                (false, Severity::Warning) => c.warning += 1,
                (false, Severity::Info) => c.info += 1,
            }
        }
        c
    }

    /// Whether any error is left unacknowledged: the brief should not go out as it is.
    pub fn has_open_errors(&self) -> bool {
        self.counts().error > 0
    }

    /// The findings of one check, for tests and filters.
    pub fn of(&self, check: &str) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.check == check)
    }
}
