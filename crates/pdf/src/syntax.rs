//! PDF syntax written straight into a byte buffer: numbers, names, strings, references,
//! and whole lopdf objects. The page writer, the structure tree and the file writer share
//! these, so every object in a file is spelled one way.

use lopdf_printpdf::{Object, ObjectId, StringFormat};

/// A PDF number: at most three decimals, no exponent, no trailing zeros; clamped to
/// ±1e9, far beyond any page, so a runaway value cannot make an unreadable number.
pub(crate) fn write_num(out: &mut Vec<u8>, v: f32) {
    let thousandths = if v.is_finite() {
        (f64::from(v).clamp(-1e9, 1e9) * 1000.0).round() as i64
    } else {
        0
    };
    if thousandths < 0 {
        out.push(b'-');
    }
    let abs = thousandths.unsigned_abs();
    write_uint(out, abs / 1000);
    let mut frac = abs % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut digits = 3;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let width = if frac >= 100 {
            3
        } else if frac >= 10 {
            2
        } else {
            1
        };
        out.extend(std::iter::repeat_n(b'0', digits - width));
        write_uint(out, frac);
    }
}

/// An integer in decimal.
pub(crate) fn write_int(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    write_uint(out, v.unsigned_abs());
}

fn write_uint(out: &mut Vec<u8>, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// An indirect reference, `12 0 R`.
pub(crate) fn write_ref(out: &mut Vec<u8>, id: ObjectId) {
    write_uint(out, u64::from(id.0));
    out.push(b' ');
    write_uint(out, u64::from(id.1));
    out.extend_from_slice(b" R");
}

/// `text` as a PDF text string: UTF-16BE with a byte-order mark, as a hex string.
pub(crate) fn write_text_string(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(b"<FEFF");
    for unit in text.encode_utf16() {
        write_hex_u16(out, unit);
    }
    out.push(b'>');
}

/// A glyph id as four hex digits, inside a `<...>` string.
pub(crate) fn write_hex_u16(out: &mut Vec<u8>, v: u16) {
    let [hi, lo] = v.to_be_bytes();
    write_hex_u8(out, hi);
    write_hex_u8(out, lo);
}

fn write_hex_u8(out: &mut Vec<u8>, v: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(HEX[usize::from(v >> 4)]);
    out.push(HEX[usize::from(v & 0xF)]);
}

/// A PDF name (`/Name`), escaping bytes outside the regular characters as `#XX`.
pub(crate) fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        let regular = (0x21..=0x7e).contains(&b) && !b"()<>[]{}/%#".contains(&b);
        if regular {
            out.push(b);
        } else {
            out.push(b'#');
            write_hex_u8(out, b);
        }
    }
}

/// Whether an object's text starts with a delimiter, so it needs no space before it.
fn starts_delimited(object: &Object) -> bool {
    matches!(
        object,
        Object::Name(_)
            | Object::String(..)
            | Object::Array(_)
            | Object::Dictionary(_)
            | Object::Stream(_)
    )
}

/// Any lopdf object. A stream's `/Length` is written from its content, whatever its
/// dictionary says.
pub(crate) fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(v) => write_int(out, *v),
        Object::Real(v) => write_real(out, *v),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, StringFormat::Literal) => write_literal(out, bytes),
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for &b in bytes {
                write_hex_u8(out, b);
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 && !starts_delimited(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dict(out, dict.iter(), None),
        Object::Stream(stream) => {
            let entries = stream
                .dict
                .iter()
                .filter(|(key, _)| key.as_slice() != b"Length");
            write_dict(out, entries, Some(stream.content.len()));
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference(id) => write_ref(out, *id),
    }
}

fn write_dict<'a>(
    out: &mut Vec<u8>,
    entries: impl Iterator<Item = (&'a Vec<u8>, &'a Object)>,
    length: Option<usize>,
) {
    out.extend_from_slice(b"<<");
    for (key, value) in entries {
        write_name(out, key);
        if !starts_delimited(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    if let Some(length) = length {
        out.extend_from_slice(b"/Length ");
        write_uint(out, length as u64);
    }
    out.extend_from_slice(b">>");
}

/// A real number as exactly as `f32` holds it (font matrices and widths need more than
/// the three decimals of page coordinates); never an exponent, never NaN.
fn write_real(out: &mut Vec<u8>, v: f32) {
    let v = if v.is_finite() { v } else { 0.0 };
    out.extend_from_slice(format!("{v}").as_bytes());
}

/// A literal string, `(...)`, with backslashes, parentheses and carriage returns escaped.
fn write_literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf_printpdf::{Dictionary, Stream};

    fn num(v: f32) -> String {
        let mut out = Vec::new();
        write_num(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    fn object(o: &Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, o);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn numbers_are_short_and_plain() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(-20.0), "-20");
        assert_eq!(num(841.89), "841.89");
        assert_eq!(num(0.05), "0.05");
        assert_eq!(num(0.005), "0.005");
        assert_eq!(num(-0.0004), "0");
        assert_eq!(num(-1.5), "-1.5");
        assert_eq!(num(1e30), "1000000000");
        assert_eq!(num(f32::NAN), "0");
    }

    #[test]
    fn names_escape_delimiters() {
        let mut out = Vec::new();
        write_name(&mut out, b"F1 (x)#");
        assert_eq!(out, b"/F1#20#28x#29#23");
    }

    #[test]
    fn objects_are_spelled_as_pdf() {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Annot".to_vec()));
        dict.set(
            "Rect",
            Object::Array(vec![
                Object::Integer(-3),
                Object::Real(0.5),
                Object::Reference((12, 0)),
                Object::Null,
                Object::Boolean(true),
            ]),
        );
        dict.set(
            "T",
            Object::String(b"a(b)\\c\r".to_vec(), StringFormat::Literal),
        );
        dict.set(
            "H",
            Object::String(vec![0xfe, 0x01], StringFormat::Hexadecimal),
        );
        assert_eq!(
            object(&Object::Dictionary(dict)),
            "<</Type/Annot/Rect[-3 0.5 12 0 R null true]/T(a\\(b\\)\\\\c\\r)/H<FE01>>>"
        );
        let mut stream = Stream::new(Dictionary::new(), b"abc".to_vec());
        stream.dict.set("Length", Object::Integer(99));
        assert_eq!(
            object(&Object::Stream(stream)),
            "<</Length 3>>stream\nabc\nendstream"
        );
    }
}
