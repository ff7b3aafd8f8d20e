//! PNG decoding to straight (non-premultiplied) RGBA8: how every consumer of the pages
//! (the PDF writer, the preview) reads an image, so all read it alike.

use std::io::Cursor;

/// An image in straight (not premultiplied) RGBA8, rows top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbaImage {
    pub width: u32,
    pub height: u32,
    /// `width * height * 4` bytes.
    pub pixels: Vec<u8>,
}

impl RgbaImage {
    /// The RGBA of the pixel at (x, y), or `None` outside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 4;
        self.pixels.get(i..i + 4).map(|p| [p[0], p[1], p[2], p[3]])
    }
}

/// Why a PNG could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("PNG image: {0}")]
pub struct PngError(String);

/// Largest image accepted, in pixels: far beyond any figure in a brief, small enough that
/// a hostile file cannot exhaust memory.
const MAX_PIXELS: u64 = 40_000_000;

/// Decodes a PNG of any colour type and bit depth to RGBA8.
pub fn decode_png(bytes: &[u8]) -> Result<RgbaImage, PngError> {
    let bad = |e: png::DecodingError| PngError(e.to_string());
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
        return Err(PngError(format!("unsupported size {width}×{height}")));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| PngError("image too large".into()))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(bad)?;
    let line = frame.line_size;
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => {
            return Err(PngError("palette was not expanded".into()));
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
        return Err(PngError("truncated image data".into()));
    }
    Ok(RgbaImage {
        width,
        height,
        pixels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_decoding_handles_grey_images_and_rejects_garbage() {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, 2, 1);
            encoder.set_color(png::ColorType::Grayscale);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().unwrap();
            writer.write_image_data(&[0, 200]).unwrap();
        }
        let img = decode_png(&out).unwrap();
        assert_eq!(img.pixels, vec![0, 0, 0, 255, 200, 200, 200, 255]);
        assert!(decode_png(b"").is_err());
        assert!(decode_png(&out[..out.len() / 2]).is_err());
    }
}
