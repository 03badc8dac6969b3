//! What the search index holds: one lean record per product and per
//! producer (names, places, categories, a short summary), never whole pages,
//! so the first search downloads little.

use crate::catalogue::Catalogue;
use crate::markdown::summary;
use crate::render::Views;
use crate::render::xml::escape;
use crate::text::fold;

/// One searchable record: its address and a small synthetic HTML page
/// carrying the text, weights, filters and metadata Pagefind reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The page it leads to (site-relative, with the base path).
    pub url: String,
    /// The synthetic page.
    pub html: String,
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

/// Values of the kind filter.
pub const KIND_PRODUCT: &str = "Sản phẩm";
/// Values of the kind filter.
pub const KIND_PRODUCER: &str = "Chủ thể";

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

struct Page {
    title: String,
    heading: String,
    lines: Vec<String>,
    meta: Vec<(&'static str, String)>,
    filters: Vec<(&'static str, String)>,
    sort: String,
}

impl Page {
    fn html(&self) -> String {
        let mut html = String::with_capacity(1024);
        html.push_str("<!doctype html><html lang=\"vi\"><head>");
        for (key, value) in &self.meta {
            html.push_str(&format!(
                "<meta data-pagefind-meta=\"{key}[content]\" content=\"{}\">",
                escape(value)
            ));
        }
        for (key, value) in &self.filters {
            html.push_str(&format!(
                "<meta data-pagefind-filter=\"{key}[content]\" content=\"{}\">",
                escape(value)
            ));
        }
        html.push_str(&format!(
            "<meta data-pagefind-sort=\"ten[content]\" content=\"{}\">",
            escape(&self.sort)
        ));
        html.push_str(&format!(
            "<meta data-pagefind-meta=\"title[content]\" content=\"{}\">",
            escape(&self.title)
        ));
        html.push_str("</head><body>");
        // The name is the heading: Pagefind weighs headings above text.
        html.push_str(&format!("<h1>{}</h1>", escape(&self.heading)));
        for line in &self.lines {
            if !line.is_empty() {
                html.push_str(&format!("<p>{}</p>", escape(line)));
            }
        }
        let all: String = std::iter::once(self.heading.as_str())
            .chain(self.lines.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        let extra = d_spellings(&all);
        if !extra.is_empty() {
            html.push_str(&format!(
                "<p data-pagefind-weight=\"0.5\">{}</p>",
                escape(&extra)
            ));
        }
        html.push_str("</body></html>");
        html
    }
}

/// Every record of the catalogue: products, then producers.
pub fn records(views: &Views<'_>) -> Vec<Record> {
    let catalogue: &Catalogue = views.catalogue;
    let provinces = &catalogue.reference.provinces;
    let classification = &catalogue.reference.classification;
    let width = catalogue
        .products
        .len()
        .max(catalogue.producers.len())
        .to_string()
        .len();
    let mut records = Vec::with_capacity(catalogue.products.len() + catalogue.producers.len());
    for (rank, product) in catalogue.products.iter().enumerate() {
        let producer = catalogue.producer_of(product);
        let group = classification.group(product.group);
        let sector = classification.sector(group.sector);
        let unit = provinces.get(product.place.province);
        let written = provinces.describe(&product.place);
        let producer_written = provinces.describe(&producer.place);
        let summary = product
            .description
            .as_ref()
            .map(|d| summary(&d.markdown, 200))
            .unwrap_or_default();
        let card = views.card(product);
        let mut meta = vec![
            ("producer", producer.name.clone()),
            ("province", written.clone()),
            ("stars", product.stars.number().to_string()),
            ("group", group.name.clone()),
            ("kind", KIND_PRODUCT.to_string()),
        ];
        if product.potential_five_star {
            meta.push(("potential", "1".to_string()));
        }
        if let Some(price) = &card.price {
            meta.push(("price", price.clone()));
        }
        if let Some(image) = product
            .photos
            .first()
            .and_then(|p| views.thumbnail(producer, p))
        {
            meta.push(("image", image));
        }
        let page = Page {
            title: product.name.clone(),
            heading: product.name.clone(),
            lines: vec![
                producer.name.clone(),
                format!(
                    "{written} {producer_written} {}",
                    producer.address.clone().unwrap_or_default()
                ),
                format!(
                    "{} {} {} sao",
                    group.name,
                    sector.name,
                    product.stars.number()
                ),
                summary,
            ],
            meta,
            filters: vec![
                (filter::PROVINCE, unit.name.clone()),
                (filter::GROUP, group.name.clone()),
                (filter::SECTOR, sector.name.clone()),
                (filter::STARS, product.stars.number().to_string()),
                (filter::KIND, KIND_PRODUCT.to_string()),
            ],
            sort: format!("a{rank:0width$}"),
        };
        records.push(Record {
            url: card.url,
            html: page.html(),
        });
    }
    for (rank, producer) in catalogue.producers.iter().enumerate() {
        let view = views.producer(rank);
        let unit = provinces.get(producer.place.province);
        let page = Page {
            title: producer.name.clone(),
            heading: producer.name.clone(),
            lines: vec![
                format!(
                    "{} {}",
                    view.place.written,
                    producer.address.clone().unwrap_or_default()
                ),
                view.kind.clone().unwrap_or_default(),
                view.summary.clone().unwrap_or_default(),
            ],
            meta: vec![
                ("province", view.place.written.clone()),
                ("kind", KIND_PRODUCER.to_string()),
                ("count", view.product_count.to_string()),
            ]
            .into_iter()
            .chain(
                producer
                    .logo
                    .as_ref()
                    .and_then(|l| views.thumbnail(producer, l))
                    .map(|i| ("image", i)),
            )
            .collect(),
            filters: vec![
                (filter::PROVINCE, unit.name.clone()),
                (filter::KIND, KIND_PRODUCER.to_string()),
            ],
            sort: format!("b{rank:0width$}"),
        };
        records.push(Record {
            url: view.url,
            html: page.html(),
        });
    }
    records
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
    fn escapes_what_it_embeds() {
        let page = Page {
            title: "<b>x</b>".into(),
            heading: "a & b".into(),
            lines: vec!["\"q\"".into()],
            meta: vec![("producer", "<script>".into())],
            filters: vec![],
            sort: "a1".into(),
        };
        let html = page.html();
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.contains("<h1>a &amp; b</h1>"));
    }
}
