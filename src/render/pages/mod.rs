//! Which pages the site has, and rendering each of them.
//!
//! [`Renderer`] (in `renderer`) makes a page's context and renders it;
//! what each kind of page shows is in `entries` (home, product, producer,
//! search, not found, robots.txt) and `listings` (the lists and their
//! pages).

mod entries;
mod listings;
mod renderer;

use super::cards::{CardMemory, Cards, Keyed};
use super::key;
use super::narrowing::{self, Facet};
use super::presenter::Presenter;
use super::theme::Theme;
use super::urls::{Urls, section};
use super::views::{ImageView, LinkView, ProducerView};
use crate::cancel::Cancel;
use crate::catalogue::star_index;
use crate::model::StarLevel;
use crate::output::{OutputError, Sink};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::OnceLock;
use tera::{Context, Value};
use xxhash_rust::xxh3::Xxh3;

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
    /// A page links to an address no page of the build has.
    #[error(
        "{page} links to {target}, which this build does not make (a listing with no product is not built): link to it only where the template is given its address"
    )]
    UnbuiltLink { page: String, target: String },
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// A page's template and context, but for the expensive parts, which are added
/// only when the page is rendered (most pages of a rebuild are kept).
struct PageContext {
    template: &'static str,
    context: PageValues,
    deferred: Deferred,
}

/// A page's values for its template, hashed as they are put in (see
/// [`key`]): hashing the template values' debug form took three times as
/// long, and a no-op rebuild works out the key of every page.
struct PageValues {
    context: Context,
    hash: Xxh3,
}

impl PageValues {
    fn new() -> PageValues {
        PageValues {
            context: Context::new(),
            hash: Xxh3::new(),
        }
    }

    fn insert(&mut self, name: &'static str, value: &(impl Serialize + ?Sized)) {
        key::feed(&mut self.hash, name);
        key::feed(&mut self.hash, value);
        self.context.insert(name, value);
    }

    /// Puts in `value`, made by other code than the presenter.
    fn insert_value(&mut self, name: &'static str, value: Value) {
        key::feed(&mut self.hash, name);
        key::feed(&mut self.hash, &value);
        self.context.insert_value(name, value);
    }

    /// Puts in `value`, whose hash is `key`.
    fn insert_keyed(&mut self, name: &'static str, value: Value, key: u128) {
        key::feed(&mut self.hash, name);
        key::feed(&mut self.hash, &key);
        self.context.insert_value(name, value);
    }

    /// The hash of every value put in, in order.
    fn key(&self) -> u128 {
        self.hash.digest128()
    }
}

/// What a page shows that is expensive to make or to hash, by what it is made
/// from: the page key covers these inputs instead of the values.
#[derive(Default)]
struct Deferred {
    /// Product cards (indexes into the catalogue's products) by the name
    /// the template reads them under. A listing shows up to a page of
    /// cards, and hashing each card's text on every page took a tenth of a
    /// national build; a card's key is worked out once.
    cards: Vec<(&'static str, Vec<usize>)>,
    /// The address and label of a product page's QR code: drawing the code
    /// is the dearest part of a product page.
    qr: Option<[String; 2]>,
    /// The producer shown as `producer` (an index into the catalogue's
    /// producers): every product page shows its producer's story.
    producer: Option<usize>,
}

/// Bytes reserved for a rendered page: most pages of a catalogue fit.
const PAGE_CAPACITY: usize = 48 << 10;

/// Other products of the same producer shown on a product page.
const OTHERS_SHOWN: usize = 8;

fn pages_for(count: usize, page_size: usize) -> usize {
    count.div_ceil(page_size).max(1)
}

/// Every page with its site-relative path.
pub fn plan(presenter: &Presenter<'_>) -> Vec<(String, Page)> {
    pages(presenter)
        .into_iter()
        .map(|page| (path_of(presenter, page), page))
        .collect()
}

/// Every page of the site, in the order of [`plan`]; none for a province,
/// category or star level without products (a dead end for visitors).
pub(super) fn pages(presenter: &Presenter<'_>) -> Vec<Page> {
    let catalogue = presenter.catalogue;
    let size = catalogue.site.page_size;
    let mut pages = vec![Page::Home];
    pages.extend((0..catalogue.products.len()).map(Page::Product));
    for (id, products) in catalogue.by_producer.iter().enumerate() {
        pages.extend((1..=pages_for(products.len(), size)).map(|n| Page::Producer(id, n)));
    }
    pages.extend((1..=pages_for(catalogue.producers.len(), size)).map(Page::Producers));
    pages.push(Page::Provinces);
    for id in 0..catalogue.reference.provinces.all().len() {
        let count = catalogue.by_province[id].len();
        let built = if count > 0 { pages_for(count, size) } else { 0 };
        pages.extend((1..=built).map(|n| Page::Province(id, n)));
    }
    pages.push(Page::Categories);
    let classification = &catalogue.reference.classification;
    for id in 0..classification.sectors().len() {
        let count = catalogue.by_sector[id].len();
        let built = if count > 0 { pages_for(count, size) } else { 0 };
        pages.extend((1..=built).map(|n| Page::Sector(id, n)));
    }
    for (id, group) in classification.groups().iter().enumerate() {
        let count = catalogue.by_group[id].len();
        if group.is_whole_sector || count == 0 {
            continue;
        }
        pages.extend((1..=pages_for(count, size)).map(|n| Page::Group(id, n)));
    }
    pages.push(Page::StarLevels);
    pages.push(Page::Search);
    for level in StarLevel::ALL {
        let count = catalogue.by_stars[star_index(level)].len();
        let built = if count > 0 { pages_for(count, size) } else { 0 };
        pages.extend((1..=built).map(|n| Page::Stars(level, n)));
    }
    narrowing::pages(catalogue, &mut pages);
    // Hosts serve only the root 404 page, and robots.txt only at the root.
    if presenter.prefix.is_empty() {
        pages.push(Page::NotFound);
        pages.push(Page::Robots);
    }
    pages
}

/// The site-relative path of `page`.
pub(super) fn path_of(presenter: &Presenter<'_>, page: Page) -> String {
    let catalogue = presenter.catalogue;
    let section = |name: &str| presenter.page(&format!("{name}/"));
    match page {
        Page::Home => presenter.page(""),
        Page::Product(id) => presenter.product_path(&catalogue.products[id]),
        Page::Producer(id, n) => {
            Urls::paginated(&presenter.producer_path(&catalogue.producers[id]), n)
        }
        Page::Producers(n) => Urls::paginated(&section(section::PRODUCERS), n),
        Page::Provinces => section(section::PROVINCES),
        Page::Province(id, n) => Urls::paginated(&presenter.province_path(id), n),
        Page::Categories => section(section::CATEGORIES),
        Page::Sector(id, n) => Urls::paginated(&presenter.sector_path(id), n),
        Page::Group(id, n) => Urls::paginated(&presenter.group_path(id), n),
        Page::StarLevels => section(section::STARS),
        Page::Search => section(section::SEARCH),
        Page::Stars(level, n) => Urls::paginated(&presenter.stars_path(level), n),
        Page::Narrowed(province, facet, n) => {
            Urls::paginated(&narrowing::path(presenter, province, facet), n)
        }
        Page::NotFound => "404.html".into(),
        Page::Robots => "robots.txt".into(),
    }
}

/// The same page in one language: for `hreflang` links and the switch.
#[derive(Debug, Clone, Serialize)]
struct Alternate {
    /// Language code.
    lang: &'static str,
    /// Absolute address.
    url: String,
    /// Address as linked (with the base path).
    link: String,
    /// The language's name in itself ("English", "Tiếng Việt").
    name: String,
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
    /// The page in every language of the site (empty with one language).
    alternates: Vec<Alternate>,
    /// The root language's version, for `hreflang="x-default"`.
    x_default: Option<String>,
    /// The page in the other languages, for the language switch.
    translations: Vec<Alternate>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    base_url: &'a str,
    base_path: &'a str,
    /// The home page of this language.
    home: String,
    /// The search page of this language.
    search: String,
    lang: &'a str,
    publisher: Option<&'a str>,
    assets: std::collections::BTreeMap<&'a str, String>,
    nav: Vec<LinkView>,
    /// The Atom feed of newly certified products.
    feed: String,
    /// Open Graph locale (`vi_VN`).
    locale: &'a str,
}

/// A language of the site: its code, where its pages are, its name.
pub(super) struct Language {
    code: &'static str,
    prefix: String,
    name: String,
}

fn site_view<'a>(presenter: &'a Presenter<'a>, assets: &'a [super::theme::Asset]) -> SiteView<'a> {
    let catalogue = presenter.catalogue;
    let urls = &presenter.urls;
    let t = presenter.t;
    let nav = |key: &str, section: &str| LinkView {
        label: t.get(key).to_string(),
        url: urls.link(&presenter.page(&format!("{section}/"))),
    };
    SiteView {
        title: &catalogue.site.title,
        description: catalogue.site.description.as_deref(),
        base_url: &catalogue.site.base_url.full,
        base_path: &catalogue.site.base_url.path,
        home: urls.link(&presenter.page("")),
        search: urls.link(&presenter.page(&format!("{}/", section::SEARCH))),
        lang: presenter.lang().code(),
        publisher: catalogue.site.publisher.as_deref(),
        assets: assets
            .iter()
            .map(|a| {
                (
                    a.name.as_str(),
                    urls.link(&format!("{}/{}", section::ASSETS, a.output_name)),
                )
            })
            .collect(),
        nav: vec![
            nav("nav_provinces", section::PROVINCES),
            nav("nav_categories", section::CATEGORIES),
            nav("nav_stars", section::STARS),
            nav("nav_producers", section::PRODUCERS),
        ],
        feed: urls.absolute(super::feed::FEED_PATH),
        locale: t.get("locale"),
    }
}

/// The most pages one thread renders before the rest may be shared out.
const PAGES_A_PIECE: usize = 256;

/// Renders every page of every language into `staging` (`all`: the presenter
/// of each language, the root one first) and copies the theme's assets and
/// the producers' files. Returns the number of pages, and of those
/// rendered (the others are kept from the reused folder), and each
/// language's cards when `keep_cards` (for `ocop serve`: a build has no
/// use for them).
pub fn render_site(
    all: &[Presenter<'_>],
    theme: &mut Theme,
    sink: &dyn Sink,
    keep_cards: bool,
    cancel: &Cancel,
) -> Result<Rendered, RenderError> {
    let Some(root) = all.first() else {
        return Ok(Rendered::default());
    };
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    let plans: Vec<Vec<(String, Page)>> = all.iter().map(plan).collect();
    let every: Vec<(String, Page)> = plans.iter().flatten().cloned().collect();
    if let Some((path, first, second)) = super::addresses::find_collision(&every) {
        return Err(RenderError::Collision {
            path,
            first: format!("{first:?}"),
            second: format!("{second:?}"),
        });
    }
    for asset in &theme.assets {
        sink.write(
            &format!("{}/{}", section::ASSETS, asset.output_name),
            &asset.bytes,
        )?;
    }
    super::producer_files::copy_producer_files(root, sink)?;
    let languages = languages(all);
    // Every link of every page is looked up here: a hash for short keys.
    let built: rustc_hash::FxHashSet<String> = every.iter().map(|(p, _)| p.clone()).collect();
    let base_path = root.urls.link("");

    let mut globals = Vec::with_capacity(all.len());
    let mut cards = Vec::with_capacity(all.len());
    for (presenter, pages) in all.iter().zip(&plans) {
        let (global, implicits) = set_globals(theme, presenter);
        globals.push(global);
        let renderer = Renderer::new(presenter, &theme.tera, implicits, &languages, None);
        // At most a few hundred pages a piece: rayon splits a slice only
        // while its pieces are being stolen, and a piece one thread works
        // through alone can be a quarter of the pages. At 20,000 products
        // the last one kept a core busy for half a second while the other
        // idled. Pieces of 32 pages were slower (threads meeting on the
        // same producer's or card's first use, which one of them waits for).
        pages
            .par_iter()
            .with_max_len(PAGES_A_PIECE)
            .try_for_each(|(path, page)| {
                // Most pages of a rebuild are kept, never written: the check
                // of writing comes too seldom for `ocop serve` to stop a build
                // quickly when a newer edit supersedes it.
                if cancel.is_cancelled() {
                    return Err(OutputError::Interrupted.into());
                }
                let file = Urls::file_for(path);
                // Rendering dominates a build; a page whose inputs are those
                // of the page already in the reused folder is kept as it is.
                let keep = |key| sink.keep_rendered(&file, key);
                if let Some((html, key)) = renderer.render(global, path, *page, keep)? {
                    if let Some(target) =
                        super::addresses::unbuilt_link_in(&html, &base_path, &built)
                    {
                        let page = file.clone();
                        return Err(RenderError::UnbuiltLink { page, target });
                    }
                    sink.write_rendered(&file, &html, key)?;
                    rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                Ok::<(), RenderError>(())
            })?;
        if keep_cards {
            let mut memory = CardMemory::default();
            memory.add(renderer.into_cards());
            cards.push(memory);
        }
    }
    Ok(Rendered {
        pages: every.len(),
        rendered: rendered.into_inner(),
        globals,
        cards,
    })
}

/// What [`render_site`] did.
#[derive(Default)]
pub struct Rendered {
    /// Pages of the site, in every language.
    pub pages: usize,
    /// Pages rendered (the others were kept from the reused folder).
    pub rendered: usize,
    /// The key of what every page of each language shares (the theme, the
    /// program, the site-wide values): when it changes, every page may.
    pub globals: Vec<u128>,
    /// The cards of each language, for rendering again after an edit
    /// (when asked to keep them).
    pub cards: Vec<CardMemory>,
}

/// Each language of the site, for links between translations.
pub(super) fn languages(all: &[Presenter<'_>]) -> Vec<Language> {
    all.iter()
        .map(|v| Language {
            code: v.lang().code(),
            prefix: v.prefix.clone(),
            name: v.t.get("language_name").to_string(),
        })
        .collect()
}

/// Gives the theme's templates the site-wide values of `presenter`'s language.
/// Returns their key, which every page key of the language covers, and
/// the values themselves (what components may read besides their
/// arguments).
pub(super) fn set_globals(theme: &mut Theme, presenter: &Presenter<'_>) -> (u128, Context) {
    let site = site_view(presenter, &theme.assets);
    let globals = theme.tera.global_context();
    globals.insert("site", &site);
    globals.insert("t", presenter.t.map());
    let implicits = globals.clone();
    (global_key(theme.fingerprint, presenter, &site), implicits)
}

/// What every page of one language is rendered from besides its own
/// context: the theme, the program, the site-wide values.
fn global_key(theme: u128, presenter: &Presenter<'_>, site: &impl serde::Serialize) -> u128 {
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    hash.update(&theme.to_le_bytes());
    hash.update(crate::uptodate::binary_stamp().as_bytes());
    hash.update(presenter.lang().code().as_bytes());
    hash.update(&serde_json::to_vec(site).unwrap_or_default());
    hash.digest128()
}

pub(super) struct Renderer<'a> {
    presenter: &'a Presenter<'a>,
    tera: &'a tera::Tera,
    cards: Cards<'a>,
    /// Each producer as its page shows it, with a key: its story is shown
    /// on its page and on each of its products' pages, and its Markdown is
    /// rendered once.
    producers: Vec<Keyed<ProducerView>>,
    /// The map, the same on every page that shows it: laid out once.
    map: OnceLock<(Value, u128)>,
    languages: &'a [Language],
}
