//! The file identifier (`/ID` in the trailer), derived from the file's own bytes so the
//! same document always gives the same file (printpdf would write random strings).
//!
//! The trailer is written with a placeholder of zeros, the whole file is hashed with it,
//! and the placeholder is overwritten in place: one serialisation, one hash.

use lopdf_printpdf::{Object, StringFormat};
use memchr::memmem::rfind;
use sha2::{Digest, Sha256};

use crate::PdfError;

/// Bytes in each of the two identifier strings (PDF asks for at least 16).
const ID_LEN: usize = 16;

/// The `/ID` array to set before saving: two strings of zeros, written `<00…00>`.
pub(crate) fn placeholder() -> Object {
    let zeros = || Object::String(vec![0; ID_LEN], StringFormat::Hexadecimal);
    Object::Array(vec![zeros(), zeros()])
}

/// Replaces the placeholder identifiers in a saved file with the first bytes of the
/// SHA-256 of the file as saved: the permanent and the changing identifier are the same,
/// as for a file written once.
pub(crate) fn stamp(file: &mut [u8]) -> Result<(), PdfError> {
    let written = placeholder_text();
    // The trailer (a `trailer` dictionary, or the cross-reference stream's dictionary) is
    // the last thing in the file, after every other object.
    let first = rfind(file, &written)
        .ok_or_else(|| PdfError::Internal("the trailer has no placeholder /ID".into()))?;
    let second = rfind(&file[..first], &written)
        .filter(|&at| first - at <= written.len() + 2)
        .ok_or_else(|| PdfError::Internal("the trailer has one /ID string, not two".into()))?;

    let digest = Sha256::digest(&*file);
    let mut hex = Vec::with_capacity(written.len());
    hex.push(b'<');
    for byte in &digest[..ID_LEN] {
        hex.extend_from_slice(format!("{byte:02X}").as_bytes());
    }
    hex.push(b'>');
    for at in [first, second] {
        file[at..at + hex.len()].copy_from_slice(&hex);
    }
    Ok(())
}

/// How lopdf writes one placeholder string: `<` 32 zeros `>`.
fn placeholder_text() -> Vec<u8> {
    let mut text = vec![b'<'];
    text.extend(std::iter::repeat_n(b'0', ID_LEN * 2));
    text.push(b'>');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identifier_is_the_hash_of_the_file() {
        let zero = String::from_utf8(placeholder_text()).unwrap();
        let make = |body: &str| {
            format!("%PDF-1.7\n{body}\ntrailer\n<</ID[{zero}{zero}]>>\n%%EOF").into_bytes()
        };
        let (mut a, mut b, mut c) = (make("one"), make("one"), make("two"));
        for file in [&mut a, &mut b, &mut c] {
            stamp(file).unwrap();
        }
        assert_eq!(a, b, "same bytes, same identifier");
        assert_ne!(a, c);
        let text = String::from_utf8(a).unwrap();
        assert!(!text.contains(&zero), "{text}");
        let ids: Vec<&str> = text.split(['<', '>']).filter(|s| s.len() == 32).collect();
        assert_eq!(ids.len(), 2);
        assert_eq!(ids[0], ids[1]);
    }

    #[test]
    fn a_file_without_the_placeholder_is_an_error() {
        let mut file = b"%PDF-1.7\ntrailer\n<<>>\n%%EOF".to_vec();
        assert!(stamp(&mut file).is_err());
        let zero = String::from_utf8(placeholder_text()).unwrap();
        let mut one = format!("%PDF-1.7\n<</ID[{zero}]>>\n%%EOF").into_bytes();
        assert!(stamp(&mut one).is_err(), "one string is not an identifier");
    }
}
