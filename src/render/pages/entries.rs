//! Pages of one thing: the home page, a product, a producer; the search
//! page, the "not found" page and `robots.txt`.

use super::super::format::thousands;
use super::super::jsonld;
use super::super::urls::section;
use super::{Deferred, OTHERS_SHOWN, PageValues, Renderer};
use crate::catalogue::star_index;
use crate::model::StarLevel;

impl Renderer<'_> {
    pub(super) fn home(
        &self,
        path: &str,
        context: &mut PageValues,
        deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let five = &catalogue.by_stars[star_index(StarLevel::Five)];
        let featured: Vec<usize> = five.iter().copied().take(12).collect();
        let description = catalogue
            .site
            .description
            .clone()
            .unwrap_or_else(|| catalogue.site.title.clone());
        let mut meta = self.meta(path, catalogue.site.title.clone(), description, Vec::new());
        meta.image = self.first_image(&featured);
        context.insert("page", &meta);
        deferred.cards.push(("featured", featured));
        context.insert("provinces", &presenter.province_counts());
        {
            let (map, key) = self.map();
            context.insert_keyed("map", map, key);
        }
        // The totals are on the home page alone: shown on every
        // page, they made one product added change every page.
        context.insert("product_count", &thousands(catalogue.products.len() as u64));
        context.insert(
            "producer_count",
            &thousands(catalogue.producers.len() as u64),
        );
        context.insert("sectors", &presenter.sector_counts());
        context.insert("star_levels", &presenter.star_counts());
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

    pub(super) fn product(
        &self,
        path: &str,
        id: usize,
        context: &mut PageValues,
        deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let provinces = &catalogue.reference.provinces;
        let product = &catalogue.products[id];
        let name = presenter.product_name(product);
        let view = presenter.product(product);
        let producer = &self.producer(product.producer).0;
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
        let crumbs = vec![
            self.home_crumb(),
            self.crumb(
                &provinces.get(product.place.province).name,
                &presenter.province_path(product.place.province),
            ),
            self.crumb(
                presenter.group_name(product.group),
                &presenter.group_path(product.group),
            ),
        ];
        let description = view.summary.clone().unwrap_or_else(|| {
            self.tf(
                "product_description",
                &[
                    ("product", name),
                    ("stars", &product.stars.number().to_string()),
                    ("producer", &producer.name),
                ],
            )
        });
        let mut meta = self.meta(
            path,
            format!("{} – {}", name, producer.name),
            description,
            crumbs,
        );
        meta.og_type = "product";
        meta.image = view.photos.first().cloned();
        meta.jsonld = Some(jsonld::script_text(&jsonld::product(
            presenter,
            product,
            &meta.description,
        )));
        context.insert("page", &meta);
        deferred.qr = Some([
            meta.canonical.clone(),
            self.tf("qr_label", &[("product", name)]),
        ]);
        context.insert("product", &view);
        deferred.producer = Some(product.producer);
        deferred.cards.push(("others", others));
        context.insert("others_total", &(siblings.len() - 1));
        "product.html"
    }

    pub(super) fn producer_page(
        &self,
        path: &str,
        id: usize,
        number: usize,
        context: &mut PageValues,
        deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let view = &self.producer(id).0;
        let producer = &catalogue.producers[id];
        let crumbs = vec![
            self.home_crumb(),
            self.section_crumb("nav_producers", section::PRODUCERS),
        ];
        let description = view.summary.clone().unwrap_or_else(|| {
            self.tf(
                "producer_description",
                &[("producer", &view.name), ("place", &view.place.written)],
            )
        });
        let base = presenter.producer_path(producer);
        let ids = &catalogue.by_producer[id];
        let view_description = description.clone();
        let mut meta = self.listing(
            context,
            deferred,
            path,
            &base,
            number,
            view.name.clone(),
            description,
            ids,
            crumbs,
        );
        meta.jsonld = Some(jsonld::script_text(&jsonld::organization(
            presenter,
            producer,
            &view_description,
        )));
        if let Some(logo) = &view.logo {
            meta.image = Some(logo.clone());
        }
        context.insert("page", &meta);
        deferred.producer = Some(id);
        "producer.html"
    }

    pub(super) fn search(
        &self,
        path: &str,
        context: &mut PageValues,
        _deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        context.insert(
            "page",
            &self.meta(
                path,
                self.t("search_title"),
                self.t("search_intro"),
                vec![self.home_crumb()],
            ),
        );
        for (name, value) in super::super::search_page::page_values(presenter) {
            context.insert_value(name, value);
        }
        "search.html"
    }

    pub(super) fn not_found(
        &self,
        path: &str,
        context: &mut PageValues,
        _deferred: &mut Deferred,
    ) -> &'static str {
        let mut meta = self.meta(
            path,
            self.t("not_found_title"),
            self.t("not_found_description"),
            Vec::new(),
        );
        // One 404 page serves every language: it has no translation.
        meta.alternates.clear();
        meta.translations.clear();
        meta.x_default = None;
        context.insert("page", &meta);
        "404.html"
    }

    pub(super) fn robots(
        &self,
        _path: &str,
        context: &mut PageValues,
        _deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        context.insert(
            "sitemap",
            &presenter.urls.absolute(super::super::sitemap::SITEMAP),
        );
        "robots.txt"
    }
}
