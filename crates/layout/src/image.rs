//! Local PNG images: resolving `![alt](path)` inside the document's folder, reading the
//! size from the PNG header and checking that the image decodes. Anything else is refused
//! with a reason for the placeholder.

use std::path::{Component, Path};
use std::sync::Arc;

/// Larger files are not embedded (a brief's figure is far smaller).
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// Pixels per point when the file does not say otherwise (96 dpi screen images).
const DEFAULT_PX_PER_PT: f32 = 96.0 / 72.0;

/// A readable PNG: its bytes and natural size in points.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    pub data: Arc<Vec<u8>>,
    pub width: f32,
    pub height: f32,
}

/// Reads the PNG `src` names, relative to `base_dir`; the error says why it cannot be shown.
pub(crate) fn load(src: &str, base_dir: Option<&Path>) -> Result<Loaded, String> {
    let data = read_local(src, base_dir)?;
    let (w, h) = png_size(&data).ok_or_else(|| "not a PNG image".to_string())?;
    // A damaged file becomes a placeholder here, like a missing one, rather than failing
    // the whole export when the PDF writer decodes it. The decoder checks the size in the
    // header against its pixel limit before it inflates anything.
    crate::pixels::decode_png(&data).map_err(|e| format!("damaged image: {e}"))?;
    let (kx, ky) = px_per_pt(&data).unwrap_or((DEFAULT_PX_PER_PT, DEFAULT_PX_PER_PT));
    Ok(Loaded {
        data: Arc::new(data),
        width: w as f32 / kx,
        height: h as f32 / ky,
    })
}

/// The bytes of the file an image reference `src` names, read only if it is a local file
/// inside the document's folder `base_dir` (no URLs, absolute paths, `..` or symbolic
/// links leading out) and at most 64 MiB. The PDF and the Word writer both read images
/// through this; the error says why a file cannot be shown.
pub fn read_local(src: &str, base_dir: Option<&Path>) -> Result<Vec<u8>, String> {
    let src = src.trim();
    if src.is_empty() {
        return Err("no file named".into());
    }
    let lower = src.to_ascii_lowercase();
    if src.contains("://") || lower.starts_with("data:") || src.starts_with("//") {
        return Err("only local files are shown".into());
    }
    let rel = Path::new(src);
    if rel.is_absolute() || src.starts_with('/') || src.starts_with('\\') || rel.has_root() {
        return Err("absolute paths are not read; use a path relative to the document".into());
    }
    if rel
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err("paths outside the document's folder are not read".into());
    }
    let Some(base) = base_dir else {
        return Err("no document folder to find it in".into());
    };
    // `notes.md` lies in "", which is the current folder.
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let full = base.join(rel);
    // Symbolic links must not lead out of the folder either.
    let (Ok(real), Ok(real_base)) = (full.canonicalize(), base.canonicalize()) else {
        return Err("file not found".into());
    };
    if !real.starts_with(&real_base) {
        return Err("the file lies outside the document's folder".into());
    }
    let meta = std::fs::metadata(&real).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a file".into());
    }
    if meta.len() > MAX_BYTES {
        return Err("file too large".into());
    }
    std::fs::read(&real).map_err(|e| format!("cannot read: {e}"))
}

/// Width and height in pixels from a PNG's signature and IHDR chunk.
pub(crate) fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    if data.get(..8)? != SIGNATURE || data.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |r: std::ops::Range<usize>| -> Option<u32> {
        Some(u32::from_be_bytes(data.get(r)?.try_into().ok()?))
    };
    let (w, h) = (be(16..20)?, be(20..24)?);
    // The PNG limit is 2^31 - 1; zero-sized images are invalid.
    let valid = |v: u32| v > 0 && v < (1 << 31);
    (valid(w) && valid(h)).then_some((w, h))
}

/// Pixels per point from the PNG's `pHYs` chunk, when it gives a physical resolution
/// (scanned figures are often 300 dpi); chunks are scanned up to the image data.
fn px_per_pt(data: &[u8]) -> Option<(f32, f32)> {
    let mut at = 8;
    while let Some(head) = data.get(at..at + 8) {
        let len = u32::from_be_bytes(head[..4].try_into().ok()?) as usize;
        let kind = &head[4..8];
        if kind == b"IDAT" || kind == b"IEND" {
            return None;
        }
        if kind == b"pHYs" {
            let body = data.get(at + 8..at + 17)?;
            let x = u32::from_be_bytes(body[..4].try_into().ok()?) as f32;
            let y = u32::from_be_bytes(body[4..8].try_into().ok()?) as f32;
            // Unit 1 = metre; a point is 0.0254 / 72 m. Implausible values are ignored.
            let per_pt = |ppm: f32| ppm * 0.0254 / 72.0;
            let ok = |k: f32| (0.5..=20.0).contains(&k);
            return (body[8] == 1 && ok(per_pt(x)) && ok(per_pt(y)))
                .then(|| (per_pt(x), per_pt(y)));
        }
        at = at.checked_add(12)?.checked_add(len)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest valid header: signature and IHDR of a `w` × `h` image.
    pub(crate) fn header(w: u32, h: u32) -> Vec<u8> {
        let mut d = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
        d.extend_from_slice(b"IHDR");
        d.extend_from_slice(&w.to_be_bytes());
        d.extend_from_slice(&h.to_be_bytes());
        d.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        d
    }

    #[test]
    fn reads_png_size() {
        assert_eq!(png_size(&header(640, 480)), Some((640, 480)));
        assert_eq!(png_size(&header(0, 480)), None);
        assert_eq!(png_size(b"GIF89a........................"), None);
        assert_eq!(png_size(&header(3, 4)[..20]), None);
    }

    #[test]
    fn reads_physical_resolution() {
        let mut d = header(600, 300);
        d.extend_from_slice(&9u32.to_be_bytes());
        d.extend_from_slice(b"pHYs");
        let ppm = (300.0f32 / 0.0254).round() as u32;
        d.extend_from_slice(&ppm.to_be_bytes());
        d.extend_from_slice(&ppm.to_be_bytes());
        d.extend_from_slice(&[1, 0, 0, 0, 0]);
        let (kx, ky) = px_per_pt(&d).expect("pHYs read");
        assert!((kx - 300.0 / 72.0).abs() < 0.01 && (ky - kx).abs() < 1e-6);
        assert_eq!(px_per_pt(&header(10, 10)), None);
    }

    #[test]
    fn refuses_remote_absolute_and_escaping_paths() {
        let dir = std::env::temp_dir();
        for src in [
            "https://example.org/a.png",
            "/etc/passwd",
            "../secret.png",
            "a/../../b.png",
            "data:image/png;base64,AAAA",
            "",
        ] {
            assert!(load(src, Some(&dir)).is_err(), "{src}");
        }
        assert!(load("pic.png", None).is_err());
    }
}
