//! Finding the line and column of JSON paths in a file's text, for problems found on the model.

use super::Problem;
use std::collections::{HashMap, HashSet};

/// Sets each problem's position to where its path (or the nearest enclosing value that
/// exists in the file) starts in `text`. The text must be valid JSON (it was parsed).
pub fn locate(problems: &mut [Problem], text: &str) {
    if problems.is_empty() {
        return;
    }
    let wanted: HashSet<String> = problems
        .iter()
        .flat_map(|p| prefixes(&p.path))
        .map(str::to_owned)
        .collect();
    let mut scan = Scanner {
        b: text.as_bytes(),
        i: 0,
        path: String::new(),
        wanted: &wanted,
        found: HashMap::new(),
    };
    scan.value(0);
    let lines = LineIndex::new(text);
    for p in problems.iter_mut() {
        p.position = prefixes(&p.path)
            .rev()
            .find_map(|prefix| scan.found.get(prefix))
            .map(|&offset| lines.position(text, offset));
    }
}

/// `a`, `a[1]`, `a[1].b` for `a[1].b`: shortest first.
fn prefixes(path: &str) -> impl DoubleEndedIterator<Item = &str> {
    let cuts: Vec<usize> = path
        .char_indices()
        .filter(|&(i, c)| i > 0 && (c == '.' || c == '['))
        .map(|(i, _)| i)
        .chain([path.len()])
        .collect();
    cuts.into_iter().map(move |i| &path[..i])
}

/// Line starts, for turning byte offsets into line and column.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex(starts)
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&s| s <= offset).max(1);
        let start = self.0[line - 1];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// Walks JSON text keeping the current path, recording where wanted paths start.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    path: String,
    wanted: &'a HashSet<String>,
    found: HashMap<String, usize>,
}

/// Deeper than serde_json ever accepts; stops runaway recursion on unexpected input.
const MAX_DEPTH: usize = 200;

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn value(&mut self, depth: usize) {
        self.ws();
        if self.wanted.contains(&self.path) {
            self.found.entry(self.path.clone()).or_insert(self.i);
        }
        match self.peek() {
            Some(b'{') if depth < MAX_DEPTH => self.object(depth),
            Some(b'[') if depth < MAX_DEPTH => self.array(depth),
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while self
                    .peek()
                    .is_some_and(|c| !matches!(c, b',' | b']' | b'}') && !c.is_ascii_whitespace())
                {
                    self.i += 1;
                }
            }
            None => {}
        }
    }

    /// Skips a string and returns its raw contents (escapes left as written).
    fn string(&mut self) -> &str {
        self.i += 1;
        let start = self.i;
        while let Some(c) = self.peek() {
            match c {
                b'\\' => self.i += 2,
                b'"' => break,
                _ => self.i += 1,
            }
        }
        let end = self.i.min(self.b.len());
        self.i += 1;
        std::str::from_utf8(&self.b[start..end]).unwrap_or("")
    }

    fn object(&mut self, depth: usize) {
        self.i += 1;
        loop {
            self.ws();
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') => {
                    self.i += 1;
                    return;
                }
                Some(b',') => {
                    self.i += 1;
                    continue;
                }
                _ => return,
            }
            let key = self.string().to_owned();
            self.ws();
            if self.peek() == Some(b':') {
                self.i += 1;
            }
            let len = self.path.len();
            if !self.path.is_empty() {
                self.path.push('.');
            }
            self.path.push_str(&key);
            self.value(depth + 1);
            self.path.truncate(len);
        }
    }

    fn array(&mut self, depth: usize) {
        self.i += 1;
        let mut index = 0;
        loop {
            self.ws();
            match self.peek() {
                Some(b']') => {
                    self.i += 1;
                    return;
                }
                Some(b',') => {
                    self.i += 1;
                    continue;
                }
                None => return,
                Some(_) => {}
            }
            let len = self.path.len();
            self.path.push_str(&format!("[{index}]"));
            let before = self.i;
            self.value(depth + 1);
            self.path.truncate(len);
            if self.i == before {
                return;
            }
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Severity;
    use std::path::PathBuf;

    fn problem(path: &str) -> Problem {
        Problem {
            file: PathBuf::from("f"),
            location: path.into(),
            message: String::new(),
            severity: Severity::Error,
            path: path.into(),
            position: None,
        }
    }

    #[test]
    fn finds_values_and_falls_back_to_the_enclosing_one() {
        let text = "{\n  \"items\": [\n    {\"id\": \"a\", \"te\\\"xt\": 1},\n    {\"id\": \"b\",\n     \"source\": \"s\"}\n  ],\n  \"title\": \"é\"\n}";
        let mut ps = vec![
            problem("items[1].source"),
            problem("items[0].speaker"),
            problem("title"),
            problem("items[0].te\\\"xt"),
            problem("nothing.here"),
        ];
        locate(&mut ps, text);
        assert_eq!(ps[0].position, Some((5, 16)));
        assert_eq!(ps[1].position, Some((3, 5)));
        assert_eq!(ps[2].position, Some((7, 12)));
        assert_eq!(ps[3].position, Some((3, 27)));
        assert_eq!(ps[4].position, None);
    }

    #[test]
    fn prefixes_of_a_path() {
        let p: Vec<_> = prefixes("a[1].b").collect();
        assert_eq!(p, ["a", "a[1]", "a[1].b"]);
    }
}
