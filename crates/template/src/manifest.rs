//! A template's manifest (`template.toml`): its name, description, the sections a new
//! brief starts with, and the page style of its PDF.

use crate::TemplateError;
use briefsmith_style::PageStyle;
use serde::{Deserialize, Serialize};

/// File name of the manifest in a template folder.
pub const MANIFEST_FILE: &str = "template.toml";
/// File name of the template text (minijinja producing Markdown) in a template folder.
pub const MAIN_FILE: &str = "brief.md.j2";

/// What a template's `template.toml` says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The name briefs use in `meta.template`; equals the folder's name.
    pub name: String,
    /// One line for lists and menus.
    pub description: String,
    /// Section headings a new brief made with this template starts with.
    #[serde(default)]
    pub default_sections: Vec<String>,
    /// Paper, margins, type, running heads, banner and notes of the PDF.
    #[serde(default)]
    pub page: PageStyle,
    /// Word export: font names, spacing, language, an optional reference `.docx`.
    #[serde(default)]
    pub word: briefsmith_style::WordStyle,
    /// Tradecraft rules for briefs made with this template (`require`, `disable`,
    /// thresholds), passed as data to the checks engine, which validates them.
    #[serde(default, skip_serializing_if = "toml::Table::is_empty")]
    pub checks: toml::Table,
}

impl Manifest {
    /// Parses a manifest; `file` names it in errors (which carry line and column).
    pub fn parse(text: &str, file: &str) -> Result<Manifest, TemplateError> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| TemplateError::Manifest {
            file: file.to_owned(),
            message: e.to_string().trim_end().to_owned(),
        })?;
        if manifest.name.trim().is_empty() {
            return Err(TemplateError::Manifest {
                file: file.to_owned(),
                message: "`name` is empty".into(),
            });
        }
        Ok(manifest)
    }
}
