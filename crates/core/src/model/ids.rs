//! Typed identifiers, so an item id can never be passed where a source id belongs.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a raw id string.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            /// The id as written in the file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

id_type!(
    /// Identifies a source within a dataset, e.g. `src-ft-2024-10-11`.
    SourceId
);
id_type!(
    /// Identifies an entity (person, country, organisation, ...) within a dataset.
    EntityId
);
id_type!(
    /// Identifies a fact or quote within a dataset.
    ItemId
);
id_type!(
    /// A handling mark as written, e.g. `S//NF`, `OFFICIAL-SENSITIVE` or `TLP:AMBER`; its
    /// meaning comes from the marking scheme the brief names (see `briefsmith-marking`).
    Marking
);
