//! The schemes on offer: the built-in ones (compiled in from `markings/*.toml`), then the
//! user's folder in the platform config folder, each replacing a scheme of the same name.

use crate::SchemeError;
use crate::scheme::Scheme;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in scheme files, by file name.
const BUILTIN: &[(&str, &str)] = &[
    (
        "us-style.toml",
        include_str!("../../../markings/us-style.toml"),
    ),
    ("uk-gov.toml", include_str!("../../../markings/uk-gov.toml")),
    ("tlp.toml", include_str!("../../../markings/tlp.toml")),
];

/// Where a scheme came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

/// Marking schemes by name.
#[derive(Debug, Clone)]
pub struct Schemes {
    schemes: BTreeMap<String, (Scheme, Origin)>,
}

impl Schemes {
    /// The built-in schemes alone.
    pub fn builtin() -> Result<Schemes, SchemeError> {
        let mut schemes = BTreeMap::new();
        for (file, text) in BUILTIN {
            let scheme = Scheme::from_toml(text, &format!("markings/{file} (built-in)"))?;
            schemes.insert(scheme.name.clone(), (scheme, Origin::BuiltIn));
        }
        Ok(Schemes { schemes })
    }

    /// The built-in schemes, then every `*.toml` in each of `dirs` in turn.
    pub fn with_user_dirs(dirs: &[PathBuf]) -> Result<Schemes, SchemeError> {
        let mut out = Schemes::builtin()?;
        for dir in dirs {
            out.add_dir(dir)?;
        }
        Ok(out)
    }

    /// The built-in schemes and the user's folder, when it exists.
    pub fn installed() -> Result<Schemes, SchemeError> {
        let dirs: Vec<PathBuf> = user_scheme_dir()
            .filter(|d| d.is_dir())
            .into_iter()
            .collect();
        Schemes::with_user_dirs(&dirs)
    }

    fn add_dir(&mut self, dir: &Path) -> Result<(), SchemeError> {
        let io = |source| SchemeError::Io {
            path: dir.to_owned(),
            source,
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|source| SchemeError::Io {
                path: path.clone(),
                source,
            })?;
            let scheme = Scheme::from_toml(&text, &path.display().to_string())?;
            self.schemes
                .insert(scheme.name.clone(), (scheme, Origin::File(path)));
        }
        Ok(())
    }

    /// The scheme with this name, if any.
    pub fn get(&self, name: &str) -> Option<&Scheme> {
        self.schemes.get(name.trim()).map(|(s, _)| s)
    }

    /// The scheme with this name, or an error listing the known ones.
    pub fn require(&self, name: &str) -> Result<&Scheme, SchemeError> {
        self.get(name).ok_or_else(|| SchemeError::Unknown {
            name: name.trim().to_owned(),
            known: self.names(),
        })
    }

    /// Every scheme's name, sorted.
    pub fn names(&self) -> Vec<String> {
        self.schemes.keys().cloned().collect()
    }

    /// Every scheme with where it came from, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&Scheme, &Origin)> {
        self.schemes.values().map(|(s, o)| (s, o))
    }
}

/// The user's marking-scheme folder in the platform's config folder
/// (e.g. `~/.config/briefsmith/markings` on Linux), whether or not it exists.
pub fn user_scheme_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "briefsmith").map(|d| d.config_dir().join("markings"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_and_say_they_are_for_training() {
        let schemes = Schemes::builtin().unwrap();
        assert_eq!(schemes.names(), ["tlp", "uk-gov", "us-style"]);
        for (scheme, origin) in schemes.iter() {
            assert_eq!(*origin, Origin::BuiltIn);
            assert!(scheme.notice.contains("training"), "{}", scheme.name);
            assert!(
                scheme.notice.contains("not an authority"),
                "{}",
                scheme.name
            );
        }
    }

    #[test]
    fn a_user_scheme_replaces_a_builtin_and_bad_ones_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let tlp = BUILTIN[2].1.replace("Traffic Light Protocol 2.0", "My TLP");
        std::fs::write(dir.path().join("mine.toml"), tlp).unwrap();
        let schemes = Schemes::with_user_dirs(&[dir.path().to_owned()]).unwrap();
        assert!(schemes.require("tlp").unwrap().title.starts_with("My TLP"));
        let e = schemes.require("nato").unwrap_err().to_string();
        assert_eq!(
            e,
            "unknown marking scheme \"nato\"; known schemes: tlp, uk-gov, us-style"
        );
        std::fs::write(dir.path().join("bad.toml"), "name = 3").unwrap();
        let e = Schemes::with_user_dirs(&[dir.path().to_owned()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.toml:1:8:"), "{e}");
    }
}
