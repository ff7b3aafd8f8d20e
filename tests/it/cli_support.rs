//! Running the real `briefsmith` binary from a test: its exit code and what it printed.

use std::path::Path;
use std::process::Command;

/// One run of the binary.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output then standard error, for a failure message.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `briefsmith ARGS` in `dir`; a panic message on stderr fails the test at once.
pub fn run(args: &[&str], dir: &Path) -> Run {
    run_env(args, dir, &[])
}

/// [`run`] with environment variables set, e.g. `XDG_CONFIG_HOME` for a user config folder.
pub fn run_env(args: &[&str], dir: &Path, env: &[(&str, &Path)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_briefsmith"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("run briefsmith");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}
