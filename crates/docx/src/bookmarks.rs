//! Bookmarks on headings, so Markdown's internal links (`[see](#key-judgments)`) become
//! Word links to the heading they name.

use std::collections::HashSet;

/// Word refuses bookmark names longer than this.
const MAX_NAME: usize = 40;

/// The bookmarks of a document: unique names and ids.
#[derive(Debug, Default)]
pub(crate) struct Bookmarks {
    used: HashSet<String>,
    next_id: u32,
}

impl Bookmarks {
    /// A bookmark for a heading with this text: its id and a name no other bookmark has.
    pub fn heading(&mut self, text: &str) -> (u32, String) {
        let base = name(text);
        let mut candidate = base.clone();
        let mut n = 2;
        while self.used.contains(&candidate) {
            let suffix = format!("_{n}");
            let keep = MAX_NAME.saturating_sub(suffix.len()).min(base.len());
            candidate = format!("{}{suffix}", &base[..keep]);
            n += 1;
        }
        self.used.insert(candidate.clone());
        let id = self.next_id;
        self.next_id += 1;
        (id, candidate)
    }
}

/// The bookmark name of a heading or of a link's `#fragment`: the GitHub-style slug
/// ("Key judgments" and "key-judgments" alike give `h_key_judgments`), kept to the ASCII
/// letters, digits and underscores Word accepts and starting with a letter.
pub(crate) fn name(text: &str) -> String {
    let mut out = String::from("h_");
    for c in text.trim().chars() {
        if out.len() >= MAX_NAME {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !out.ends_with('_') {
            out.push('_');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_fragments_meet_on_one_name() {
        assert_eq!(name("Key judgments"), name("key-judgments"));
        assert_eq!(name("Key judgments"), "h_key_judgments");
        let mut b = Bookmarks::default();
        let (a, first) = b.heading("Outlook");
        let (c, second) = b.heading("Outlook");
        assert_ne!(a, c);
        assert_eq!(
            (first.as_str(), second.as_str()),
            ("h_outlook", "h_outlook_2")
        );
        assert!(name(&"x".repeat(100)).len() <= MAX_NAME);
    }
}
