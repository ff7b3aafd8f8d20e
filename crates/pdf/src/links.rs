//! Which external addresses may become clickable in a PDF.
//!
//! The layout already keeps only http, https and mailto links; the writer checks again,
//! because a PDF link that launches a program or runs script is a security hole, not a
//! layout detail.

/// The address as written into a `/URI` action, or `None` when it must not be a link:
/// only http, https and mailto, no control characters or spaces; non-ASCII is
/// percent-encoded (PDF URIs are 7-bit ASCII).
pub(crate) fn safe_uri(uri: &str) -> Option<String> {
    let uri = uri.trim();
    let lower = uri.get(..8).unwrap_or(uri).to_ascii_lowercase();
    let allowed = lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:");
    let has_rest = match uri.find(':') {
        Some(colon) => !uri[colon + 1..].trim_start_matches('/').is_empty(),
        None => false,
    };
    if !allowed || !has_rest {
        return None;
    }
    let mut out = String::with_capacity(uri.len());
    for c in uri.chars() {
        if c.is_control() || c.is_whitespace() {
            return None;
        }
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::safe_uri;

    #[test]
    fn web_and_mail_addresses_pass() {
        assert_eq!(
            safe_uri("https://example.org/a?b=1").as_deref(),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(safe_uri("HTTP://x.y").as_deref(), Some("HTTP://x.y"));
        assert_eq!(safe_uri("mailto:a@b.c").as_deref(), Some("mailto:a@b.c"));
    }

    #[test]
    fn other_schemes_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "ftp://x.y",
            "/relative/path",
            "",
            "https://",
            "mailto:",
            "https://a b",
            "https://a\nb",
            "jav\tascript:x",
        ] {
            assert_eq!(safe_uri(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn non_ascii_is_percent_encoded() {
        assert_eq!(
            safe_uri("https://example.org/café").as_deref(),
            Some("https://example.org/caf%C3%A9")
        );
    }
}
