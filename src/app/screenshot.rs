//! `--screenshot OUT.png`: let the window settle (preview laid out), capture it, save a PNG
//! and close.

use crate::app::state::AppState;
use egui::{ColorImage, ViewportCommand};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Frames drawn before capturing, so fonts, layout and textures have settled.
const SETTLE_FRAMES: u32 = 8;
/// Longest wait for the preview before capturing anyway.
const PREVIEW_TIMEOUT: Duration = Duration::from_secs(20);

/// The state of one screenshot run.
pub struct ScreenshotRun {
    out: PathBuf,
    frames: u32,
    started: Instant,
    requested: bool,
    image: Arc<Mutex<Option<Arc<ColorImage>>>>,
    done: bool,
}

impl ScreenshotRun {
    /// A run that saves to `out`.
    pub fn new(out: PathBuf) -> Self {
        ScreenshotRun {
            out,
            frames: 0,
            started: Instant::now(),
            requested: false,
            image: Arc::new(Mutex::new(None)),
            done: false,
        }
    }

    /// Called after every frame: requests the capture once settled, saves it when it
    /// arrives, then closes the window.
    pub fn frame(&mut self, ctx: &egui::Context, state: &mut AppState) {
        if self.done {
            return;
        }
        self.frames += 1;
        ctx.request_repaint();
        let settled = self.frames >= SETTLE_FRAMES
            && (!state.preview.is_busy() || self.started.elapsed() > PREVIEW_TIMEOUT);
        if settled && !self.requested {
            self.requested = true;
            let slot = self.image.clone();
            let wake = ctx.clone();
            ctx.send_viewport_cmd(ViewportCommand::Screenshot(egui::ScreenshotCallback::new(
                move |image| {
                    if let Ok(mut s) = slot.lock() {
                        *s = Some(image);
                    }
                    wake.request_repaint();
                },
            )));
        }
        let image = self.image.lock().ok().and_then(|mut s| s.take());
        if let Some(image) = image {
            self.done = true;
            match save_png(&image, &self.out) {
                Ok(()) => eprintln!("briefsmith: screenshot saved to {}", self.out.display()),
                Err(e) => {
                    eprintln!("briefsmith: {e:#}");
                    state.error(format!("{e:#}"));
                }
            }
            state.quit_confirmed = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }
}

/// Writes an egui image as a PNG file.
fn save_png(image: &ColorImage, out: &std::path::Path) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let [w, h] = image.size;
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, rgba)
        .context("screenshot has an inconsistent size")?;
    buffer
        .save_with_format(out, image::ImageFormat::Png)
        .with_context(|| format!("{}: cannot write screenshot", out.display()))
}
