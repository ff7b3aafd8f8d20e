//! A marking scheme as read from its TOML file: ordered levels, control and caveat
//! categories with their roll-up rule, the syntax of portion marks and banners, colours.

use crate::SchemeError;
use serde::Deserialize;

/// One marking scheme, e.g. `us-style`, `uk-gov`, `tlp`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// The name a brief names it by.
    pub name: String,
    /// A human title, e.g. "Traffic Light Protocol 2.0 (exercise)".
    pub title: String,
    /// What the scheme is (not) for, shown beside it; built-ins say they are for training.
    #[serde(default)]
    pub notice: String,
    /// Whether every page carries the document's roll-up or its own page's.
    #[serde(default)]
    pub banner: BannerScope,
    /// Between the level and each category, e.g. `//` in `S//NF`.
    pub separator: String,
    /// What opens and closes a portion mark, `(` and `)` by default.
    #[serde(default = "open_paren")]
    pub portion_open: String,
    #[serde(default = "close_paren")]
    pub portion_close: String,
    /// The first-page classification block, when the scheme wants one.
    #[serde(default)]
    pub classification_block: Option<ClassificationBlock>,
    /// From least to most restrictive.
    pub levels: Vec<Level>,
    #[serde(default)]
    pub categories: Vec<Category>,
}

fn open_paren() -> String {
    "(".to_owned()
}

fn close_paren() -> String {
    ")".to_owned()
}

/// Where the banner's roll-up is taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BannerScope {
    /// Every page carries the roll-up of the whole document.
    #[default]
    Document,
    /// Each page carries the roll-up of its own portions.
    Page,
}

/// Lines set on the first page once the document reaches a level.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassificationBlock {
    /// The lowest level (portion or banner name) that wants the block.
    pub from: String,
    /// Lines with `{author}`, `{organisation}`, `{date}` and `{banner}` filled in.
    pub lines: Vec<String>,
}

/// One classification level.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// As written in a portion mark, e.g. `S`.
    pub portion: String,
    /// As written in a banner, e.g. `SECRET`.
    pub banner: String,
    /// Other spellings accepted when reading marks.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `#RRGGBB`, the colour the level is shown in.
    pub colour: String,
    /// `#RRGGBB` behind the label, when the scheme sets one (TLP: black).
    #[serde(default)]
    pub background: Option<String>,
}

/// How a category's values in several portions combine into the banner's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Every value any portion carries.
    Union,
    /// The one value, of those carried, that comes last in the category's list.
    MostRestrictive,
    /// A release list: only the countries every portion that has a list is released to.
    Intersection,
}

/// A control or caveat category, e.g. dissemination controls or REL TO lists.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// How values refer to it (`closes = "release"`).
    pub name: String,
    /// A human title, e.g. "Dissemination controls".
    #[serde(default)]
    pub title: String,
    pub rule: Rule,
    /// Between several values of a union in one mark, e.g. `/` in `SI/TK`.
    #[serde(default = "slash")]
    pub joiner: String,
    /// The values of a union or most-restrictive category, least restrictive first.
    #[serde(default)]
    pub values: Vec<Value>,
    /// Intersection: what introduces the list, e.g. `REL TO `.
    #[serde(default)]
    pub prefix: String,
    /// Intersection: between the countries of the list.
    #[serde(default = "comma")]
    pub list_joiner: String,
    /// Intersection: the country on every list, written first.
    #[serde(default)]
    pub owner: String,
    /// Intersection: the value (portion name, in another category) a mark carries when
    /// its list has no one left but the owner.
    #[serde(default)]
    pub when_empty: String,
}

fn slash() -> String {
    "/".to_owned()
}

fn comma() -> String {
    ", ".to_owned()
}

/// A value of a union or most-restrictive category.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    /// As written in a portion mark, e.g. `NF`.
    pub portion: String,
    /// As written in a banner, e.g. `NOFORN`.
    pub banner: String,
    /// The name of an intersection category this value closes (NOFORN closes REL TO).
    #[serde(default)]
    pub closes: String,
}

impl Scheme {
    /// Reads a scheme from TOML text; `file` names it in errors.
    pub fn from_toml(text: &str, file: &str) -> Result<Scheme, SchemeError> {
        let scheme: Scheme = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_column(text, s.start))
                .unwrap_or((0, 0));
            SchemeError::Syntax {
                file: file.to_owned(),
                line,
                column,
                message: e.message().to_owned(),
            }
        })?;
        scheme.check(file)?;
        Ok(scheme)
    }

    /// Checks what the types cannot: names present and unique, references resolved.
    fn check(&self, file: &str) -> Result<(), SchemeError> {
        let fail = |message: String| {
            Err(SchemeError::Invalid {
                file: file.to_owned(),
                message,
            })
        };
        if self.name.trim().is_empty() {
            return fail("the scheme has no name".to_owned());
        }
        if self.separator.is_empty() {
            return fail("\"separator\" is empty".to_owned());
        }
        if self.levels.is_empty() {
            return fail("the scheme has no levels".to_owned());
        }
        let mut names: Vec<String> = Vec::new();
        for (i, level) in self.levels.iter().enumerate() {
            if level.portion.trim().is_empty() || level.banner.trim().is_empty() {
                return fail(format!("levels[{i}] needs a portion and a banner name"));
            }
            if !is_colour(&level.colour) || !level.background.as_deref().is_none_or(is_colour) {
                return fail(format!(
                    "levels[{i}] ({}): colours are written #RRGGBB",
                    level.portion
                ));
            }
            let mut own: Vec<String> = [&level.portion, &level.banner]
                .into_iter()
                .chain(&level.aliases)
                .map(|n| n.trim().to_uppercase())
                .collect();
            own.sort();
            own.dedup();
            for name in own {
                if names.contains(&name) {
                    return fail(format!("the level name \"{name}\" is used by two levels"));
                }
                names.push(name);
            }
        }
        for (i, cat) in self.categories.iter().enumerate() {
            let here = format!("categories[{i}] ({})", cat.name);
            match cat.rule {
                Rule::Intersection => {
                    if cat.prefix.trim().is_empty() || cat.owner.trim().is_empty() {
                        return fail(format!(
                            "{here}: a release list needs a prefix and an owner"
                        ));
                    }
                    if !cat.when_empty.is_empty()
                        && self.value_by_portion(&cat.when_empty).is_none()
                    {
                        return fail(format!(
                            "{here}: when_empty names \"{}\", which no category has",
                            cat.when_empty
                        ));
                    }
                }
                Rule::Union | Rule::MostRestrictive => {
                    if cat.values.is_empty() {
                        return fail(format!("{here}: the category has no values"));
                    }
                    for v in &cat.values {
                        let closes_list = self
                            .categories
                            .iter()
                            .any(|c| c.name == v.closes && c.rule == Rule::Intersection);
                        if !v.closes.is_empty() && !closes_list {
                            return fail(format!(
                                "{here}: \"{}\" closes \"{}\", which is not a release list",
                                v.portion, v.closes
                            ));
                        }
                    }
                }
            }
        }
        if let Some(block) = &self.classification_block
            && self.level_index(&block.from).is_none()
        {
            return fail(format!(
                "classification_block.from names \"{}\", which is not a level",
                block.from
            ));
        }
        Ok(())
    }

    /// The index of the level with this portion name, banner name or alias (any case).
    pub fn level_index(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.levels.iter().position(|l| {
            [&l.portion, &l.banner]
                .into_iter()
                .chain(&l.aliases)
                .any(|n| n.eq_ignore_ascii_case(name))
        })
    }

    /// The category and value index of a union or most-restrictive value by name.
    pub(crate) fn value_by_portion(&self, name: &str) -> Option<(usize, usize)> {
        let name = name.trim();
        self.categories.iter().enumerate().find_map(|(c, cat)| {
            cat.values
                .iter()
                .position(|v| {
                    v.portion.eq_ignore_ascii_case(name) || v.banner.eq_ignore_ascii_case(name)
                })
                .map(|v| (c, v))
        })
    }
}

/// `#RRGGBB`.
fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// An `#RRGGBB` colour as its three bytes; black when malformed (schemes are checked on load).
pub fn rgb(colour: &str) -> [u8; 3] {
    let byte = |i: usize| {
        colour
            .get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    [byte(1), byte(3), byte(5)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let e = Scheme::from_toml("name = \"x\"\nlevels = [\n  { portion = 3 }\n]\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.toml:3:"), "{e}");
    }

    #[test]
    fn bad_references_are_named() {
        let text = r##"
name = "x"
title = "X"
separator = "//"
[[levels]]
portion = "A"
banner = "ALPHA"
colour = "#000000"
[classification_block]
from = "Z"
lines = []
"##;
        let e = Scheme::from_toml(text, "x.toml").unwrap_err().to_string();
        assert_eq!(
            e,
            "x.toml: classification_block.from names \"Z\", which is not a level"
        );
        let e = Scheme::from_toml(&text.replace("#000000", "black"), "x.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("levels[0] (A): colours are written #RRGGBB"),
            "{e}"
        );
    }

    #[test]
    fn colours_read_as_bytes() {
        assert_eq!(rgb("#FFC000"), [255, 192, 0]);
        assert_eq!(rgb("nonsense"), [0, 0, 0]);
    }
}
