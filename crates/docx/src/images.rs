//! Images: a local PNG or JPEG beside the document is embedded (`word/media/`) as an
//! inline picture scaled to the text width; anything else becomes a placeholder line
//! naming it, and a warning, as in the PDF.

use std::path::Path;

use briefsmith_layout::Image;

use crate::body::{Ctx, Part, Shared};
use crate::styles;

/// Pixels per point of a screen image (96 dpi), as the layout assumes.
const PX_PER_PT: f32 = 96.0 / 72.0;
/// English Metric Units per point.
const EMU_PER_PT: f32 = 12_700.0;

/// The media files of the package, in the order they were embedded.
#[derive(Debug, Default)]
pub(crate) struct Media {
    pub files: Vec<(String, Vec<u8>)>,
}

/// A file ready to embed: its bytes, extension and size in pixels.
struct Picture {
    data: Vec<u8>,
    extension: &'static str,
    width_px: usize,
    height_px: usize,
}

/// Writes an image block, or its placeholder.
pub(crate) fn image(out: &mut Part, sh: &mut Shared<'_>, image: &Image, ctx: &Ctx) {
    match load(&image.src, sh.base_dir) {
        Ok(picture) => embed(out, sh, image, picture),
        Err(reason) => {
            sh.warnings.push(format!(
                "image {:?} is shown as a placeholder: {reason}",
                image.src
            ));
            let label = if image.alt.trim().is_empty() {
                format!("[image: {}]", image.src)
            } else {
                format!("[image: {}]", image.alt.trim())
            };
            let p = crate::body::Para::new(ctx.style);
            let run = briefsmith_layout::Run {
                text: label,
                kind: briefsmith_layout::RunKind::Text,
                emph: true,
                strong: false,
                strike: false,
                link: None,
            };
            crate::body::paragraph(out, sh, &p, std::slice::from_ref(&run));
        }
    }
}

fn embed(out: &mut Part, sh: &mut Shared<'_>, image: &Image, picture: Picture) {
    let n = sh.media.files.len() + 1;
    let name = format!("image{n}.{}", picture.extension);
    let rel = out.rels.add("image", format!("media/{name}"));
    // Natural size at 96 dpi, scaled down (never up) to the text width.
    let (mut w, mut h) = (
        picture.width_px as f32 / PX_PER_PT,
        picture.height_px as f32 / PX_PER_PT,
    );
    if w > sh.text_width_pt && w > 0.0 {
        h *= sh.text_width_pt / w;
        w = sh.text_width_pt;
    }
    let (cx, cy) = (
        ((w * EMU_PER_PT) as u64).max(1).to_string(),
        ((h * EMU_PER_PT) as u64).max(1).to_string(),
    );
    sh.media.files.push((name.clone(), picture.data));
    let id = n.to_string();
    let x = &mut out.xml;
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &[("w:val", styles::FIGURE)]);
    x.close("w:pPr");
    x.raw("<w:r><w:drawing>");
    x.open(
        "wp:inline",
        &[
            ("distT", "0"),
            ("distB", "0"),
            ("distL", "0"),
            ("distR", "0"),
        ],
    );
    x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)]);
    x.empty(
        "wp:docPr",
        &[("id", &id), ("name", &name), ("descr", &image.alt)],
    );
    x.raw(
        "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>",
    );
    x.open("a:graphic", &[]);
    x.open(
        "a:graphicData",
        &[(
            "uri",
            "http://schemas.openxmlformats.org/drawingml/2006/picture",
        )],
    );
    x.open("pic:pic", &[]);
    x.open("pic:nvPicPr", &[]);
    x.empty(
        "pic:cNvPr",
        &[("id", "0"), ("name", &name), ("descr", &image.alt)],
    );
    x.empty("pic:cNvPicPr", &[]);
    x.close("pic:nvPicPr");
    x.open("pic:blipFill", &[]);
    x.empty("a:blip", &[("r:embed", &rel)]);
    x.raw("<a:stretch><a:fillRect/></a:stretch>");
    x.close("pic:blipFill");
    x.open("pic:spPr", &[]);
    x.raw("<a:xfrm><a:off x=\"0\" y=\"0\"/>");
    x.empty("a:ext", &[("cx", &cx), ("cy", &cy)]);
    x.raw("</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>");
    x.close("pic:spPr");
    x.close("pic:pic");
    x.close("a:graphicData");
    x.close("a:graphic");
    x.close("wp:inline");
    x.raw("</w:drawing></w:r></w:p>");
}

/// Reads the image `src` names, by the layout's rules (a local file inside the
/// document's folder); the error says why it cannot be shown.
fn load(src: &str, base_dir: Option<&Path>) -> Result<Picture, String> {
    let data = briefsmith_layout::read_local(src, base_dir)?;
    let extension = match imagesize::image_type(&data) {
        Ok(imagesize::ImageType::Png) => "png",
        Ok(imagesize::ImageType::Jpeg) => "jpeg",
        _ => return Err("not a PNG or JPEG image".into()),
    };
    let size = imagesize::blob_size(&data).map_err(|e| format!("damaged image: {e}"))?;
    if size.width == 0 || size.height == 0 {
        return Err("damaged image: no pixels".into());
    }
    Ok(Picture {
        data,
        extension,
        width_px: size.width,
        height_px: size.height,
    })
}
