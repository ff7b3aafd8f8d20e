//! Markings in the export pipeline: the schemes on offer, a brief's marks for its
//! exports, and releasable versions cut to a ceiling before any template runs.

use anyhow::{Context as _, Result};
use briefsmith_core::model::{Brief, Dataset, Marking};
use briefsmith_marking::{
    BannerScope, DocumentMarks, Mark, PageRollUp, Reduction, Scheme, Schemes,
};
use std::sync::OnceLock;

/// The marking schemes: the built-in ones and the user's folder (read once per run).
pub fn schemes() -> Result<&'static Schemes> {
    static SCHEMES: OnceLock<std::result::Result<Schemes, String>> = OnceLock::new();
    SCHEMES
        .get_or_init(|| Schemes::installed().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| anyhow::anyhow!("reading the marking schemes: {e}"))
}

/// The brief's portion marks, banner and classification block; `None` without a scheme.
pub fn document_marks(brief: &Brief, dataset: Option<&Dataset>) -> Result<Option<DocumentMarks>> {
    if brief.meta.markings.scheme.trim().is_empty() {
        return Ok(None);
    }
    briefsmith_marking::document_marks(schemes()?, brief, dataset)
        .context("working out the brief's marks")
}

/// The brief cut down to `ceiling` (a mark in its scheme, e.g. `C` or `TLP:GREEN`):
/// every portion above it left out, and the brief saying it is a reduced version.
pub fn releasable(brief: &Brief, dataset: Option<&Dataset>, ceiling: &str) -> Result<Reduction> {
    briefsmith_marking::reduce_brief(schemes()?, brief, dataset, ceiling)
        .with_context(|| format!("making a version releasable at \"{}\"", ceiling.trim()))
}

/// What to tell the analyst who picks an item marked `marking` into `brief`: that it is
/// above the brief's declared ceiling, or that its mark does not read in the brief's
/// scheme. `None` when all is well or the brief declares no scheme or ceiling.
pub fn pick_warning(brief: &Brief, marking: Option<&Marking>) -> Option<String> {
    let markings = &brief.meta.markings;
    let ceiling = markings.ceiling.as_ref()?;
    let scheme = schemes().ok()?.get(&markings.scheme)?;
    let ceiling = Mark::parse(scheme, ceiling.as_str()).ok()?;
    let marking = marking.or(markings.floor.as_ref())?;
    match Mark::parse(scheme, marking.as_str()) {
        Ok(mark) if ceiling.dominates(&mark) => None,
        Ok(mark) => Some(format!(
            "This item is marked {}, above the brief's ceiling {}: a version released at the ceiling leaves it out",
            mark.short(scheme),
            ceiling.short(scheme)
        )),
        Err(e) => Some(format!(
            "This item's mark does not read in the {} scheme: {e}",
            scheme.name
        )),
    }
}

/// For `typeset`: a Markdown file read in the scheme `scheme` (every portion opening with
/// its mark), cut to `ceiling` when given. Returns the Markdown (saying, under its first
/// heading, when it was cut), the banner rolled up from the portions left, and what was
/// left out.
pub fn markdown_marks(
    markdown: &str,
    scheme: &str,
    ceiling: Option<&str>,
) -> Result<(String, String, Vec<briefsmith_marking::Dropped>)> {
    let scheme = schemes()?.require(scheme)?;
    let ceiling = ceiling
        .map(|c| Mark::parse(scheme, c).with_context(|| format!("the ceiling \"{}\"", c.trim())))
        .transpose()?;
    let marked = briefsmith_marking::read_markdown_marks(scheme, markdown, ceiling.as_ref())?;
    let mut out = marked.markdown;
    if let Some(ceiling) = &ceiling {
        let banner = ceiling.banner(scheme);
        let notice = format!(
            "**Reduced version for release at {banner}: every portion marked above {banner} has been left out.**\n\n"
        );
        // Under the title when the file opens with one, else at the top.
        let at = if out.starts_with('#') {
            out.find('\n').map_or(out.len(), |i| i + 1)
        } else {
            0
        };
        let lead = if at > 0 { "\n" } else { "" };
        out.insert_str(at, &format!("{lead}{notice}"));
    }
    Ok((out, marked.banner.banner(scheme), marked.dropped))
}

/// A warning when the brief's banner (the roll-up of its portions) is above the ceiling
/// it declares; `None` when it is within it, or declares no scheme or ceiling.
pub fn ceiling_warning(brief: &Brief, dataset: Option<&Dataset>) -> Option<String> {
    let markings = &brief.meta.markings;
    let ceiling = markings.ceiling.as_ref()?;
    let scheme = schemes().ok()?.get(&markings.scheme)?;
    let ceiling = Mark::parse(scheme, ceiling.as_str()).ok()?;
    let banner = briefsmith_marking::BriefMarks::of(scheme, brief, dataset)
        .ok()?
        .banner(brief);
    (!ceiling.dominates(&banner)).then(|| {
        format!(
            "the brief rolls up to {}, above the ceiling it declares ({}); --max-marking {} makes a version within it",
            banner.banner(scheme),
            ceiling.banner(scheme),
            ceiling.short(scheme)
        )
    })
}

/// For a brief whose scheme asks for each page's own banner: what works each page's banner
/// out from the portions the layout set on it. `None` without a scheme, or with one that
/// sets the document's banner on every page.
pub fn page_roll_up(brief: &Brief) -> Result<Option<PageRollUp<'static>>> {
    let markings = &brief.meta.markings;
    if markings.scheme.trim().is_empty() {
        return Ok(None);
    }
    let scheme = schemes()?.require(markings.scheme.trim())?;
    scheme_page_roll_up(scheme, markings.floor.as_ref().map(Marking::as_str))
}

/// [`page_roll_up`] for Markdown marked in `scheme` (`typeset --marking-scheme`), with no
/// floor but the scheme's lowest level.
pub fn markdown_page_roll_up(scheme: &str) -> Result<Option<PageRollUp<'static>>> {
    scheme_page_roll_up(schemes()?.require(scheme)?, None)
}

fn scheme_page_roll_up(
    scheme: &'static Scheme,
    floor: Option<&str>,
) -> Result<Option<PageRollUp<'static>>> {
    if scheme.banner != BannerScope::Page {
        return Ok(None);
    }
    let floor = match floor {
        Some(floor) => Mark::parse(scheme, floor)
            .with_context(|| format!("the brief's floor \"{}\"", floor.trim()))?,
        None => Mark::lowest(scheme),
    };
    Ok(Some(PageRollUp::new(scheme, floor)))
}

/// For a Word export in the scheme named `scheme`: a warning when it asks for each page's
/// own banner, which Word cannot vary without a section break per page, so every page of
/// the `.docx` carries the document's banner (the roll-up of all its portions, so never
/// lower than a page's own). `None` for other schemes, or none.
pub fn word_banner_warning(scheme: &str) -> Option<String> {
    let name = scheme.trim();
    let scheme = schemes().ok()?.get(name)?;
    (scheme.banner == BannerScope::Page).then(|| {
        format!(
            "the \"{name}\" scheme asks for each page's own banner, which Word cannot vary without a section break per page: every page of the .docx carries the document's banner (the roll-up of all its portions, never lower than a page's own); the PDF carries each page's"
        )
    })
}
