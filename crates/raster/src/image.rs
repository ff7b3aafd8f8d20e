//! PNG decoding to straight (non-premultiplied) RGBA8, shared by the preview and the PDF
//! writer so both read an image the same way.

use std::io::Cursor;

use crate::{RasterError, RgbaImage};

/// Largest image accepted, in pixels: far beyond any figure in a brief, small enough that
/// a hostile file cannot exhaust memory.
const MAX_PIXELS: u64 = 40_000_000;

/// Decodes a PNG of any colour type and bit depth to RGBA8.
pub fn decode_png(bytes: &[u8]) -> Result<RgbaImage, RasterError> {
    let bad = |e: png::DecodingError| RasterError::Png(e.to_string());
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: (MAX_PIXELS * 4) as usize,
        },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(bad)?;
    let (width, height) = reader.info().size();
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(RasterError::Png(format!(
            "unsupported size {width}×{height}"
        )));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| RasterError::Png("image too large".into()))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(bad)?;
    let line = frame.line_size;
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => {
            return Err(RasterError::Png("palette was not expanded".into()));
        }
    };
    let mut pixels = Vec::with_capacity(width as usize * height as usize * 4);
    for row in buf.chunks(line).take(height as usize) {
        for px in row.chunks_exact(channels).take(width as usize) {
            let rgba = match *px {
                [g] => [g, g, g, 255],
                [g, a] => [g, g, g, a],
                [r, g, b] => [r, g, b, 255],
                [r, g, b, a] => [r, g, b, a],
                _ => [0, 0, 0, 0],
            };
            pixels.extend_from_slice(&rgba);
        }
    }
    if pixels.len() != width as usize * height as usize * 4 {
        return Err(RasterError::Png("truncated image data".into()));
    }
    Ok(RgbaImage {
        width,
        height,
        pixels,
    })
}
