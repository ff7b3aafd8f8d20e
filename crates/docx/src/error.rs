//! Why a Word file could not be written.

use std::path::PathBuf;

/// An error writing a `.docx`; each names the part or file involved.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The zip container could not be written.
    #[error("writing {part} into the Word package: {source}")]
    Zip {
        /// The part being written, e.g. `word/document.xml`.
        part: String,
        #[source]
        source: zip::result::ZipError,
    },
    /// The page style leaves no room for text.
    #[error("page style: {0}")]
    Style(String),
    /// The reference document named by the template cannot be used.
    #[error("{}: cannot use as the reference .docx: {reason}", path.display())]
    Reference {
        /// The reference document's path.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}
