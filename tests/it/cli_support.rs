//! Running the real `briefsmith` binary from a test, as a user runs it: its exit code and
//! what it printed. Every CLI test runs the binary through [`briefsmith`].

use std::ffi::OsStr;
use std::fmt;
use std::path::Path;
use std::process::Command;

/// One finished run of the binary.
pub struct Run {
    /// The exit code (`None` when a signal ended it).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output then standard error, for a failure message.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Whether it exited with code 0.
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

/// A run of the binary being set up: its arguments, working folder and environment.
pub struct Cli {
    command: Command,
}

/// `briefsmith ARGS`, by default in the test's working folder (the package root) with the
/// test's environment; see [`Cli::home`] to keep the user's own configuration out.
pub fn briefsmith<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Cli {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefsmith"));
    command.args(args);
    Cli { command }
}

impl Cli {
    /// Runs in `dir`, so relative paths in the arguments are read and written there.
    pub fn dir(mut self, dir: &Path) -> Cli {
        self.command.current_dir(dir);
        self
    }

    /// `home` as the home and config folder, so the user's own templates, markings and
    /// checks never leak into the test (and the test's never into theirs).
    pub fn home(self, home: &Path) -> Cli {
        self.env("XDG_CONFIG_HOME", home).env("HOME", home)
    }

    /// An environment variable set for this run only.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Cli {
        self.command.env(key, value);
        self
    }

    /// An environment variable removed for this run only, e.g. `SOURCE_DATE_EPOCH`.
    pub fn env_remove(mut self, key: &str) -> Cli {
        self.command.env_remove(key);
        self
    }

    /// Runs it to the end; a panic message on stderr fails the test at once.
    pub fn run(mut self) -> Run {
        let out = self
            .command
            .output()
            .unwrap_or_else(|e| panic!("{self} does not start: {e}"));
        let run = Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "{self}: {}", run.stderr);
        run
    }

    /// [`Cli::run`], failing the test unless it exits with code 0.
    pub fn ok(self) -> Run {
        let shown = self.to_string();
        let run = self.run();
        assert!(
            run.success(),
            "{shown} exited with {:?}: {}",
            run.code,
            run.all()
        );
        run
    }
}

impl fmt::Display for Cli {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "briefsmith")?;
        for arg in self.command.get_args() {
            write!(f, " {}", arg.to_string_lossy())?;
        }
        Ok(())
    }
}
