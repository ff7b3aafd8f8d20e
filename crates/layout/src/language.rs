//! The language of a stretch of text, guessed from its script alone, for readers that
//! pick a voice by language (a screen reader reading a Hebrew or Russian name inside an
//! English brief). No language detection: a script stands for its most likely language,
//! and that is a guess — Cyrillic is read as Russian (it may be Ukrainian or Serbian), Han
//! as Chinese unless kana in the same text make it Japanese, Arabic script as Arabic
//! unless letters only Persian uses (پ چ ژ گ ک ی) make it Persian.

use unicode_script::{Script, UnicodeScript};

/// What one character says about the language of the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharLanguage {
    /// Of no one script (spaces, digits, punctuation, symbols, combining marks, scripts
    /// with no tag here): it takes the language of its neighbours.
    Neutral,
    /// Latin script: the document's own language.
    Latin,
    /// Another script, read in the language with this BCP 47 tag.
    Other(&'static str),
}

/// The language tags for the scripts of one piece of text, with the choices that depend
/// on the whole of it (Arabic or Persian, Chinese or Japanese) made once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptLanguages {
    arabic: &'static str,
    han: &'static str,
}

impl ScriptLanguages {
    /// The choices for `text`: Persian if it has a letter only Persian uses, Japanese if
    /// it has kana.
    pub fn for_text(text: &str) -> Self {
        let persian = text.chars().any(|c| "پچژگکی".contains(c));
        let kana = text
            .chars()
            .any(|c| matches!(c.script(), Script::Hiragana | Script::Katakana));
        ScriptLanguages {
            arabic: if persian { "fa" } else { "ar" },
            han: if kana { "ja" } else { "zh" },
        }
    }

    /// What `c` says about the language it is in.
    pub fn of(&self, c: char) -> CharLanguage {
        let tag = match c.script() {
            Script::Latin => return CharLanguage::Latin,
            Script::Arabic => self.arabic,
            Script::Han => self.han,
            Script::Hiragana | Script::Katakana => "ja",
            Script::Hangul => "ko",
            Script::Hebrew => "he",
            Script::Cyrillic => "ru",
            Script::Greek => "el",
            Script::Armenian => "hy",
            Script::Georgian => "ka",
            Script::Devanagari => "hi",
            Script::Bengali => "bn",
            Script::Tamil => "ta",
            Script::Thai => "th",
            Script::Ethiopic => "am",
            Script::Syriac => "syr",
            Script::Thaana => "dv",
            _ => return CharLanguage::Neutral,
        };
        CharLanguage::Other(tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_tag(text: &str) -> Option<&'static str> {
        let langs = ScriptLanguages::for_text(text);
        text.chars().find_map(|c| match langs.of(c) {
            CharLanguage::Other(tag) => Some(tag),
            _ => None,
        })
    }

    #[test]
    fn scripts_stand_for_their_likely_language() {
        assert_eq!(first_tag("שלום"), Some("he"));
        assert_eq!(first_tag("Владимир Путин"), Some("ru"));
        assert_eq!(first_tag("Αθήνα"), Some("el"));
        assert_eq!(first_tag("习近平"), Some("zh"));
        assert_eq!(
            first_tag("東京でカレー"),
            Some("ja"),
            "kana make Han Japanese"
        );
        assert_eq!(first_tag("서울"), Some("ko"));
        assert_eq!(first_tag("محمد"), Some("ar"));
        assert_eq!(first_tag("مسعود پزشکیان"), Some("fa"), "پ is Persian only");
        assert_eq!(first_tag("Tehran, 12 October"), None);
    }

    #[test]
    fn spaces_digits_and_punctuation_are_neutral() {
        let langs = ScriptLanguages::for_text("");
        for c in [' ', '1', '.', '—', '“', '€', '\u{0301}'] {
            assert_eq!(langs.of(c), CharLanguage::Neutral, "{c:?}");
        }
        assert_eq!(langs.of('é'), CharLanguage::Latin);
    }
}
