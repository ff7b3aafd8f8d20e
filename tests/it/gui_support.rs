//! Shared set-up for the GUI tests: a draft and its dataset in a temporary folder, and the
//! real app in an egui_kittest harness with injected paths (no home folder, no dialogs).

use briefsmith::app::BriefsmithApp;
use briefsmith::app::state::{AppOptions, Startup};
use briefsmith_core::model::{
    Block, Brief, BriefMeta, Dataset, DatasetRef, ItemRef, ItemSnapshot, Section,
};
use briefsmith_core::store;
use briefsmith_core::synthetic::generate_dataset;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A temporary folder holding `ds.dataset.json` and `draft.brief.json`.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub draft: PathBuf,
    pub dataset: PathBuf,
}

impl Fixture {
    /// A 300-item dataset and a draft with two sections: "Findings" holding items 0 and 1,
    /// and an empty "Background".
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let ds = generate_dataset(300, 11);
        let meta = BriefMeta {
            title: "Test brief".into(),
            template: "bluf-memo".into(),
            ..BriefMeta::default()
        };
        let sections = vec![
            Section {
                heading: "Findings".into(),
                blocks: vec![cite(&ds, 0), cite(&ds, 1)],
            },
            Section {
                heading: "Background".into(),
                blocks: vec![],
            },
        ];
        let (dataset, draft) = save_fixture(dir.path(), &ds, "draft.brief.json", meta, sections);
        Fixture {
            dir,
            draft,
            dataset,
        }
    }

    /// App options that open this fixture's draft, with a data folder inside the temp dir.
    pub fn options(&self) -> AppOptions {
        options(Startup::Draft(self.draft.clone()), self.dir.path())
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// A block citing item `i` of `ds`, its snapshot taken as the app takes it, with no note.
pub fn cite(ds: &Dataset, i: usize) -> Block {
    Block::Item(ItemRef {
        item: ds.items[i].id.clone(),
        snapshot: ItemSnapshot::capture(ds, &ds.items[i]),
        note: String::new(),
        note_marking: None,
    })
}

/// Saves `ds` as `ds.dataset.json` in `dir` and beside it the draft `name` that names it,
/// with `meta` and `sections`; returns the dataset's path and the draft's.
pub fn save_fixture(
    dir: &Path,
    ds: &Dataset,
    name: &str,
    meta: BriefMeta,
    sections: Vec<Section>,
) -> (PathBuf, PathBuf) {
    let bytes = serde_json::to_vec_pretty(ds).unwrap();
    let dataset = dir.join("ds.dataset.json");
    std::fs::write(&dataset, &bytes).unwrap();
    let brief = Brief {
        schema: "briefsmith-brief/2".into(),
        meta,
        dataset: DatasetRef {
            path: "ds.dataset.json".into(),
            fingerprint: store::fingerprint(&bytes),
        },
        sections,
    };
    let draft = dir.join(name);
    store::save_brief(&draft, &brief).unwrap();
    (dataset, draft)
}

/// Options for tests: no native dialogs, data folder under `dir`.
pub fn options(startup: Startup, dir: &Path) -> AppOptions {
    AppOptions::headless(startup, dir.join("data"))
}

/// The real app in a harness the size of a laptop screen.
pub fn harness(options: AppOptions) -> Harness<'static, BriefsmithApp> {
    harness_sized(options, egui::vec2(1500.0, 950.0))
}

/// The real app in a harness of the given window size.
pub fn harness_sized(options: AppOptions, size: egui::Vec2) -> Harness<'static, BriefsmithApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(40)
        .build_eframe(move |cc| BriefsmithApp::new(cc, options));
    settle(&mut h);
    h
}

/// Ctrl (Cmd on a Mac), as the app's shortcuts take it.
pub const CTRL: egui::Modifiers = egui::Modifiers {
    alt: false,
    ctrl: true,
    shift: false,
    mac_cmd: false,
    command: true,
};

/// Adds a text block with the toolbar button and types `text` into it (left unsaved).
pub fn add_text_block(h: &mut Harness<'static, BriefsmithApp>, text: &str) {
    h.get_by_label("Add text").click();
    h.run();
    h.get_by_label("Markdown text").click();
    h.run();
    h.get_by_label("Markdown text").type_text(text);
    h.run();
}

/// Runs frames until the preview and exports are done and the UI is still.
pub fn settle(h: &mut Harness<'static, BriefsmithApp>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    // Idle on two frames running: an edit made during one frame is seen by the
    // preview's housekeeping only at the start of the next.
    let mut idle = 0;
    loop {
        h.run_steps(1);
        let s = &h.state().state;
        idle = if !s.preview.is_busy() && s.jobs.running().is_empty() {
            idle + 1
        } else {
            0
        };
        if idle >= 2 {
            break;
        }
        assert!(Instant::now() < deadline, "the app did not settle");
        std::thread::sleep(Duration::from_millis(15));
    }
    h.run();
}

/// The ids of the items in a section, in order.
pub fn item_ids(h: &Harness<'static, BriefsmithApp>, section: usize) -> Vec<String> {
    h.state().state.doc.brief().sections[section]
        .blocks
        .iter()
        .map(|b| match b {
            Block::Item(r) => r.item.to_string(),
            Block::Text(_) => "text".into(),
            Block::Judgment(_) => "judgment".into(),
        })
        .collect()
}

/// Opens a menu entry of the Library menu.
pub fn library_menu(h: &mut Harness<'static, BriefsmithApp>, entry: &str) {
    // The menu bar comes first in the tree; the pane's heading is also "Library".
    h.get_all_by_label("Library").next().unwrap().click();
    h.run();
    h.get_by_label(entry).click();
    h.run();
}

/// Answers the in-app path prompt with `path`.
pub fn answer_path(h: &mut Harness<'static, BriefsmithApp>, path: &Path) {
    h.get_by_label("File path").click();
    h.run();
    h.key_press_modifiers(CTRL, egui::Key::A);
    h.run();
    h.get_by_label("File path")
        .type_text(path.to_str().unwrap());
    h.run();
    h.get_by_label("OK").click();
    settle(h);
}
