//! The entry point: Markdown → tree → flow of chunks (title block, body, notes) → pages
//! → running heads and banners.

use std::path::Path;
use std::rc::Rc;

use crate::blocks::{Layouter, Scope};
use crate::flow::{Chunk, Flow};
use crate::furniture;
use crate::inline::{self, note_anchor, ref_anchor};
use crate::notes::NoteRegistry;
use crate::paginate::{NoteChunks, paginate};
use crate::placeholders::Fields;
use crate::portions::{self, PageBanner};
use crate::theme::{self, Theme};
use crate::tree::{Block, Run, RunKind};
use crate::{
    Align, Anchor, Document, FontBook, LayoutError, LinkTarget, PageItem, Rect, Role, Span,
    StructId, TextStyle, single_line,
};
use briefsmith_style::{DocumentInfo, NotesPlacement, PageStyle};

/// Typesets Markdown on pages of `style` with the bundled fonts. Images are read from
/// `base_dir` (the document's folder); without it they are shown as placeholders.
pub fn typeset(
    markdown: &str,
    style: &PageStyle,
    info: &DocumentInfo,
    base_dir: Option<&Path>,
) -> Result<Document, LayoutError> {
    typeset_with(&FontBook::bundled(), markdown, style, info, base_dir)
}

/// [`typeset`] with a given font book (benchmarks reuse one across runs).
pub fn typeset_with(
    book: &FontBook,
    markdown: &str,
    style: &PageStyle,
    info: &DocumentInfo,
    base_dir: Option<&Path>,
) -> Result<Document, LayoutError> {
    typeset_dressed(book, markdown, style, info, base_dir, None)
}

/// [`typeset_with`], each page's banner (top, bottom and `{banner}` in running heads)
/// given by `page_banner` from the leads of the portions set on that page, instead of
/// [`DocumentInfo::banner`] on every page.
pub fn typeset_with_banners(
    book: &FontBook,
    markdown: &str,
    style: &PageStyle,
    info: &DocumentInfo,
    base_dir: Option<&Path>,
    page_banner: PageBanner<'_>,
) -> Result<Document, LayoutError> {
    typeset_dressed(book, markdown, style, info, base_dir, Some(page_banner))
}

fn typeset_dressed(
    book: &FontBook,
    markdown: &str,
    style: &PageStyle,
    info: &DocumentInfo,
    base_dir: Option<&Path>,
    page_banner: Option<PageBanner<'_>>,
) -> Result<Document, LayoutError> {
    let theme = Theme::new(style)?;
    let tree = crate::parse::parse(markdown);
    let footnotes = style.notes == NotesPlacement::Footnotes;
    let registry = NoteRegistry::new(&tree.notes);
    let mut lay = Layouter::new(book, &theme, base_dir, registry, footnotes);
    lay.want_leads = page_banner.is_some();
    let scope = lay.body_scope();

    let mut blocks = &tree.blocks[..];
    let mut doc_title = String::new();
    let mut title_elem = None;
    if let Some(Block::Heading { level: 1, runs }) = blocks.first() {
        doc_title = inline::plain_text(runs);
        let meta = match blocks.get(1) {
            Some(Block::Paragraph(m)) if is_metadata(m, info) => Some(m.as_slice()),
            _ => None,
        };
        lay.portion_next(|| blocks.first().and_then(portions::block_lead));
        title_elem = Some(StructId(lay.structure.len() as u32));
        title_block(&mut lay, runs, meta, &scope);
        blocks = &blocks[1 + usize::from(meta.is_some())..];
    }
    lay.blocks(blocks, &scope);

    // Notes: laid out once each; footnotes wait for their page, the rest go at the end.
    let mut note_chunks: NoteChunks = Vec::new();
    let mut endnotes: Vec<Vec<Chunk>> = Vec::new();
    let mut n = 1;
    while n <= lay.notes.count() {
        let chunks = note(&mut lay, n, &tree.notes, true);
        if footnotes && lay.notes.in_text(n) {
            note_chunks.push(Some(chunks));
        } else {
            note_chunks.push(None);
            endnotes.push(chunks);
        }
        n += 1;
    }
    for def in lay.notes.unreferenced() {
        let k = lay.notes.number_unreferenced(def);
        note_chunks.push(None);
        endnotes.push(note(&mut lay, k, &tree.notes, false));
    }
    if !endnotes.is_empty() {
        let mut heading = TextStyle::new(theme.heading_family, theme.heading_size(2, theme.body));
        heading.bold = true;
        let size = heading.size;
        lay.flow.space(scope.lh * 1.5);
        lay.as_content(Role::Heading(1), None, |lay| {
            lay.heading_block(
                &[Span::new("Notes", heading)],
                size,
                &scope,
                Some((1, "Notes".to_string())),
            )
        });
        lay.flow.space(scope.lh * 0.5);
        for chunks in endnotes {
            for c in chunks {
                lay.emit(c);
            }
        }
    }

    let flow = std::mem::take(&mut lay.flow);
    let warnings = std::mem::take(&mut lay.warnings);
    let structure = std::mem::take(&mut lay.structure);
    let mut paged = paginate(flow, note_chunks, &theme);
    let title = if info.title.trim().is_empty() {
        doc_title.as_str()
    } else {
        info.title.as_str()
    };
    let fields = Fields {
        title,
        date: &info.date,
        banner: &info.banner,
    };
    let first_header = doc_title.is_empty();
    // Known only now that the pages are: what each page holds.
    let banners: Option<Vec<String>> = page_banner.map(|banner| {
        let mut pages = portions::page_leads(&paged.pages, &structure, &lay.leads);
        // A running head showing the title shows the title's portion on every page (the
        // first holds the title block itself).
        let heads = [
            &style.header_left,
            &style.header_right,
            &style.footer_left,
            &style.footer_right,
        ];
        if heads.iter().any(|head| head.contains("{title}"))
            && let Some(title) = title_elem.and_then(|id| lay.leads.get(id))
        {
            for leads in pages.iter_mut().filter(|leads| !leads.contains(&title)) {
                leads.insert(0, title);
            }
        }
        pages.iter().map(|leads| banner(leads)).collect()
    });
    furniture::dress(
        &mut paged.pages,
        book,
        &theme,
        style,
        &fields,
        banners.as_deref(),
        first_header,
    );
    let mut info = info.clone();
    if info.title.trim().is_empty() {
        info.title = doc_title;
    }
    Ok(Document {
        pages: paged.pages,
        outline: paged.outline,
        info,
        warnings,
        structure,
    })
}

/// The title block: the leading `# Title` set large, the metadata line under it, a rule.
fn title_block(lay: &mut Layouter<'_>, runs: &[Run], meta: Option<&[Run]>, scope: &Scope) {
    let theme = lay.theme;
    let size = theme.title_size();
    let mut style = TextStyle::new(theme.heading_family, size);
    style.bold = true;
    let spans = inline::spans(runs, &style, &mut lay.notes);
    lay.as_content(Role::Heading(1), None, |lay| {
        lay.heading_block(&spans, size, scope, Some((1, inline::plain_text(runs))))
    });
    if let Some(meta) = meta {
        let small = Scope {
            family: theme.heading_family,
            size: theme.body * 0.95,
            color: theme::MUTED,
            ..scope.clone()
        };
        lay.as_content(Role::Paragraph, None, |lay| {
            lay.paragraph(meta, &small, Align::Left, 0.0)
        });
        lay.flow.keep_last();
    }
    lay.flow.space(scope.lh * 0.5);
    let mut c = Chunk::new(scope.lh * 0.5, 0.0, &scope.decos);
    c.items.push(PageItem::Rect(Rect {
        x: scope.x,
        y: 0.0,
        width: scope.width,
        height: theme::RULE_WIDTH,
        color: theme::RULE,
    }));
    lay.emit(c);
    lay.flow.space(scope.lh);
}

/// Whether the paragraph after the title is its metadata line (date, author …): short and
/// wholly emphasised, or naming the export date or author, or lines of "Key: value".
fn is_metadata(runs: &[Run], info: &DocumentInfo) -> bool {
    let plain = inline::plain_text(runs);
    if plain.chars().count() > 300 || runs.iter().any(|r| r.kind == RunKind::NoteRef) {
        return false;
    }
    let emphasised = runs
        .iter()
        .filter(|r| r.kind != RunKind::Break && !r.text.trim().is_empty())
        .all(|r| r.emph || r.strong);
    let names = |s: &str| !s.trim().is_empty() && plain.contains(s.trim()) && plain.len() <= 160;
    let lines: Vec<String> = runs
        .split(|r| r.kind == RunKind::Break)
        .map(inline::plain_text)
        .collect();
    let key_value = |line: &String| {
        line.split_once(':').is_some_and(|(k, _)| {
            let k = k.trim();
            !k.is_empty() && k.len() <= 24 && k.chars().all(|c| c.is_alphabetic() || c == ' ')
        })
    };
    let fields = lines.iter().all(key_value) && (lines.len() >= 2 || plain.len() <= 120);
    emphasised || names(&info.date) || names(&info.author) || fields
}

/// Lays out note `n` (its definition's blocks at note size with its number hanging in the
/// margin) as chunks of its own flow.
fn note(lay: &mut Layouter<'_>, n: u32, defs: &[crate::tree::NoteDef], linked: bool) -> Vec<Chunk> {
    let theme = lay.theme;
    let size = theme.note_size();
    let body = lay.body_scope();
    let indent = size * 1.8;
    let scope = Scope {
        x: body.x + indent,
        width: body.width - indent,
        size,
        lh: size * theme.leading,
        decos: Rc::from(Vec::new()),
        ..body
    };
    let mut own = Flow::default();
    own.headers = std::mem::take(&mut lay.flow.headers);
    std::mem::swap(&mut lay.flow, &mut own);
    lay.in_note = true;

    let mut style = TextStyle::new(theme.body_family, size);
    if linked {
        style.color = theme::LINK;
        style.link = Some(LinkTarget::Internal(ref_anchor(n)));
    }
    let marker = single_line(lay.book, &[Span::new(format!("{n}."), style)]);
    let def = lay.notes.definition(n).and_then(|d| defs.get(d));
    lay.portion_next(|| def.map(|d| portions::blocks_lead(&d.blocks)));
    lay.enter(Role::Note);
    lay.hang_marker(marker, body.x);
    if let Some(def) = lay.notes.definition(n).and_then(|d| defs.get(d)) {
        lay.blocks(&def.blocks, &scope);
    }
    lay.finish_markers(&scope);
    lay.leave();

    lay.in_note = false;
    std::mem::swap(&mut lay.flow, &mut own);
    lay.flow.headers = std::mem::take(&mut own.headers);
    let mut chunks = own.chunks;
    if let Some(first) = chunks.first_mut() {
        first.space_before = scope.lh * 0.25;
        first.anchors.push(Anchor {
            name: note_anchor(n),
            y: 0.0,
        });
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(md: &str) -> bool {
        let tree = crate::parse::parse(md);
        let info = DocumentInfo {
            date: "1 May 2026".into(),
            ..DocumentInfo::default()
        };
        match tree.blocks.first() {
            Some(Block::Paragraph(runs)) => is_metadata(runs, &info),
            _ => false,
        }
    }

    #[test]
    fn recognises_metadata_lines() {
        assert!(meta(
            "**For:** Director\\\n**From:** Desk\\\n**Date:** 12 October 2024"
        ));
        assert!(meta("*Prepared by the desk, 12 October 2024*"));
        assert!(meta("Exported 1 May 2026 by the analyst"));
        assert!(meta("Date: 12 October 2024"));
        assert!(!meta(
            "Summary: Iran is very likely asking Russia for S-400-class air defences, electronic warfare systems and Sukhoi fighters to deter a strike."
        ));
        assert!(!meta("An ordinary opening paragraph with *some* emphasis."));
    }
}
