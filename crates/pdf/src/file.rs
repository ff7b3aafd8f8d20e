//! The file itself: lopdf's document written out with its non-stream objects packed into
//! compressed object streams and a cross-reference stream (ISO 32000-1, 7.5.7–7.5.8).
//!
//! A tagged brief is mostly small dictionaries: one structure element per paragraph,
//! cell, label and link, tens of thousands in a long document. Written one by one as
//! lopdf objects they doubled the file and most of the export time; the structure tree
//! is therefore written straight into [`PackedObjects`] (module `tagging`), and this
//! writer packs lopdf's own small objects beside it. (lopdf's object-stream writer clones
//! every object and holds the document twice, which broke the memory bound of the
//! hostile-input tests.)

use lopdf_printpdf::{Dictionary, Document, Object, ObjectId};

use crate::PdfError;
use crate::syntax::{write_int, write_name, write_object, write_ref};

/// Objects per object stream: large enough to compress well, small enough that a reader
/// looking up one object inflates little.
const PER_STREAM: usize = 200;

/// Objects already written out, to be stored in object streams.
#[derive(Default)]
pub(crate) struct PackedObjects {
    bytes: Vec<u8>,
    /// Object number and where its text starts in `bytes`; each runs to the next start.
    starts: Vec<(u32, usize)>,
}

impl PackedObjects {
    /// Begins object `id` (generation 0): what is written to the returned buffer until
    /// the next call is its text.
    pub fn start(&mut self, id: ObjectId) -> &mut Vec<u8> {
        self.starts.push((id.0, self.bytes.len()));
        &mut self.bytes
    }

    fn text(&self, index: usize) -> &[u8] {
        let start = self.starts.get(index).map_or(0, |s| s.1);
        let end = self.starts.get(index + 1).map_or(self.bytes.len(), |s| s.1);
        self.bytes.get(start..end).unwrap_or(&[])
    }
}

/// Where the cross-reference stream says an object is.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// At this byte offset in the file.
    Direct(usize),
    /// In object stream `.0`, at index `.1`.
    Packed(u32, usize),
}

/// Writes `doc` and `packed` as one PDF file. Streams and objects of a generation other
/// than 0 are written directly; every other object goes into an object stream.
pub(crate) fn save(doc: &mut Document, mut packed: PackedObjects) -> Result<Vec<u8>, PdfError> {
    let objects = std::mem::take(&mut doc.objects);
    let mut out = Vec::with_capacity(packed.bytes.len() / 4 + (1 << 16));
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(doc.version.as_bytes());
    // A comment of bytes above 127 tells transfer programs the file is binary (PDF/A
    // asks for it).
    out.extend_from_slice(b"\n%\xE2\xE3\xCF\xD3\n");

    let mut entries: Vec<Entry> = Vec::new();
    for (&(id, generation), object) in &objects {
        if generation == 0 && !matches!(object, Object::Stream(_)) {
            write_object(packed.start((id, 0)), object);
            continue;
        }
        place(&mut entries, id, Entry::Direct(out.len()));
        indirect(&mut out, (id, generation), |out| write_object(out, object));
    }
    drop(objects);

    let first_free = doc
        .max_id
        .max(packed.starts.iter().map(|s| s.0).max().unwrap_or(0))
        + 1;
    let xref_id = write_object_streams(&mut out, &packed, &mut entries, first_free)?;
    drop(packed);
    write_xref_stream(&mut out, &doc.trailer, &mut entries, xref_id)?;
    Ok(out)
}

/// Writes `packed` as object streams numbered from `first_id`; returns the next free
/// object number.
fn write_object_streams(
    out: &mut Vec<u8>,
    packed: &PackedObjects,
    entries: &mut Vec<Entry>,
    first_id: u32,
) -> Result<u32, PdfError> {
    let mut next_id = first_id;
    for (chunk_index, chunk) in packed.starts.chunks(PER_STREAM).enumerate() {
        let stream_id = next_id;
        next_id += 1;
        let first_index = chunk_index * PER_STREAM;
        let mut header = Vec::with_capacity(chunk.len() * 12);
        let mut body = Vec::new();
        for (offset, &(id, _)) in chunk.iter().enumerate() {
            place(entries, id, Entry::Packed(stream_id, offset));
            write_int(&mut header, i64::from(id));
            header.push(b' ');
            write_int(&mut header, body.len() as i64);
            header.push(b' ');
            body.extend_from_slice(packed.text(first_index + offset));
            body.push(b'\n');
        }
        let first = header.len();
        header.extend_from_slice(&body);
        let data = crate::deflate_bytes(&header)?;
        place(entries, stream_id, Entry::Direct(out.len()));
        indirect(out, (stream_id, 0), |out| {
            out.extend_from_slice(b"<</Type/ObjStm/N ");
            write_int(out, chunk.len() as i64);
            out.extend_from_slice(b"/First ");
            write_int(out, first as i64);
            stream_tail(out, &data);
        });
    }
    Ok(next_id)
}

/// Writes the cross-reference stream, object `xref_id`, which is also the trailer (its
/// `/Root`, `/Info` and `/ID` from `trailer`), and the file's end.
fn write_xref_stream(
    out: &mut Vec<u8>,
    trailer: &Dictionary,
    entries: &mut Vec<Entry>,
    xref_id: u32,
) -> Result<(), PdfError> {
    let xref_at = out.len();
    place(entries, xref_id, Entry::Direct(xref_at));
    let largest = entries
        .iter()
        .map(|e| match e {
            Entry::Free => 0,
            Entry::Direct(offset) => *offset,
            Entry::Packed(stream, _) => *stream as usize,
        })
        .max()
        .unwrap_or(0);
    // Bytes for the middle field: enough for the largest offset or stream number.
    let width = (usize::BITS - largest.leading_zeros()).div_ceil(8).max(1) as usize;
    let mut table = Vec::with_capacity(entries.len() * (width + 3));
    for (slot, entry) in entries.iter().enumerate() {
        let (kind, field, index) = match *entry {
            // Object 0 heads the list of free objects, with the highest generation.
            Entry::Free if slot == 0 => (0u8, 0usize, usize::from(u16::MAX)),
            Entry::Free => (0, 0, 0),
            Entry::Direct(offset) => (1, offset, 0),
            Entry::Packed(stream, index) => (2, stream as usize, index),
        };
        table.push(kind);
        table.extend_from_slice(&field.to_be_bytes()[std::mem::size_of::<usize>() - width..]);
        let index = u16::try_from(index)
            .map_err(|_| PdfError::Internal("object stream index beyond 65535".into()))?;
        table.extend_from_slice(&index.to_be_bytes());
    }
    let table = crate::deflate_bytes(&table)?;
    indirect(out, (xref_id, 0), |out| {
        out.extend_from_slice(b"<</Type/XRef/Size ");
        write_int(out, entries.len() as i64);
        out.extend_from_slice(b"/W[1 ");
        write_int(out, width as i64);
        out.extend_from_slice(b" 2]");
        for (key, value) in trailer.iter() {
            if matches!(key.as_slice(), b"Root" | b"Info" | b"ID") {
                write_name(out, key);
                out.push(b' ');
                write_object(out, value);
            }
        }
        stream_tail(out, &table);
    });
    out.extend_from_slice(b"startxref\n");
    write_int(out, xref_at as i64);
    out.extend_from_slice(b"\n%%EOF\n");
    Ok(())
}

/// Records where object `id` is.
fn place(entries: &mut Vec<Entry>, id: u32, entry: Entry) {
    let slot = id as usize;
    if entries.len() <= slot {
        entries.resize(slot + 1, Entry::Free);
    }
    entries[slot] = entry;
}

/// `id gen obj`, the object written by `body`, `endobj`.
fn indirect(out: &mut Vec<u8>, id: ObjectId, body: impl FnOnce(&mut Vec<u8>)) {
    write_ref(out, id);
    out.pop(); // `R` → `obj`
    out.extend_from_slice(b"obj\n");
    body(out);
    out.extend_from_slice(b"\nendobj\n");
}

/// Ends a stream dictionary begun by the caller: the deflate filter, the length, the data.
fn stream_tail(out: &mut Vec<u8>, data: &[u8]) {
    out.extend_from_slice(b"/Filter/FlateDecode/Length ");
    write_int(out, data.len() as i64);
    out.extend_from_slice(b">>stream\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_and_direct_objects_read_back() {
        let mut doc = Document::with_version("1.7");
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        let pages = doc.new_object_id();
        catalog.set("Pages", Object::Reference(pages));
        let catalog = doc.add_object(Object::Dictionary(catalog));
        doc.trailer.set("Root", Object::Reference(catalog));
        let stream = doc.add_object(Object::Stream(lopdf_printpdf::Stream::new(
            Dictionary::new(),
            b"hello".to_vec(),
        )));
        let mut packed = PackedObjects::default();
        let ids: Vec<ObjectId> = (0..450).map(|_| doc.new_object_id()).collect();
        for (n, &id) in ids.iter().enumerate() {
            let out = packed.start(id);
            out.extend_from_slice(b"<</N ");
            write_int(out, n as i64);
            out.extend_from_slice(b"/S ");
            write_ref(out, stream);
            out.extend_from_slice(b">>");
        }
        packed
            .start(pages)
            .extend_from_slice(b"<</Type/Pages/Kids[]/Count 0>>");
        let bytes = save(&mut doc, packed).unwrap();

        let read = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(
            read.get_object(stream)
                .unwrap()
                .as_stream()
                .unwrap()
                .content,
            b"hello"
        );
        for (n, &id) in ids.iter().enumerate() {
            let dict = read.get_dictionary(id).unwrap();
            assert_eq!(dict.get(b"N").unwrap().as_i64().unwrap(), n as i64);
            assert_eq!(dict.get(b"S").unwrap().as_reference().unwrap(), stream);
        }
        let root = read.catalog().unwrap();
        assert_eq!(root.get(b"Pages").unwrap().as_reference().unwrap(), pages);
    }
}
