//! Portion marks written into Markdown: the mark at the start of every portion (each
//! paragraph, list item, block quote, table row and footnote) of a piece of analyst text.

/// `markdown` with `pm` (a portion mark and a space, already escaped, e.g. `(S) `) at the
/// start of every paragraph, heading, list item, block quote, table body row and footnote
/// definition. Code blocks are left as they are; empty `pm` changes nothing.
pub(crate) fn mark_portions(markdown: &str, pm: &str) -> String {
    if pm.is_empty() || markdown.trim().is_empty() {
        return markdown.to_owned();
    }
    let mut out = String::with_capacity(markdown.len() + pm.len() * 4);
    let mut fence: Option<String> = None;
    let mut previous_blank = true;
    let mut in_table = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if marker.len() >= 3 {
            fence = Some(marker);
            out.push_str(line);
            out.push('\n');
            previous_blank = false;
            continue;
        }
        if trimmed.is_empty() {
            previous_blank = true;
            in_table = false;
            out.push('\n');
            continue;
        }
        let marked = if trimmed.starts_with('|') {
            let delimiter = trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
            // The header row and the delimiter row are not portions.
            let header = previous_blank && !in_table;
            in_table = true;
            if delimiter || header {
                None
            } else {
                Some(after_prefix(line, indent.len() + 1, pm))
            }
        } else if let Some(len) = block_prefix(trimmed) {
            Some(after_prefix(line, indent.len() + len, pm))
        } else if previous_blank && indent.len() < 4 {
            Some(format!("{indent}{pm}{trimmed}"))
        } else {
            None
        };
        out.push_str(&marked.unwrap_or_else(|| line.to_owned()));
        out.push('\n');
        previous_blank = false;
    }
    if !markdown.ends_with('\n') {
        out.pop();
    }
    out
}

/// `line` with `pm` inserted after its first `at` bytes and the spaces that follow.
fn after_prefix(line: &str, at: usize, pm: &str) -> String {
    let (head, rest) = line.split_at(at.min(line.len()));
    let spaces = rest.len() - rest.trim_start().len();
    let (gap, body) = rest.split_at(spaces);
    let gap = if gap.is_empty() { " " } else { gap };
    format!("{head}{gap}{pm}{body}")
}

/// The length of a list, heading, quote or footnote marker opening `line`, if any.
fn block_prefix(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    match bytes.first()? {
        b'-' | b'*' | b'+' if bytes.get(1) == Some(&b' ') => Some(1),
        b'>' => Some(1),
        b'#' => {
            let n = bytes.iter().take_while(|&&b| b == b'#').count();
            (n <= 6 && bytes.get(n).is_none_or(|&b| b == b' ')).then_some(n)
        }
        b'[' if line.starts_with("[^") => line.find("]:").map(|i| i + 2),
        b'0'..=b'9' => {
            let n = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            (n <= 9
                && matches!(bytes.get(n), Some(b'.' | b')'))
                && bytes.get(n + 1).is_none_or(|&b| b == b' '))
            .then_some(n + 1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_portion_gets_the_mark() {
        let text = "First paragraph\ncontinues here.\n\n- one\n- two\n\n> quoted\n\n1. first\n\n## Heading\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[^n]: a note\n\n```\ncode\n```\n";
        assert_eq!(
            mark_portions(text, "(S) "),
            "(S) First paragraph\ncontinues here.\n\n- (S) one\n- (S) two\n\n> (S) quoted\n\n1. (S) first\n\n## (S) Heading\n\n| A | B |\n|---|---|\n| (S) 1 | 2 |\n\n[^n]: (S) a note\n\n```\ncode\n```\n"
        );
    }

    #[test]
    fn no_mark_changes_nothing() {
        assert_eq!(mark_portions("a\n\nb", ""), "a\n\nb");
        assert_eq!(mark_portions("a\n\nb", "(U) "), "(U) a\n\n(U) b");
    }
}
