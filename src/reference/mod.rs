//! Reference data: the provinces and the product classification. Embedded in
//! the binary as data files; a site may replace either with its own copy in
//! `content/reference/`, checked the same way.

mod classification;
mod lookup;
mod provinces;

pub use classification::{CategoryMatch, Classification, Group, Sector};
pub use provinces::{FormerUnit, Province, Provinces};

/// All reference data a build resolves content against.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The current provinces with their former units.
    pub provinces: Provinces,
    /// The product classification.
    pub classification: Classification,
}

/// The embedded province list.
pub const PROVINCES_YAML: &str = include_str!("data/provinces.yaml");
/// The embedded classification.
pub const CLASSIFICATION_YAML: &str = include_str!("data/classification.yaml");

impl Reference {
    /// The reference data built into the binary.
    pub fn builtin() -> Reference {
        // The embedded files are checked by unit tests; failing here is a bug in the binary.
        Reference {
            provinces: Provinces::from_yaml(PROVINCES_YAML)
                .expect("embedded provinces.yaml is valid"),
            classification: Classification::from_yaml(CLASSIFICATION_YAML)
                .expect("embedded classification.yaml is valid"),
        }
    }
}
