//! A small XML text builder: every string that reaches a part goes through [`Xml::text`]
//! or an attribute value, both escaped, so no document text can change the markup.

use std::borrow::Cow;

/// An XML part being written, as text.
#[derive(Debug, Default)]
pub(crate) struct Xml {
    out: String,
}

impl Xml {
    /// A part with the XML declaration every OOXML part starts with.
    pub fn part() -> Xml {
        let mut out = String::with_capacity(4096);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        Xml { out }
    }

    /// `<name attr="value" …>`.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push('>');
    }

    /// `<name attr="value" …/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str("/>");
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `<name>text</name>`, the text escaped.
    pub fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    /// Character data, escaped (`<`, `>`, `&`; quotes need no escape outside attributes)
    /// and cleaned of what XML 1.0 cannot hold.
    pub fn text(&mut self, text: &str) {
        self.out
            .push_str(&quick_xml::escape::partial_escape(clean(text)));
    }

    /// Markup written as is: only for constant strings of this crate.
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// The finished part.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            self.out.push_str(&quick_xml::escape::escape(clean(value)));
            self.out.push('"');
        }
    }
}

/// XML 1.0 allows no control characters but tab, line feed and carriage return, nor
/// U+FFFE and U+FFFF; a document holding one is refused by Word and LibreOffice. Each is
/// replaced by U+FFFD, so the reader sees that something stood there instead of losing it
/// silently. Text without any (nearly all) is borrowed unchanged.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(forbidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if forbidden(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials_and_controls_never_reach_the_markup() {
        let mut x = Xml::default();
        x.element(
            "w:t",
            &[("a", "\"<&>'")],
            "a<b>&c \u{1}\u{7} { DATE } \u{FFFF}",
        );
        let s = String::from_utf8(x.into_bytes()).unwrap();
        assert_eq!(
            s,
            "<w:t a=\"&quot;&lt;&amp;&gt;&apos;\">a&lt;b&gt;&amp;c \u{FFFD}\u{FFFD} { DATE } \u{FFFD}</w:t>"
        );
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean("plain\ttext\n"), Cow::Borrowed(_)));
    }
}
