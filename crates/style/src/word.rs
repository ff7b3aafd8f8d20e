//! The `[word]` table of a template's manifest: what a Word file needs beyond the page
//! style it shares with the PDF (font names, paragraph spacing, language).

use serde::{Deserialize, Serialize};

/// Word-specific styling of a template. Every field has a default, so a manifest without
/// a `[word]` table still exports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WordStyle {
    /// Font name for the serif family (the PDF embeds the bundled Noto Serif).
    pub serif_font: String,
    /// Font name for the sans family.
    pub sans_font: String,
    /// Font name for code and the mono family.
    pub mono_font: String,
    /// Font for right-to-left scripts (Word's "complex script" font).
    pub complex_font: String,
    /// Space after a body paragraph, in points.
    pub paragraph_after_pt: f32,
    /// Space before a heading, in points (after it: half of this).
    pub heading_before_pt: f32,
    /// Left indent of block quotes, in millimetres.
    pub quote_indent_mm: f32,
    /// The document's language as a BCP 47 tag (`w:lang`, `dc:language`).
    pub language: String,
    /// A `.docx` in the template's folder whose styles replace the generated ones, as
    /// Pandoc's `--reference-doc` does; styles it lacks are still generated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_docx: Option<String>,
}

impl Default for WordStyle {
    fn default() -> Self {
        WordStyle {
            serif_font: "Noto Serif".into(),
            sans_font: "Noto Sans".into(),
            mono_font: "Noto Sans Mono".into(),
            complex_font: "Noto Naskh Arabic".into(),
            paragraph_after_pt: 6.0,
            heading_before_pt: 12.0,
            quote_indent_mm: 8.0,
            language: "en-GB".into(),
            reference_docx: None,
        }
    }
}

impl WordStyle {
    /// The font name Word uses for a bundled family.
    pub fn font(&self, family: crate::Family) -> &str {
        match family {
            crate::Family::Serif => &self.serif_font,
            crate::Family::Sans => &self.sans_font,
            crate::Family::Mono => &self.mono_font,
        }
    }
}
