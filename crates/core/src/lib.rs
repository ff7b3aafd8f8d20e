//! The core: data model, validation, files, editing commands. No GUI dependency.

pub mod compose;
pub mod date;
pub mod model;
pub mod store;
pub mod synthetic;
pub mod validate;
