//! Brief → Markdown through minijinja templates.
//!
//! A template is a folder with a manifest (`template.toml`: name, description, default
//! sections, page style) and a minijinja text (`brief.md.j2`) that writes Markdown. The
//! built-in templates are compiled in; folders of the user's replace or add to them.
//!
//! Every value a template prints is escaped for Markdown unless it is marked safe, so text
//! from the dataset or the draft comes out literally. The analyst's own Markdown (free text,
//! notes, judgments, bottom line) is handed to templates already sanitised and marked safe:
//! its formatting works, raw HTML is shown as text, and links other than http, https and
//! mailto keep only their text.

mod context;
mod engine;
mod error;
mod escape;
mod manifest;
mod portion;
mod registry;
mod render;
mod sanitize;

pub use context::UNTITLED;
pub use error::TemplateError;
pub use manifest::Manifest;
pub use registry::{Origin, Registry, Template, user_template_dir};
pub use render::{Target, render, render_for, render_marked};
