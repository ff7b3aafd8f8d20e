//! The style a template's manifest declares (page, type, notes, Word specifics) and the
//! facts about a document that are not in its Markdown (title, banner, date). The
//! typesetter, the PDF and Word writers and the template registry all read these; none
//! of them needs the others to do so.

mod page;
mod word;

pub use page::{DocumentInfo, Family, Margins, NotesPlacement, PageStyle, Paper};
pub use word::WordStyle;
