//! The catalogue as one language's pages present it: names, addresses,
//! counts, and (in `entries`) the presenter of products, producers, photos
//! and places that templates get.

mod entries;

use super::format::thousands;
use super::urls::{Urls, section};
use super::views::CountView;
use crate::catalogue::{Catalogue, star_index};
use crate::i18n::Strings;
use crate::lang::Lang;
use crate::model::{Asset, Producer, ProducerKind, Product, RichText, StarLevel};
use crate::photos::{self, Photo};
use std::collections::HashMap;
use std::path::PathBuf;

/// Presents the catalogue in one language: builds the presenter templates get.
#[derive(Clone)]
pub struct Presenter<'a> {
    /// The catalogue.
    pub catalogue: &'a Catalogue,
    /// Processed photos by source file.
    pub photos: &'a HashMap<PathBuf, Photo>,
    /// Address builder.
    pub urls: Urls,
    /// Today, for certificate validity.
    pub today: crate::model::Date,
    /// Interface strings in the language of these presenter.
    pub t: &'a Strings,
    /// What page paths start with: empty for the root language, `en/` for
    /// English under it. Photos, assets and data files have no prefix: one
    /// copy serves every language.
    pub prefix: String,
}

/// Characters of a description's summary (meta descriptions show ~160).
const SUMMARY_LENGTH: usize = 160;

impl<'a> Presenter<'a> {
    /// The language of the pages.
    pub fn lang(&self) -> Lang {
        self.t.lang()
    }

    /// Site-relative path of a page of this language (`tinh/` → `en/tinh/`).
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// A product's name in this language (Vietnamese when not translated).
    pub fn product_name<'p>(&self, product: &'p Product) -> &'p str {
        match (self.lang(), &product.name_en) {
            (Lang::En, Some(name)) => name,
            _ => &product.name,
        }
    }

    /// A product's description in this language (Vietnamese when not translated).
    pub fn product_text<'p>(&self, product: &'p Product) -> Option<&'p RichText> {
        match (self.lang(), &product.description_en) {
            (Lang::En, Some(text)) => Some(text),
            _ => product.description.as_ref(),
        }
    }

    /// A producer's name in this language (Vietnamese when not translated).
    pub fn producer_name<'p>(&self, producer: &'p Producer) -> &'p str {
        match (self.lang(), &producer.name_en) {
            (Lang::En, Some(name)) => name,
            _ => &producer.name,
        }
    }

    /// A producer's story in this language (Vietnamese when not translated).
    pub fn producer_text<'p>(&self, producer: &'p Producer) -> Option<&'p RichText> {
        match (self.lang(), &producer.description_en) {
            (Lang::En, Some(text)) => Some(text),
            _ => producer.description.as_ref(),
        }
    }

    /// A group's name in this language.
    pub fn group_name(&self, group: usize) -> &'a str {
        let group = self.catalogue.reference.classification.group(group);
        english_or(self.lang(), &group.name_en, &group.name)
    }

    /// A sector's name in this language.
    pub fn sector_name(&self, sector: usize) -> &'a str {
        let sector = self.catalogue.reference.classification.sector(sector);
        english_or(self.lang(), &sector.name_en, &sector.name)
    }

    /// "4 sao OCOP" in this language.
    pub fn stars_label(&self, stars: u8) -> String {
        self.t.stars_label(stars)
    }

    /// The kind of a producer in this language.
    pub fn kind_label(&self, kind: ProducerKind) -> String {
        self.t
            .get(match kind {
                ProducerKind::Enterprise => "kind_enterprise",
                ProducerKind::Cooperative => "kind_cooperative",
                ProducerKind::CooperativeGroup => "kind_cooperative_group",
                ProducerKind::Household => "kind_household",
            })
            .to_string()
    }

    /// Site-relative path of a product page.
    pub fn product_path(&self, product: &Product) -> String {
        format!(
            "{}{}/{}/{}/",
            self.prefix,
            section::PRODUCTS,
            self.catalogue.producers[product.producer].slug,
            product.slug
        )
    }

    /// Site-relative path of a producer page.
    pub fn producer_path(&self, producer: &Producer) -> String {
        format!("{}{}/{}/", self.prefix, section::PRODUCERS, producer.slug)
    }

    /// Site-relative path of a province page.
    pub fn province_path(&self, province: usize) -> String {
        format!(
            "{}{}/{}/",
            self.prefix,
            section::PROVINCES,
            self.catalogue.reference.provinces.get(province).slug
        )
    }

    /// Site-relative path of a sector page.
    pub fn sector_path(&self, sector: usize) -> String {
        format!(
            "{}{}/{}/",
            self.prefix,
            section::CATEGORIES,
            self.catalogue.reference.classification.sector(sector).slug
        )
    }

    /// Site-relative path of a group page (the sector page for a sector without groups).
    pub fn group_path(&self, group: usize) -> String {
        format!(
            "{}{}/{}/",
            self.prefix,
            section::CATEGORIES,
            self.catalogue.reference.classification.group(group).slug
        )
    }

    /// Site-relative path of a star level page.
    pub fn stars_path(&self, stars: StarLevel) -> String {
        format!("{}{}/{}/", self.prefix, section::STARS, stars.number())
    }

    /// Output path of a producer's file that is linked, not shown (a PDF).
    pub fn asset_path(producer: &Producer, asset: &Asset) -> String {
        format!("{}/{}/{}", section::PHOTOS, producer.slug, asset.relative)
    }

    /// Output path of a file made from a photo (`suffix`: `400.webp`, `chia-se.jpg`).
    pub fn photo_path(producer: &Producer, asset: &Asset, photo: &Photo, suffix: &str) -> String {
        format!(
            "{}/{}/{}",
            section::PHOTOS,
            producer.slug,
            photos::output_name(&asset.source, &photo.key, suffix)
        )
    }

    /// A count link.
    pub fn count(
        &self,
        label: &str,
        path: &str,
        count: usize,
        code: Option<&str>,
        note: Option<String>,
    ) -> CountView {
        CountView {
            label: label.to_string(),
            url: (count > 0).then(|| self.urls.link(path)),
            count,
            count_text: thousands(count as u64),
            code: code.map(str::to_string),
            note: note.map(|names| self.t.format("includes", &[("names", &names)])),
            value: label.to_string(),
        }
    }

    /// Every province in alphabetical order with its product count.
    pub fn province_counts(&self) -> Vec<CountView> {
        let provinces = &self.catalogue.reference.provinces;
        self.catalogue
            .province_order
            .iter()
            .map(|&id| {
                let unit = provinces.get(id);
                let former: Vec<&str> = unit.former.iter().map(|f| f.name.as_str()).collect();
                let note = (!former.is_empty()).then(|| former.join(", "));
                self.count(
                    &unit.name,
                    &self.province_path(id),
                    self.catalogue.by_province[id].len(),
                    None,
                    note,
                )
            })
            .collect()
    }

    /// Every sector in alphabetical order with its product count.
    pub fn sector_counts(&self) -> Vec<CountView> {
        let classification = &self.catalogue.reference.classification;
        self.catalogue
            .sector_order
            .iter()
            .map(|&id| {
                let sector = classification.sector(id);
                let mut count = self.count(
                    self.sector_name(id),
                    &self.sector_path(id),
                    self.catalogue.by_sector[id].len(),
                    Some(&sector.code),
                    None,
                );
                count.value = sector.name.clone();
                count
            })
            .collect()
    }

    /// The groups of a sector in alphabetical order with their counts
    /// (empty for a sector that is its own group).
    pub fn group_counts(&self, sector: usize) -> Vec<CountView> {
        let classification = &self.catalogue.reference.classification;
        self.catalogue.group_order[sector]
            .iter()
            .filter(|&&g| !classification.group(g).is_whole_sector)
            .map(|&g| {
                let group = classification.group(g);
                let mut count = self.count(
                    self.group_name(g),
                    &self.group_path(g),
                    self.catalogue.by_group[g].len(),
                    Some(&group.code),
                    None,
                );
                count.value = group.name.clone();
                count
            })
            .collect()
    }

    /// The star levels, highest first, with their counts.
    pub fn star_counts(&self) -> Vec<CountView> {
        StarLevel::ALL
            .iter()
            .rev()
            .map(|&level| {
                let count = self.catalogue.by_stars[star_index(level)].len();
                self.count(
                    &self.stars_label(level.number()),
                    &self.stars_path(level),
                    count,
                    None,
                    None,
                )
            })
            .collect()
    }
}

/// The English name when the pages are English and it exists.
fn english_or<'a>(lang: Lang, english: &'a str, vietnamese: &'a str) -> &'a str {
    if lang == Lang::En && !english.trim().is_empty() {
        english
    } else {
        vietnamese
    }
}
