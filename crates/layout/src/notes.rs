//! Footnote numbering: notes are numbered in the order of their first reference.

use std::collections::HashMap;

use crate::tree::NoteDef;

/// Which definition each label names and the number each referenced note got.
#[derive(Debug, Default)]
pub(crate) struct NoteRegistry {
    by_label: HashMap<String, usize>,
    /// Per definition: it is the one its label names (not a later duplicate).
    canonical: Vec<bool>,
    number_of: Vec<Option<u32>>,
    /// Definition index of note `n` at `order[n - 1]`.
    order: Vec<usize>,
    /// Per note number - 1: its first reference has been set (and anchored).
    claimed: Vec<bool>,
    /// Per note number - 1: that first reference is in the main text (not in another note).
    in_text: Vec<bool>,
}

impl NoteRegistry {
    /// A registry for these definitions; a label defined twice keeps its first definition.
    pub fn new(defs: &[NoteDef]) -> NoteRegistry {
        let mut by_label = HashMap::with_capacity(defs.len());
        for (i, d) in defs.iter().enumerate() {
            by_label.entry(key(&d.label)).or_insert(i);
        }
        let mut canonical = vec![false; defs.len()];
        for &i in by_label.values() {
            canonical[i] = true;
        }
        NoteRegistry {
            by_label,
            canonical,
            number_of: vec![None; defs.len()],
            ..NoteRegistry::default()
        }
    }

    /// The number of the note `label` names, numbering it on its first reference; `None`
    /// when no such note is defined.
    pub fn reference(&mut self, label: &str) -> Option<u32> {
        let def = *self.by_label.get(&key(label))?;
        if let Some(n) = self.number_of[def] {
            return Some(n);
        }
        self.order.push(def);
        self.claimed.push(false);
        self.in_text.push(false);
        let n = self.order.len() as u32;
        self.number_of[def] = Some(n);
        Some(n)
    }

    /// Records that the first reference to note `n` has been set; true only the first time.
    pub fn claim(&mut self, n: u32, in_text: bool) -> bool {
        let Some(i) = (n as usize).checked_sub(1) else {
            return false;
        };
        match self.claimed.get_mut(i) {
            Some(c) if !*c => {
                *c = true;
                self.in_text[i] = in_text;
                true
            }
            _ => false,
        }
    }

    /// Whether note `n` is referenced from the main text (so it can be set on that page).
    pub fn in_text(&self, n: u32) -> bool {
        (n as usize)
            .checked_sub(1)
            .and_then(|i| self.in_text.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// How many notes have numbers so far.
    pub fn count(&self) -> u32 {
        self.order.len() as u32
    }

    /// The definition index of note `n`.
    pub fn definition(&self, n: u32) -> Option<usize> {
        (n as usize)
            .checked_sub(1)
            .and_then(|i| self.order.get(i))
            .copied()
    }

    /// Definitions no reference numbered, in source order.
    pub fn unreferenced(&self) -> Vec<usize> {
        (0..self.number_of.len())
            .filter(|&i| self.number_of[i].is_none() && self.canonical[i])
            .collect()
    }

    /// Numbers a definition that was never referenced, so it can be set as an endnote.
    pub fn number_unreferenced(&mut self, def: usize) -> u32 {
        if let Some(Some(n)) = self.number_of.get(def) {
            return *n;
        }
        self.order.push(def);
        self.claimed.push(true);
        self.in_text.push(false);
        let n = self.order.len() as u32;
        if let Some(slot) = self.number_of.get_mut(def) {
            *slot = Some(n);
        }
        n
    }
}

/// Labels match case-insensitively, as link labels do.
fn key(label: &str) -> String {
    label.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(label: &str) -> NoteDef {
        NoteDef {
            label: label.into(),
            blocks: Vec::new(),
        }
    }

    #[test]
    fn numbered_by_first_reference() {
        let mut r = NoteRegistry::new(&[def("a"), def("b"), def("c")]);
        assert_eq!(r.reference("b"), Some(1));
        assert_eq!(r.reference("A"), Some(2));
        assert_eq!(r.reference("b"), Some(1));
        assert_eq!(r.reference("zzz"), None);
        assert_eq!(r.definition(1), Some(1));
        assert_eq!(r.definition(2), Some(0));
        assert!(r.claim(1, true));
        assert!(!r.claim(1, true));
        assert!(r.in_text(1));
        assert!(!r.in_text(2));
        assert_eq!(r.unreferenced(), vec![2]);
        assert_eq!(r.number_unreferenced(2), 3);
    }
}
