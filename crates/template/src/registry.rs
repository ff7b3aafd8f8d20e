//! The set of templates: built-in ones compiled into the program, replaced or extended by
//! folders of the user's.
//!
//! A template is a folder `<name>/` holding `template.toml` (the manifest) and
//! `brief.md.j2` (the template text); other `*.j2` files in it are partials it may include.
//! Folders whose name starts with `_` (such as `_common/`) hold partials shared by all
//! templates; a user's `_common/macros.md.j2` replaces the built-in one.

use crate::TemplateError;
use crate::engine::{TemplateFile, environment};
use crate::manifest::{MAIN_FILE, MANIFEST_FILE, Manifest};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The built-in template files, by path below `templates/`.
const BUILTIN: &[(&str, &str)] = &[
    (
        "_common/macros.md.j2",
        include_str!("../../../templates/_common/macros.md.j2"),
    ),
    (
        "bluf-memo/template.toml",
        include_str!("../../../templates/bluf-memo/template.toml"),
    ),
    (
        "bluf-memo/brief.md.j2",
        include_str!("../../../templates/bluf-memo/brief.md.j2"),
    ),
    (
        "sitrep/template.toml",
        include_str!("../../../templates/sitrep/template.toml"),
    ),
    (
        "sitrep/brief.md.j2",
        include_str!("../../../templates/sitrep/brief.md.j2"),
    ),
    (
        "read-ahead/template.toml",
        include_str!("../../../templates/read-ahead/template.toml"),
    ),
    (
        "read-ahead/brief.md.j2",
        include_str!("../../../templates/read-ahead/brief.md.j2"),
    ),
];

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the program.
    BuiltIn,
    /// A folder of the user's.
    Folder(PathBuf),
}

/// A template ready to render: its manifest and its files (own and shared).
#[derive(Debug, Clone)]
pub struct Template {
    pub manifest: Manifest,
    pub origin: Origin,
    pub(crate) files: Vec<TemplateFile>,
}

impl Template {
    /// The template's name (as briefs write it in `meta.template`).
    pub fn name(&self) -> &str {
        &self.manifest.name
    }

    /// Engine name of the file rendering starts from.
    pub(crate) fn main_name(&self) -> String {
        format!("{}/{MAIN_FILE}", self.manifest.name)
    }
}

/// The templates available, by name.
#[derive(Debug, Clone)]
pub struct Registry {
    templates: BTreeMap<String, Template>,
}

/// Files collected while building a registry, before shared partials are attached.
#[derive(Default)]
struct Collect {
    /// Folder name → (manifest, own files, origin).
    templates: BTreeMap<String, (Manifest, Vec<TemplateFile>, Origin)>,
    /// Shared partials by engine name.
    shared: BTreeMap<String, TemplateFile>,
}

impl Registry {
    /// The built-in templates only.
    pub fn builtin() -> Self {
        Self::from_builtin(BUILTIN)
    }

    /// Built-in templates are part of the program, like the bundled fonts, and follow the
    /// same rule: the tests load and compile every one, and one that still fails here means
    /// the build itself is broken, so the program stops naming the file (in every build)
    /// rather than quietly run without it.
    fn from_builtin(files: &[(&str, &str)]) -> Self {
        let mut c = Collect::default();
        match c.add_builtin(files).and_then(|()| c.finish().compiled()) {
            Ok(registry) => registry,
            Err(e) => panic!("a built-in template is broken (a defect of this build): {e}"),
        }
    }

    /// The built-in templates, then each folder in `dirs` in turn: a template folder with
    /// the name of a known template replaces it, others are added. Every template is
    /// compiled, so a syntax error is reported here with its file and line.
    pub fn with_user_dirs(dirs: &[PathBuf]) -> Result<Self, TemplateError> {
        let mut c = Collect::default();
        c.add_builtin(BUILTIN)?;
        for dir in dirs {
            c.add_dir(dir)?;
        }
        c.finish().compiled()
    }

    /// The registry once every template compiles; the first syntax error otherwise.
    fn compiled(self) -> Result<Self, TemplateError> {
        for tpl in self.templates.values() {
            environment(&tpl.files, &tpl.main_name(), 0)?;
        }
        Ok(self)
    }

    /// Template names, sorted.
    pub fn names(&self) -> Vec<&str> {
        self.templates.keys().map(String::as_str).collect()
    }

    /// The template with this name.
    pub fn get(&self, name: &str) -> Option<&Template> {
        self.templates.get(name)
    }

    /// The template with this name, or an error listing the known ones.
    pub fn require(&self, name: &str) -> Result<&Template, TemplateError> {
        self.get(name).ok_or_else(|| TemplateError::Unknown {
            name: name.to_owned(),
            known: self.names().into_iter().map(str::to_owned).collect(),
        })
    }

    /// All templates, sorted by name.
    pub fn templates(&self) -> impl Iterator<Item = &Template> {
        self.templates.values()
    }
}

/// The user's template folder in the platform's config folder
/// (e.g. `~/.config/briefsmith/templates` on Linux), whether or not it exists.
pub fn user_template_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "briefsmith").map(|d| d.config_dir().join("templates"))
}

impl Collect {
    fn add_builtin(&mut self, builtin: &[(&str, &str)]) -> Result<(), TemplateError> {
        let mut folders: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        for (path, text) in builtin {
            let (folder, file) = path.split_once('/').unwrap_or(("", path));
            folders.entry(folder).or_default().push((file, text));
        }
        for (folder, files) in folders {
            let files = files
                .into_iter()
                .map(|(file, text)| {
                    (
                        file.to_owned(),
                        format!("templates/{folder}/{file} (built-in)"),
                        text.to_owned(),
                    )
                })
                .collect();
            self.add_folder(folder, files, Origin::BuiltIn)?;
        }
        Ok(())
    }

    /// Adds every template folder inside `dir`.
    fn add_dir(&mut self, dir: &Path) -> Result<(), TemplateError> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| TemplateError::Io { path, source }
        };
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(io(dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        entries.sort();
        for folder in entries {
            let Some(name) = folder.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let mut files = Vec::new();
            let mut listing: Vec<PathBuf> = fs::read_dir(&folder)
                .map_err(io(&folder))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            listing.sort();
            for path in listing {
                let Some(file) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                if file != MANIFEST_FILE && !file.ends_with(".j2") {
                    continue;
                }
                let text = fs::read_to_string(&path).map_err(io(&path))?;
                files.push((file.to_owned(), path.display().to_string(), text));
            }
            self.add_folder(name, files, Origin::Folder(folder.clone()))?;
        }
        Ok(())
    }

    /// Adds one folder's files: shared partials, or a template replacing any of its name.
    fn add_folder(
        &mut self,
        folder: &str,
        files: Vec<(String, String, String)>,
        origin: Origin,
    ) -> Result<(), TemplateError> {
        let to_file = |(file, display, source): (String, String, String)| TemplateFile {
            name: format!("{folder}/{file}"),
            display,
            source,
        };
        if folder.starts_with('_') {
            for f in files.into_iter().map(to_file) {
                self.shared.insert(f.name.clone(), f);
            }
            return Ok(());
        }
        let where_ = match &origin {
            Origin::BuiltIn => format!("templates/{folder} (built-in)"),
            Origin::Folder(p) => p.display().to_string(),
        };
        let Some(manifest_at) = files.iter().position(|(f, _, _)| f == MANIFEST_FILE) else {
            return Err(TemplateError::Manifest {
                file: where_,
                message: format!("a template folder needs a {MANIFEST_FILE}"),
            });
        };
        let (_, manifest_display, manifest_text) = files[manifest_at].clone();
        let manifest = Manifest::parse(&manifest_text, &manifest_display)?;
        if manifest.name != folder {
            return Err(TemplateError::Manifest {
                file: manifest_display,
                message: format!(
                    "name \"{}\" differs from the folder's name \"{folder}\"",
                    manifest.name
                ),
            });
        }
        if !files.iter().any(|(f, _, _)| f == MAIN_FILE) {
            return Err(TemplateError::Manifest {
                file: where_,
                message: format!("a template folder needs a {MAIN_FILE}"),
            });
        }
        let own = files
            .into_iter()
            .filter(|(f, _, _)| f != MANIFEST_FILE)
            .map(to_file)
            .collect();
        self.templates
            .insert(folder.to_owned(), (manifest, own, origin));
        Ok(())
    }

    fn finish(self) -> Registry {
        let templates = self
            .templates
            .into_iter()
            .map(|(name, (manifest, mut files, origin))| {
                files.extend(self.shared.values().cloned());
                (
                    name,
                    Template {
                        manifest,
                        origin,
                        files,
                    },
                )
            })
            .collect();
        Registry { templates }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template file added to `templates/` but not to `BUILTIN` would be silently missing
    /// from the program.
    #[test]
    fn every_template_file_in_the_repository_is_built_in() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        let mut on_disk = Vec::new();
        for folder in fs::read_dir(&root).expect("templates/ is readable") {
            let folder = folder.expect("a listing entry").path();
            if !folder.is_dir() {
                continue;
            }
            for file in fs::read_dir(&folder).expect("a template folder is readable") {
                let path = file.expect("a listing entry").path();
                let name = path.strip_prefix(&root).expect("below templates/");
                let name = name.to_string_lossy().replace('\\', "/");
                if name.ends_with(".j2") || name.ends_with(MANIFEST_FILE) {
                    on_disk.push(name);
                }
            }
        }
        on_disk.sort();
        let mut built_in: Vec<String> = BUILTIN.iter().map(|(p, _)| p.to_string()).collect();
        built_in.sort();
        assert_eq!(on_disk, built_in);
        assert_eq!(
            Registry::builtin().names(),
            ["bluf-memo", "read-ahead", "sitrep"]
        );
    }

    #[test]
    #[should_panic(expected = "templates/broken/brief.md.j2 (built-in)")]
    fn a_broken_built_in_template_stops_the_program_naming_its_file() {
        let manifest = "name = \"broken\"\ndescription = \"A template that does not compile\"\n";
        Registry::from_builtin(&[
            ("broken/template.toml", manifest),
            ("broken/brief.md.j2", "{% if %}\n"),
        ]);
    }
}
