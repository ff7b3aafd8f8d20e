//! `briefsmith export --format docx` as a user runs it, read back by the tools a Word user's
//! file meets: LibreOffice (headless, converting to PDF, whose text poppler's `pdftotext`
//! reads) and python-docx (`tests/it/read_docx.py`).
//!
//! LibreOffice runs with a private profile per test (parallel tests do not share one) and
//! a fontconfig file adding the bundled `fonts/`, so it sets the Noto families the
//! template names, as a reader who has them installed would see the brief.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli_support::briefsmith;
use crate::docx_support::read_docx;
use crate::pdf_support::poppler_file;
use crate::templates_support::{SAMPLES, options, parse, sample_path};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::Value;

const TEMPLATES: [&str; 3] = ["bluf-memo", "sitrep", "read-ahead"];

/// Exports every sample with every template as `.docx` and `.md` into `dir`; returns
/// (sample, template, docx path, markdown) for each.
fn export_all(dir: &Path) -> Vec<(String, String, PathBuf, String)> {
    let mut out = Vec::new();
    for sample in SAMPLES {
        let draft = sample_path(sample);
        let stem = sample.trim_end_matches(".brief.json");
        for template in TEMPLATES {
            let docx = dir.join(format!("{stem}-{template}.docx"));
            let md = dir.join(format!("{stem}-{template}.md"));
            let draft = draft.to_str().unwrap();
            briefsmith([
                "export",
                draft,
                "--format",
                "docx",
                "--template",
                template,
                "-o",
                docx.to_str().unwrap(),
            ])
            .home(dir)
            .ok();
            briefsmith([
                "export",
                draft,
                "--template",
                template,
                "-o",
                md.to_str().unwrap(),
            ])
            .home(dir)
            .ok();
            out.push((
                stem.to_owned(),
                template.to_owned(),
                docx,
                fs::read_to_string(&md).unwrap(),
            ));
        }
    }
    out
}

/// Converts the files to PDF in ONE LibreOffice run (it starts slowly), into `dir`.
fn soffice_to_pdf(dir: &Path, files: &[&Path]) {
    let profile = dir.join("lo-profile");
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let conf = dir.join("fonts.conf");
    fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig>\n  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
            fonts.display(),
            dir.join("fc-cache").display()
        ),
    )
    .unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .args(files)
        .env("FONTCONFIG_FILE", &conf)
        .env("HOME", dir)
        .output()
        .expect("soffice runs (apt-get install libreoffice-writer)");
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in files {
        let pdf = f.with_extension("pdf");
        assert!(
            pdf.is_file(),
            "LibreOffice did not convert {}: {}{}",
            f.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Words for comparing texts: runs of letters or of digits, lower-cased. Punctuation and
/// spacing differ between Markdown source and extracted PDF text (quotes, dashes, line
/// ends, justified spaces), so they are not compared; letters and digits are.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut digits = false;
    for c in text.chars() {
        let (letter, digit) = (c.is_alphabetic(), c.is_numeric());
        if (letter || digit) && (word.is_empty() || digits == digit) {
            word.extend(c.to_lowercase());
            digits = digit;
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if letter || digit {
                word.extend(c.to_lowercase());
                digits = digit;
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The Markdown's words as a reader reads them: the body in order, and each footnote's
/// text apart (in the PDF notes stand at the foot of pages or at the end, so only each
/// note's own words keep an order). Note reference labels are left out.
fn markdown_words(md: &str) -> (Vec<String>, Vec<String>) {
    let mut body = String::new();
    let mut notes = Vec::new();
    let mut note: Option<String> = None;
    for event in Parser::new_ext(md, options()) {
        let target = note.as_mut().unwrap_or(&mut body);
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => note = Some(String::new()),
            Event::End(TagEnd::FootnoteDefinition) => notes.extend(note.take()),
            Event::Text(t) | Event::Code(t) => target.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => target.push(' '),
            _ => {}
        }
    }
    (words(&body), notes)
}

/// Asserts that `expected` occurs in `actual` in order (other words may come between: page
/// furniture, notes at the foot of pages). Two artefacts of reading text out of a PDF are
/// allowed for: a figure may run into a note number set right after it ("2016" and a
/// reference "16" read as "201616"), and pdftotext joins a word broken after its hyphen at
/// a line end ("surface-to-" / "air" reads as "toair").
fn assert_in_order(expected: &[String], actual: &[String], what: &str) {
    let mut at = 0;
    let mut i = 0;
    while i < expected.len() {
        let word = &expected[i];
        let joined = expected.get(i + 1).map(|next| format!("{word}{next}"));
        let found = actual[at..].iter().enumerate().find_map(|(k, a)| {
            if a == word
                || (word.chars().all(char::is_numeric)
                    && a.starts_with(word.as_str())
                    && a.chars().all(char::is_numeric))
            {
                Some((k, 1))
            } else if joined.as_deref() == Some(a.as_str()) {
                Some((k, 2))
            } else {
                None
            }
        });
        match found {
            Some((k, used)) => {
                at += k + 1;
                i += used;
            }
            None => panic!(
                "{what}: word {i} {word:?} not found after {:?}; expected next {:?}",
                &actual[at.saturating_sub(8)..at],
                &expected[i..(i + 8).min(expected.len())]
            ),
        }
    }
}

#[test]
fn every_sample_with_every_template_opens_in_libreoffice_with_every_word_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let exports = export_all(dir.path());
    let files: Vec<&Path> = exports.iter().map(|(_, _, d, _)| d.as_path()).collect();
    soffice_to_pdf(dir.path(), &files);
    for (sample, template, docx, md) in &exports {
        let what = format!("{sample} with {template}");
        let text = poppler_file("pdftotext", &[], &docx.with_extension("pdf"));
        let actual = words(&text);
        let (body, notes) = markdown_words(md);
        assert!(body.len() > 200, "{what}: the sample has a body");
        assert_in_order(&body, &actual, &what);
        assert!(!notes.is_empty(), "{what}: the sample has notes");
        for note in &notes {
            assert_in_order(&words(note), &actual, &format!("{what}, note {note:?}"));
        }
    }
}

#[test]
fn python_docx_finds_headings_notes_tables_and_the_banner() {
    let dir = tempfile::tempdir().unwrap();
    for (sample, template, docx, md) in export_all(dir.path()) {
        let what = format!("{sample} with {template}");
        let found = read_docx(&docx);
        let parsed = parse(&md);

        // Headings by style: the leading level-1 heading is the Title, the rest Heading N.
        let expected: Vec<(String, String)> = parsed
            .headings
            .iter()
            .enumerate()
            .map(|(i, (level, text))| {
                let style = if i == 0 && *level == 1 {
                    "Title".to_owned()
                } else {
                    format!("Heading {level}")
                };
                (style, text.clone())
            })
            .collect();
        let endnotes = template != "bluf-memo";
        let headings: Vec<(String, String)> = found["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| {
                let style = p["style"].as_str().unwrap();
                (style == "Title" || style.starts_with("Heading "))
                    .then(|| (style.to_owned(), p["text"].as_str().unwrap().to_owned()))
            })
            .collect();
        assert_eq!(headings, expected, "{what}");

        // Every note, with its text, as a real Word note of the template's kind, numbered
        // in the order the text first references them.
        let (_, note_texts) = markdown_words(&md);
        let mut by_label: Vec<(String, String)> =
            parsed.note_defs.iter().cloned().zip(note_texts).collect();
        let mut order: Vec<String> = Vec::new();
        for label in &parsed.note_refs {
            if !order.contains(label) {
                order.push(label.clone());
            }
        }
        by_label.sort_by_key(|(label, _)| order.iter().position(|l| l == label));
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let kind = if endnotes { "endnotes" } else { "footnotes" };
        let other = if endnotes { "footnotes" } else { "endnotes" };
        let notes: Vec<String> = found[kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| squash(n["text"].as_str().unwrap()))
            .collect();
        let expected: Vec<String> = by_label.iter().map(|(_, t)| squash(t)).collect();
        assert_eq!(notes, expected, "{what}: {kind}");
        assert!(
            found[other].as_array().unwrap().is_empty(),
            "{what}: {other}"
        );
        assert!(
            notes.iter().all(|n| n.contains("Grade ")),
            "{what}: provenance"
        );

        // Tables: the same cells, the header row marked to repeat on every page.
        let tables: Vec<Vec<Vec<String>>> =
            serde_json::from_value(found["tables"].clone()).unwrap();
        assert_eq!(tables, parsed.tables, "{what}: tables");
        assert!(
            found["header_rows"]
                .as_array()
                .unwrap()
                .iter()
                .all(|h| h.as_bool() == Some(true)),
            "{what}: repeating header rows"
        );

        // The banner in the header of every page (the first page's too) and the footer;
        // "Page N of M" as fields.
        // The Markdown export states the banner on its first line.
        let banner = md.lines().next().unwrap().trim().to_owned();
        assert!(
            !banner.is_empty() && !banner.starts_with('#'),
            "{what}: {banner}"
        );
        for place in ["header", "first_page_header", "footer"] {
            let texts: Vec<&str> = found[place]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            assert!(
                texts.contains(&banner.as_str()),
                "{what}: {place} {texts:?}"
            );
        }
        assert_eq!(
            found["footer_fields"],
            serde_json::json!([" PAGE ", " NUMPAGES "]),
            "{what}"
        );

        // Document properties and language.
        // The title property is the brief's title; the heading may carry a portion mark.
        let title = found["core"]["title"].as_str().unwrap();
        assert!(
            !title.is_empty() && parsed.headings[0].1.ends_with(title),
            "{what}: {title}"
        );
        assert!(
            found["core"]["author"]
                .as_str()
                .unwrap()
                .contains("Briefsmith sample")
        );
        assert!(!found["core"]["keywords"].as_str().unwrap().is_empty());
        assert_eq!(found["language"].as_str(), Some("en-GB"));
    }
}

/// A copy of the sample dataset and BLUF draft whose first quote (in both) is replaced by
/// `text`, and whose first text block is `analyst`; returns the draft's path.
fn hostile_draft(dir: &Path, text: &str, analyst: &str) -> PathBuf {
    let folder = sample_path(SAMPLES[0]).parent().unwrap().to_path_buf();
    let dataset_name = "russia-iran-2024-10.dataset.json";
    let mut dataset: Value =
        serde_json::from_str(&fs::read_to_string(folder.join(dataset_name)).unwrap()).unwrap();
    let mut draft: Value =
        serde_json::from_str(&fs::read_to_string(sample_path(SAMPLES[0])).unwrap()).unwrap();
    let mut target = None;
    let mut analyst_set = false;
    for section in draft["sections"].as_array_mut().unwrap() {
        for block in section["blocks"].as_array_mut().unwrap() {
            if block["type"] == "item" && target.is_none() && block["snapshot"]["kind"] == "quote" {
                block["snapshot"]["text"] = Value::from(text);
                target = Some(block["item"].as_str().unwrap().to_owned());
            }
            if block["type"] == "text" && !analyst_set {
                block["markdown"] = Value::from(analyst);
                analyst_set = true;
            }
        }
    }
    let target = target.expect("the sample quotes someone");
    for item in dataset["items"].as_array_mut().unwrap() {
        if item["id"] == target.as_str() {
            item["text"] = Value::from(text);
        }
    }
    fs::write(
        dir.join(dataset_name),
        serde_json::to_vec(&dataset).unwrap(),
    )
    .unwrap();
    let path = dir.join("hostile.brief.json");
    fs::write(&path, serde_json::to_vec(&draft).unwrap()).unwrap();
    path
}

#[test]
fn hostile_dataset_text_comes_out_literally_and_libreoffice_opens_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let field = "{ DATE \\@ \"yyyy\" } { PAGE } MERGEFIELD Name";
    let specials = "<w:p> & &amp; \"quoted\" 'single' ]]> </w:t>";
    let long = "Москва и Тегеран ".repeat(35_000); // 1 MB of UTF-8
    let quote = format!("{field} {specials} \u{1}\u{7}\u{1b}bell {long}");
    let analyst = "Pezeshkian (مسعود پزشکیان) met Путин.\n\nمسعود پزشکیان گفت که ایران آماده است.";
    let draft = hostile_draft(dir.path(), &quote, analyst);
    let docx = dir.path().join("hostile.docx");
    briefsmith([
        "export",
        draft.to_str().unwrap(),
        "-o",
        docx.to_str().unwrap(),
    ])
    .home(dir.path())
    .ok();
    let found = read_docx(&docx);
    let paragraphs = found["paragraphs"].as_array().unwrap();
    let texts: Vec<&str> = paragraphs
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    let quote_para = texts
        .iter()
        .find(|t| t.contains("MERGEFIELD"))
        .expect("the quote is in the document");
    assert!(quote_para.contains(field), "{}", &quote_para[..200]);
    assert!(quote_para.contains(specials));
    // The template drops control characters from dataset text; what is left reads on.
    assert!(quote_para.contains("bell Москва и Тегеран"));
    assert!(quote_para.matches("Тегеран").count() >= 35_000);
    assert!(found["document_bytes"].as_u64().unwrap() > 1_000_000);

    // Right-to-left: the Persian paragraph is bidi with right-to-left runs (a portion mark
    // before it does not change that); the English paragraph naming him is left-to-right
    // with the name as a right-to-left run.
    let persian = paragraphs
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("مسعود پزشکیان گفت"))
        .expect("the Persian paragraph");
    assert_eq!(persian["bidi"], true);
    assert!(!persian["rtl_runs"].as_array().unwrap().is_empty());
    let mixed = paragraphs
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("Pezeshkian ("))
        .expect("the mixed paragraph");
    assert_eq!(mixed["bidi"], false);
    assert!(mixed["rtl_runs"].to_string().contains("مسعود پزشکیان"));

    soffice_to_pdf(dir.path(), &[&docx]);
    let text = poppler_file("pdftotext", &[], &docx.with_extension("pdf"));
    assert!(text.contains("{ DATE"), "field codes stay text");
    assert!(text.contains("MERGEFIELD Name"));
    assert!(text.contains("<w:p> &"));
    assert!(text.contains("Путин"));
    assert!(text.matches("Тегеран").count() >= 35_000);
}

#[test]
fn typeset_writes_any_markdown_as_word() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("notes.md");
    fs::write(
        &md,
        "# Field notes\n\n## Sightings\n\n- one\n- two\n\nText.[^a]\n\n[^a]: A note.\n",
    )
    .unwrap();
    // By the output's extension, then by --format with the default name beside the input.
    let named = dir.path().join("out.docx");
    briefsmith([
        "typeset",
        md.to_str().unwrap(),
        "--template",
        "sitrep",
        "-o",
        named.to_str().unwrap(),
    ])
    .home(dir.path())
    .ok();
    briefsmith(["typeset", md.to_str().unwrap(), "--format", "docx"])
        .home(dir.path())
        .ok();
    for docx in [named, md.with_extension("docx")] {
        let found = read_docx(&docx);
        let styles: Vec<&str> = found["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["style"].as_str().unwrap())
            .collect();
        // The title block ends with its rule, as in the PDF.
        assert_eq!(
            styles[..3],
            ["Title", "Horizontal Rule", "Heading 2"],
            "{}",
            docx.display()
        );
        let numbered = found["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["numbered"] == true)
            .count();
        assert_eq!(numbered, 2, "list items are Word list paragraphs");
        let notes = found["footnotes"].to_string() + &found["endnotes"].to_string();
        assert!(notes.contains("A note."), "{notes}");
    }
}

#[test]
fn a_templates_reference_docx_styles_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    let folder = templates.join("bluf-memo");
    fs::create_dir_all(&folder).unwrap();
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/bluf-memo");
    fs::copy(builtin.join("brief.md.j2"), folder.join("brief.md.j2")).unwrap();
    let manifest = fs::read_to_string(builtin.join("template.toml")).unwrap();
    assert!(
        manifest.trim_end().ends_with("language = \"en-GB\""),
        "[word] comes last"
    );
    fs::write(
        folder.join("template.toml"),
        format!("{manifest}reference_docx = \"house.docx\"\n"),
    )
    .unwrap();
    let draft = sample_path(SAMPLES[0]);
    let draft = draft.to_str().unwrap();
    let out = dir.path().join("out.docx");
    let args = [
        "--templates",
        templates.to_str().unwrap(),
        "export",
        draft,
        "-o",
        out.to_str().unwrap(),
    ];

    // Without the file the export fails, naming it.
    let failed = briefsmith(args).home(dir.path()).run();
    assert!(!failed.success());
    let stderr = &failed.stderr;
    assert!(stderr.contains("house.docx"), "{stderr}");

    // A house style: an export of our own whose Title is made red, as a user would in Word.
    let plain = dir.path().join("plain.docx");
    briefsmith(["export", draft, "-o", plain.to_str().unwrap()])
        .home(dir.path())
        .ok();
    let script = "import sys, docx\n\
        from docx.shared import RGBColor\n\
        d = docx.Document(sys.argv[1])\n\
        d.styles['Title'].font.color.rgb = RGBColor(0xC0, 0, 0)\n\
        d.save(sys.argv[2])\n";
    let made = Command::new("python3")
        .args(["-c", script])
        .arg(&plain)
        .arg(folder.join("house.docx"))
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    briefsmith(args).home(dir.path()).ok();
    let check = "import sys, docx\n\
        print(docx.Document(sys.argv[1]).styles['Title'].font.color.rgb)\n";
    let color = Command::new("python3")
        .args(["-c", check])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&color.stdout).trim(), "C00000");
}
