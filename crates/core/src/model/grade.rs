//! Source grading (Admiralty/NATO) and estimative language (ICD 203).
//!
//! Grades keep the raw value as written so that a file with an out-of-range grade still
//! loads and validation can report it with its place, instead of failing on the first one.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Source reliability, `A` (completely reliable) to `F` (cannot be judged).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Reliability(pub String);

impl Reliability {
    /// The six grades in order, each with its meaning.
    pub const SCALE: [(&'static str, &'static str); 6] = [
        ("A", "completely reliable"),
        ("B", "usually reliable"),
        ("C", "fairly reliable"),
        ("D", "not usually reliable"),
        ("E", "unreliable"),
        ("F", "reliability cannot be judged"),
    ];

    /// Makes a grade from its letter.
    pub fn new(letter: &str) -> Self {
        Reliability(letter.to_owned())
    }

    /// The meaning of the grade, or `None` when it is not one of A–F.
    pub fn meaning(&self) -> Option<&'static str> {
        Self::SCALE
            .iter()
            .find(|(g, _)| *g == self.0)
            .map(|(_, m)| *m)
    }

    /// Whether the grade is one of A–F.
    pub fn is_valid(&self) -> bool {
        self.meaning().is_some()
    }
}

impl fmt::Display for Reliability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Information credibility, 1 (confirmed) to 6 (cannot be judged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Credibility(pub i64);

impl Credibility {
    /// The six grades in order, each with its meaning.
    pub const SCALE: [(i64, &'static str); 6] = [
        (1, "confirmed by other sources"),
        (2, "probably true"),
        (3, "possibly true"),
        (4, "doubtful"),
        (5, "improbable"),
        (6, "truth cannot be judged"),
    ];

    /// The meaning of the grade, or `None` when it is not one of 1–6.
    pub fn meaning(self) -> Option<&'static str> {
        Self::SCALE
            .iter()
            .find(|(g, _)| *g == self.0)
            .map(|(_, m)| *m)
    }

    /// Whether the grade is one of 1–6.
    pub fn is_valid(self) -> bool {
        self.meaning().is_some()
    }
}

impl fmt::Display for Credibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Analytic confidence in a judgment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Low,
    #[default]
    Moderate,
    High,
}

impl Confidence {
    /// All levels, lowest first.
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Moderate, Confidence::High];

    /// The word used in a brief: "low", "moderate", "high".
    pub fn term(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Moderate => "moderate",
            Confidence::High => "high",
        }
    }
}

/// ICD 203 likelihood term, each with its probability band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Likelihood {
    AlmostNoChance,
    VeryUnlikely,
    Unlikely,
    RoughlyEvenChance,
    #[default]
    Likely,
    VeryLikely,
    AlmostCertain,
}

impl Likelihood {
    /// All terms, least likely first.
    pub const ALL: [Likelihood; 7] = [
        Likelihood::AlmostNoChance,
        Likelihood::VeryUnlikely,
        Likelihood::Unlikely,
        Likelihood::RoughlyEvenChance,
        Likelihood::Likely,
        Likelihood::VeryLikely,
        Likelihood::AlmostCertain,
    ];

    /// The estimative term as written in a brief, e.g. "very likely".
    pub fn term(self) -> &'static str {
        match self {
            Likelihood::AlmostNoChance => "almost no chance",
            Likelihood::VeryUnlikely => "very unlikely",
            Likelihood::Unlikely => "unlikely",
            Likelihood::RoughlyEvenChance => "roughly even chance",
            Likelihood::Likely => "likely",
            Likelihood::VeryLikely => "very likely",
            Likelihood::AlmostCertain => "almost certain",
        }
    }

    /// The probability band in percent, e.g. (55, 80) for "likely".
    pub fn band(self) -> (u8, u8) {
        match self {
            Likelihood::AlmostNoChance => (1, 5),
            Likelihood::VeryUnlikely => (5, 20),
            Likelihood::Unlikely => (20, 45),
            Likelihood::RoughlyEvenChance => (45, 55),
            Likelihood::Likely => (55, 80),
            Likelihood::VeryLikely => (80, 95),
            Likelihood::AlmostCertain => (95, 99),
        }
    }
}
