use super::{Asset, Date, GroupId, Place, ProducerId, RichText};
use std::path::PathBuf;

/// An OCOP star level. Only 3, 4 and 5 stars are OCOP-certified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StarLevel {
    /// 3 stars: local level (50–69 points).
    Three = 3,
    /// 4 stars: provincial level (70–89 points).
    Four = 4,
    /// 5 stars: national level (90–100 points).
    Five = 5,
}

impl StarLevel {
    /// Every level, from the lowest.
    pub const ALL: [StarLevel; 3] = [StarLevel::Three, StarLevel::Four, StarLevel::Five];

    /// The level for a number of stars, if it is an OCOP level.
    pub fn from_number(stars: i64) -> Option<StarLevel> {
        match stars {
            3 => Some(StarLevel::Three),
            4 => Some(StarLevel::Four),
            5 => Some(StarLevel::Five),
            _ => None,
        }
    }

    /// The number of stars.
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// The recognition decision of a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// Decision number, e.g. `858/QĐ-UBND`.
    pub decision: Option<String>,
    /// Signing date.
    pub date: Date,
    /// Issuing body, e.g. "UBND tỉnh Sóc Trăng".
    pub issuer: Option<String>,
    /// Last day of validity: as written, or 36 months after `date`.
    pub valid_until: Date,
}

/// A link to a shop or page about a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// What the link is.
    pub label: Option<String>,
    /// The http(s) address.
    pub url: String,
}

/// An OCOP product.
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    /// The file name without extension, used in addresses.
    pub slug: String,
    /// Who makes it.
    pub producer: ProducerId,
    /// Display name.
    pub name: String,
    /// English name, for English pages.
    pub name_en: Option<String>,
    /// Its group in the current classification.
    pub group: GroupId,
    /// The category as written, when it was of a former scheme.
    pub former_category: Option<String>,
    /// Star level.
    pub stars: StarLevel,
    /// Scored 5-star by the province, awaiting national evaluation.
    pub potential_five_star: bool,
    /// The recognition decision.
    pub certificate: Option<Certificate>,
    /// Photos, the first being the main one.
    pub photos: Vec<Asset>,
    /// Price in đồng.
    pub price: Option<u64>,
    /// What the price buys ("chai 500 ml").
    pub unit: Option<String>,
    /// Description or story.
    pub description: Option<RichText>,
    /// The description in English, for English pages.
    pub description_en: Option<RichText>,
    /// Where it is filed: its own province when given, else the producer's.
    pub place: Place,
    /// Whether `place` was written on the product rather than taken from the producer.
    pub own_place: bool,
    /// Quality standards (VietGAP, HACCP ...).
    pub standards: Vec<String>,
    /// Ingredients.
    pub ingredients: Option<String>,
    /// Shelf life, as written.
    pub shelf_life: Option<String>,
    /// Packaging and net content.
    pub packaging: Option<String>,
    /// Shops and other pages.
    pub links: Vec<Link>,
    /// The content file, relative to the site root.
    pub source: PathBuf,
}

impl Product {
    /// Its Markdown texts in every language: whatever files they link must
    /// be published.
    pub fn descriptions(&self) -> impl Iterator<Item = &RichText> {
        self.description.iter().chain(self.description_en.iter())
    }
}
