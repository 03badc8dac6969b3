//! What the search index holds: one lean record per product and per
//! producer (names, places, categories, a short summary), never whole pages,
//! so the first search downloads little.

use crate::catalogue::Catalogue;
use crate::lang::Lang;
use crate::markdown::summary;
use crate::model::{Asset, Producer, Product};
use crate::render::Presenter;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// One searchable record: no HTML, and no markup in its text, so nothing
/// a producer writes can change how it is weighed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The page it leads to (site-relative, with the base path).
    pub url: String,
    /// The searchable text, in reading order, each part with its weight.
    pub text: Vec<(Weight, String)>,
    /// What a result shows (title, producer, province, stars, image …).
    pub meta: BTreeMap<String, String>,
    /// The value it is filed under, by filter name.
    pub filters: BTreeMap<String, String>,
}

/// How much a part of a record's text counts when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    /// A name (the record's, its producer's in Vietnamese): a match
    /// here ranks above any number of matches in the text.
    Name,
    /// Places, classification, description.
    Text,
}

impl Record {
    /// Feeds every field of the record to `hasher`, unambiguously.
    pub fn hash_into(&self, hasher: &mut xxhash_rust::xxh3::Xxh3) {
        hasher.update(self.url.as_bytes());
        hasher.update(&[0]);
        for (weight, text) in &self.text {
            hasher.update(&[*weight as u8 + 1]);
            hasher.update(text.as_bytes());
            hasher.update(&[0]);
        }
        for fields in [&self.meta, &self.filters] {
            // Where the meta ends and the filters begin.
            hasher.update(&[3]);
            for (name, value) in fields {
                hasher.update(name.as_bytes());
                hasher.update(&[1]);
                hasher.update(value.as_bytes());
                hasher.update(&[0]);
            }
        }
    }
}

/// Filter names, as they appear in the search page's address (`?tinh=…`).
pub mod filter {
    /// Province (current unit).
    pub const PROVINCE: &str = "tinh";
    /// Group (product set).
    pub const GROUP: &str = "nhom";
    /// Star level ("5").
    pub const STARS: &str = "sao";
    /// Kind of result: product or producer.
    pub const KIND: &str = "loai";
}

pub use crate::render::{KIND_PRODUCER, KIND_PRODUCT};

/// The searchable text of a record: the name, the other lines, and the
/// Vietnamese names of a record in another language (`vietnamese`, empty
/// in Vietnamese) weighed as names.
fn text(name: &str, lines: &[String], vietnamese: &str) -> Vec<(Weight, String)> {
    let mut text = vec![(Weight::Name, name.to_string())];
    text.extend(
        lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| (Weight::Text, l.clone())),
    );
    if !vietnamese.trim().is_empty() {
        text.push((Weight::Name, vietnamese.to_string()));
    }
    text
}

/// The Vietnamese of names shown in another language: each that differs.
fn vietnamese_names(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(shown, vietnamese)| shown != vietnamese)
        .map(|(_, vietnamese)| *vietnamese)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The thumbnail a result shows, when the picture has one.
fn add_image(
    meta: &mut BTreeMap<String, String>,
    presenter: &Presenter<'_>,
    producer: &Producer,
    picture: Option<&Asset>,
) {
    if let Some(image) = picture.and_then(|p| presenter.thumbnail(producer, p)) {
        meta.insert("image".into(), image);
    }
}

/// The description a result quotes from: the indexed text repeats names
/// and places for matching, so results quote the producer's words.
fn add_summary(meta: &mut BTreeMap<String, String>, summary: &str) {
    if !summary.trim().is_empty() {
        meta.insert("summary".into(), summary.to_string());
    }
}

fn owned<const N: usize>(pairs: [(&str, String); N]) -> BTreeMap<String, String> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn filed<const N: usize>(pairs: [(&str, &str); N]) -> BTreeMap<String, String> {
    pairs
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Every record of the catalogue in the language of `presenter`: products,
/// then producers, each in the catalogue's (Vietnamese alphabetical)
/// order. Without a query, results come in this order, so no sort index
/// needs to be downloaded. A record of another language than
/// Vietnamese shows that language's names and leads to its pages, and
/// is found by the Vietnamese names as well: a visitor of the English
/// pages may well search for "nuoc mam". Made on every core: one after
/// the other, 30,000 records took half a second while the other core
/// idled.
pub fn records(presenter: &Presenter<'_>) -> Vec<Record> {
    let catalogue: &Catalogue = presenter.catalogue;
    let mut records: Vec<Record> = catalogue
        .products
        .par_iter()
        .map(|product| product_record(presenter, product))
        .collect();
    records.par_extend(
        catalogue
            .producers
            .par_iter()
            .enumerate()
            .map(|(rank, producer)| producer_record(presenter, rank, producer)),
    );
    records
}

fn product_record(presenter: &Presenter<'_>, product: &Product) -> Record {
    let catalogue: &Catalogue = presenter.catalogue;
    let provinces = &catalogue.reference.provinces;
    let classification = &catalogue.reference.classification;
    let producer = catalogue.producer_of(product);
    let group = classification.group(product.group);
    let sector = classification.sector(group.sector);
    let unit = provinces.get(product.place.province);
    let written = provinces.describe(&product.place);
    let producer_written = provinces.describe(&producer.place);
    let name = presenter.product_name(product);
    let producer_name = presenter.producer_name(producer);
    let group_name = presenter.group_name(product.group);
    let summary = presenter
        .product_text(product)
        .map(|d| summary(&d.markdown, 200))
        .unwrap_or_default();
    let card = presenter.card(product);
    let stars = product.stars.number().to_string();
    let mut meta = owned([
        ("title", name.to_string()),
        ("producer", producer_name.to_string()),
        ("province", written.clone()),
        ("stars", stars.clone()),
        ("group", group_name.to_string()),
        ("kind", KIND_PRODUCT.to_string()),
    ]);
    if product.potential_five_star {
        meta.insert("potential".into(), "1".into());
    }
    if let Some(price) = &card.price {
        meta.insert("price".into(), price.clone());
    }
    add_summary(&mut meta, &summary);
    add_image(&mut meta, presenter, producer, product.photos.first());
    let classed = match presenter.lang() {
        Lang::Vi => format!("{} {} {stars} sao", group.name, sector.name),
        _ => format!(
            "{group_name} {} {}",
            presenter.sector_name(group.sector),
            presenter.stars_label(product.stars.number())
        ),
    };
    let lines = [
        producer_name.to_string(),
        format!(
            "{written} {producer_written} {}",
            producer.address.as_deref().unwrap_or_default()
        ),
        classed,
        summary,
    ];
    Record {
        url: card.url,
        text: text(
            name,
            &lines,
            &vietnamese_names(&[(name, &product.name), (producer_name, &producer.name)]),
        ),
        meta,
        // Filed under the Vietnamese names in every language: they are
        // the values of the search page's filters.
        filters: filed([
            (filter::PROVINCE, unit.name.as_str()),
            (filter::GROUP, group.name.as_str()),
            (filter::STARS, stars.as_str()),
            (filter::KIND, KIND_PRODUCT),
        ]),
    }
}

fn producer_record(presenter: &Presenter<'_>, rank: usize, producer: &Producer) -> Record {
    let provinces = &presenter.catalogue.reference.provinces;
    let view = presenter.producer(rank);
    let unit = provinces.get(producer.place.province);
    let mut meta = owned([
        ("title", view.name.clone()),
        ("province", view.place.written.clone()),
        ("kind", KIND_PRODUCER.to_string()),
        ("count", view.product_count.to_string()),
    ]);
    add_summary(&mut meta, view.summary.as_deref().unwrap_or_default());
    add_image(&mut meta, presenter, producer, producer.logo.as_ref());
    let lines = [
        format!(
            "{} {}",
            view.place.written,
            producer.address.as_deref().unwrap_or_default()
        ),
        view.kind.clone().unwrap_or_default(),
        view.summary.clone().unwrap_or_default(),
    ];
    Record {
        url: view.url,
        text: text(
            &view.name,
            &lines,
            &vietnamese_names(&[(&view.name, &producer.name)]),
        ),
        meta,
        filters: filed([
            (filter::PROVINCE, unit.name.as_str()),
            (filter::KIND, KIND_PRODUCER),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighs_names_as_names() {
        let parts = text("Đậu phộng", &["Lâm Đồng".into(), "  ".into()], "Chè");
        assert_eq!(
            parts,
            [
                (Weight::Name, "Đậu phộng".to_string()),
                (Weight::Text, "Lâm Đồng".to_string()),
                (Weight::Name, "Chè".to_string()),
            ]
        );
    }
}
