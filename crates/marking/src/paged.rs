//! Banners rolled up page by page, for schemes that ask for them (`banner = "page"`): a
//! page's banner is the roll-up of the marks opening the portions set on it. The layout
//! says which portions a page holds by their leads (the start of each one's text); this
//! reads the mark each lead opens with.

use crate::mark::{Mark, roll_up};
use crate::scheme::Scheme;

/// How far into a lead, in characters, its mark may open: templates set a short label
/// before the mark of some portions ("Key judgment 1. (S) …", "Analyst comment: (U) …").
pub const LABEL_ROOM: usize = 40;

/// The mark a portion's lead opens with, at its start or after a label of at most
/// [`LABEL_ROOM`] characters; `None` when no bracketed text there reads as a mark in
/// `scheme` (a heading or other text the template set without one).
pub fn opening_mark(scheme: &Scheme, lead: &str) -> Option<Mark> {
    let lead = lead.trim_start();
    let (open, close) = (scheme.portion_open.as_str(), scheme.portion_close.as_str());
    if open.is_empty() || close.is_empty() {
        return None;
    }
    lead.match_indices(open)
        .take_while(|(at, _)| lead[..*at].chars().count() <= LABEL_ROOM)
        .find_map(|(at, _)| {
            let inside = &lead[at + open.len()..];
            let end = inside.find(close)?;
            Mark::parse(scheme, &inside[..end]).ok()
        })
}

/// Works out each page's banner in one scheme, from the leads of the portions on it.
#[derive(Debug, Clone)]
pub struct PageRollUp<'s> {
    scheme: &'s Scheme,
    floor: Mark,
}

impl<'s> PageRollUp<'s> {
    /// Page banners in `scheme`, never below `floor` (the brief's floor, or the scheme's
    /// lowest level).
    pub fn new(scheme: &'s Scheme, floor: Mark) -> PageRollUp<'s> {
        PageRollUp { scheme, floor }
    }

    /// The mark of a page holding portions with these leads: the roll-up of the marks
    /// they open with and the floor. A portion set without a mark (a heading, a label
    /// the template adds) counts at the floor, as unmarked analyst text does.
    pub fn mark(&self, leads: &[&str]) -> Mark {
        let marks: Vec<Mark> = leads
            .iter()
            .filter_map(|lead| opening_mark(self.scheme, lead))
            .collect();
        roll_up(self.scheme, std::iter::once(&self.floor).chain(&marks))
    }

    /// [`Self::mark`] written as a banner, e.g. `SECRET//NOFORN`.
    pub fn banner(&self, leads: &[&str]) -> String {
        self.mark(leads).banner(self.scheme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Schemes;

    fn scheme(name: &str) -> Scheme {
        Schemes::builtin().unwrap().require(name).unwrap().clone()
    }

    #[test]
    fn the_mark_opens_the_lead_or_follows_a_short_label() {
        let us = scheme("us-style");
        let read = |lead| opening_mark(&us, lead).map(|m| m.short(&us));
        assert_eq!(read("(S//NF) Blinken said"), Some("S//NF".into()));
        assert_eq!(read("  (U) indented"), Some("U".into()));
        // A code block's lead: the mark alone, its first line.
        assert_eq!(read("(S//NF)"), Some("S//NF".into()));
        assert_eq!(
            read("Key judgment 12. (C//REL TO USA, GBR) If Iran"),
            Some("C//REL TO USA, GBR".into())
        );
        assert_eq!(read("Analyst comment: (CUI) The Gulf"), Some("CUI".into()));
        // A parenthesis that is not a mark is passed over for one that is.
        assert_eq!(read("Grade (revised) (S) text"), Some("S".into()));
        assert_eq!(read("Grades (e.g. B2) pair the source's reliability"), None);
        assert_eq!(read("Bottom line up front"), None);
        assert_eq!(read(""), None);
        assert_eq!(read("(S unclosed"), None);
        // Beyond the label's room a bracket is prose, not a mark.
        assert_eq!(read(&format!("{} (S) late", "word ".repeat(10))), None);
        let tlp = scheme("tlp");
        assert_eq!(
            opening_mark(&tlp, "(TLP:AMBER) text").map(|m| m.short(&tlp)),
            Some("TLP:AMBER".into())
        );
    }

    #[test]
    fn a_page_rolls_up_its_own_portions_over_the_floor() {
        let us = scheme("us-style");
        let pages = PageRollUp::new(&us, Mark::lowest(&us));
        assert_eq!(pages.banner(&["Discussion", "(U) open"]), "UNCLASSIFIED");
        assert_eq!(
            pages.banner(&["(C//REL TO USA, GBR) a", "(S//REL TO USA, AUS, GBR) b"]),
            "SECRET//REL TO USA, GBR"
        );
        assert_eq!(pages.banner(&["(U) a", "(S//NF) b"]), "SECRET//NOFORN");
        assert_eq!(pages.banner(&[]), "UNCLASSIFIED");
        let floor = Mark::parse(&us, "C").unwrap();
        let pages = PageRollUp::new(&us, floor);
        assert_eq!(pages.banner(&["Heading only"]), "CONFIDENTIAL");
    }
}
