//! Which pages the site has, and rendering each of them.

use super::format::thousands;
use super::jsonld;
use super::narrowing::{self, Facet};
use super::theme::{Theme, describe_tera_error};
use super::urls::{Urls, section};
use super::views::{CountView, ImageView, LinkView, Pagination, Views};
use crate::catalogue::star_index;
use crate::model::StarLevel;
use crate::output::{OutputError, Staging};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use tera::{Context, Value};

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// The home page.
    Home,
    /// A product.
    Product(usize),
    /// Page n of a producer and its products.
    Producer(usize, usize),
    /// Page n of the list of producers.
    Producers(usize),
    /// The list of provinces.
    Provinces,
    /// Page n of a province's products.
    Province(usize, usize),
    /// The list of sectors and groups.
    Categories,
    /// Page n of a sector's products.
    Sector(usize, usize),
    /// Page n of a group's products.
    Group(usize, usize),
    /// The list of star levels.
    StarLevels,
    /// The search page.
    Search,
    /// Page n of a star level's products.
    Stars(StarLevel, usize),
    /// Page n of a province's products in one sector, group or star level.
    Narrowed(usize, Facet, usize),
    /// The "not found" page.
    NotFound,
    /// `robots.txt`.
    Robots,
}

/// A failure while rendering.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed on a page.
    #[error("cannot render {page}: {message}")]
    Template {
        /// The page address.
        page: String,
        /// Tera's explanation.
        message: String,
    },
    /// Two pages would be written to the same address.
    #[error("two pages have the address /{path}: {first} and {second}")]
    Collision {
        /// The address.
        path: String,
        /// What the first page shows.
        first: String,
        /// What the second page shows.
        second: String,
    },
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Other products of the same producer shown on a product page.
const OTHERS_SHOWN: usize = 8;

fn pages_for(count: usize, page_size: usize) -> usize {
    count.div_ceil(page_size).max(1)
}

/// Every page with its site-relative path.
pub fn plan(views: &Views<'_>) -> Vec<(String, Page)> {
    let catalogue = views.catalogue;
    let size = catalogue.site.page_size;
    let mut pages = vec![(String::new(), Page::Home)];
    for (id, product) in catalogue.products.iter().enumerate() {
        pages.push((views.product_path(product), Page::Product(id)));
    }
    for (id, producer) in catalogue.producers.iter().enumerate() {
        let path = views.producer_path(producer);
        for n in 1..=pages_for(catalogue.by_producer[id].len(), size) {
            pages.push((Urls::paginated(&path, n), Page::Producer(id, n)));
        }
    }
    let producers_path = format!("{}/", section::PRODUCERS);
    for n in 1..=pages_for(catalogue.producers.len(), size) {
        pages.push((Urls::paginated(&producers_path, n), Page::Producers(n)));
    }
    pages.push((format!("{}/", section::PROVINCES), Page::Provinces));
    for id in 0..catalogue.reference.provinces.all().len() {
        let path = views.province_path(id);
        for n in 1..=pages_for(catalogue.by_province[id].len(), size) {
            pages.push((Urls::paginated(&path, n), Page::Province(id, n)));
        }
    }
    pages.push((format!("{}/", section::CATEGORIES), Page::Categories));
    let classification = &catalogue.reference.classification;
    for id in 0..classification.sectors().len() {
        let path = views.sector_path(id);
        for n in 1..=pages_for(catalogue.by_sector[id].len(), size) {
            pages.push((Urls::paginated(&path, n), Page::Sector(id, n)));
        }
    }
    for (id, group) in classification.groups().iter().enumerate() {
        if group.is_whole_sector {
            continue;
        }
        let path = views.group_path(id);
        for n in 1..=pages_for(catalogue.by_group[id].len(), size) {
            pages.push((Urls::paginated(&path, n), Page::Group(id, n)));
        }
    }
    pages.push((format!("{}/", section::STARS), Page::StarLevels));
    pages.push((format!("{}/", section::SEARCH), Page::Search));
    for level in StarLevel::ALL {
        let path = views.stars_path(level);
        for n in 1..=pages_for(catalogue.by_stars[star_index(level)].len(), size) {
            pages.push((Urls::paginated(&path, n), Page::Stars(level, n)));
        }
    }
    narrowing::plan(views, &mut pages);
    pages.push(("404.html".into(), Page::NotFound));
    pages.push(("robots.txt".into(), Page::Robots));
    pages
}

/// Finds two pages with one address. Slugs are checked where they are made,
/// so this only fires on reference data or code that disagree.
pub fn find_collision(pages: &[(String, Page)]) -> Option<(String, Page, Page)> {
    let mut seen: HashMap<&str, Page> = HashMap::with_capacity(pages.len());
    for (path, page) in pages {
        if let Some(first) = seen.insert(path.as_str(), *page) {
            return Some((path.clone(), first, *page));
        }
    }
    None
}

#[derive(Serialize)]
struct PageMeta {
    title: String,
    description: String,
    path: String,
    canonical: String,
    breadcrumbs: Vec<LinkView>,
    /// Open Graph type: `product` on product pages, `website` elsewhere.
    og_type: &'static str,
    /// The picture shown when the page is shared (its `share` image), if any.
    image: Option<ImageView>,
    /// schema.org JSON-LD, escaped for a `<script>` element.
    jsonld: Option<String>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    base_url: &'a str,
    base_path: &'a str,
    lang: &'a str,
    publisher: Option<&'a str>,
    assets: HashMap<&'a str, String>,
    nav: Vec<LinkView>,
    product_count: String,
    producer_count: String,
    /// The Atom feed of newly certified products.
    feed: String,
    /// Open Graph locale (`vi_VN`).
    locale: &'a str,
}

/// Renders every page into `staging` and copies the theme's assets and the
/// producers' files. Returns the number of pages.
pub fn render_site(
    views: &Views<'_>,
    theme: &mut Theme,
    staging: &Staging,
) -> Result<usize, RenderError> {
    let catalogue = views.catalogue;
    let pages = plan(views);
    if let Some((path, first, second)) = find_collision(&pages) {
        return Err(RenderError::Collision {
            path,
            first: format!("{first:?}"),
            second: format!("{second:?}"),
        });
    }
    let urls = &views.urls;
    let site = SiteView {
        title: &catalogue.site.title,
        description: catalogue.site.description.as_deref(),
        base_url: &catalogue.site.base_url.full,
        base_path: &catalogue.site.base_url.path,
        lang: catalogue.site.language.code(),
        publisher: catalogue.site.publisher.as_deref(),
        assets: theme
            .assets
            .iter()
            .map(|a| {
                (
                    a.name.as_str(),
                    urls.link(&format!("{}/{}", section::ASSETS, a.output_name)),
                )
            })
            .collect(),
        nav: vec![
            LinkView {
                label: "Tỉnh, thành".into(),
                url: urls.link(&format!("{}/", section::PROVINCES)),
            },
            LinkView {
                label: "Nhóm sản phẩm".into(),
                url: urls.link(&format!("{}/", section::CATEGORIES)),
            },
            LinkView {
                label: "Hạng sao".into(),
                url: urls.link(&format!("{}/", section::STARS)),
            },
            LinkView {
                label: "Chủ thể".into(),
                url: urls.link(&format!("{}/", section::PRODUCERS)),
            },
        ],
        product_count: thousands(catalogue.products.len() as u64),
        producer_count: thousands(catalogue.producers.len() as u64),
        feed: urls.absolute(super::feed::FEED_PATH),
        locale: match catalogue.site.language {
            crate::lang::Lang::Vi => "vi_VN",
            crate::lang::Lang::En => "en_US",
        },
    };
    theme.tera.global_context().insert("site", &site);
    for asset in &theme.assets {
        staging.write(
            &format!("{}/{}", section::ASSETS, asset.output_name),
            &asset.bytes,
        )?;
    }
    copy_producer_files(views, staging)?;

    // Cards are built once and shared by every listing that shows them
    // (tera values share their contents, so a clone is a reference count).
    let cards: Vec<Value> = catalogue
        .products
        .par_iter()
        .map(|p| Value::from_serializable(&views.card(p)))
        .collect();
    // The map is the same on every page that shows it: laid out once.
    let map = Value::from_serializable(&super::cartogram::cartogram(views));
    let renderer = Renderer { views, cards, map };
    let tera = &theme.tera;
    pages.par_iter().try_for_each(|(path, page)| {
        let (template, context) = renderer.context(path, *page);
        let html = tera
            .render(template, &context)
            .map_err(|e| RenderError::Template {
                page: format!("/{path}"),
                message: describe_tera_error(&e),
            })?;
        staging.write(&Urls::file_for(path), html.as_bytes())?;
        Ok::<(), RenderError>(())
    })?;
    Ok(pages.len())
}

/// Every file of a producer that the site serves: photo variants linked from
/// the cache, other files (a PDF linked from a description) copied.
fn copy_producer_files(views: &Views<'_>, staging: &Staging) -> Result<(), OutputError> {
    let catalogue = views.catalogue;
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    let mut add = |producer: &crate::model::Producer, asset: &crate::model::Asset| {
        if !asset.image {
            files.push((Views::asset_path(producer, asset), asset.source.clone()));
            return;
        }
        let Some(photo) = views.photos.get(&asset.source) else {
            return;
        };
        for &(width, _) in &photo.meta.variants {
            for ext in ["jpg", "webp"] {
                let path = Views::photo_path(producer, asset, photo, &format!("{width}.{ext}"));
                files.push((path, photo.variant_file(width, ext)));
            }
        }
        files.push((
            Views::photo_path(producer, asset, photo, "chia-se.jpg"),
            photo.share_file(),
        ));
        files.push((
            Views::photo_path(producer, asset, photo, "nho.webp"),
            photo.thumbnail_file(),
        ));
    };
    for producer in &catalogue.producers {
        for asset in producer.logo.iter().chain(
            producer
                .description
                .iter()
                .flat_map(|d| d.assets.iter().map(|(_, a)| a)),
        ) {
            add(producer, asset);
        }
    }
    for product in &catalogue.products {
        let producer = catalogue.producer_of(product);
        for asset in product.photos.iter().chain(
            product
                .description
                .iter()
                .flat_map(|d| d.assets.iter().map(|(_, a)| a)),
        ) {
            add(producer, asset);
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    files
        .par_iter()
        .try_for_each(|(path, source)| staging.link(path, source))
}

struct Renderer<'a> {
    views: &'a Views<'a>,
    cards: Vec<Value>,
    map: Value,
}

impl Renderer<'_> {
    fn cards_of(&self, ids: &[usize]) -> Value {
        Value::from(
            ids.iter()
                .map(|&i| self.cards[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    fn meta(
        &self,
        path: &str,
        title: String,
        description: String,
        breadcrumbs: Vec<LinkView>,
    ) -> PageMeta {
        let urls = &self.views.urls;
        PageMeta {
            title,
            description,
            path: urls.link(path),
            canonical: urls.absolute(path),
            breadcrumbs,
            og_type: "website",
            image: None,
            jsonld: None,
        }
    }

    /// The sharing picture of the first of `ids` that has a photo: what a
    /// listing shows when it is shared.
    fn first_image(&self, ids: &[usize]) -> Option<ImageView> {
        let catalogue = self.views.catalogue;
        ids.iter().find_map(|&id| {
            let product = &catalogue.products[id];
            let photo = product.photos.first()?;
            self.views
                .image(catalogue.producer_of(product), photo, &product.name)
        })
    }

    fn home_crumb(&self) -> LinkView {
        LinkView {
            label: "Trang chủ".into(),
            url: self.views.urls.link(""),
        }
    }

    fn crumb(&self, label: &str, path: &str) -> LinkView {
        LinkView {
            label: label.to_string(),
            url: self.views.urls.link(path),
        }
    }

    /// A paginated listing of products. Returns the page's meta data, for
    /// the caller to complete and insert as `page`.
    #[allow(clippy::too_many_arguments)]
    fn listing(
        &self,
        context: &mut Context,
        path: &str,
        base: &str,
        number: usize,
        heading: String,
        intro: String,
        ids: &[usize],
        crumbs: Vec<LinkView>,
    ) -> PageMeta {
        let size = self.views.catalogue.site.page_size;
        let total = pages_for(ids.len(), size);
        let start = ((number - 1) * size).min(ids.len());
        let end = (start + size).min(ids.len());
        let (title, description) = if number > 1 {
            (
                format!("{heading} – trang {number}"),
                format!("{intro} Trang {number}/{total}."),
            )
        } else {
            (heading.clone(), intro.clone())
        };
        let mut meta = self.meta(path, title, description, crumbs);
        meta.image = self.first_image(&ids[start..end]);
        context.insert("heading", &heading);
        context.insert("intro", &intro);
        context.insert("count", &ids.len());
        context.insert("count_text", &thousands(ids.len() as u64));
        context.insert_value("products", self.cards_of(&ids[start..end]));
        context.insert(
            "pagination",
            &Pagination::new(&self.views.urls, base, number, total),
        );
        meta
    }

    fn context(&self, path: &str, page: Page) -> (&'static str, Context) {
        let views = self.views;
        let catalogue = views.catalogue;
        let classification = &catalogue.reference.classification;
        let provinces = &catalogue.reference.provinces;
        let mut context = Context::new();
        let template = match page {
            Page::Home => {
                let five = &catalogue.by_stars[star_index(StarLevel::Five)];
                let featured: Vec<usize> = five.iter().copied().take(12).collect();
                let description = catalogue
                    .site
                    .description
                    .clone()
                    .unwrap_or_else(|| catalogue.site.title.clone());
                let mut meta =
                    self.meta(path, catalogue.site.title.clone(), description, Vec::new());
                meta.image = self.first_image(&featured);
                context.insert("page", &meta);
                context.insert_value("featured", self.cards_of(&featured));
                context.insert("provinces", &views.province_counts());
                context.insert_value("map", self.map.clone());
                context.insert("sectors", &views.sector_counts());
                context.insert("star_levels", &views.star_counts());
                context.insert(
                    "province_total",
                    &catalogue
                        .by_province
                        .iter()
                        .filter(|p| !p.is_empty())
                        .count(),
                );
                "index.html"
            }
            Page::Product(id) => {
                let product = &catalogue.products[id];
                let view = views.product(product);
                let producer = views.producer(product.producer);
                // A few neighbours in the producer's list, not all of them: a
                // producer with many products would make every page list all.
                let siblings = &catalogue.by_producer[product.producer];
                let position = siblings.iter().position(|&o| o == id).unwrap_or(0);
                let start = position
                    .saturating_sub(OTHERS_SHOWN / 2)
                    .min(siblings.len().saturating_sub(OTHERS_SHOWN + 1));
                let others: Vec<usize> = siblings
                    .iter()
                    .copied()
                    .skip(start)
                    .filter(|&o| o != id)
                    .take(OTHERS_SHOWN)
                    .collect();
                let group = classification.group(product.group);
                let crumbs = vec![
                    self.home_crumb(),
                    self.crumb(
                        &provinces.get(product.place.province).name,
                        &views.province_path(product.place.province),
                    ),
                    self.crumb(&group.name, &views.group_path(product.group)),
                ];
                let description = view.summary.clone().unwrap_or_else(|| {
                    format!(
                        "{} – sản phẩm OCOP {} sao của {}",
                        product.name,
                        product.stars.number(),
                        producer.name
                    )
                });
                let mut meta = self.meta(
                    path,
                    format!("{} – {}", product.name, producer.name),
                    description,
                    crumbs,
                );
                meta.og_type = "product";
                meta.image = view.photos.first().cloned();
                meta.jsonld = Some(jsonld::script_text(&jsonld::product(
                    views,
                    product,
                    &meta.description,
                )));
                context.insert("page", &meta);
                context.insert(
                    "qr",
                    &super::qr::svg(
                        &meta.canonical,
                        &format!("Mã QR dẫn đến trang {}", product.name),
                    ),
                );
                context.insert("product", &view);
                context.insert("producer", &producer);
                context.insert_value("others", self.cards_of(&others));
                context.insert("others_total", &(siblings.len() - 1));
                "product.html"
            }
            Page::Producer(id, number) => {
                let view = views.producer(id);
                let producer = &catalogue.producers[id];
                let crumbs = vec![
                    self.home_crumb(),
                    self.crumb("Chủ thể", &format!("{}/", section::PRODUCERS)),
                ];
                let description = view.summary.clone().unwrap_or_else(|| {
                    format!(
                        "{} – chủ thể OCOP tại {}",
                        producer.name, view.place.written
                    )
                });
                let base = views.producer_path(producer);
                let ids = &catalogue.by_producer[id];
                let view_description = description.clone();
                let mut meta = self.listing(
                    &mut context,
                    path,
                    &base,
                    number,
                    producer.name.clone(),
                    description,
                    ids,
                    crumbs,
                );
                meta.jsonld = Some(jsonld::script_text(&jsonld::organization(
                    views,
                    producer,
                    &view_description,
                )));
                if let Some(logo) = &view.logo {
                    meta.image = Some(logo.clone());
                }
                context.insert("page", &meta);
                context.insert("producer", &view);
                "producer.html"
            }
            Page::Producers(number) => {
                let size = catalogue.site.page_size;
                let total = pages_for(catalogue.producers.len(), size);
                let start = ((number - 1) * size).min(catalogue.producers.len());
                let end = (start + size).min(catalogue.producers.len());
                let list: Vec<_> = (start..end).map(|id| views.producer(id)).collect();
                let base = format!("{}/", section::PRODUCERS);
                let heading = "Chủ thể OCOP".to_string();
                let intro = format!(
                    "{} doanh nghiệp, hợp tác xã, tổ hợp tác và hộ kinh doanh có sản phẩm OCOP.",
                    thousands(catalogue.producers.len() as u64)
                );
                let (title, description) = if number > 1 {
                    (
                        format!("{heading} – trang {number}"),
                        format!("{intro} Trang {number}/{total}."),
                    )
                } else {
                    (heading.clone(), intro.clone())
                };
                context.insert(
                    "page",
                    &self.meta(path, title, description, vec![self.home_crumb()]),
                );
                context.insert("heading", &heading);
                context.insert("intro", &intro);
                context.insert("producers", &list);
                context.insert(
                    "pagination",
                    &Pagination::new(&views.urls, &base, number, total),
                );
                "producers.html"
            }
            Page::Provinces => {
                let intro = "34 tỉnh, thành phố từ ngày 1/7/2025. Sản phẩm được công nhận trước đó ghi tên tỉnh cũ vẫn được xếp vào tỉnh, thành phố mới.".to_string();
                context.insert(
                    "page",
                    &self.meta(
                        path,
                        "Sản phẩm OCOP theo tỉnh, thành phố".into(),
                        intro.clone(),
                        vec![self.home_crumb()],
                    ),
                );
                context.insert("intro", &intro);
                context.insert("provinces", &views.province_counts());
                context.insert_value("map", self.map.clone());
                "provinces.html"
            }
            Page::Province(id, number) => {
                let unit = provinces.get(id);
                let base = views.province_path(id);
                let former: Vec<&str> = unit.former.iter().map(|f| f.name.as_str()).collect();
                let intro = if former.is_empty() {
                    format!("Sản phẩm OCOP của {}.", unit.full_name)
                } else {
                    format!(
                        "Sản phẩm OCOP của {}, gồm cả {} trước ngày 1/7/2025.",
                        unit.full_name,
                        former.join(", ")
                    )
                };
                let crumbs = vec![
                    self.home_crumb(),
                    self.crumb("Tỉnh, thành", &format!("{}/", section::PROVINCES)),
                ];
                let meta = self.listing(
                    &mut context,
                    path,
                    &base,
                    number,
                    unit.full_name.clone(),
                    intro,
                    &catalogue.by_province[id],
                    crumbs,
                );
                context.insert("page", &meta);
                context.insert("producer_count", &catalogue.producers_by_province[id].len());
                context.insert("narrow", &narrowing::of_province(views, id));
                "list.html"
            }
            Page::Categories => {
                let sectors: Vec<(CountView, Vec<CountView>)> = catalogue
                    .sector_order
                    .iter()
                    .map(|&s| {
                        let sector = classification.sector(s);
                        let count = views.count(
                            &sector.name,
                            &views.sector_path(s),
                            catalogue.by_sector[s].len(),
                            Some(&sector.code),
                            None,
                        );
                        (count, views.group_counts(s))
                    })
                    .collect();
                let sectors: Vec<Value> = sectors
                    .into_iter()
                    .map(|(sector, groups)| {
                        let mut map = tera::Map::new();
                        map.insert("sector".into(), Value::from_serializable(&sector));
                        map.insert("groups".into(), Value::from_serializable(&groups));
                        Value::from(map)
                    })
                    .collect();
                let intro = format!(
                    "Phân loại sản phẩm OCOP theo Quyết định {}: 6 ngành và các nhóm sản phẩm.",
                    classification.scheme
                );
                context.insert(
                    "page",
                    &self.meta(
                        path,
                        "Nhóm sản phẩm OCOP".into(),
                        intro.clone(),
                        vec![self.home_crumb()],
                    ),
                );
                context.insert("intro", &intro);
                context.insert_value("sectors", Value::from(sectors));
                "categories.html"
            }
            Page::Sector(id, number) => {
                let sector = classification.sector(id);
                let base = views.sector_path(id);
                let crumbs = vec![
                    self.home_crumb(),
                    self.crumb("Nhóm sản phẩm", &format!("{}/", section::CATEGORIES)),
                ];
                let intro = format!("Sản phẩm OCOP ngành {} (mã {}).", sector.name, sector.code);
                let meta = self.listing(
                    &mut context,
                    path,
                    &base,
                    number,
                    sector.name.clone(),
                    intro,
                    &catalogue.by_sector[id],
                    crumbs,
                );
                context.insert("page", &meta);
                context.insert("groups", &views.group_counts(id));
                context.insert("narrow", &narrowing::by_province(views, Facet::Sector(id)));
                "list.html"
            }
            Page::Group(id, number) => {
                let group = classification.group(id);
                let sector = classification.sector(group.sector);
                let base = views.group_path(id);
                let crumbs = vec![
                    self.home_crumb(),
                    self.crumb("Nhóm sản phẩm", &format!("{}/", section::CATEGORIES)),
                    self.crumb(&sector.name, &views.sector_path(group.sector)),
                ];
                let intro = format!(
                    "Sản phẩm OCOP nhóm {} (mã {}), ngành {}.",
                    group.name, group.code, sector.name
                );
                let meta = self.listing(
                    &mut context,
                    path,
                    &base,
                    number,
                    group.name.clone(),
                    intro,
                    &catalogue.by_group[id],
                    crumbs,
                );
                context.insert("page", &meta);
                context.insert("narrow", &narrowing::by_province(views, Facet::Group(id)));
                "list.html"
            }
            Page::Search => {
                let intro =
                    "Tìm sản phẩm và chủ thể OCOP theo tên, tỉnh, nhóm sản phẩm và hạng sao."
                        .to_string();
                context.insert(
                    "page",
                    &self.meta(path, "Tìm kiếm".into(), intro, vec![self.home_crumb()]),
                );
                crate::search::page_context(views, &mut context);
                "search.html"
            }
            Page::StarLevels => {
                let intro = "Sản phẩm OCOP được phân hạng 3 sao (cấp địa phương), 4 sao (cấp tỉnh) và 5 sao (cấp quốc gia).".to_string();
                context.insert(
                    "page",
                    &self.meta(
                        path,
                        "Sản phẩm OCOP theo hạng sao".into(),
                        intro.clone(),
                        vec![self.home_crumb()],
                    ),
                );
                context.insert("intro", &intro);
                context.insert("star_levels", &views.star_counts());
                "stars.html"
            }
            Page::Stars(level, number) => {
                let base = views.stars_path(level);
                let crumbs = vec![
                    self.home_crumb(),
                    self.crumb("Hạng sao", &format!("{}/", section::STARS)),
                ];
                let meaning = match level {
                    StarLevel::Three => "đạt 50–69 điểm, được công nhận ở cấp địa phương",
                    StarLevel::Four => "đạt 70–89 điểm, được công nhận ở cấp tỉnh",
                    StarLevel::Five => "đạt 90–100 điểm, được công nhận ở cấp quốc gia",
                };
                let heading = format!("Sản phẩm OCOP {} sao", level.number());
                let intro = format!("Sản phẩm OCOP {} sao {meaning}.", level.number());
                let meta = self.listing(
                    &mut context,
                    path,
                    &base,
                    number,
                    heading,
                    intro,
                    &catalogue.by_stars[star_index(level)],
                    crumbs,
                );
                context.insert("page", &meta);
                context.insert("stars", &level.number());
                context.insert(
                    "narrow",
                    &narrowing::by_province(views, Facet::Stars(level)),
                );
                "list.html"
            }
            Page::Narrowed(province, facet, number) => {
                let unit = provinces.get(province);
                let mut crumbs = vec![
                    self.home_crumb(),
                    self.crumb("Tỉnh, thành", &format!("{}/", section::PROVINCES)),
                    self.crumb(&unit.name, &views.province_path(province)),
                ];
                if let Facet::Group(group) = facet {
                    let sector = classification.group(group).sector;
                    crumbs.push(self.crumb(
                        &classification.sector(sector).name,
                        &narrowing::path(views, province, Facet::Sector(sector)),
                    ));
                }
                let meta = self.listing(
                    &mut context,
                    path,
                    &narrowing::path(views, province, facet),
                    number,
                    format!("{} – {}", narrowing::name(catalogue, facet), unit.name),
                    narrowing::intro(catalogue, province, facet),
                    narrowing::ids(catalogue, province, facet),
                    crumbs,
                );
                context.insert("page", &meta);
                context.insert("narrow", &narrowing::around(views, province, facet));
                if let Facet::Sector(sector) = facet {
                    context.insert("groups", &narrowing::groups_in(views, province, sector));
                }
                "list.html"
            }
            Page::NotFound => {
                context.insert(
                    "page",
                    &self.meta(
                        path,
                        "Không tìm thấy trang".into(),
                        "Trang này không có trong danh mục.".into(),
                        Vec::new(),
                    ),
                );
                "404.html"
            }
            Page::Robots => {
                context.insert("sitemap", &views.urls.absolute(super::sitemap::SITEMAP));
                "robots.txt"
            }
        };
        (template, context)
    }
}
