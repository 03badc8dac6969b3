//! The catalogue's plain data: what producers wrote, checked and resolved
//! against the reference data. No file handles, no caches, no rendering.

mod date;
mod producer;
mod product;

pub use date::Date;
pub use producer::{Producer, ProducerKind};
pub use product::{Certificate, Link, Product, StarLevel};

use std::path::PathBuf;

/// Index of a producer in the catalogue.
pub type ProducerId = usize;
/// Index of a product in the catalogue.
pub type ProductId = usize;
/// Index of a province (current unit) in the reference data.
pub type ProvinceId = usize;
/// Index of a sector in the classification.
pub type SectorId = usize;
/// Index of a group (product set) in the classification.
pub type GroupId = usize;

/// Where a producer or product is, as written and as filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The current unit it is filed under.
    pub province: ProvinceId,
    /// The former unit it was written as, when the content names one
    /// (index into that province's `former` list).
    pub former: Option<usize>,
}

/// A photo or other file of a producer, checked to exist inside the
/// producer's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The file on disk.
    pub source: PathBuf,
    /// Path inside the producer's folder, with `/` separators.
    pub relative: String,
    /// Text for people who cannot see it.
    pub alt: Option<String>,
    /// Width and height as displayed (after EXIF orientation), for photos.
    pub size: Option<(u32, u32)>,
}

/// Markdown text and the local files it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RichText {
    /// The Markdown source, normalised to NFC.
    pub markdown: String,
    /// Local images and files the text refers to, by the path as written.
    pub assets: Vec<(String, Asset)>,
}
