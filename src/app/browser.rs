//! The in-app file browser, used where the system has no file dialog (a remote desktop,
//! a bare X session): a folder's listing, places to jump to (the draft's folder, recent
//! folders, Documents, home), and a file name field that takes the keyboard.
//!
//! No egui 0.37 file-dialog crate offers focus in the name field and a list of recent
//! folders (egui-file-dialog targets egui 0.36; egui_file has neither hook), so this is
//! the app's own, kept small.

use std::path::{Path, PathBuf};

/// One entry of a folder's listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
}

/// The browser's state: where it looks, what it lists there, and the name typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Browser {
    /// The folder listed.
    pub folder: PathBuf,
    /// The file name typed (or an absolute path).
    pub name: String,
    /// The folder's sub-folders then its files with a wanted extension, each sorted by name.
    pub entries: Vec<Entry>,
    /// Why the folder could not be listed, said once, in words.
    pub problem: Option<String>,
    /// File extensions listed (lowercase, without the dot); empty lists every file.
    pub extensions: Vec<&'static str>,
}

impl Browser {
    /// A browser showing `folder`, with `name` in the name field.
    pub fn new(folder: PathBuf, name: String, extensions: Vec<&'static str>) -> Self {
        let mut browser = Browser {
            folder: PathBuf::new(),
            name,
            entries: Vec::new(),
            problem: None,
            extensions,
        };
        browser.open(folder);
        browser
    }

    /// Lists `folder`; a folder that cannot be read says why and lists nothing.
    pub fn open(&mut self, folder: PathBuf) {
        self.entries.clear();
        self.problem = None;
        match std::fs::read_dir(&folder) {
            Ok(read) => {
                let mut dirs = Vec::new();
                let mut files = Vec::new();
                for entry in read.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    let is_dir = entry.path().is_dir();
                    if is_dir {
                        dirs.push(name);
                    } else if self.wants(&name) {
                        files.push(name);
                    }
                }
                dirs.sort_by_key(|n| n.to_lowercase());
                files.sort_by_key(|n| n.to_lowercase());
                self.entries
                    .extend(dirs.into_iter().map(|name| Entry { name, is_dir: true }));
                self.entries.extend(files.into_iter().map(|name| Entry {
                    name,
                    is_dir: false,
                }));
            }
            Err(e) => {
                self.problem = Some(format!(
                    "Cannot list {}: {}",
                    folder.display(),
                    describe(&e)
                ));
            }
        }
        self.folder = folder;
    }

    /// Whether a file of this name is listed.
    fn wants(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        self.extensions.is_empty()
            || self
                .extensions
                .iter()
                .any(|ext| lower.ends_with(&format!(".{ext}")))
    }

    /// The path the name field stands for: itself when absolute, else inside the folder.
    pub fn target(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let typed = Path::new(name);
        Some(if typed.is_absolute() {
            typed.to_path_buf()
        } else {
            self.folder.join(typed)
        })
    }

    /// What pressing OK does: the path to use, or `None` after opening a folder that was
    /// typed or chosen instead of a file.
    pub fn accept(&mut self) -> Option<PathBuf> {
        let target = self.target()?;
        if target.is_dir() {
            self.name.clear();
            self.open(target);
            return None;
        }
        Some(target)
    }
}

/// An I/O error in words, without the OS's code.
fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "you are not allowed to read it".into(),
        std::io::ErrorKind::NotADirectory => "it is a file, not a folder".into(),
        _ => e.to_string(),
    }
}

/// Where a browser starts: `wanted`, unless it is inside the app's own data folder (a
/// hidden place no one should have to find their drafts in); then Documents, or home.
pub fn start_folder(wanted: &Path, data_dir: &Path) -> PathBuf {
    // A draft opened by a relative path has "." for its folder: show where that is.
    let wanted = std::path::absolute(wanted).unwrap_or_else(|_| wanted.to_path_buf());
    if !wanted.starts_with(data_dir) && wanted.is_dir() {
        return wanted;
    }
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .filter(|d| d.is_dir())
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or(wanted)
}

/// The places offered beside the listing: the draft's folder, recent folders, Documents
/// and home, each once and only if it exists; never the app's own data folder.
pub fn places(
    draft_folder: Option<&Path>,
    recent: &[PathBuf],
    data_dir: &Path,
) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    let mut add = |label: String, path: PathBuf| {
        if path.is_dir() && !path.starts_with(data_dir) && !out.iter().any(|(_, p)| *p == path) {
            out.push((label, path));
        }
    };
    if let Some(dir) = draft_folder {
        add("This draft's folder".into(), dir.to_path_buf());
    }
    for file in recent {
        if let Some(dir) = file.parent() {
            let name = dir.file_name().map_or_else(
                || dir.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            add(format!("Recent: {name}"), dir.to_path_buf());
        }
    }
    if let Some(user) = directories::UserDirs::new() {
        if let Some(docs) = user.document_dir() {
            add("Documents".into(), docs.to_path_buf());
        }
        add("Home".into(), user.home_dir().to_path_buf());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_then_wanted_files_and_opens_a_typed_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::create_dir(dir.path().join(".hidden")).unwrap();
        std::fs::write(dir.path().join("b.brief.json"), "{}").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        let mut b = Browser::new(dir.path().to_path_buf(), String::new(), vec!["json"]);
        let names: Vec<&str> = b.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["sub", "b.brief.json"]);
        b.name = "sub".into();
        assert_eq!(b.accept(), None, "a folder is opened, not returned");
        assert_eq!(b.folder, dir.path().join("sub"));
        b.name = "new.brief.json".into();
        assert_eq!(b.accept(), Some(dir.path().join("sub/new.brief.json")));
    }

    #[test]
    fn a_folder_that_cannot_be_listed_says_why_once() {
        let b = Browser::new(PathBuf::from("/no/such/folder"), String::new(), vec![]);
        let problem = b.problem.unwrap();
        assert_eq!(problem, "Cannot list /no/such/folder: it does not exist");
    }

    #[test]
    fn places_skip_the_data_folder_and_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join(".data");
        std::fs::create_dir(&data).unwrap();
        let recent = vec![
            data.join("x.brief.json"),
            dir.path().join("a.brief.json"),
            PathBuf::from("/no/such/place/b.brief.json"),
        ];
        let p = places(Some(dir.path()), &recent, &data);
        assert_eq!(
            p[0],
            ("This draft's folder".to_owned(), dir.path().to_path_buf())
        );
        assert!(
            p.iter().all(|(_, path)| *path != data && path.exists()),
            "{p:?}"
        );
        assert_eq!(p.iter().filter(|(_, path)| path == dir.path()).count(), 1);
        assert_ne!(
            start_folder(&data, &data),
            data,
            "never starts in the data folder"
        );
    }
}
