//! What the app keeps between sessions through eframe's storage: recent drafts and zoom.

use crate::gui_support::{Fixture, harness};
use briefsmith::app::BriefsmithApp;
use eframe::App as _;
use egui_kittest::Harness;
use std::collections::HashMap;

/// eframe's storage, in memory.
#[derive(Default, Clone)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn recent_drafts_and_zoom_survive_a_restart() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let copy = f.path("copy.brief.json");
    assert!(h.state_mut().state.save_as(&copy));
    h.state_mut().state.preview.zoom = 1.5;
    h.state_mut().state.preview.fit_width = false;
    let mut storage = MemoryStorage::default();
    h.state_mut().save(&mut storage);
    drop(h);

    // The next session reads them back.
    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    let options = f.options();
    let h2 = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            BriefsmithApp::new(cc, options)
        });
    let s = &h2.state().state;
    assert_eq!(
        s.recent.first(),
        Some(&f.draft),
        "the draft just opened comes first"
    );
    assert!(s.recent.contains(&copy), "{:?}", s.recent);
    assert_eq!(s.preview.zoom, 1.5);
    assert!(!s.preview.fit_width);
}
