//! Template sets: built-ins, user folders that replace or add templates, and the errors a
//! broken or runaway template gives.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

mod common;

use briefsmith_template::{Origin, Registry, TemplateError, render};
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

const DATE: &str = "2024-10-13";

/// Writes a template folder `<dir>/<name>/` with this template text.
fn write_template(dir: &Path, name: &str, text: &str) {
    let folder = dir.join(name);
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("template.toml"),
        format!("name = \"{name}\"\ndescription = \"Test template {name}\"\ndefault_sections = [\"One\"]\n\n[page]\npaper = \"letter\"\nnotes = \"endnotes\"\n"),
    )
    .unwrap();
    fs::write(folder.join("brief.md.j2"), text).unwrap();
}

#[test]
fn built_in_templates_load_compile_and_describe_themselves() {
    let registry = Registry::with_user_dirs(&[]).expect("built-ins compile");
    assert_eq!(registry.names(), ["bluf-memo", "read-ahead", "sitrep"]);
    for tpl in registry.templates() {
        assert_eq!(tpl.origin, Origin::BuiltIn);
        assert!(!tpl.manifest.description.is_empty());
        assert!(!tpl.manifest.default_sections.is_empty());
    }
    let sitrep = registry.get("sitrep").unwrap();
    assert_eq!(sitrep.manifest.default_sections[1], "Key developments");
    assert_eq!(
        registry.get("read-ahead").unwrap().manifest.page.notes,
        briefsmith_style::NotesPlacement::Endnotes
    );
}

#[test]
fn a_user_folder_replaces_a_built_in_and_adds_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    write_template(dir.path(), "bluf-memo", "# Mine: {{ meta.title }}\n");
    write_template(dir.path(), "weekly", "# Weekly {{ meta.title }}\n");
    let registry = Registry::with_user_dirs(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(
        registry.names(),
        ["bluf-memo", "read-ahead", "sitrep", "weekly"]
    );
    let mine = registry.get("bluf-memo").unwrap();
    assert_eq!(mine.origin, Origin::Folder(dir.path().join("bluf-memo")));
    assert_eq!(mine.manifest.page.paper, briefsmith_style::Paper::Letter);
    let md = render(mine, &common::small(), None, DATE).unwrap();
    assert_eq!(md, "# Mine: Russia and Iran\n");
}

#[test]
fn a_user_template_can_use_the_shared_macros() {
    let dir = tempfile::tempdir().unwrap();
    write_template(
        dir.path(),
        "plain",
        "{% import \"_common/macros.md.j2\" as m %}# {{ meta.title }}\n\n{{ m.sections(sections) }}{{ m.footnotes(notes) }}",
    );
    let registry = Registry::with_user_dirs(&[dir.path().to_path_buf()]).unwrap();
    let md = render(registry.get("plain").unwrap(), &common::small(), None, DATE).unwrap();
    assert!(
        md.contains("> — Vladimir Putin, President of Russia, 11 October 2024[^2]"),
        "{md}"
    );
    assert!(md.contains("[^1]: Financial Times"), "{md}");
}

#[test]
fn a_syntax_error_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write_template(
        dir.path(),
        "broken",
        "# {{ meta.title }}\n\nline two\n{% for x in %}\n",
    );
    let err = Registry::with_user_dirs(&[dir.path().to_path_buf()]).unwrap_err();
    let shown = err.to_string();
    let file = dir.path().join("broken").join("brief.md.j2");
    assert!(
        shown.starts_with(&format!("{}:4: syntax error", file.display())),
        "{shown}"
    );
    assert!(matches!(err, TemplateError::Template { line: Some(4), .. }));
}

#[test]
fn a_render_error_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write_template(
        dir.path(),
        "typo",
        "# {{ meta.title }}\n\n{{ meta.title | nosuchfilter }}\n",
    );
    let registry = Registry::with_user_dirs(&[dir.path().to_path_buf()]).unwrap();
    let err = render(registry.get("typo").unwrap(), &common::small(), None, DATE).unwrap_err();
    let file = dir.path().join("typo").join("brief.md.j2");
    assert!(
        err.to_string()
            .starts_with(&format!("{}:3: ", file.display())),
        "{err}"
    );
    assert!(err.to_string().contains("nosuchfilter"), "{err}");
}

#[test]
fn a_runaway_template_runs_out_of_fuel_quickly() {
    let dir = tempfile::tempdir().unwrap();
    write_template(
        dir.path(),
        "loop",
        "# x\n{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}\n",
    );
    let registry = Registry::with_user_dirs(&[dir.path().to_path_buf()]).unwrap();
    let started = Instant::now();
    let err = render(registry.get("loop").unwrap(), &common::small(), None, DATE).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(matches!(err, TemplateError::OutOfFuel { .. }), "{err}");
    let shown = err.to_string();
    assert!(
        shown.contains("brief.md.j2") && shown.contains("ran out of fuel"),
        "{shown}"
    );
}

#[test]
fn templates_cannot_reach_files_outside_their_set() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    write_template(dir.path(), "nosy", "{% include \"../secret.txt\" %}\n");
    let registry = Registry::with_user_dirs(&[dir.path().to_path_buf()]).unwrap();
    let err = render(registry.get("nosy").unwrap(), &common::small(), None, DATE).unwrap_err();
    assert!(err.to_string().contains("template not found"), "{err}");
}

#[test]
fn a_bad_manifest_is_reported_with_its_file() {
    let dir = tempfile::tempdir().unwrap();
    write_template(dir.path(), "odd", "# x\n");
    fs::write(
        dir.path().join("odd/template.toml"),
        "name = \"odd\"\ndescription = 3\n",
    )
    .unwrap();
    let err = Registry::with_user_dirs(&[dir.path().to_path_buf()]).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("template.toml") && shown.contains("line 2"),
        "{shown}"
    );

    fs::write(
        dir.path().join("odd/template.toml"),
        "name = \"other\"\ndescription = \"d\"\n",
    )
    .unwrap();
    let err = Registry::with_user_dirs(&[dir.path().to_path_buf()]).unwrap_err();
    assert!(err.to_string().contains("differs from the folder"), "{err}");

    fs::remove_file(dir.path().join("odd/template.toml")).unwrap();
    let err = Registry::with_user_dirs(&[dir.path().to_path_buf()]).unwrap_err();
    assert!(err.to_string().contains("needs a template.toml"), "{err}");
}

#[test]
fn a_missing_folder_is_an_error_naming_it() {
    let err = Registry::with_user_dirs(&["/no/such/briefsmith/templates".into()]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("/no/such/briefsmith/templates: "),
        "{err}"
    );
}

#[test]
fn unknown_names_list_the_known_ones() {
    let registry = Registry::builtin();
    let err = registry.require("memo").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown template \"memo\"; known templates: bluf-memo, read-ahead, sitrep"
    );
}
