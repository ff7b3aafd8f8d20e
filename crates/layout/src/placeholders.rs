//! The placeholders of running heads and feet — `{title}`, `{date}`, `{banner}`, `{page}`,
//! `{pages}` — split in one pass, so a title holding "{page}" stays as written and other
//! braces stay. The PDF sets page numbers as text; the Word writer as fields.

/// What the placeholders that are not page numbers stand for.
pub struct Fields<'a> {
    pub title: &'a str,
    pub date: &'a str,
    pub banner: &'a str,
}

/// A piece of a running head or foot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text, placeholders other than page numbers filled in.
    Text(String),
    /// The number of the page it is on.
    Page,
    /// The number of pages of the document.
    Pages,
}

/// Splits `template` at its page-number placeholders, filling the others from `f`.
pub fn pieces(template: &str, f: &Fields<'_>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let tail = &rest[open..];
        let (key, piece) = [
            ("{title}", Piece::Text(f.title.to_owned())),
            ("{pages}", Piece::Pages),
            ("{page}", Piece::Page),
            ("{date}", Piece::Text(f.date.to_owned())),
            ("{banner}", Piece::Text(f.banner.to_owned())),
        ]
        .into_iter()
        .find(|(k, _)| tail.starts_with(k))
        .unwrap_or(("{", Piece::Text("{".to_owned())));
        match piece {
            Piece::Text(t) => text.push_str(&t),
            number => {
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(number);
            }
        }
        rest = &tail[key.len()..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

/// `template` with every placeholder filled, page numbers as text.
pub fn fill(template: &str, f: &Fields<'_>, page: usize, pages: usize) -> String {
    pieces(template, f)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t,
            Piece::Page => page.to_string(),
            Piece::Pages => pages.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_once_and_other_braces_stay() {
        let f = Fields {
            title: "A {page} title",
            date: "1 May",
            banner: "SECRET",
        };
        let template = "{title}, {date}: Page {page} of {pages} {x} {banner}";
        assert_eq!(
            pieces(template, &f),
            vec![
                Piece::Text("A {page} title, 1 May: Page ".into()),
                Piece::Page,
                Piece::Text(" of ".into()),
                Piece::Pages,
                Piece::Text(" {x} SECRET".into()),
            ]
        );
        assert_eq!(
            fill(template, &f, 2, 9),
            "A {page} title, 1 May: Page 2 of 9 {x} SECRET"
        );
        assert!(pieces("", &f).is_empty());
        assert_eq!(fill("{", &f, 1, 1), "{");
    }
}
