//! Lists as Word numbering (`word/numbering.xml`): one abstract definition for bullets and
//! one for numbers, and one numbering instance per list, so each list counts from its own
//! start and a later list never continues an earlier one.

use crate::xml::Xml;

const BULLET: u32 = 1;
const DECIMAL: u32 = 2;
/// Word knows list levels 0–8; deeper lists are set at the deepest.
pub(crate) const MAX_LEVEL: u8 = 8;
/// Indent per list level, in twentieths of a point (a quarter inch, as Word does).
pub(crate) const STEP_TWIPS: u32 = 360;

/// The list instances of a document.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    /// Per instance: numbered (else bullets) and the first number.
    instances: Vec<(bool, u64)>,
}

impl Numbering {
    /// A new list; returns its `w:numId`.
    pub fn list(&mut self, start: Option<u64>) -> u32 {
        self.instances.push((start.is_some(), start.unwrap_or(1)));
        // Instances are numbered from 1: `w:numId` 0 means "no list".
        u32::try_from(self.instances.len()).unwrap_or(u32::MAX)
    }

    /// The numbering part.
    pub fn to_xml(&self) -> Vec<u8> {
        let mut x = Xml::part();
        x.open("w:numbering", &[("xmlns:w", crate::W)]);
        abstract_num(&mut x, BULLET, false);
        abstract_num(&mut x, DECIMAL, true);
        for (i, (numbered, start)) in self.instances.iter().enumerate() {
            let id = (i + 1).to_string();
            x.open("w:num", &[("w:numId", &id)]);
            let def = if *numbered { DECIMAL } else { BULLET };
            x.empty("w:abstractNumId", &[("w:val", &def.to_string())]);
            // Every instance restarts its own count.
            for level in 0..=MAX_LEVEL {
                x.open("w:lvlOverride", &[("w:ilvl", &level.to_string())]);
                let first = if level == 0 { *start } else { 1 };
                x.empty("w:startOverride", &[("w:val", &first.to_string())]);
                x.close("w:lvlOverride");
            }
            x.close("w:num");
        }
        x.close("w:numbering");
        x.into_bytes()
    }
}

fn abstract_num(x: &mut Xml, id: u32, numbered: bool) {
    x.open("w:abstractNum", &[("w:abstractNumId", &id.to_string())]);
    x.empty("w:multiLevelType", &[("w:val", "hybridMultilevel")]);
    for level in 0..=MAX_LEVEL {
        x.open("w:lvl", &[("w:ilvl", &level.to_string())]);
        x.empty("w:start", &[("w:val", "1")]);
        let (format, text) = if numbered {
            ("decimal", format!("%{}.", level + 1))
        } else {
            (
                "bullet",
                ["•", "◦", "▪"][usize::from(level) % 3].to_string(),
            )
        };
        x.empty("w:numFmt", &[("w:val", format)]);
        x.empty("w:lvlText", &[("w:val", &text)]);
        x.empty("w:lvlJc", &[("w:val", "left")]);
        x.open("w:pPr", &[]);
        let left = (u32::from(level) + 1) * STEP_TWIPS;
        x.empty(
            "w:ind",
            &[
                ("w:left", &left.to_string()),
                ("w:hanging", &STEP_TWIPS.to_string()),
            ],
        );
        x.close("w:pPr");
        x.close("w:lvl");
    }
    x.close("w:abstractNum");
}
