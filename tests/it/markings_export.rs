//! Releasable exports as a user makes them: `briefsmith export --max-marking` for every
//! sample (each put under the US-style exercise scheme, over the sample dataset's exercise
//! marks) × format (Markdown, PDF read back with `pdftotext`, Word read back from its
//! XML) × ceiling. The exported text holds no six-word sequence unique to a portion above
//! the ceiling (an item, its note, an analyst's text or judgment, a source only they cite),
//! its banner is the roll-up of the portions that are left, and it says it is reduced.
//!
//! What is above a ceiling is worked out here from the marks themselves (parse and
//! compare), not through the reduction code the export runs.

use crate::cli_support::{Cli, briefsmith};
use crate::pdf_support::poppler_file;
use crate::templates_support::{SAMPLES, sample, sample_path};
use briefsmith_core::model::{Block, Brief, Dataset, Marking, Section, TextBlock};
use briefsmith_marking::{Mark, Scheme, Schemes, roll_up};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const CEILINGS: [&str; 6] = ["U", "CUI", "C", "S//REL TO USA, GBR", "S", "TS//SI//NF"];
const FORMATS: [&str; 3] = ["md", "pdf", "docx"];
const N: usize = 6;

/// The binary with a private home, its exports dated 13 October 2024 whatever the day.
fn cli(home: &Path, args: &[&str]) -> Cli {
    briefsmith(args)
        .home(home)
        .env("SOURCE_DATE_EPOCH", "1728777600")
}

fn scheme() -> Scheme {
    Schemes::builtin()
        .unwrap()
        .require("us-style")
        .unwrap()
        .clone()
}

/// The sample copied into `dir` beside its dataset, under the US-style exercise scheme
/// (the BLUF sample already is; the others gain the scheme and nothing else).
fn marked_copy(name: &str, dir: &Path) -> (PathBuf, Brief, Dataset) {
    let (mut brief, dataset) = sample(name);
    brief.meta.markings.scheme = "us-style".into();
    let dataset_file = sample_path(name).with_file_name(&brief.dataset.path);
    fs::copy(&dataset_file, dir.join(&brief.dataset.path)).unwrap();
    let path = dir.join(name);
    briefsmith_core::store::save_brief(&path, &brief).unwrap();
    (path, brief, dataset)
}

/// Lower-cased runs of letters or digits: what survives Markdown, PDF and Word alike.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn grams(text: &str) -> HashSet<Vec<String>> {
    words(text).windows(N).map(<[String]>::to_vec).collect()
}

/// What a reader of the exported file reads.
fn exported_text(path: &Path) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md") => fs::read_to_string(path).unwrap(),
        Some("pdf") => poppler_file("pdftotext", &[], path),
        _ => {
            // Every XML part of the package: body, notes, headers and footers.
            let script = "import sys, zipfile, re\n\
                z = zipfile.ZipFile(sys.argv[1])\n\
                print('\\n'.join(re.sub(r'<[^>]+>', ' ', z.read(n).decode('utf-8')) \
                for n in z.namelist() if n.startswith('word/') and n.endswith('.xml')))";
            let out = Command::new("python3")
                .args(["-c", script])
                .arg(path)
                .output()
                .expect("python3 runs");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        }
    }
}

/// The portions of `brief` with their marks and texts, and which are above `ceiling`.
struct Portions {
    /// Text of every portion above the ceiling (with the titles of sources only they cite).
    dropped: Vec<String>,
    /// Text of every portion kept.
    kept: Vec<String>,
    kept_marks: Vec<Mark>,
    dropped_ids: Vec<String>,
}

fn portions(brief: &Brief, dataset: &Dataset, scheme: &Scheme, ceiling: &Mark) -> Portions {
    let read = |m: Option<&Marking>| {
        m.map_or_else(
            || Mark::lowest(scheme),
            |m| Mark::parse(scheme, m.as_str()).unwrap(),
        )
    };
    let mut p = Portions {
        dropped: Vec::new(),
        kept: vec![brief.meta.title.clone()],
        kept_marks: vec![read(brief.meta.markings.title.as_ref())],
        dropped_ids: Vec::new(),
    };
    let bottom = read(brief.meta.markings.bottom_line.as_ref());
    if ceiling.dominates(&bottom) {
        p.kept.push(brief.meta.bottom_line.clone());
        if !brief.meta.bottom_line.trim().is_empty() {
            p.kept_marks.push(bottom);
        }
    } else {
        p.dropped.push(brief.meta.bottom_line.clone());
    }
    let mut kept_sources = HashSet::new();
    let mut dropped_sources = Vec::new();
    let mut kept_items = HashSet::new();
    for section in &brief.sections {
        p.kept.push(section.heading.clone());
        for block in &section.blocks {
            match block {
                Block::Item(r) => {
                    let mark = read(r.snapshot.marking.as_ref());
                    if ceiling.dominates(&mark) {
                        kept_items.insert(r.item.clone());
                        kept_sources.insert(r.snapshot.source.id.clone());
                        p.kept.push(r.snapshot.text.clone());
                        p.kept.push(r.snapshot.speaker_role.clone());
                        p.kept_marks.push(mark);
                        if !r.note.trim().is_empty() {
                            let note = read(r.note_marking.as_ref());
                            if ceiling.dominates(&note) {
                                p.kept.push(r.note.clone());
                                p.kept_marks.push(note);
                            } else {
                                p.dropped.push(r.note.clone());
                            }
                        }
                    } else {
                        p.dropped_ids.push(r.item.to_string());
                        p.dropped.push(r.snapshot.text.clone());
                        p.dropped.push(r.note.clone());
                        dropped_sources.push(r.snapshot.source.clone());
                    }
                }
                Block::Text(t) => {
                    let mark = read(t.marking.as_ref());
                    if ceiling.dominates(&mark) {
                        p.kept.push(t.markdown.clone());
                        p.kept_marks.push(mark);
                    } else {
                        p.dropped.push(t.markdown.clone());
                    }
                }
                Block::Judgment(j) => {
                    let mark = read(j.marking.as_ref());
                    if ceiling.dominates(&mark) {
                        p.kept.push(j.text.clone());
                        p.kept_marks.push(mark);
                        // Supporting items the brief did not pick come from the dataset.
                        for id in &j.support {
                            if brief
                                .blocks()
                                .any(|(_, b)| matches!(b, Block::Item(r) if &r.item == id))
                            {
                                continue;
                            }
                            if let Some(item) = dataset.item(id) {
                                let m = read(dataset.marking_of(item).as_ref());
                                if ceiling.dominates(&m) {
                                    p.kept.push(item.text.clone());
                                    p.kept_marks.push(m);
                                    kept_sources.insert(item.source.clone());
                                } else {
                                    p.dropped.push(item.text.clone());
                                }
                            }
                        }
                    } else {
                        p.dropped.push(j.text.clone());
                    }
                }
            }
        }
    }
    for source in dropped_sources {
        if !kept_sources.contains(&source.id) {
            p.dropped.push(source.title.clone());
        }
    }
    p
}

#[test]
fn releasable_exports_leave_out_everything_above_the_ceiling() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let scheme = scheme();
    let mut dropped_somewhere = 0;
    for name in SAMPLES {
        let (draft, brief, dataset) = marked_copy(name, dir.path());
        let draft_arg = draft.to_str().unwrap();
        for ceiling_text in CEILINGS {
            let ceiling = Mark::parse(&scheme, ceiling_text).unwrap();
            let p = portions(&brief, &dataset, &scheme, &ceiling);
            let kept: HashSet<Vec<String>> = p.kept.iter().flat_map(|t| grams(t)).collect();
            let unique: HashSet<Vec<String>> = p
                .dropped
                .iter()
                .flat_map(|t| grams(t))
                .filter(|g| !kept.contains(g))
                .collect();
            dropped_somewhere += p.dropped_ids.len();
            let banner = roll_up(&scheme, &p.kept_marks).banner(&scheme);

            // The dry run names every item it would leave out, and writes nothing.
            let listing = cli(
                &home,
                &[
                    "export",
                    draft_arg,
                    "--max-marking",
                    ceiling_text,
                    "--dry-run",
                ],
            )
            .ok();
            let listing = listing.stdout;
            for id in &p.dropped_ids {
                assert!(
                    listing.contains(id.as_str()),
                    "{name} at {ceiling_text}: dry run misses {id}:\n{listing}"
                );
            }

            for format in FORMATS {
                let stem = name.trim_end_matches(".brief.json");
                let out = dir.path().join(format!(
                    "{stem}-{}.{format}",
                    ceiling
                        .short(&scheme)
                        .replace('/', "_")
                        .replace([' ', ','], "")
                ));
                cli(
                    &home,
                    &[
                        "export",
                        draft_arg,
                        "--max-marking",
                        ceiling_text,
                        "-o",
                        out.to_str().unwrap(),
                    ],
                )
                .ok();
                let text = exported_text(&out);
                let here = format!("{name} as {format} at {ceiling_text}");
                let found: HashSet<Vec<String>> = grams(&text);
                let leaked: Vec<String> = unique
                    .iter()
                    .filter(|g| found.contains(*g))
                    .map(|g| g.join(" "))
                    .collect();
                assert!(
                    leaked.is_empty(),
                    "{here}: text above the ceiling is in the export: {leaked:?}"
                );
                let first_line = text
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or_default();
                if format == "docx" {
                    assert!(
                        text.contains(&banner),
                        "{here}: no banner {banner} in the package"
                    );
                } else {
                    assert_eq!(
                        first_line, banner,
                        "{here}: the banner is the roll-up of what is left"
                    );
                }
                assert!(
                    words(&text)
                        .join(" ")
                        .contains("reduced version for release at"),
                    "{here}: the export does not say it is reduced"
                );
                if !p.dropped_ids.is_empty() {
                    // And the whole export does hold what this one left out.
                    assert!(!unique.is_empty(), "{here}");
                }
            }
        }
    }
    assert!(
        dropped_somewhere > 0,
        "the samples' marks leave something out at some ceiling"
    );
}

#[test]
fn the_lowest_ceiling_really_drops_from_the_marked_sample() {
    let dir = tempfile::tempdir().unwrap();
    let draft = sample_path("bluf-air-defence.brief.json");
    let out = cli(
        dir.path(),
        &[
            "export",
            draft.to_str().unwrap(),
            "--max-marking",
            "U",
            "--dry-run",
        ],
    )
    .ok();
    let listing = &out.stdout;
    assert!(
        listing.starts_with("releasable at UNCLASSIFIED: 11 portions would be left out"),
        "{listing}"
    );
    for id in [
        "quote-blinken-technology",
        "quote-us-ukraine-srbm-charge",
        "fact-kazan-agreement",
    ] {
        assert!(listing.contains(id), "{listing}");
    }
    assert!(
        listing.contains("the note on item quote-iran-denies-supply"),
        "{listing}"
    );
    assert!(
        fs::read_dir(dir.path()).unwrap().next().is_none(),
        "a dry run writes nothing"
    );

    // The whole brief carries the roll-up of every portion.
    let md = dir.path().join("full.md");
    cli(
        dir.path(),
        &[
            "export",
            draft.to_str().unwrap(),
            "-o",
            md.to_str().unwrap(),
        ],
    )
    .ok();
    let text = fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("SECRET//NOFORN\n"), "{}", &text[..200]);
    assert!(
        text.contains("Classified by: Briefsmith sample"),
        "the classification block"
    );
    assert!(
        text.contains("(S//NF) Antony Blinken"),
        "portion marks open the portions"
    );
    assert!(
        text.contains("not an authority on classification"),
        "the scheme says it is an exercise"
    );
}

#[test]
fn bad_ceilings_and_unmarked_drafts_are_refused_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let marked = sample_path("bluf-air-defence.brief.json");
    let out = cli(
        dir.path(),
        &[
            "export",
            marked.to_str().unwrap(),
            "--max-marking",
            "SECRETISH",
            "--format",
            "md",
        ],
    )
    .run();
    assert_eq!(out.code, Some(1));
    let err = &out.stderr;
    assert!(
        err.contains("\"SECRETISH\" is not a level of the us-style scheme"),
        "{err}"
    );
    // A brief that rolls up above the ceiling it declares is exported with a warning.
    let (mut brief, _) = sample("bluf-air-defence.brief.json");
    brief.meta.markings.ceiling = Some(Marking::from("C"));
    let (copy, _, _) = marked_copy("bluf-air-defence.brief.json", dir.path());
    briefsmith_core::store::save_brief(&copy, &brief).unwrap();
    let out = cli(
        dir.path(),
        &["export", copy.to_str().unwrap(), "--format", "md"],
    )
    .ok();
    let err = &out.stderr;
    assert!(
        err.contains("rolls up to SECRET//NOFORN, above the ceiling it declares (CONFIDENTIAL)"),
        "{err}"
    );
    let plain = sample_path("sitrep-israel-iran.brief.json");
    let out = cli(
        dir.path(),
        &[
            "export",
            plain.to_str().unwrap(),
            "--max-marking",
            "U",
            "--format",
            "md",
        ],
    )
    .run();
    assert_eq!(out.code, Some(1));
    let err = &out.stderr;
    assert!(err.contains("the brief has no marking scheme"), "{err}");
    let out = cli(
        dir.path(),
        &["export", marked.to_str().unwrap(), "--dry-run"],
    )
    .run();
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("add --max-marking"));
}

#[test]
fn the_library_commands_keep_marks_through_to_json() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("mine.bslib");
    let lib_arg = lib.to_str().unwrap();
    cli(
        dir.path(),
        &["library", "new", lib_arg, "--title", "Marked"],
    )
    .ok();
    let src = cli(
        dir.path(),
        &[
            "library",
            "add-source",
            lib_arg,
            "--title",
            "Cable",
            "--publisher",
            "Post",
            "--date",
            "2024-10-11",
            "--reliability",
            "B",
            "--kind",
            "government",
            "--marking",
            "C",
        ],
    )
    .ok();
    let src = src.stdout.trim().to_owned();
    cli(
        dir.path(),
        &[
            "library",
            "add-item",
            lib_arg,
            "--text",
            "A marked fact.",
            "--source",
            &src,
            "--credibility",
            "2",
            "--marking",
            "S//NF",
        ],
    )
    .ok();
    let json = dir.path().join("mine.dataset.json");
    cli(
        dir.path(),
        &[
            "library",
            "export-json",
            lib_arg,
            "-o",
            json.to_str().unwrap(),
        ],
    )
    .ok();
    let ds = briefsmith_core::store::load_dataset(&json).unwrap();
    assert_eq!(ds.sources[0].marking, Some(Marking::from("C")));
    assert_eq!(ds.items[0].marking, Some(Marking::from("S//NF")));
}

#[test]
fn typeset_reads_portion_marks_and_cuts_to_a_ceiling() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    fs::write(
        &notes,
        "# (U) Desk notes\n\n(U) The meeting took place in Ashgabat.\n\n\
         (S//NF) Liaison reporting names the convoy route through Bandar Abbas.\n\n\
         - (C) Delivery windows slipped twice\n- (U) Public statements stayed vague\n",
    )
    .unwrap();
    let notes_arg = notes.to_str().unwrap();
    let whole = dir.path().join("whole.pdf");
    cli(
        dir.path(),
        &[
            "typeset",
            notes_arg,
            "--marking-scheme",
            "us-style",
            "-o",
            whole.to_str().unwrap(),
        ],
    )
    .ok();
    let text = exported_text(&whole);
    assert_eq!(
        text.lines().next().map(str::trim),
        Some("SECRET//NOFORN"),
        "{text}"
    );
    assert!(
        words(&text)
            .join(" ")
            .contains("convoy route through bandar abbas")
    );

    let listing = cli(
        dir.path(),
        &[
            "typeset",
            notes_arg,
            "--marking-scheme",
            "us-style",
            "--max-marking",
            "U",
            "--dry-run",
        ],
    )
    .ok();
    let listing = listing.stdout;
    assert!(
        listing.starts_with("2 portion(s) would be left out; the banner would be UNCLASSIFIED"),
        "{listing}"
    );
    assert!(listing.contains("(S//NF) line 5"), "{listing}");

    for format in ["pdf", "docx"] {
        let out = dir.path().join(format!("release.{format}"));
        cli(
            dir.path(),
            &[
                "typeset",
                notes_arg,
                "--marking-scheme",
                "us-style",
                "--max-marking",
                "U",
                "-o",
                out.to_str().unwrap(),
            ],
        )
        .ok();
        let text = exported_text(&out);
        let said = words(&text).join(" ");
        assert!(
            !said.contains("convoy"),
            "{format}: the S//NF portion is left out"
        );
        assert!(
            !said.contains("delivery windows slipped"),
            "{format}: the C item is left out"
        );
        assert!(said.contains("public statements stayed vague"), "{format}");
        assert!(
            said.contains("reduced version for release at unclassified"),
            "{format}"
        );
        assert!(text.contains("UNCLASSIFIED"), "{format}: the banner");
    }

    // An unmarked portion is refused with its line.
    fs::write(&notes, "# (U) Notes\n\nNo mark here.\n").unwrap();
    let out = cli(
        dir.path(),
        &["typeset", notes_arg, "--marking-scheme", "us-style"],
    )
    .run();
    assert_eq!(out.code, Some(1));
    let err = &out.stderr;
    assert!(
        err.contains("line 3: this portion has no portion mark"),
        "{err}"
    );
}

#[test]
fn the_schemes_on_offer_are_listed_with_their_notice_and_a_users_own() {
    let home = tempfile::tempdir().unwrap();
    let out = cli(home.path(), &["markings"]).ok();
    let text = &out.stdout;
    assert!(
        text.contains("us-style  US-style classification (exercise)"),
        "{text}"
    );
    assert!(text.contains("levels: U < CUI < C < S < TS"), "{text}");
    assert!(
        text.contains("levels: TLP:CLEAR < TLP:GREEN < TLP:AMBER < TLP:AMBER+STRICT < TLP:RED")
    );
    assert_eq!(text.matches("not an authority").count(), 3, "{text}");
    // A scheme in the user's folder joins them, and a broken one is named with its place.
    let folder = home.path().join("briefsmith/markings");
    fs::create_dir_all(&folder).unwrap();
    let ours = "name = \"desk\"\ntitle = \"Desk caveats\"\nseparator = \"//\"\n\
        [[levels]]\nportion = \"OPEN\"\nbanner = \"OPEN\"\ncolour = \"#2E7D32\"\n\
        [[levels]]\nportion = \"DESK\"\nbanner = \"DESK ONLY\"\ncolour = \"#C62828\"\n";
    fs::write(folder.join("desk.toml"), ours).unwrap();
    let text = cli(home.path(), &["markings"]).ok().stdout;
    assert!(text.contains("desk  Desk caveats ["), "{text}");
    assert!(text.contains("levels: OPEN < DESK"), "{text}");
    fs::write(folder.join("broken.toml"), "name = [").unwrap();
    let out = cli(home.path(), &["markings"]).run();
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("broken.toml:1:"));
}

/// A user scheme `us-paged` in `home`'s config folder: the US-style exercise scheme
/// asking for each page's own banner.
fn paged_scheme(home: &Path) -> Scheme {
    let folder = home.join("briefsmith/markings");
    fs::create_dir_all(&folder).unwrap();
    let builtin =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("markings/us-style.toml"))
            .unwrap();
    let paged = builtin
        .replacen("name = \"us-style\"", "name = \"us-paged\"", 1)
        .replacen("banner = \"document\"", "banner = \"page\"", 1);
    assert_ne!(paged, builtin);
    fs::write(folder.join("us-paged.toml"), &paged).unwrap();
    Scheme::from_toml(&paged, "us-paged.toml").unwrap()
}

/// Each page of a PDF as `pdftotext` reads it: its top and bottom lines, and every
/// bracketed text on it that reads as a mark in `scheme` (a portion's mark, whatever
/// label stands before it or line it breaks over).
fn pages_read_back(pdf: &Path, scheme: &Scheme) -> Vec<(String, String, Vec<Mark>)> {
    let info = poppler_file("pdfinfo", &[], pdf);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    (1..=pages)
        .map(|n| {
            let n = n.to_string();
            let text = poppler_file("pdftotext", &["-f", &n, "-l", &n], pdf);
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let flat = lines.join(" ");
            let marks = flat
                .split('(')
                .skip(1)
                .filter_map(|rest| rest.split_once(')'))
                .filter_map(|(inside, _)| Mark::parse(scheme, inside).ok())
                .collect();
            let top = lines.first().copied().unwrap_or_default().to_owned();
            let bottom = lines.last().copied().unwrap_or_default().to_owned();
            (top, bottom, marks)
        })
        .collect()
}

#[test]
fn a_scheme_asking_for_per_page_banners_gets_each_pages_roll_up_in_the_pdf() {
    let home = tempfile::tempdir().unwrap();
    let paged = paged_scheme(home.path());
    let (draft, mut brief, _) = marked_copy("bluf-air-defence.brief.json", home.path());
    brief.meta.markings.scheme = "us-paged".into();
    briefsmith_core::store::save_brief(&draft, &brief).unwrap();
    let out = home.path().join("paged.pdf");
    let run = cli(
        home.path(),
        &[
            "export",
            draft.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(
        !run.stderr.contains("own banner"),
        "the PDF carries each page's banner: nothing to warn of"
    );
    let pages = pages_read_back(&out, &paged);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let document = Mark::parse(&paged, "S//NF").unwrap();
    let mut banners = HashSet::new();
    for (i, (top, bottom, marks)) in pages.iter().enumerate() {
        assert!(!marks.is_empty(), "page {}: no portion marks read", i + 1);
        let expected = roll_up(&paged, marks).banner(&paged);
        assert_eq!(top, &expected, "page {}: top banner", i + 1);
        assert_eq!(bottom, &expected, "page {}: bottom banner", i + 1);
        let banner = Mark::parse(&paged, top).unwrap();
        for m in marks {
            assert!(
                banner.dominates(m),
                "page {}: {top} is lower than {}",
                i + 1,
                m.portion(&paged)
            );
        }
        assert!(document.dominates(&banner), "page {}: {top}", i + 1);
        banners.insert(top.clone());
    }
    // The pages really differ, and some are lower than the document's roll-up, which the
    // first page's classification block still states.
    assert!(banners.len() >= 2, "{banners:?}");
    assert!(pages.iter().any(|(top, _, _)| top != "SECRET//NOFORN"));
    let first = poppler_file("pdftotext", &["-f", "1", "-l", "1"], &out);
    assert!(first.contains("Classification: SECRET//NOFORN"), "{first}");

    // Word cannot vary its header page by page without section breaks: it keeps the
    // document's banner, and says so.
    let docx = home.path().join("paged.docx");
    let run = cli(
        home.path(),
        &[
            "export",
            draft.to_str().unwrap(),
            "-o",
            docx.to_str().unwrap(),
        ],
    )
    .ok();
    let said = &run.stderr;
    assert!(
        said.contains(
            "\"us-paged\" scheme asks for each page's own banner, which Word cannot vary"
        ),
        "{said}"
    );
    assert!(exported_text(&docx).contains("SECRET//NOFORN"));
    // The built-in schemes roll up per document: no such warning, and every page of the
    // PDF carries the document's banner.
    let (draft, _, _) = marked_copy("bluf-air-defence.brief.json", home.path());
    for out in [&out, &docx] {
        let run = cli(
            home.path(),
            &[
                "export",
                draft.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
        )
        .ok();
        assert!(!run.stderr.contains("own banner"));
    }
    for (top, bottom, _) in pages_read_back(&out, &scheme()) {
        assert_eq!(
            (top.as_str(), bottom.as_str()),
            ("SECRET//NOFORN", "SECRET//NOFORN")
        );
    }
}

#[test]
fn typeset_sets_each_pages_banner_for_a_per_page_scheme() {
    let home = tempfile::tempdir().unwrap();
    let paged = paged_scheme(home.path());
    let long = |mark: &str, topic: &str| {
        (0..14)
            .map(|i| {
                format!(
                    "({mark}) Paragraph {i} on {topic}: {}",
                    "words of reporting ".repeat(12)
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let notes = home.path().join("notes.md");
    fs::write(
        &notes,
        format!(
            "# (U) Desk notes\n\n{}\n\n{}\n\n{}\n",
            long("U", "the meeting"),
            long("S//NF", "the convoy"),
            long("C", "the windows")
        ),
    )
    .unwrap();
    let out = home.path().join("notes.pdf");
    cli(
        home.path(),
        &[
            "typeset",
            notes.to_str().unwrap(),
            "--marking-scheme",
            "us-paged",
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    let pages = pages_read_back(&out, &paged);
    let tops: Vec<&str> = pages.iter().map(|(top, _, _)| top.as_str()).collect();
    for (i, (top, bottom, marks)) in pages.iter().enumerate() {
        let expected = roll_up(&paged, marks).banner(&paged);
        assert_eq!(
            (top, bottom),
            (&expected, &expected),
            "page {}: {tops:?}",
            i + 1
        );
    }
    assert_eq!(tops.first(), Some(&"UNCLASSIFIED"), "{tops:?}");
    assert!(tops.contains(&"SECRET//NOFORN"), "{tops:?}");
    assert_eq!(tops.last(), Some(&"CONFIDENTIAL"), "{tops:?}");
}

/// The lines of a long SECRET code block, each with a token no other text has.
fn code_lines() -> Vec<String> {
    (0..150)
        .map(|i| format!("convoy log line {i:03} waypoint cbl{i}x"))
        .collect()
}

/// An analyst's text block marked `mark`.
fn marked_text(markdown: String, mark: &str) -> Block {
    Block::Text(TextBlock {
        markdown,
        marking: Some(Marking::from(mark)),
    })
}

/// The BLUF sample in `home` under the per-page scheme, with a last section of `blocks`;
/// returns the scheme and a way to export the draft as `log.<ext>`.
fn paged_brief_ending_with(home: &Path, blocks: Vec<Block>) -> (Scheme, impl Fn(&str) -> PathBuf) {
    paged_brief(home, |brief| {
        brief.sections.push(Section {
            heading: "Convoy log".into(),
            blocks,
        })
    })
}

/// The BLUF sample in `home` under the per-page scheme, changed by `edit`; returns the
/// scheme and a way to export the draft as `log.<ext>`.
fn paged_brief(home: &Path, edit: impl FnOnce(&mut Brief)) -> (Scheme, impl Fn(&str) -> PathBuf) {
    let paged = paged_scheme(home);
    let (draft, mut brief, _) = marked_copy("bluf-air-defence.brief.json", home);
    brief.meta.markings.scheme = "us-paged".into();
    edit(&mut brief);
    briefsmith_core::store::save_brief(&draft, &brief).unwrap();
    let home = home.to_owned();
    let export = move |ext: &str| {
        let out = home.join(format!("log.{ext}"));
        cli(
            &home,
            &[
                "export",
                draft.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
        )
        .ok();
        out
    };
    (paged, export)
}

#[test]
fn a_code_block_carries_its_mark_onto_every_page_it_runs_over() {
    let home = tempfile::tempdir().unwrap();
    // A SECRET block of analyst text holding a code block several pages long, then
    // UNCLASSIFIED text: the block's later pages hold its lines and nothing marked S.
    let (paged, export) = paged_brief_ending_with(
        home.path(),
        vec![
            marked_text(
                format!("Extract follows.\n\n```\n{}\n```", code_lines().join("\n")),
                "S",
            ),
            marked_text("Public reporting stayed vague about the route.".into(), "U"),
        ],
    );

    let pdf = export("pdf");
    let secret = Mark::parse(&paged, "S").unwrap();
    let lines = code_lines();
    let mut tails = 0;
    for (i, (top, bottom, marks)) in pages_read_back(&pdf, &paged).iter().enumerate() {
        let n = (i + 1).to_string();
        let page = poppler_file("pdftotext", &["-f", &n, "-l", &n], &pdf);
        let code = lines
            .iter()
            .any(|l| page.contains(l.rsplit(' ').next().unwrap()));
        if !code {
            continue;
        }
        // Where the block's lines are, the banner is at least SECRET, top and bottom.
        for banner in [top, bottom] {
            let banner = Mark::parse(&paged, banner).unwrap();
            assert!(
                banner.dominates(&secret),
                "page {n}: {top} / {bottom} under a SECRET code block\n{page}"
            );
        }
        if !marks.iter().any(|m| m.dominates(&secret)) {
            tails += 1;
        }
    }
    assert!(
        tails > 0,
        "some page holds the block's lines and no mark of SECRET or above"
    );

    // The block opens with its mark, as written, in Markdown and in Word too.
    let md = fs::read_to_string(export("md")).unwrap();
    assert!(md.contains(&format!("```\n(S)\n{}\n", lines[0])), "{md}");
    let docx = exported_text(&export("docx"));
    let said = docx.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(said.contains(&format!("(S) {}", lines[0])), "{said}");
}

#[test]
fn an_image_carries_the_mark_of_its_paragraph_onto_the_page_it_lands_on() {
    let home = tempfile::tempdir().unwrap();
    // A map too tall to share a page with the text before it, in a SECRET block, then
    // pages of UNCLASSIFIED text: the map's page shows no mark of S or above.
    image::GrayImage::from_pixel(1000, 1400, image::Luma([128]))
        .save(home.path().join("map.png"))
        .unwrap();
    let (paged, export) = paged_brief_ending_with(
        home.path(),
        vec![
            marked_text("![Convoy route map](map.png)".into(), "S"),
            marked_text(open_reporting(12), "U"),
        ],
    );
    let pdf = export("pdf");
    // `pdfimages -list`: a header of two lines, then a row per image or soft mask, its
    // page first and its type third.
    let listed = poppler_file("pdfimages", &["-list"], &pdf);
    let on: Vec<usize> = listed
        .lines()
        .skip(2)
        .map(|row| row.split_whitespace().collect::<Vec<_>>())
        .filter(|row| row.get(2) == Some(&"image"))
        .filter_map(|row| row.first()?.parse().ok())
        .collect();
    assert_eq!(on.len(), 1, "{listed}");
    let pages = pages_read_back(&pdf, &paged);
    let (top, bottom, marks) = &pages[on[0] - 1];
    let secret = Mark::parse(&paged, "S").unwrap();
    assert!(
        !marks.iter().any(|m| m.dominates(&secret)),
        "page {}: the map's mark stays with the text before it",
        on[0]
    );
    for banner in [top, bottom] {
        assert!(
            Mark::parse(&paged, banner).unwrap().dominates(&secret),
            "page {}: {top} / {bottom} over a SECRET map",
            on[0]
        );
    }
}

/// `n` paragraphs of unclassified reporting, about a page for every five.
fn open_reporting(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "Public reporting {i} stayed vague about the route. {}",
                "Words of open reporting. ".repeat(10)
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn a_secret_title_in_the_running_head_makes_every_page_secret() {
    let home = tempfile::tempdir().unwrap();
    let title = sample("bluf-air-defence.brief.json").0.meta.title;
    // Pages of UNCLASSIFIED text at the end, under the sample's title marked SECRET,
    // which the template's running head prints on every page after the first.
    let (paged, export) = paged_brief(home.path(), |brief| {
        brief.meta.markings.title = Some(Marking::from("S"));
        brief.sections.push(Section {
            heading: "Open reporting".into(),
            blocks: vec![marked_text(open_reporting(20), "U")],
        });
    });
    let pdf = export("pdf");
    let secret = Mark::parse(&paged, "S").unwrap();
    let pages = pages_read_back(&pdf, &paged);
    let mut open_pages = 0;
    for (i, (top, bottom, marks)) in pages.iter().enumerate() {
        let n = (i + 1).to_string();
        let text = poppler_file("pdftotext", &["-f", &n, "-l", &n], &pdf);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&title),
            "page {n}: the title is printed\n{text}"
        );
        for banner in [top, bottom] {
            assert!(
                Mark::parse(&paged, banner).unwrap().dominates(&secret),
                "page {n}: {top} / {bottom} under a SECRET title"
            );
        }
        open_pages += usize::from(!marks.iter().any(|m| m.dominates(&secret)));
    }
    assert!(open_pages > 0, "some page shows only marks below SECRET");
}
