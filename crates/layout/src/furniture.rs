//! Page furniture set after pagination (when the page count and each page's content are
//! known): the running header and footer with their hairlines, and the classification
//! banner at the top and bottom of every page. All of it lies in the margins, inside the
//! paper.

use crate::placeholders::{Fields, fill};
use crate::theme::{self, Theme};
use crate::{FontBook, Line, Page, PageItem, Rect, Span, TextStyle, single_line};
use briefsmith_style::{Family, PageStyle};

/// Adds header, footer and banner to every page. The banner is `banners[i]` on page `i`
/// when given (a banner rolled up page by page), else `fields.banner` on every page; it
/// also fills `{banner}` in the running heads. `first_header` = false leaves the header
/// off page 1 (it carries the title block).
pub(crate) fn dress(
    pages: &mut [Page],
    book: &FontBook,
    theme: &Theme,
    style: &PageStyle,
    fields: &Fields<'_>,
    banners: Option<&[String]>,
    first_header: bool,
) {
    let size = theme.furniture_size();
    let mut text = TextStyle::new(Family::Sans, size);
    text.color = theme::MUTED;
    let mut banner_style = TextStyle::new(Family::Sans, size + 1.0);
    banner_style.bold = true;
    // Shaped once per distinct banner: most pages share one.
    let mut shaped: Vec<(String, Option<Line>)> = Vec::new();
    let mut banner_line = |banner: &str| -> Option<Line> {
        let banner = banner.trim();
        if let Some((_, line)) = shaped.iter().find(|(b, _)| *b == banner) {
            return line.clone();
        }
        let line = (style.show_banner && !banner.is_empty())
            .then(|| fitted(book, &banner_style, banner, theme.text_w));
        shaped.push((banner.to_owned(), line.clone()));
        line
    };

    // Baselines in the margins: banner near the paper's edge, running heads near the text.
    let mt = theme.margin_top;
    let bottom_edge = theme.bottom();
    let head_base = mt - size * 1.4;
    let head_rule = mt - size * 0.8;
    let foot_rule = bottom_edge + size * 0.8;
    let foot_base = bottom_edge + size * 2.2;
    let banner_top = (mt * 0.35).max(size * 1.3).min(head_base - size * 1.2);
    let banner_bottom = (theme.page_h - theme.margin_bottom * 0.3)
        .min(theme.page_h - size * 0.6)
        .max(foot_base + size * 1.4);

    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let n = i + 1;
        let banner = banners
            .and_then(|b| b.get(i))
            .map_or(fields.banner, String::as_str);
        let fields = &Fields { banner, ..*fields };
        let mut items = Vec::new();
        if i > 0 || first_header {
            let left = fill(&style.header_left, fields, n, total);
            let right = fill(&style.header_right, fields, n, total);
            running(
                book, theme, &text, &left, &right, head_base, head_rule, &mut items,
            );
        }
        let left = fill(&style.footer_left, fields, n, total);
        let right = fill(&style.footer_right, fields, n, total);
        running(
            book, theme, &text, &left, &right, foot_base, foot_rule, &mut items,
        );
        if let Some(line) = &banner_line(banner) {
            let x = theme.left + ((theme.text_w - line.width) / 2.0).max(0.0);
            for y in [banner_top, banner_bottom] {
                items.extend(line.translated(x, y).0);
            }
        }
        page.items.extend(items);
    }
}

/// One running head or foot: left and right texts on a baseline and a hairline at `rule_y`.
#[expect(
    clippy::too_many_arguments,
    reason = "the page furniture reads the whole page style"
)]
fn running(
    book: &FontBook,
    theme: &Theme,
    style: &TextStyle,
    left: &str,
    right: &str,
    baseline: f32,
    rule_y: f32,
    out: &mut Vec<PageItem>,
) {
    let (left, right) = (left.trim(), right.trim());
    if left.is_empty() && right.is_empty() {
        return;
    }
    let gap = style.size * 2.0;
    let right_line = (!right.is_empty()).then(|| fitted(book, style, right, theme.text_w));
    let right_w = right_line.as_ref().map_or(0.0, |l| l.width);
    if !left.is_empty() {
        let room = theme.text_w - right_w - if right_w > 0.0 { gap } else { 0.0 };
        let line = fitted(book, style, left, room.max(theme.text_w * 0.2));
        out.extend(line.translated(theme.left, baseline).0);
    }
    if let Some(line) = right_line {
        out.extend(
            line.translated(theme.left + theme.text_w - line.width, baseline)
                .0,
        );
    }
    out.push(PageItem::Rect(Rect {
        x: theme.left,
        y: rule_y - theme::HAIRLINE / 2.0,
        width: theme.text_w,
        height: theme::HAIRLINE,
        color: theme::RULE,
    }));
}

/// A one-line text no wider than `room`, shortened with an ellipsis when needed.
fn fitted(book: &FontBook, style: &TextStyle, text: &str, room: f32) -> Line {
    let mut line = single_line(book, &[Span::new(text, style.clone())]);
    let chars = text.chars().count();
    let mut keep = chars;
    // Each round shortens in proportion to the overflow; a few rounds always suffice.
    for _ in 0..6 {
        if line.width <= room || keep == 0 {
            break;
        }
        keep = ((keep as f32 * room / line.width) as usize).min(keep.saturating_sub(1));
        let short: String = text.chars().take(keep).collect();
        line = single_line(
            book,
            &[Span::new(format!("{}…", short.trim_end()), style.clone())],
        );
    }
    line
}
