//! The catalogue's plain data: what producers wrote, checked and resolved
//! against the reference data. No file handles, no caches, no rendering.

mod date;
mod pointer;
mod producer;
mod product;

pub use date::Date;
pub use pointer::{Pointer, Step, field_name};
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
    /// The path as the content file wrote it, for messages.
    pub written: String,
    /// Text for people who cannot see it.
    pub alt: Option<String>,
    /// Whether it is shown as a picture (and so goes through the photo
    /// pipeline) rather than linked to.
    pub image: bool,
    /// Where content names it, to report problems found later.
    pub origin: Origin,
}

/// Where a content file names an asset: the file, and the field or the
/// place in its Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The content file, relative to the site root.
    pub file: PathBuf,
    /// The content file on disk.
    pub disk: PathBuf,
    /// Whether the file is Markdown with front matter.
    pub markdown: bool,
    /// The field naming the asset, found again in the file when needed.
    pub pointer: Option<Pointer>,
    /// The place in the Markdown body, known when it was read.
    pub location: Option<crate::diagnostic::Location>,
}

/// Markdown text and the local files it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RichText {
    /// The Markdown source, normalised to NFC.
    pub markdown: String,
    /// Local images and files the text refers to, by the path as written.
    pub assets: Vec<(String, Asset)>,
}
