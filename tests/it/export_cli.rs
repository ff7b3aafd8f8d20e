//! `briefsmith templates` and `briefsmith export`, run as a user runs them.

use crate::cli_support::briefsmith;
use crate::templates_support::{parse, sample, sample_path};
use std::fs;
use std::path::Path;

/// A copy of a sample draft and the dataset beside it in `dir`; returns the draft's path.
fn copy_sample(dir: &Path, name: &str) -> std::path::PathBuf {
    let from = sample_path(name);
    let folder = from.parent().unwrap();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".dataset.json") {
            fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let to = dir.join(name);
    fs::copy(&from, &to).unwrap();
    to
}

fn write_template(dir: &Path, name: &str, body: &str) {
    let folder = dir.join(name);
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("template.toml"),
        format!("name = \"{name}\"\ndescription = \"Custom {name}\"\n"),
    )
    .unwrap();
    fs::write(folder.join("brief.md.j2"), body).unwrap();
}

#[test]
fn templates_lists_names_and_descriptions() {
    let home = tempfile::tempdir().unwrap();
    let out = briefsmith(["templates"]).home(home.path()).ok();
    let listing = &out.stdout;
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 3, "{listing}");
    assert!(lines[0].starts_with("bluf-memo ") && lines[0].contains("bottom line up front"));
    assert!(lines[1].starts_with("read-ahead ") && lines[1].contains("talking points"));
    assert!(lines[2].starts_with("sitrep ") && lines[2].contains("Situation report"));
}

#[test]
fn templates_from_the_config_folder_and_the_option_are_listed() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("briefsmith").join("templates");
    write_template(&config, "weekly", "# {{ meta.title }}\n");
    let extra = tempfile::tempdir().unwrap();
    write_template(extra.path(), "sitrep", "# Custom {{ meta.title }}\n");
    let out = briefsmith(["templates", "--templates", extra.path().to_str().unwrap()])
        .home(home.path())
        .ok();
    let listing = &out.stdout;
    assert!(
        listing.contains("weekly") && listing.contains("Custom weekly"),
        "{listing}"
    );
    let sitrep = listing.lines().find(|l| l.starts_with("sitrep")).unwrap();
    assert!(
        sitrep.contains("Custom sitrep") && sitrep.contains(&extra.path().display().to_string())
    );
}

#[test]
fn export_md_writes_next_to_the_draft_with_the_drafts_template() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let draft = copy_sample(work.path(), "sitrep-israel-iran.brief.json");
    let (brief, _) = sample("sitrep-israel-iran.brief.json");
    let banner = brief.meta.classification.as_str();
    let out = briefsmith(["export", draft.to_str().unwrap(), "--format", "md"])
        .home(home.path())
        .ok();
    let written = work.path().join("sitrep-israel-iran.md");
    assert!(out.stdout.contains(&written.display().to_string()));
    let md = fs::read_to_string(&written).unwrap();
    assert!(
        md.starts_with(&format!("{banner}\n\n# {}\n", brief.meta.title)),
        "{}",
        &md[..60]
    );
    assert!(md.trim_end().ends_with(banner));
    let parsed = parse(&md);
    assert!(parsed.headings.iter().any(|h| h.1 == "Key developments"));
    assert!(!parsed.note_defs.is_empty());
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn export_with_another_template_and_output() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let out_path = work.path().join("kazan.md");
    let draft = sample_path("read-ahead-kazan.brief.json");
    briefsmith([
        "export",
        draft.to_str().unwrap(),
        "--template",
        "bluf-memo",
        "-o",
        out_path.to_str().unwrap(),
    ])
    .home(home.path())
    .ok();
    let md = fs::read_to_string(&out_path).unwrap();
    assert!(
        md.contains(&format!(
            "\n**For:** {}",
            sample("read-ahead-kazan.brief.json").0.meta.audience
        )),
        "bluf-memo metadata"
    );
}

#[test]
fn export_pdf_writes_a_pdf_with_the_briefs_pages() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let out_path = work.path().join("memo.pdf");
    let draft = sample_path("bluf-air-defence.brief.json");
    briefsmith([
        "export",
        draft.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ])
    .home(home.path())
    .ok();
    let bytes = fs::read(&out_path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&bytes).expect("a readable PDF");
    assert!(
        doc.get_pages().len() >= 2,
        "a memo of this length runs over a page"
    );
}

#[test]
fn export_errors_name_the_problem_and_leave_old_output_alone() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let out_path = work.path().join("old.md");
    fs::write(&out_path, "previous export").unwrap();
    let draft = sample_path("sitrep-israel-iran.brief.json");
    let out = briefsmith([
        "export",
        draft.to_str().unwrap(),
        "--template",
        "memo",
        "-o",
        out_path.to_str().unwrap(),
    ])
    .home(home.path())
    .run();
    assert!(!out.success());
    let err = &out.stderr;
    assert!(
        err.contains("unknown template \"memo\"") && err.contains("bluf-memo, read-ahead, sitrep"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&out_path).unwrap(), "previous export");

    let missing = work.path().join("nowhere.brief.json");
    let out = briefsmith(["export", missing.to_str().unwrap(), "--format", "md"])
        .home(home.path())
        .run();
    assert!(!out.success());
    assert!(out.stderr.contains("nowhere.brief.json"), "{}", out.stderr);

    let out = briefsmith(["export", draft.to_str().unwrap(), "-o", "x.txt"])
        .home(home.path())
        .run();
    assert!(!out.success());
    assert!(out.stderr.contains("add --format md, pdf or docx"));
}

#[test]
fn a_user_template_overrides_the_built_in_and_its_errors_name_file_and_line() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let templates = work.path().join("templates");
    let (brief, _) = sample("sitrep-israel-iran.brief.json");
    write_template(
        &templates,
        "sitrep",
        "# {{ meta.title }}\n\nMy own sitrep for {{ meta.audience }}.\n",
    );
    let out_path = work.path().join("s.md");
    let draft = sample_path("sitrep-israel-iran.brief.json");
    let args = |tpl: &str| {
        vec![
            "--templates".to_owned(),
            tpl.to_owned(),
            "export".to_owned(),
            draft.to_str().unwrap().to_owned(),
            "-o".to_owned(),
            out_path.to_str().unwrap().to_owned(),
        ]
    };
    let a = args(templates.to_str().unwrap());
    briefsmith(&a).home(home.path()).ok();
    assert_eq!(
        fs::read_to_string(&out_path).unwrap(),
        format!(
            "# {}\n\nMy own sitrep for {}.\n",
            brief.meta.title, brief.meta.audience
        )
    );

    write_template(&templates, "sitrep", "# {{ meta.title }}\n{% if %}\n");
    let out = briefsmith(&a).home(home.path()).run();
    assert!(!out.success());
    let err = &out.stderr;
    let file = templates.join("sitrep").join("brief.md.j2");
    assert!(
        err.contains(&format!("{}:2: syntax error", file.display())),
        "{err}"
    );
}

#[test]
fn an_export_never_overwrites_its_draft_or_dataset() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let draft = copy_sample(work.path(), "bluf-air-defence.brief.json");
    let draft_before = fs::read(&draft).unwrap();
    let dataset = work.path().join("russia-iran-2024-10.dataset.json");
    let dataset_before = fs::read(&dataset).unwrap();
    for target in [&draft, &dataset] {
        let out = briefsmith([
            "export",
            draft.to_str().unwrap(),
            "--format",
            "pdf",
            "-o",
            target.to_str().unwrap(),
        ])
        .home(home.path())
        .run();
        assert!(!out.success());
        let err = &out.stderr;
        assert!(err.contains("being exported"), "{err}");
    }
    assert_eq!(fs::read(&draft).unwrap(), draft_before);
    assert_eq!(fs::read(&dataset).unwrap(), dataset_before);
}

#[test]
fn export_warns_about_characters_no_embedded_font_covers() {
    let dir = tempfile::tempdir().unwrap();
    let draft = copy_sample(dir.path(), "sitrep-israel-iran.brief.json");
    let mut brief: briefsmith_core::model::Brief =
        serde_json::from_slice(&fs::read(&draft).unwrap()).unwrap();
    brief.sections[0]
        .blocks
        .push(briefsmith_core::model::Block::Text(
            briefsmith_core::model::TextBlock {
                // Private use: no font, bundled or system, is chosen for it.
                markdown: "Seoul said: \u{E000}.".into(),
                marking: None,
            },
        ));
    fs::write(&draft, serde_json::to_vec_pretty(&brief).unwrap()).unwrap();
    let out_pdf = dir.path().join("out.pdf");
    let out = briefsmith([
        "export",
        draft.to_str().unwrap(),
        "-o",
        out_pdf.to_str().unwrap(),
    ])
    .home(dir.path())
    .ok();
    let stderr = &out.stderr;
    assert!(
        stderr.contains("have no font") && stderr.contains("(U+E000, page 1)"),
        "{stderr}"
    );
    assert!(out_pdf.is_file());
}
