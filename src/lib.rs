//! Briefsmith: the desktop app and the command line on top of the core crates.

pub mod app;
pub mod checks;
pub mod cli;
pub mod export;
pub mod intake;
pub mod marking;
pub mod report;
pub mod sample;
