//! What the search index holds: one lean record per product and per
//! producer (names, places, categories, a short summary), never whole pages,
//! so the first search downloads little.

use crate::catalogue::Catalogue;
use crate::lang::Lang;
use crate::markdown::summary;
use crate::model::{Asset, Producer, Product};
use crate::render::Presenter;
use crate::text::fold;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// One searchable record, handed to Pagefind as a custom record: no HTML
/// is parsed, and the text carries Pagefind's weight markers itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The page it leads to (site-relative, with the base path).
    pub url: String,
    /// The searchable text, in reading order, with weight markers.
    pub content: String,
    /// What a result shows (title, producer, province, stars, image …).
    pub meta: BTreeMap<String, String>,
    /// The values it is filed under, by filter name.
    pub filters: BTreeMap<String, Vec<String>>,
}

impl Record {
    /// Feeds every field of the record to `hasher`, unambiguously.
    pub fn hash_into(&self, hasher: &mut xxhash_rust::xxh3::Xxh3) {
        for text in [&self.url, &self.content]
            .into_iter()
            .chain(self.meta.iter().flat_map(|(k, v)| [k, v]))
        {
            hasher.update(text.as_bytes());
            hasher.update(&[0]);
        }
        for (name, values) in &self.filters {
            hasher.update(name.as_bytes());
            for value in values {
                hasher.update(&[1]);
                hasher.update(value.as_bytes());
            }
            hasher.update(&[0]);
        }
    }
}

/// Filter names, as they appear in the search page's address (`?tinh=…`).
pub mod filter {
    /// Province (current unit).
    pub const PROVINCE: &str = "tinh";
    /// Group (product set).
    pub const GROUP: &str = "nhom";
    /// Sector.
    pub const SECTOR: &str = "nganh";
    /// Star level ("5").
    pub const STARS: &str = "sao";
    /// Kind of result: product or producer.
    pub const KIND: &str = "loai";
}

pub use crate::render::{KIND_PRODUCER, KIND_PRODUCT};

/// How much a name weighs against the rest of the text: what Pagefind
/// gives an `<h1>`.
const NAME_WEIGHT: &str = "7";
/// How much the `d` spellings weigh: enough to find, less than the words
/// as written, so that "đậu" typed with its `đ` ranks the exact word first.
const D_SPELLING_WEIGHT: &str = "0.5";

/// Spellings with `d` for every word written with `đ`: Pagefind folds tones
/// and the marks of ă â ê ô ơ ư, but `đ` has no Unicode decomposition, so
/// without these "dong" would not find "Lâm Đồng".
pub fn d_spellings(text: &str) -> String {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.contains(['đ', 'Đ']))
        .map(fold)
        .collect();
    words.sort();
    words.dedup();
    words.join(" ")
}

/// Producers' text, made safe to put between Pagefind's markers: a word
/// that looks like a marker (`___PAGEFIND_WEIGHT___9`) loses its leading
/// underscores, so content cannot change how it is weighed.
fn plain(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            if word.starts_with("___") {
                word.trim_start_matches('_')
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The searchable text of a record: the name weighed as a heading, the
/// other lines as text, the Vietnamese names of a record in another
/// language (`vietnamese`, empty in Vietnamese) weighed as the name, and
/// the `d` spellings of every `đ` word. The Vietnamese names come last:
/// an excerpt shows the start of the text when no word of it matched.
fn content(name: &str, lines: &[String], vietnamese: &str) -> String {
    let weighed = |text: &mut String, weight: &str, words: &str| {
        text.push_str(&format!(
            "___PAGEFIND_WEIGHT___{weight} {words} ___END_PAGEFIND_WEIGHT___"
        ));
    };
    let mut text = String::new();
    weighed(&mut text, NAME_WEIGHT, &plain(name));
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        text.push(' ');
        text.push_str(&plain(line));
    }
    if !vietnamese.trim().is_empty() {
        text.push(' ');
        weighed(&mut text, NAME_WEIGHT, &plain(vietnamese));
    }
    let all = std::iter::once(name)
        .chain(lines.iter().map(String::as_str))
        .chain(std::iter::once(vietnamese))
        .collect::<Vec<_>>()
        .join(" ");
    let extra = d_spellings(&all);
    if !extra.is_empty() {
        text.push(' ');
        weighed(&mut text, D_SPELLING_WEIGHT, &extra);
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

/// The description a result quotes from: the excerpt Pagefind would cut
/// from the indexed text shows the index's aids (names and places repeated
/// for matching, `d` spellings), so results quote the producer's words.
fn add_summary(meta: &mut BTreeMap<String, String>, summary: &str) {
    if !summary.trim().is_empty() {
        meta.insert("summary".into(), summary.to_string());
    }
}

fn owned<const N: usize>(pairs: [(&str, String); N]) -> BTreeMap<String, String> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn filed<const N: usize>(pairs: [(&str, &str); N]) -> BTreeMap<String, Vec<String>> {
    pairs
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
        .collect()
}

/// Every record of the catalogue in the language of `presenter`: products,
/// then producers, each in the catalogue's (Vietnamese alphabetical)
/// order. Without a query, Pagefind lists results in this order, so no
/// sort index needs to be downloaded. A record of another language than
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
        content: content(
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
            (filter::SECTOR, sector.name.as_str()),
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
        content: content(
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
    fn spells_d_words_with_d() {
        assert_eq!(d_spellings("Lâm Đồng, đậu xanh và dâu"), "dau dong");
        assert_eq!(d_spellings("Nước mắm"), "");
    }

    #[test]
    fn weighs_the_name_and_the_d_spellings() {
        let text = content("Đậu phộng", &["Lâm Đồng".into(), String::new()], "");
        assert_eq!(
            text,
            "___PAGEFIND_WEIGHT___7 Đậu phộng ___END_PAGEFIND_WEIGHT___ Lâm Đồng \
             ___PAGEFIND_WEIGHT___0.5 dau dong ___END_PAGEFIND_WEIGHT___"
        );
    }

    #[test]
    fn content_cannot_forge_weight_markers() {
        let text = content(
            "Mật ong",
            &["___PAGEFIND_WEIGHT___10 spam ___END_PAGEFIND_WEIGHT___ x".into()],
            "",
        );
        assert_eq!(text.matches("___PAGEFIND_WEIGHT___").count(), 1, "{text}");
        assert_eq!(
            text.matches("___END_PAGEFIND_WEIGHT___").count(),
            1,
            "{text}"
        );
        assert!(text.contains("PAGEFIND_WEIGHT___10 spam"), "{text}");
    }
}
