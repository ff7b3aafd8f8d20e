//! Handling marks as data: marking schemes read from TOML (built-ins from `markings/`,
//! plus the user's), marks read from text and written as portion marks and banners, the
//! banner rolled up from a brief's portions (or from each page's, see [`PageRollUp`]), and
//! releasable versions cut to a ceiling.
//!
//! The built-in schemes (US-style, UK government, TLP 2.0) are for training and
//! formatting; they are not an authority on how to classify or handle information.

mod document;
mod error;
mod mark;
mod markdown;
mod paged;
mod registry;
mod release;
mod scheme;

pub use document::{BriefMarks, DocumentMarks};
pub use error::{BriefMarkError, MarkError, SchemeError};
pub use mark::{Carried, Mark, roll_up};
pub use markdown::{MarkdownMarkError, MarkedMarkdown, read_markdown_marks};
pub use paged::{LABEL_ROOM, PageRollUp, opening_mark};
pub use registry::{Origin, Schemes, user_scheme_dir};
pub use release::{Dropped, Reduction, reduce, reduce_brief};
pub use scheme::{BannerScope, Category, ClassificationBlock, Level, Rule, Scheme, Value, rgb};

use briefsmith_core::model::{Brief, Dataset};

/// The scheme a brief names, `None` when it names none.
pub fn scheme_of<'s>(
    schemes: &'s Schemes,
    brief: &Brief,
) -> Result<Option<&'s Scheme>, BriefMarkError> {
    let name = brief.meta.markings.scheme.trim();
    if name.is_empty() {
        return Ok(None);
    }
    schemes
        .get(name)
        .map(Some)
        .ok_or_else(|| BriefMarkError::UnknownScheme {
            name: name.to_owned(),
            known: schemes.names(),
        })
}

/// The marks of a brief as text for its exports; `None` for a brief without a scheme.
pub fn document_marks(
    schemes: &Schemes,
    brief: &Brief,
    dataset: Option<&Dataset>,
) -> Result<Option<DocumentMarks>, BriefMarkError> {
    let Some(scheme) = scheme_of(schemes, brief)? else {
        return Ok(None);
    };
    Ok(Some(
        BriefMarks::of(scheme, brief, dataset)?.document(brief),
    ))
}
