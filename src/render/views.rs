//! What templates see: plain serializable views built from the catalogue,
//! with every address already made and every text already formatted, so
//! templates only lay things out.

use super::format::{tel_href, thousands, vnd};
use super::urls::{Urls, encode_path, section};
use crate::catalogue::{Catalogue, star_index};
use crate::i18n::Strings;
use crate::lang::Lang;
use crate::markdown::{self, LocalTarget};
use crate::model::{Asset, Place, Producer, ProducerKind, Product, RichText, StarLevel};
use crate::photos::{self, Photo};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

/// A labelled link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Text.
    pub label: String,
    /// Address.
    pub url: String,
}

/// A labelled link with a count, for browsing lists.
#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    /// Text.
    pub label: String,
    /// Address; none when there is no product, since no page is built.
    pub url: Option<String>,
    /// Number of products.
    pub count: usize,
    /// The count formatted for reading.
    pub count_text: String,
    /// A code shown before the label (category codes), if any.
    pub code: Option<String>,
    /// A note after the label (former units of a province), if any.
    pub note: Option<String>,
    /// The label in Vietnamese, as the search index files it (filters
    /// match on it whatever the page's language).
    pub value: String,
}

/// A picture with its intrinsic size (no layout shift) and alt text.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// JPEG fallback for browsers without `srcset` (a middle width).
    pub src: String,
    /// JPEG variants: `url 400w, url 800w, …`.
    pub srcset: String,
    /// WebP variants, for `<source type="image/webp">`.
    pub webp_srcset: String,
    /// Width of the largest variant: with `height`, the intrinsic ratio that
    /// reserves the space before the picture loads.
    pub width: u32,
    /// Height of the largest variant.
    pub height: u32,
    /// Alternative text.
    pub alt: String,
    /// Placeholder colour shown while loading (`#rrggbb`).
    pub colour: String,
    /// The 1200 × 630 sharing image, absolute address.
    pub share: String,
    /// Width of the sharing image.
    pub share_width: u32,
    /// Height of the sharing image.
    pub share_height: u32,
    /// The largest JPEG variant, absolute address: what machines (structured
    /// data, sitemaps, data exports) are given.
    pub full: String,
}

/// A product in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    /// Product name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Producer name.
    pub producer: String,
    /// Province as shown.
    pub province: String,
    /// Star count.
    pub stars: u8,
    /// "4 sao OCOP".
    pub stars_label: String,
    /// Awaiting national 5-star evaluation.
    pub potential_5_star: bool,
    /// Group name.
    pub group: String,
    /// Main photo.
    pub image: Option<ImageView>,
    /// Price, formatted.
    pub price: Option<String>,
    /// Unit of the price.
    pub unit: Option<String>,
}

/// A place: the unit's page and how the content wrote it.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceView {
    /// Current unit name.
    pub name: String,
    /// Its page; none when it has no product, since no page is built.
    pub url: Option<String>,
    /// As shown: "Sóc Trăng (nay thuộc TP. Cần Thơ)" or the name.
    pub written: String,
    /// The former unit named by the content, if any.
    pub former: Option<String>,
}

/// The recognition decision.
#[derive(Debug, Clone, Serialize)]
pub struct CertificateView {
    /// Decision number.
    pub decision: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Signing date, dd/mm/yyyy.
    pub date: String,
    /// Signing date, ISO.
    pub date_iso: String,
    /// Last valid day, dd/mm/yyyy.
    pub valid_until: String,
    /// Last valid day, ISO.
    pub valid_until_iso: String,
    /// Whether it has expired.
    pub expired: bool,
}

/// A producer with its contacts.
#[derive(Debug, Clone, Serialize)]
pub struct ProducerView {
    /// Name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// "Hợp tác xã" etc.
    pub kind: Option<String>,
    /// Where it is.
    pub place: PlaceView,
    /// Postal address.
    pub address: Option<String>,
    /// Phone as written.
    pub phone: Option<String>,
    /// `tel:` link.
    pub phone_href: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// Representative.
    pub representative: Option<String>,
    /// Logo.
    pub logo: Option<ImageView>,
    /// Story, as safe HTML.
    pub description_html: Option<String>,
    /// Plain first paragraph of the story.
    pub summary: Option<String>,
    /// Number of products.
    pub product_count: usize,
}

/// A whole product page's product.
#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    /// Name.
    pub name: String,
    /// Page address.
    pub url: String,
    /// Stars.
    pub stars: u8,
    /// "4 sao OCOP".
    pub stars_label: String,
    /// Potential 5-star mark.
    pub potential_5_star: bool,
    /// Sector link.
    pub sector: LinkView,
    /// Sector code.
    pub sector_code: String,
    /// Group link.
    pub group: LinkView,
    /// Group code.
    pub group_code: String,
    /// Category as written, when of a former scheme.
    pub former_category: Option<String>,
    /// Star level page.
    pub stars_url: String,
    /// Where it is filed.
    pub place: PlaceView,
    /// The recognition decision.
    pub certificate: Option<CertificateView>,
    /// Price, formatted.
    pub price: Option<String>,
    /// Price in đồng, for machines.
    pub price_value: Option<u64>,
    /// Unit of the price.
    pub unit: Option<String>,
    /// Description, as safe HTML.
    pub description_html: Option<String>,
    /// Plain first paragraph, for meta descriptions.
    pub summary: Option<String>,
    /// Standards.
    pub standards: Vec<String>,
    /// Ingredients.
    pub ingredients: Option<String>,
    /// Shelf life.
    pub shelf_life: Option<String>,
    /// Packaging.
    pub packaging: Option<String>,
    /// Shops.
    pub links: Vec<LinkView>,
    /// Photos, main first.
    pub photos: Vec<ImageView>,
}

/// A link to one page of a paginated listing.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Page number, or `None` for a gap ("…").
    pub number: Option<usize>,
    /// Address.
    pub url: String,
    /// Whether it is the current page.
    pub current: bool,
}

/// Navigation between the pages of a listing.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// Current page, from 1.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
    /// Links: first, last, and pages near the current one, with gaps.
    pub pages: Vec<PageLink>,
}

impl Pagination {
    /// Navigation for page `current` of `total` of the listing at `path`.
    pub fn new(urls: &Urls, path: &str, current: usize, total: usize) -> Pagination {
        let link = |n: usize| urls.link(&Urls::paginated(path, n));
        let mut pages = Vec::new();
        let mut last_shown = 0;
        for n in 1..=total {
            let near = n + 2 >= current && n <= current + 2;
            if n == 1 || n == total || near {
                if last_shown + 1 < n {
                    pages.push(PageLink {
                        number: None,
                        url: String::new(),
                        current: false,
                    });
                }
                pages.push(PageLink {
                    number: Some(n),
                    url: link(n),
                    current: n == current,
                });
                last_shown = n;
            }
        }
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| link(current - 1)),
            next: (current < total).then(|| link(current + 1)),
            pages,
        }
    }
}

/// Builds views from the catalogue.
#[derive(Clone)]
pub struct Views<'a> {
    /// The catalogue.
    pub catalogue: &'a Catalogue,
    /// Processed photos by source file.
    pub photos: &'a HashMap<PathBuf, Photo>,
    /// Address builder.
    pub urls: Urls,
    /// Today, for certificate validity.
    pub today: crate::model::Date,
    /// Interface strings in the language of these views.
    pub t: &'a Strings,
    /// What page paths start with: empty for the root language, `en/` for
    /// English under it. Photos, assets and data files have no prefix: one
    /// copy serves every language.
    pub prefix: String,
}

/// Characters of a description's summary (meta descriptions show ~160).
const SUMMARY_LENGTH: usize = 160;

impl<'a> Views<'a> {
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

    /// The responsive picture of a photo, when it was processed.
    pub fn image(
        &self,
        producer: &Producer,
        asset: &Asset,
        default_alt: &str,
    ) -> Option<ImageView> {
        let photo = self.photos.get(&asset.source)?;
        let link = |suffix: &str| {
            self.urls
                .link(&Self::photo_path(producer, asset, photo, suffix))
        };
        let srcset = |ext: &str| {
            photo
                .meta
                .variants
                .iter()
                .map(|(w, _)| format!("{} {w}w", link(&format!("{w}.{ext}"))))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let &(width, height) = photo.meta.variants.last()?;
        // The fallback is the variant nearest 800 px: sharp enough anywhere.
        let fallback = photo
            .meta
            .variants
            .iter()
            .map(|(w, _)| *w)
            .min_by_key(|w| w.abs_diff(800))
            .unwrap_or(width);
        let [r, g, b] = photo.meta.colour;
        Some(ImageView {
            src: link(&format!("{fallback}.jpg")),
            srcset: srcset("jpg"),
            webp_srcset: srcset("webp"),
            width,
            height,
            alt: asset.alt.clone().unwrap_or_else(|| default_alt.to_string()),
            colour: format!("#{r:02x}{g:02x}{b:02x}"),
            share: self
                .urls
                .absolute(&Self::photo_path(producer, asset, photo, "chia-se.jpg")),
            share_width: photo.meta.share.0,
            share_height: photo.meta.share.1,
            full: self.urls.absolute(&encode_path(&Self::photo_path(
                producer,
                asset,
                photo,
                &format!("{width}.jpg"),
            ))),
        })
    }

    /// The absolute address of the largest JPEG variant of a photo, when it
    /// was processed (cheaper than [`Views::image`] for machine outputs).
    pub fn largest_jpeg(&self, producer: &Producer, asset: &Asset) -> Option<String> {
        let photo = self.photos.get(&asset.source)?;
        let &(width, _) = photo.meta.variants.last()?;
        Some(self.urls.absolute(&encode_path(&Self::photo_path(
            producer,
            asset,
            photo,
            &format!("{width}.jpg"),
        ))))
    }

    /// The search thumbnail of a photo (site-relative address with base path).
    pub fn thumbnail(&self, producer: &Producer, asset: &Asset) -> Option<String> {
        let photo = self.photos.get(&asset.source)?;
        Some(
            self.urls
                .link(&Self::photo_path(producer, asset, photo, "nho.webp")),
        )
    }

    /// How a place reads, with its page.
    pub fn place(&self, place: &Place) -> PlaceView {
        let provinces = &self.catalogue.reference.provinces;
        let unit = provinces.get(place.province);
        PlaceView {
            name: unit.name.clone(),
            url: (!self.catalogue.by_province[place.province].is_empty())
                .then(|| self.urls.link(&self.province_path(place.province))),
            written: match place.former.and_then(|i| unit.former.get(i)) {
                Some(former) => self.t.format(
                    "former_unit",
                    &[("former", &former.name), ("current", &unit.short_name)],
                ),
                None => unit.name.clone(),
            },
            former: place
                .former
                .and_then(|i| unit.former.get(i))
                .map(|f| f.name.clone()),
        }
    }

    /// `text` as HTML, and its summary for meta descriptions.
    fn rich_text(&self, producer: &Producer, text: &RichText) -> (String, String) {
        let resolve = |written: &str| -> Option<LocalTarget> {
            let (_, asset) = text.assets.iter().find(|(w, _)| w == written)?;
            if !asset.image {
                return Some(LocalTarget {
                    url: self
                        .urls
                        .link(&encode_path(&Self::asset_path(producer, asset))),
                    picture: None,
                });
            }
            let image = self.image(producer, asset, "")?;
            Some(LocalTarget {
                url: image.src.clone(),
                picture: Some(markdown::Picture {
                    srcset: image.srcset,
                    webp_srcset: image.webp_srcset,
                    width: image.width,
                    height: image.height,
                }),
            })
        };
        markdown::render_with_summary(&text.markdown, &resolve, SUMMARY_LENGTH)
    }

    /// A product's card for listings.
    pub fn card(&self, product: &Product) -> CardView {
        let producer = self.catalogue.producer_of(product);
        let name = self.product_name(product);
        CardView {
            name: name.to_string(),
            url: self.urls.link(&self.product_path(product)),
            producer: self.producer_name(producer).to_string(),
            province: self
                .catalogue
                .reference
                .provinces
                .get(product.place.province)
                .name
                .clone(),
            stars: product.stars.number(),
            stars_label: self.stars_label(product.stars.number()),
            potential_5_star: product.potential_five_star,
            group: self.group_name(product.group).to_string(),
            image: product
                .photos
                .first()
                .and_then(|p| self.image(producer, p, name)),
            price: product.price.map(vnd),
            unit: product.unit.clone(),
        }
    }

    /// A producer with its contacts and story.
    pub fn producer(&self, id: usize) -> ProducerView {
        let producer = &self.catalogue.producers[id];
        let name = self.producer_name(producer);
        let text = self.producer_text(producer);
        let (description_html, summary) = text.map(|d| self.rich_text(producer, d)).unzip();
        ProducerView {
            name: name.to_string(),
            url: self.urls.link(&self.producer_path(producer)),
            kind: producer.kind.map(|k| self.kind_label(k)),
            place: self.place(&producer.place),
            address: producer.address.clone(),
            phone: producer.phone.clone(),
            phone_href: producer.phone.as_deref().and_then(tel_href),
            email: producer.email.clone(),
            website: producer.website.clone(),
            representative: producer.representative.clone(),
            logo: producer.logo.as_ref().and_then(|l| {
                self.image(
                    producer,
                    l,
                    &self.t.format("logo_alt", &[("producer", name)]),
                )
            }),
            description_html,
            summary,
            product_count: self.catalogue.by_producer[id].len(),
        }
    }

    /// A whole product.
    pub fn product(&self, product: &Product) -> ProductView {
        let catalogue = self.catalogue;
        let producer = catalogue.producer_of(product);
        let classification = &catalogue.reference.classification;
        let group = classification.group(product.group);
        let sector = classification.sector(group.sector);
        let name = self.product_name(product);
        let text = self.product_text(product);
        let (description_html, summary) = text.map(|d| self.rich_text(producer, d)).unzip();
        ProductView {
            name: name.to_string(),
            url: self.urls.link(&self.product_path(product)),
            stars: product.stars.number(),
            stars_label: self.stars_label(product.stars.number()),
            potential_5_star: product.potential_five_star,
            sector: LinkView {
                label: self.sector_name(group.sector).to_string(),
                url: self.urls.link(&self.sector_path(group.sector)),
            },
            sector_code: sector.code.clone(),
            group: LinkView {
                label: self.group_name(product.group).to_string(),
                url: self.urls.link(&self.group_path(product.group)),
            },
            group_code: group.code.clone(),
            former_category: product.former_category.clone(),
            stars_url: self.urls.link(&self.stars_path(product.stars)),
            place: self.place(&product.place),
            certificate: product.certificate.as_ref().map(|c| CertificateView {
                decision: c.decision.clone(),
                issuer: c.issuer.clone(),
                date: c.date.to_string(),
                date_iso: c.date.iso(),
                valid_until: c.valid_until.to_string(),
                valid_until_iso: c.valid_until.iso(),
                expired: c.valid_until < self.today,
            }),
            price: product.price.map(vnd),
            price_value: product.price,
            unit: product.unit.clone(),
            description_html,
            summary,
            standards: product.standards.clone(),
            ingredients: product.ingredients.clone(),
            shelf_life: product.shelf_life.clone(),
            packaging: product.packaging.clone(),
            links: product
                .links
                .iter()
                .map(|l| LinkView {
                    label: l.label.clone().unwrap_or_else(|| l.url.clone()),
                    url: l.url.clone(),
                })
                .collect(),
            photos: product
                .photos
                .iter()
                .filter_map(|p| self.image(producer, p, name))
                .collect(),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_shows_ends_and_neighbours() {
        let urls = Urls::new("https://x/", "/");
        let p = Pagination::new(&urls, "sao/3/", 6, 20);
        let numbers: Vec<Option<usize>> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(
            numbers,
            vec![
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(20)
            ]
        );
        assert_eq!(p.prev.as_deref(), Some("/sao/3/trang/5/"));
        assert_eq!(p.next.as_deref(), Some("/sao/3/trang/7/"));
        let first = Pagination::new(&urls, "sao/3/", 1, 2);
        assert_eq!(first.prev, None);
        assert_eq!(first.pages[0].url, "/sao/3/");
    }
}
