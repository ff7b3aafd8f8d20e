//! One mark read against its scheme: a level and, per category, what it carries. Marks
//! are read from text (`S//NF`, `(TS//SI/TK//REL TO USA, GBR)`, `TLP:AMBER+STRICT`),
//! written as portion marks and banners, compared, and rolled up.

use crate::MarkError;
use crate::scheme::{Rule, Scheme};
use std::collections::BTreeSet;

/// What a mark carries in one category, by the category's rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Carried {
    /// A union category: indices into the category's values.
    Values(BTreeSet<usize>),
    /// A most-restrictive category: the index of the furthest value carried, if any.
    Highest(Option<usize>),
    /// A release list: `None` when the mark sets none (no restriction), else the
    /// countries, the owner included; empty when release is closed (e.g. NOFORN).
    Release(Option<BTreeSet<String>>),
}

/// A mark in a scheme. Marks are kept normalised (see [`Mark::normalised`]), so two
/// marks that mean the same are equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Index into the scheme's levels.
    pub level: usize,
    /// One entry per category of the scheme, in its order.
    pub carried: Vec<Carried>,
}

impl Mark {
    /// The bare level `level` of `scheme`, carrying nothing else.
    pub fn level(scheme: &Scheme, level: usize) -> Mark {
        Mark {
            level: level.min(scheme.levels.len().saturating_sub(1)),
            carried: scheme
                .categories
                .iter()
                .map(|c| match c.rule {
                    Rule::Intersection => Carried::Release(None),
                    Rule::Union => Carried::Values(BTreeSet::new()),
                    Rule::MostRestrictive => Carried::Highest(None),
                })
                .collect(),
        }
    }

    /// The scheme's lowest level.
    pub fn lowest(scheme: &Scheme) -> Mark {
        Mark::level(scheme, 0)
    }

    /// Reads a portion mark or banner, with or without the portion brackets.
    pub fn parse(scheme: &Scheme, text: &str) -> Result<Mark, MarkError> {
        let err = |part: &str, what: Unknown| match what {
            Unknown::Level => MarkError::UnknownLevel {
                mark: text.trim().to_owned(),
                part: part.trim().to_owned(),
                scheme: scheme.name.clone(),
                levels: scheme
                    .levels
                    .iter()
                    .map(|l| l.portion.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            },
            Unknown::Control => MarkError::UnknownControl {
                mark: text.trim().to_owned(),
                part: part.trim().to_owned(),
                scheme: scheme.name.clone(),
            },
        };
        let mut body = text.trim();
        if let Some(inner) = body
            .strip_prefix(scheme.portion_open.as_str())
            .and_then(|b| b.strip_suffix(scheme.portion_close.as_str()))
        {
            body = inner.trim();
        }
        if body.is_empty() {
            return Err(MarkError::Empty);
        }
        let mut parts = body.split(scheme.separator.as_str());
        let level_part = parts.next().unwrap_or_default();
        let level = scheme
            .level_index(level_part)
            .ok_or_else(|| err(level_part, Unknown::Level))?;
        let mut mark = Mark::level(scheme, level);
        for part in parts {
            let part = part.trim();
            if part.is_empty() {
                return Err(err(part, Unknown::Control));
            }
            if let Some((c, list)) = release_list(scheme, part) {
                let countries: BTreeSet<String> = list
                    .split([',', ' '])
                    .map(|s| s.trim().to_uppercase())
                    .filter(|s| !s.is_empty())
                    .collect();
                if countries.is_empty() {
                    return Err(MarkError::EmptyRelease {
                        mark: text.trim().to_owned(),
                        prefix: scheme.categories[c].prefix.trim().to_owned(),
                    });
                }
                mark.carried[c] =
                    match std::mem::replace(&mut mark.carried[c], Carried::Release(None)) {
                        Carried::Release(Some(before)) => Carried::Release(Some(
                            before.intersection(&countries).cloned().collect(),
                        )),
                        _ => Carried::Release(Some(countries)),
                    };
                continue;
            }
            if let Some((c, v)) = scheme.value_by_portion(part) {
                mark.add_value(c, v);
                continue;
            }
            // Several values of one category joined, e.g. `SI/TK`.
            let mut found = Vec::new();
            for cat in 0..scheme.categories.len() {
                let joiner = scheme.categories[cat].joiner.as_str();
                if joiner.is_empty() || !part.contains(joiner) {
                    continue;
                }
                let pieces: Option<Vec<(usize, usize)>> = part
                    .split(joiner)
                    .map(|p| scheme.value_by_portion(p).filter(|(pc, _)| *pc == cat))
                    .collect();
                if let Some(pieces) = pieces {
                    found = pieces;
                    break;
                }
            }
            if found.is_empty() {
                return Err(err(part, Unknown::Control));
            }
            for (c, v) in found {
                mark.add_value(c, v);
            }
        }
        Ok(mark.normalised(scheme))
    }

    fn add_value(&mut self, category: usize, value: usize) {
        match self.carried.get_mut(category) {
            Some(Carried::Values(set)) => {
                set.insert(value);
            }
            Some(Carried::Highest(top)) => *top = (*top).max(Some(value)),
            _ => {}
        }
    }

    /// The canonical form of this mark: release lists gain their owner; a list with no one but the owner
    /// becomes closed and carries the scheme's `when_empty` value; values that close a
    /// list close it.
    pub fn normalised(mut self, scheme: &Scheme) -> Mark {
        for (cat, carried) in scheme.categories.iter().zip(self.carried.iter_mut()) {
            if let Carried::Release(Some(list)) = carried {
                let owner = cat.owner.trim().to_uppercase();
                if list.iter().all(|c| *c == owner) {
                    list.clear();
                } else {
                    list.insert(owner);
                }
            }
        }
        // Values that close a release list.
        let mut closed: Vec<usize> = Vec::new();
        for (cat, carried) in scheme.categories.iter().zip(&self.carried) {
            let values: Vec<usize> = match carried {
                Carried::Values(set) => set.iter().copied().collect(),
                Carried::Highest(top) => top.iter().copied().collect(),
                Carried::Release(_) => Vec::new(),
            };
            let closing = values.iter().filter_map(|&v| cat.values.get(v));
            for value in closing.filter(|v| !v.closes.is_empty()) {
                if let Some(target) = scheme
                    .categories
                    .iter()
                    .position(|k| k.name == value.closes)
                {
                    closed.push(target);
                }
            }
        }
        for target in closed {
            if let Some(carried) = self.carried.get_mut(target) {
                *carried = Carried::Release(Some(BTreeSet::new()));
            }
        }
        // A closed list carries its `when_empty` value (NOFORN).
        let mut add = Vec::new();
        for (cat, carried) in scheme.categories.iter().zip(&self.carried) {
            if let Carried::Release(Some(list)) = carried
                && list.is_empty()
                && let Some(value) = scheme.value_by_portion(&cat.when_empty)
            {
                add.push(value);
            }
        }
        for (c, v) in add {
            self.add_value(c, v);
        }
        self
    }

    /// True when this mark is at least as restrictive as `other` in every respect, so
    /// a document marked `self` may hold a portion marked `other`.
    pub fn dominates(&self, other: &Mark) -> bool {
        self.level >= other.level
            && self
                .carried
                .iter()
                .zip(&other.carried)
                .all(|(a, b)| match (a, b) {
                    (Carried::Values(a), Carried::Values(b)) => b.is_subset(a),
                    (Carried::Highest(a), Carried::Highest(b)) => a >= b,
                    (Carried::Release(a), Carried::Release(b)) => match (a, b) {
                        (_, None) => true,
                        (None, Some(_)) => false,
                        (Some(a), Some(b)) => a.is_subset(b),
                    },
                    _ => false,
                })
    }

    /// The portion mark, e.g. `(S//NF)`.
    pub fn portion(&self, scheme: &Scheme) -> String {
        format!(
            "{}{}{}",
            scheme.portion_open,
            self.written(scheme, Form::Portion),
            scheme.portion_close
        )
    }

    /// The banner, e.g. `SECRET//NOFORN`.
    pub fn banner(&self, scheme: &Scheme) -> String {
        self.written(scheme, Form::Banner)
    }

    /// The mark as it is stored on data: the portion form without brackets, e.g. `S//NF`.
    pub fn short(&self, scheme: &Scheme) -> String {
        self.written(scheme, Form::Portion)
    }

    /// The colour of the mark's level, `#RRGGBB`, and the background behind it, if any.
    pub fn colours<'s>(&self, scheme: &'s Scheme) -> (&'s str, Option<&'s str>) {
        scheme
            .levels
            .get(self.level)
            .map_or(("#000000", None), |l| {
                (l.colour.as_str(), l.background.as_deref())
            })
    }

    fn written(&self, scheme: &Scheme, form: Form) -> String {
        let Some(level) = scheme.levels.get(self.level) else {
            return String::new();
        };
        let mut out = match form {
            Form::Portion => level.portion.clone(),
            Form::Banner => level.banner.clone(),
        };
        for (cat, carried) in scheme.categories.iter().zip(&self.carried) {
            let part = match carried {
                Carried::Values(set) if !set.is_empty() => set
                    .iter()
                    .filter_map(|&v| cat.values.get(v))
                    .map(|v| match form {
                        Form::Portion => v.portion.as_str(),
                        Form::Banner => v.banner.as_str(),
                    })
                    .collect::<Vec<_>>()
                    .join(&cat.joiner),
                Carried::Highest(Some(v)) => match (form, cat.values.get(*v)) {
                    (Form::Portion, Some(value)) => value.portion.clone(),
                    (Form::Banner, Some(value)) => value.banner.clone(),
                    (_, None) => continue,
                },
                Carried::Release(Some(list)) if !list.is_empty() => {
                    let owner = cat.owner.trim().to_uppercase();
                    let others = list.iter().filter(|c| **c != owner).map(String::as_str);
                    let names: Vec<&str> = std::iter::once(owner.as_str()).chain(others).collect();
                    format!("{}{}", cat.prefix, names.join(&cat.list_joiner))
                }
                _ => continue,
            };
            out.push_str(&scheme.separator);
            out.push_str(&part);
        }
        out
    }
}

#[derive(Clone, Copy)]
enum Form {
    Portion,
    Banner,
}

enum Unknown {
    Level,
    Control,
}

/// The category and list text when `part` starts with a release list's prefix.
fn release_list<'a>(scheme: &Scheme, part: &'a str) -> Option<(usize, &'a str)> {
    scheme.categories.iter().enumerate().find_map(|(c, cat)| {
        let prefix = cat.prefix.trim();
        if cat.rule != Rule::Intersection || prefix.is_empty() {
            return None;
        }
        let head = part.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then(|| (c, &part[prefix.len()..]))
    })
}

/// The roll-up of `portions`: the least restrictive mark that dominates every one of
/// them. Levels take the highest; unions join; most-restrictive categories take the
/// furthest value; release lists intersect (a portion without a list does not narrow
/// it). No portions roll up to the scheme's lowest level.
pub fn roll_up<'m>(scheme: &Scheme, portions: impl IntoIterator<Item = &'m Mark>) -> Mark {
    let mut out = Mark::lowest(scheme);
    for mark in portions {
        out.level = out.level.max(mark.level);
        for (acc, carried) in out.carried.iter_mut().zip(&mark.carried) {
            match (acc, carried) {
                (Carried::Values(acc), Carried::Values(set)) => acc.extend(set.iter().copied()),
                (Carried::Highest(acc), Carried::Highest(top)) => *acc = (*acc).max(*top),
                (Carried::Release(acc), Carried::Release(Some(list))) => {
                    *acc = Some(match acc.take() {
                        None => list.clone(),
                        Some(before) => before.intersection(list).cloned().collect(),
                    });
                }
                _ => {}
            }
        }
    }
    out.normalised(scheme)
}
