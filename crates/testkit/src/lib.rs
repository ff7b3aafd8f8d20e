//! Test support shared by Briefsmith's crates (a dev-dependency only): crash-safety tests
//! run one of their own tests again as a child process, wait for it to say it is ready,
//! kill it at a chosen moment, and read what it printed.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant, SystemTime};

/// A child process running one test of the current test binary. Its standard output is
/// read on a thread, so waiting for it can time out instead of hanging the test.
pub struct TestChild {
    child: Child,
    lines: Receiver<String>,
}

impl TestChild {
    /// Runs the test `name` of this test binary (an `#[ignore]`d one when `ignored`) with
    /// the environment variables `env` added.
    pub fn spawn(name: &str, ignored: bool, env: &[(&str, &OsStr)]) -> std::io::Result<Self> {
        let mut args = vec![name, "--exact", "--nocapture", "--test-threads=1"];
        if ignored {
            args.push("--ignored");
        }
        let mut command = Command::new(std::env::current_exe()?);
        command
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn()?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| std::io::Error::other("the child's output is not piped"))?;
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            let mut line = String::new();
            // Only whole lines are passed on: the last one may be cut off by the kill.
            while out.read_line(&mut line).is_ok_and(|n| n > 0) && line.ends_with('\n') {
                if tx.send(line.trim_end().to_owned()).is_err() {
                    break;
                }
                line.clear();
            }
        });
        Ok(TestChild { child, lines })
    }

    /// Waits up to `timeout` for a line ending with `marker` (libtest may print its own
    /// "test … " before it on the same line). Returns whether it came.
    pub fn wait_for(&mut self, marker: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.ends_with(marker) => return true,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return false,
            }
        }
    }

    /// Kills the child (SIGKILL on Unix: no chance to clean up) and returns the whole
    /// lines it printed since the last one read, and whether it had already exited.
    pub fn kill(mut self) -> std::io::Result<(Vec<String>, bool)> {
        let exited = self.child.try_wait()?.is_some();
        // An already exited child cannot be killed; that is not an error here.
        let _ = self.child.kill();
        self.child.wait()?;
        Ok((self.lines.iter().collect(), exited))
    }
}

impl Drop for TestChild {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Pseudo-random numbers for kill times (xorshift: kill times need no better). Seeded
/// from the clock; the seed goes into every failure message, to replay a failure.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded from the clock.
    pub fn from_clock() -> Rng {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos());
        Rng((nanos as u64) | 1)
    }

    /// The current state; read before drawing, it is the seed that replays a campaign.
    pub fn seed(&self) -> u64 {
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The count in environment variable `var` (how many kills a campaign makes), or `default`.
pub fn count_from_env(var: &str, default: u64) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
