use super::{Asset, Place, RichText};
use std::path::PathBuf;

/// The four kinds of OCOP entity (chủ thể OCOP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProducerKind {
    /// Doanh nghiệp: an enterprise.
    Enterprise,
    /// Hợp tác xã: a cooperative.
    Cooperative,
    /// Tổ hợp tác: a cooperative group.
    CooperativeGroup,
    /// Hộ kinh doanh: a household business.
    Household,
}

impl ProducerKind {
    /// Every kind, in the order of the contract.
    pub const ALL: [ProducerKind; 4] = [
        ProducerKind::Enterprise,
        ProducerKind::Cooperative,
        ProducerKind::CooperativeGroup,
        ProducerKind::Household,
    ];

    /// The value written in content files.
    pub fn key(self) -> &'static str {
        match self {
            ProducerKind::Enterprise => "doanh-nghiep",
            ProducerKind::Cooperative => "hop-tac-xa",
            ProducerKind::CooperativeGroup => "to-hop-tac",
            ProducerKind::Household => "ho-kinh-doanh",
        }
    }

    /// The kind as written in the contract.
    pub fn from_key(key: &str) -> Option<ProducerKind> {
        ProducerKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The Vietnamese name shown on pages.
    pub fn label_vi(self) -> &'static str {
        match self {
            ProducerKind::Enterprise => "Doanh nghiệp",
            ProducerKind::Cooperative => "Hợp tác xã",
            ProducerKind::CooperativeGroup => "Tổ hợp tác",
            ProducerKind::Household => "Hộ kinh doanh",
        }
    }
}

/// An OCOP entity: an enterprise, cooperative or household that makes products.
#[derive(Debug, Clone, PartialEq)]
pub struct Producer {
    /// The folder name, used in addresses.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// English name, for English pages.
    pub name_en: Option<String>,
    /// Kind of entity, when given.
    pub kind: Option<ProducerKind>,
    /// Where it is.
    pub place: Place,
    /// Postal address.
    pub address: Option<String>,
    /// Telephone, as written.
    pub phone: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// The person who represents it.
    pub representative: Option<String>,
    /// Its logo.
    pub logo: Option<Asset>,
    /// Its story.
    pub description: Option<RichText>,
    /// The story in English, for English pages.
    pub description_en: Option<RichText>,
    /// Git-hosting user names allowed to edit this folder.
    pub maintainers: Vec<String>,
    /// The content file, relative to the site root.
    pub source: PathBuf,
}

impl Producer {
    /// Its Markdown texts in every language: whatever files they link must
    /// be published.
    pub fn descriptions(&self) -> impl Iterator<Item = &RichText> {
        self.description.iter().chain(self.description_en.iter())
    }
}
