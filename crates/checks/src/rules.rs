//! Which checks run, at which severity, with which thresholds: the defaults, then what a
//! template's `[checks]` table asks, then the user's `checks.toml`, each layer overriding
//! the one before.

use crate::Severity;
use briefsmith_core::model::{Credibility, Reliability};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// One check the engine knows: its id, default severity and what it looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckInfo {
    pub id: &'static str,
    pub severity: Severity,
    /// One line for lists and the `checks.toml` documentation.
    pub about: &'static str,
}

const fn info(id: &'static str, severity: Severity, about: &'static str) -> CheckInfo {
    CheckInfo {
        id,
        severity,
        about,
    }
}

/// Every check, in the order a reviewer would ask them.
pub const CHECKS: &[CheckInfo] = &[
    info(
        "structure.bottom-line",
        Severity::Error,
        "the template asks for a bottom line and the brief has none",
    ),
    info(
        "structure.key-judgment",
        Severity::Error,
        "the template asks for at least one key judgment and the brief has none",
    ),
    info(
        "structure.time-window",
        Severity::Error,
        "the template asks for the period covered and the brief does not state it",
    ),
    info("brief.no-date", Severity::Warning, "the brief has no date"),
    info(
        "item.after-brief",
        Severity::Error,
        "a cited item is dated after the brief",
    ),
    info(
        "text.relative-date",
        Severity::Warning,
        "“today”, “yesterday” or “tomorrow” with no date beside it",
    ),
    info(
        "judgment.unsupported",
        Severity::Error,
        "a key judgment cites no supporting item",
    ),
    info(
        "judgment.single-source",
        Severity::Warning,
        "a key judgment rests on items from one source only",
    ),
    info(
        "judgment.low-grades",
        Severity::Warning,
        "a key judgment rests only on items of low reliability or credibility",
    ),
    info(
        "confidence.thin-support",
        Severity::Warning,
        "high confidence on one source or on low grades only",
    ),
    info(
        "estimative.contradicts-band",
        Severity::Error,
        "estimative words in a judgment contradict its likelihood",
    ),
    info(
        "estimative.two-bands",
        Severity::Warning,
        "a judgment's text uses words from two probability bands",
    ),
    info(
        "confidence.contradicts",
        Severity::Error,
        "a judgment's text states a confidence other than its confidence field",
    ),
    info(
        "confidence.missing",
        Severity::Info,
        "the bottom line makes an estimative judgment without saying how confident",
    ),
    info(
        "item.changed",
        Severity::Warning,
        "a cited item changed in the dataset since it was picked",
    ),
    info(
        "item.gone",
        Severity::Warning,
        "a cited item is no longer in the dataset",
    ),
    info(
        "quote.not-verbatim",
        Severity::Error,
        "a direct quote's words are not found in its source's text",
    ),
    info(
        "quote.reported-as-direct",
        Severity::Error,
        "reported speech shown in quotation marks, or worded as reported speech but marked direct",
    ),
    info(
        "item.ungradable-without-note",
        Severity::Warning,
        "an item graded F or 6 is cited without a note saying why",
    ),
];

/// A part of a brief a template may require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// A bottom line (BLUF).
    BottomLine,
    /// At least one key judgment.
    KeyJudgment,
    /// The period the report covers ("as of …", "since …"), as a SITREP states it.
    TimeWindow,
}

impl Requirement {
    /// The structure check that enforces this requirement.
    pub fn check(self) -> &'static str {
        match self {
            Requirement::BottomLine => "structure.bottom-line",
            Requirement::KeyJudgment => "structure.key-judgment",
            Requirement::TimeWindow => "structure.time-window",
        }
    }
}

/// One layer of rules as written in a template's `[checks]` table or a `checks.toml`;
/// whatever it leaves out, the layers below decide.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesLayer {
    /// Parts of the brief that must be there.
    pub require: Vec<Requirement>,
    /// Check ids to turn off.
    pub disable: Vec<String>,
    /// Check ids to turn back on (after a lower layer turned them off).
    pub enable: Vec<String>,
    /// Severity per check id, e.g. `"judgment.single-source" = "error"`.
    pub severity: BTreeMap<String, Severity>,
    /// The best reliability counted as low, `A`–`F` (default `C`: C to F are low).
    pub low_reliability: Option<String>,
    /// The best credibility counted as low, 1–6 (default 4: 4 to 6 are low).
    pub low_credibility: Option<i64>,
}

/// What is wrong with a rules layer, and where it came from.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{origin}: {message}")]
    Shape { origin: String, message: String },
    #[error("{origin}: `{field}` names no check: {id:?} (`briefsmith check --list` lists them)")]
    UnknownCheck {
        origin: String,
        field: &'static str,
        id: String,
    },
    #[error("{origin}: `low-reliability` is {value:?}; give a grade from A to F")]
    Reliability { origin: String, value: String },
    #[error("{origin}: `low-credibility` is {value}; give a grade from 1 to 6")]
    Credibility { origin: String, value: i64 },
}

impl RulesLayer {
    /// Parses a `checks.toml`; `origin` names the file in errors, which carry line and column.
    pub fn parse(text: &str, origin: &str) -> Result<Self, RulesError> {
        let layer: RulesLayer = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start).min(text.len());
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            RulesError::Syntax {
                origin: origin.to_owned(),
                line,
                column,
                message: e.message().trim_end().to_owned(),
            }
        })?;
        layer.validated(origin)
    }

    /// Reads a template's `[checks]` table, already parsed with its manifest.
    pub fn from_table(table: &toml::Table, origin: &str) -> Result<Self, RulesError> {
        let layer: RulesLayer =
            toml::Value::Table(table.clone())
                .try_into()
                .map_err(|e: toml::de::Error| RulesError::Shape {
                    origin: origin.to_owned(),
                    message: format!("[checks]: {}", e.message().trim_end()),
                })?;
        layer.validated(origin)
    }

    fn validated(self, origin: &str) -> Result<Self, RulesError> {
        let ids = self
            .disable
            .iter()
            .map(|id| ("disable", id))
            .chain(self.enable.iter().map(|id| ("enable", id)))
            .chain(self.severity.keys().map(|id| ("severity", id)));
        for (field, id) in ids {
            if !CHECKS.iter().any(|c| c.id == id) {
                return Err(RulesError::UnknownCheck {
                    origin: origin.to_owned(),
                    field,
                    id: id.clone(),
                });
            }
        }
        if let Some(r) = &self.low_reliability
            && !Reliability::new(r).is_valid()
        {
            return Err(RulesError::Reliability {
                origin: origin.to_owned(),
                value: r.clone(),
            });
        }
        if let Some(c) = self.low_credibility
            && !Credibility(c).is_valid()
        {
            return Err(RulesError::Credibility {
                origin: origin.to_owned(),
                value: c,
            });
        }
        Ok(self)
    }
}

/// The rules a check run follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    disabled: BTreeSet<&'static str>,
    required: BTreeSet<Requirement>,
    severity: BTreeMap<&'static str, Severity>,
    /// Reliability at or below this letter (`C` … `F`) is low.
    low_reliability: u8,
    /// Credibility at or above this number (4 … 6) is low.
    low_credibility: i64,
}

impl Default for Rules {
    /// Every check on at its own severity, nothing required; C–F and 4–6 count as low.
    fn default() -> Self {
        Rules {
            disabled: BTreeSet::new(),
            required: BTreeSet::new(),
            severity: CHECKS.iter().map(|c| (c.id, c.severity)).collect(),
            low_reliability: b'C',
            low_credibility: 4,
        }
    }
}

impl Rules {
    /// These rules with `layer` laid over them. The layer was validated when parsed, so
    /// its ids are known ones.
    pub fn with(mut self, layer: &RulesLayer) -> Self {
        self.required.extend(layer.require.iter().copied());
        let known = |id: &str| CHECKS.iter().find(|c| c.id == id).map(|c| c.id);
        for id in layer.disable.iter().filter_map(|id| known(id)) {
            self.disabled.insert(id);
        }
        for id in layer.enable.iter().filter_map(|id| known(id)) {
            self.disabled.remove(id);
        }
        for (id, &severity) in &layer.severity {
            if let Some(id) = known(id) {
                self.severity.insert(id, severity);
            }
        }
        if let Some(&letter) = layer
            .low_reliability
            .as_ref()
            .and_then(|r| r.as_bytes().first())
        {
            self.low_reliability = letter;
        }
        if let Some(c) = layer.low_credibility {
            self.low_credibility = c;
        }
        self
    }

    /// Whether findings of `check` are reported. Structure checks run only when the
    /// template requires what they look for.
    pub fn is_enabled(&self, check: &str) -> bool {
        if self.disabled.contains(check) {
            return false;
        }
        match Requirement::from_check(check) {
            Some(r) => self.required.contains(&r),
            None => true,
        }
    }

    /// Whether the template asks for `requirement`.
    pub fn requires(&self, requirement: Requirement) -> bool {
        self.required.contains(&requirement)
    }

    /// The severity findings of `check` get.
    pub fn severity(&self, check: &str) -> Severity {
        self.severity
            .get(check)
            .copied()
            .unwrap_or(Severity::Warning)
    }

    /// Whether a grade counts as low: reliability from the threshold letter down (an
    /// ungraded or invalid source counts as low), or credibility from the threshold up.
    pub fn is_low(&self, reliability: &Reliability, credibility: Credibility) -> bool {
        let letter = match (reliability.is_valid(), reliability.0.as_bytes().first()) {
            (true, Some(&l)) => l,
            _ => b'F',
        };
        letter >= self.low_reliability || credibility.0 >= self.low_credibility
    }

    /// The low grades as words, for messages: "reliability C–F or credibility 4–6".
    pub fn low_grades(&self) -> String {
        format!(
            "reliability {}–F or credibility {}–6",
            self.low_reliability as char, self.low_credibility
        )
    }
}

impl Requirement {
    fn from_check(check: &str) -> Option<Requirement> {
        [
            Requirement::BottomLine,
            Requirement::KeyJudgment,
            Requirement::TimeWindow,
        ]
        .into_iter()
        .find(|r| r.check() == check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_override_in_order() {
        let template = RulesLayer::parse(
            "require = [\"bottom-line\"]\ndisable = [\"judgment.single-source\"]\n",
            "template.toml",
        )
        .unwrap();
        let user = RulesLayer::parse(
            "enable = [\"judgment.single-source\"]\nlow-reliability = \"D\"\nlow-credibility = 5\n\
             [severity]\n\"judgment.single-source\" = \"error\"\n",
            "checks.toml",
        )
        .unwrap();
        let rules = Rules::default().with(&template);
        assert!(!rules.is_enabled("judgment.single-source"));
        assert!(rules.is_enabled("structure.bottom-line"));
        assert!(!rules.is_enabled("structure.time-window"));
        let rules = rules.with(&user);
        assert!(rules.is_enabled("judgment.single-source"));
        assert_eq!(rules.severity("judgment.single-source"), Severity::Error);
        assert!(!rules.is_low(&Reliability::new("C"), Credibility(4)));
        assert!(rules.is_low(&Reliability::new("D"), Credibility(1)));
        assert!(rules.is_low(&Reliability::new("A"), Credibility(5)));
    }

    #[test]
    fn bad_layers_say_what_and_where() {
        let e = RulesLayer::parse("disable = [\"judgment.unsourced\"]", "u.toml").unwrap_err();
        assert!(e.to_string().contains("\"judgment.unsourced\""), "{e}");
        let e = RulesLayer::parse("\n\nlow-reliability = \"G\"", "u.toml").unwrap_err();
        assert!(e.to_string().contains("A to F"), "{e}");
        let e = RulesLayer::parse("low-credibility = 9", "u.toml").unwrap_err();
        assert!(e.to_string().contains("1 to 6"), "{e}");
        let e = RulesLayer::parse("a = 1\nrequire = [\"moat\"]", "u.toml").unwrap_err();
        assert!(e.to_string().starts_with("u.toml:1:1:"), "{e}");
        let e = RulesLayer::parse("require = [\"moat\"]", "u.toml").unwrap_err();
        assert!(e.to_string().starts_with("u.toml:1:"), "{e}");
    }
}
