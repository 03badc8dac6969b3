//! Making a page's context and rendering it; the helpers every kind of
//! page shares.

use super::super::cards::{CardHtml, CardMemory, Cards, Keyed, MadeCard};
use super::super::format::thousands;
use super::super::key::serialized_key;
use super::super::presenter::Presenter;
use super::super::theme::describe_tera_error;
use super::super::views::{ImageView, LinkView, Pagination, ProducerView};
use super::{
    Alternate, Deferred, Language, PAGE_CAPACITY, Page, PageContext, PageMeta, PageValues,
    RenderError, Renderer, pages_for,
};
use std::sync::OnceLock;
use tera::{Context, Value};
use xxhash_rust::xxh3::Xxh3;

impl<'a> Renderer<'a> {
    /// The renderer of `presenter`'s pages with `tera`, whose globals are those
    /// of `presenter`'s language (see [`set_globals`]), taking the cards of
    /// products that did not change from `memory`.
    pub(in crate::render) fn new(
        presenter: &'a Presenter<'a>,
        tera: &'a tera::Tera,
        implicits: Context,
        languages: &'a [Language],
        memory: Option<&'a CardMemory>,
    ) -> Renderer<'a> {
        let catalogue = presenter.catalogue;
        Renderer {
            presenter,
            tera,
            cards: Cards::new(presenter, CardHtml::of(tera, implicits), memory),
            producers: catalogue.producers.iter().map(|_| Keyed::new()).collect(),
            map: OnceLock::new(),
            languages,
        }
    }

    /// What the renderer made of each card, for a [`CardMemory`].
    pub(in crate::render) fn into_cards(self) -> Vec<MadeCard> {
        self.cards.into_made()
    }

    pub(super) fn producer(&self, id: usize) -> &(ProducerView, u128) {
        self.producers[id].get(|| self.presenter.producer(id))
    }

    pub(super) fn map(&self) -> (Value, u128) {
        self.map
            .get_or_init(|| {
                let map = super::super::cartogram::cartogram(self.presenter);
                (Value::from_serializable(&map), serialized_key(&map))
            })
            .clone()
    }

    /// Renders the page at `path` to bytes with its key, unless `keep`
    /// says the page rendered from that key is kept: `None` then.
    pub(in crate::render) fn render(
        &self,
        global: u128,
        path: &str,
        page: Page,
        keep: impl FnOnce(u128) -> bool,
    ) -> Result<Option<(Vec<u8>, u128)>, RenderError> {
        let page = self.context(path, page);
        let key = self.page_key(global, &page);
        if keep(key) {
            return Ok(None);
        }
        let PageContext {
            template,
            context,
            deferred,
        } = page;
        let mut context = context.context;
        for (name, ids) in &deferred.cards {
            context.insert_value(*name, self.cards_of(ids));
        }
        if let Some([url, label]) = &deferred.qr {
            context.insert("qr", &super::super::qr::svg(url, label));
        }
        if let Some(id) = deferred.producer {
            context.insert("producer", &self.producer(id).0);
        }
        // Bytes, not a `String`: checking that the page is UTF-8 (it is
        // made of `str`s) took a sixth of rendering.
        let mut html = Vec::with_capacity(PAGE_CAPACITY);
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|e| RenderError::Template {
                page: format!("/{path}"),
                message: describe_tera_error(&e),
            })?;
        Ok(Some((html, key)))
    }
}

impl Renderer<'_> {
    /// The key a page is rendered from: equal keys give equal pages.
    fn page_key(&self, global: u128, page: &PageContext) -> u128 {
        let mut hash = Xxh3::new();
        hash.update(&global.to_le_bytes());
        hash.update(page.template.as_bytes());
        hash.update(&page.context.key().to_le_bytes());
        for (name, ids) in &page.deferred.cards {
            hash.update(name.as_bytes());
            hash.update(&ids.len().to_le_bytes());
            for &id in ids {
                hash.update(&self.cards.key(id).to_le_bytes());
            }
        }
        if let Some([url, label]) = &page.deferred.qr {
            for text in [url, label] {
                hash.update(&text.len().to_le_bytes());
                hash.update(text.as_bytes());
            }
        }
        if let Some(id) = page.deferred.producer {
            hash.update(b"producer");
            hash.update(&self.producer(id).1.to_le_bytes());
        }
        hash.digest128()
    }

    fn cards_of(&self, ids: &[usize]) -> Value {
        Value::from(
            ids.iter()
                .map(|&id| self.cards.value(id))
                .collect::<Vec<_>>(),
        )
    }

    pub(super) fn t(&self, key: &str) -> String {
        self.presenter.t.get(key).to_string()
    }

    pub(super) fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.presenter.t.format(key, args)
    }

    pub(super) fn meta(
        &self,
        path: &str,
        title: String,
        description: String,
        breadcrumbs: Vec<LinkView>,
    ) -> PageMeta {
        let urls = &self.presenter.urls;
        // Every language has the same paths below its prefix.
        let below = path
            .strip_prefix(self.presenter.prefix.as_str())
            .unwrap_or(path);
        let alternates: Vec<Alternate> = if self.languages.len() > 1 {
            self.languages
                .iter()
                .map(|l| {
                    let path = format!("{}{below}", l.prefix);
                    Alternate {
                        lang: l.code,
                        url: urls.absolute(&path),
                        link: urls.link(&path),
                        name: l.name.clone(),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let current = self.presenter.lang().code();
        PageMeta {
            title,
            description,
            path: urls.link(path),
            canonical: urls.absolute(path),
            breadcrumbs,
            og_type: "website",
            image: None,
            jsonld: None,
            x_default: alternates.first().map(|a| a.url.clone()),
            translations: alternates
                .iter()
                .filter(|a| a.lang != current)
                .cloned()
                .collect(),
            alternates,
        }
    }

    /// The sharing picture of the first of `ids` that has a photo: what a
    /// listing shows when it is shared.
    pub(super) fn first_image(&self, ids: &[usize]) -> Option<ImageView> {
        let catalogue = self.presenter.catalogue;
        ids.iter().find_map(|&id| {
            let product = &catalogue.products[id];
            let photo = product.photos.first()?;
            self.presenter.image(
                catalogue.producer_of(product),
                photo,
                self.presenter.product_name(product),
            )
        })
    }

    pub(super) fn home_crumb(&self) -> LinkView {
        LinkView {
            label: self.t("home"),
            url: self.presenter.urls.link(&self.presenter.page("")),
        }
    }

    /// A breadcrumb to a page of this language (`path` already prefixed).
    pub(super) fn crumb(&self, label: &str, path: &str) -> LinkView {
        LinkView {
            label: label.to_string(),
            url: self.presenter.urls.link(path),
        }
    }

    /// A breadcrumb to a section's list (`tinh/`).
    pub(super) fn section_crumb(&self, key: &str, section: &str) -> LinkView {
        self.crumb(&self.t(key), &self.presenter.page(&format!("{section}/")))
    }

    /// A section's own page (the list of provinces, of categories, of star
    /// levels): its meta data and intro, under the home page.
    pub(super) fn section_page(
        &self,
        path: &str,
        context: &mut PageValues,
        title: String,
        intro: String,
    ) {
        context.insert(
            "page",
            &self.meta(path, title, intro.clone(), vec![self.home_crumb()]),
        );
        context.insert("intro", &intro);
    }

    /// Title and description of page `number` of `total` of a listing.
    pub(super) fn numbered(
        &self,
        heading: &str,
        intro: &str,
        number: usize,
        total: usize,
    ) -> (String, String) {
        if number > 1 {
            let (n, total) = (number.to_string(), total.to_string());
            (
                self.tf("listing_title", &[("heading", heading), ("number", &n)]),
                self.tf(
                    "listing_description",
                    &[("intro", intro), ("number", &n), ("total", &total)],
                ),
            )
        } else {
            (heading.to_string(), intro.to_string())
        }
    }

    /// A paginated listing of products. Returns the page's meta data, for
    /// the caller to complete and insert as `page`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn listing(
        &self,
        context: &mut PageValues,
        deferred: &mut Deferred,
        path: &str,
        base: &str,
        number: usize,
        heading: String,
        intro: String,
        ids: &[usize],
        crumbs: Vec<LinkView>,
    ) -> PageMeta {
        let size = self.presenter.catalogue.site.page_size;
        let total = pages_for(ids.len(), size);
        let start = ((number - 1) * size).min(ids.len());
        let end = (start + size).min(ids.len());
        let (title, description) = self.numbered(&heading, &intro, number, total);
        let mut meta = self.meta(path, title, description, crumbs);
        meta.image = self.first_image(&ids[start..end]);
        context.insert("heading", &heading);
        context.insert("intro", &intro);
        context.insert("count", &ids.len());
        context.insert("count_text", &thousands(ids.len() as u64));
        deferred.cards.push(("products", ids[start..end].to_vec()));
        context.insert(
            "pagination",
            &Pagination::new(&self.presenter.urls, base, number, total),
        );
        meta
    }

    /// The template and context of `page`, at `path`.
    fn context(&self, path: &str, page: Page) -> PageContext {
        let mut context = PageValues::new();
        let mut deferred = Deferred::default();
        let template = match page {
            Page::Home => self.home(path, &mut context, &mut deferred),
            Page::Product(id) => self.product(path, id, &mut context, &mut deferred),
            Page::Producer(id, number) => {
                self.producer_page(path, id, number, &mut context, &mut deferred)
            }
            Page::Producers(number) => self.producers(path, number, &mut context, &mut deferred),
            Page::Provinces => self.provinces(path, &mut context, &mut deferred),
            Page::Province(id, number) => {
                self.province(path, id, number, &mut context, &mut deferred)
            }
            Page::Categories => self.categories(path, &mut context, &mut deferred),
            Page::Sector(id, number) => self.sector(path, id, number, &mut context, &mut deferred),
            Page::Group(id, number) => self.group(path, id, number, &mut context, &mut deferred),
            Page::Search => self.search(path, &mut context, &mut deferred),
            Page::StarLevels => self.star_levels(path, &mut context, &mut deferred),
            Page::Stars(level, number) => {
                self.stars(path, level, number, &mut context, &mut deferred)
            }
            Page::Narrowed(province, facet, number) => {
                self.narrowed(path, province, facet, number, &mut context, &mut deferred)
            }
            Page::NotFound => self.not_found(path, &mut context, &mut deferred),
            Page::Robots => self.robots(path, &mut context, &mut deferred),
        };
        PageContext {
            template,
            context,
            deferred,
        }
    }
}
