//! Errors of the layout. Markdown never fails to typeset; only a page style that leaves no
//! room for text does.

/// Why a document could not be typeset.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LayoutError {
    /// The page style cannot be used (e.g. margins wider than the paper).
    #[error("unusable page style: {0}")]
    Style(String),
}
