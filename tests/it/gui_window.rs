//! The real window: `briefsmith --screenshot OUT.png [DRAFT]` opens it under Xvfb with the
//! glow (OpenGL) renderer on Mesa, draws the sample (or a draft), saves a PNG and exits.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An Xvfb server on a display of its own, stopped when dropped.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    /// Starts Xvfb and waits until it accepts connections. `-displayfd 1` lets the server
    /// pick a free display and print its number once it is listening, so neither a stale
    /// socket left in /tmp/.X11-unix nor another X server can be mistaken for ours.
    fn start() -> Xvfb {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1600x1000x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb must be installed (apt-get install xvfb) to test the real window");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("Xvfb did not report a display within 20 s");
        let n: u32 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("Xvfb reported no display number: {line:?}"));
        Xvfb {
            child,
            display: format!(":{n}"),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the binary with `args` on the Xvfb display, with a throwaway home folder.
fn run_window(x: &Xvfb, home: &Path, args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefsmith"))
        .args(args)
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("BRIEFSMITH_NO_NATIVE_DIALOGS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "the window did not close by itself\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Decodes a PNG and returns (width, height, number of distinct colours in a sample).
fn inspect_png(path: &Path) -> (u32, u32, usize) {
    let img = image::open(path).expect("a readable PNG").to_rgba8();
    let mut colours = std::collections::HashSet::new();
    for (i, p) in img.pixels().enumerate() {
        if i % 97 == 0 {
            colours.insert(p.0);
        }
    }
    (img.width(), img.height(), colours.len())
}

#[test]
fn screenshot_of_the_sample_and_of_a_draft() {
    let x = Xvfb::start();
    let home = tempfile::tempdir().unwrap();

    let out = home.path().join("sample.png");
    let result = run_window(&x, home.path(), &["--screenshot", out.to_str().unwrap()]);
    assert!(
        result.status.success(),
        "exit {:?}\n{}",
        result.status,
        String::from_utf8_lossy(&result.stderr)
    );
    let (w, h, colours) = inspect_png(&out);
    assert!(w >= 900 && h >= 560, "window size {w}×{h}");
    assert!(
        colours > 20,
        "the window shows something ({colours} colours)"
    );

    // A draft given on the command line, with its dataset beside it.
    let draft = home.path().join("mine.brief.json");
    let dataset = home.path().join(briefsmith::sample::DATASET_FILE);
    std::fs::write(&draft, briefsmith::sample::DRAFTS[1].1).unwrap();
    std::fs::write(&dataset, briefsmith::sample::DATASET).unwrap();
    let out = home.path().join("draft.png");
    let result = run_window(
        &x,
        home.path(),
        &[
            "--screenshot",
            out.to_str().unwrap(),
            draft.to_str().unwrap(),
        ],
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(inspect_png(&out).2 > 20);
    assert!(
        !briefsmith_core::store::recovery_path(&draft).exists(),
        "a screenshot run leaves no recovery file"
    );
}
