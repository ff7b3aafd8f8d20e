//! Error messages for people: an error and its causes, each said once.
//!
//! Typed errors here name their cause in their own message (`x.json: cannot read: Is a
//! directory`) and also expose it as their source, so printing the chain with `{:#}` says
//! the cause twice. This prints a cause only when the text so far does not already hold it.

/// `error` and the causes its message does not already contain, joined by ": ".
pub fn said_once(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::said_once;
    use briefsmith_core::store::load_brief;

    #[test]
    fn a_folder_opened_as_a_draft_is_said_once_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let e = anyhow::Error::from(load_brief(dir.path()).unwrap_err());
        let text = said_once(&e);
        // Folders are refused before reading (core's read_bounded), in words.
        assert_eq!(text.matches("is a folder").count(), 1, "{text}");
        assert!(text.contains("not a regular file"), "{text}");
        let wrapped = e.context("Cannot open draft");
        assert_eq!(said_once(&wrapped).matches("is a folder").count(), 1);
    }
}
