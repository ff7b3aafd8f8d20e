//! The root integration tests, as one test binary with a module per area: one link of the
//! app instead of one per file, and one copy of each shared helper module.
//!
//! Run one area with `cargo test -p briefsmith --test it gui_flows::`.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a failed step fails the test"
)]

// Shared helpers.
mod cli_support;
mod docx_support;
mod gui_support;
mod pdf_support;
mod templates_support;

// The command line.
mod cli_check;
mod cli_import;
mod cli_library;
mod cli_list;
mod cli_validate;
mod export_cli;
mod export_docx;
mod markings_export;
mod typeset_cli;
mod typeset_honest_cli;

// The export pipeline and the PDF read back.
mod export_pipeline;
mod pdf_archival;
mod pdf_commonmark;
mod pdf_output;
mod pdf_reproducible;
mod pdf_tagged;
mod sample_dataset_save;
mod templates_samples;

// The app, driven through egui_kittest (and one real window).
mod gui_checks;
mod gui_export_docx;
mod gui_flows;
mod gui_import;
mod gui_laptop;
mod gui_library;
mod gui_markings;
mod gui_persistence;
mod gui_window;
