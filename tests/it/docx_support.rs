//! Reading a Word export back with python-docx (`read_docx.py` beside this file), for the
//! tests of the Word export from the command line and from the app.

use std::path::Path;
use std::process::Command;

/// What python-docx finds in the file: paragraphs with their styles, notes, tables,
/// headers and footers, properties (see `read_docx.py`).
pub fn read_docx(docx: &Path) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/read_docx.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(docx)
        .output()
        .expect("python3 runs (pip install python-docx)");
    assert!(
        out.status.success(),
        "python-docx could not read {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("read_docx.py prints JSON")
}
