"""Reads a .docx back the way a Word user's tools do (python-docx, plus the zip's XML for
what python-docx has no API for: notes, language) and prints what it found as JSON.

Usage: python3 read_docx.py FILE.docx
"""

import json
import sys
import zipfile
import xml.etree.ElementTree as ET

import docx
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def text_of(element):
    """All w:t text below an element, in order."""
    return "".join(t.text or "" for t in element.iter(W + "t"))


def notes(package, part, tag):
    """Each real (not separator) footnote or endnote: its id and text."""
    if part not in package.namelist():
        return []
    root = ET.fromstring(package.read(part))
    found = []
    for note in root.iter(W + tag):
        if note.get(W + "type") is None:
            found.append({"id": note.get(W + "id"), "text": text_of(note).strip()})
    return found


def paragraph(p):
    ppr = p._p.pPr
    rtl_runs = [
        r.text for r in p.runs if r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None
    ]
    return {
        "style": p.style.name if p.style is not None else "",
        "text": p.text,
        "numbered": ppr is not None and ppr.numPr is not None,
        "bidi": ppr is not None and ppr.find(qn("w:bidi")) is not None,
        "rtl_runs": rtl_runs,
    }


def main(path):
    document = docx.Document(path)
    with zipfile.ZipFile(path) as package:
        footnotes = notes(package, "word/footnotes.xml", "footnote")
        endnotes = notes(package, "word/endnotes.xml", "endnote")
        styles = ET.fromstring(package.read("word/styles.xml"))
        lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        document_bytes = len(package.read("word/document.xml"))
    tables = []
    header_rows = []
    for table in document.tables:
        tables.append([[cell.text for cell in row.cells] for row in table.rows])
        first = table.rows[0]._tr if table.rows else None
        header_rows.append(
            first is not None
            and first.trPr is not None
            and first.trPr.find(qn("w:tblHeader")) is not None
        )
    section = document.sections[0]
    core = document.core_properties
    result = {
        "paragraphs": [paragraph(p) for p in document.paragraphs],
        "tables": tables,
        "header_rows": header_rows,
        "footnotes": footnotes,
        "endnotes": endnotes,
        "header": [p.text for p in section.header.paragraphs],
        "first_page_header": [p.text for p in section.first_page_header.paragraphs],
        "footer": [p.text for p in section.footer.paragraphs],
        "footer_fields": [
            f.get(qn("w:instr")) for f in section.footer._element.iter(qn("w:fldSimple"))
        ],
        "core": {
            "title": core.title,
            "author": core.author,
            "subject": core.subject,
            "keywords": core.keywords,
            "language": core.language,
        },
        "language": lang.get(W + "val") if lang is not None else None,
        "external_links": [
            r.target_ref for r in document.part.rels.values() if r.is_external
        ],
        "document_bytes": document_bytes,
    }
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
