//! Presenter of one thing: a photo, a place, a product card, a producer, a
//! product.

use super::super::format::{tel_href, vnd};
use super::super::urls::encode_path;
use super::super::views::{
    CardView, CertificateView, ImageView, LinkView, PlaceView, ProducerView, ProductView,
};
use super::Presenter;
use super::SUMMARY_LENGTH;
use crate::markdown::{self, LocalTarget};
use crate::model::{Asset, Place, Producer, Product, RichText};

impl<'a> Presenter<'a> {
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
    /// was processed (cheaper than [`Presenter::image`] for machine outputs).
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
}
