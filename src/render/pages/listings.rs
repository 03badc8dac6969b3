//! Lists: producers, provinces, categories and star levels, and the
//! paginated products of each.

use super::super::format::thousands;
use super::super::narrowing::{self, Facet};
use super::super::urls::section;
use super::super::views::{CountView, Pagination, ProducerView};
use super::{Deferred, PageValues, Renderer, pages_for};
use crate::catalogue::star_index;
use crate::model::StarLevel;
use tera::Value;

impl Renderer<'_> {
    pub(super) fn producers(
        &self,
        path: &str,
        number: usize,
        context: &mut PageValues,
        _deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let size = catalogue.site.page_size;
        let total = pages_for(catalogue.producers.len(), size);
        let start = ((number - 1) * size).min(catalogue.producers.len());
        let end = (start + size).min(catalogue.producers.len());
        let list: Vec<&ProducerView> = (start..end).map(|i| &self.producer(i).0).collect();
        let base = presenter.page(&format!("{}/", section::PRODUCERS));
        let heading = self.t("producers_title");
        let intro = self.tf(
            "producers_intro",
            &[("count", &thousands(catalogue.producers.len() as u64))],
        );
        let (title, description) = self.numbered(&heading, &intro, number, total);
        context.insert(
            "page",
            &self.meta(path, title, description, vec![self.home_crumb()]),
        );
        context.insert("heading", &heading);
        context.insert("intro", &intro);
        context.insert("producers", &list);
        context.insert(
            "pagination",
            &Pagination::new(&presenter.urls, &base, number, total),
        );
        "producers.html"
    }

    pub(super) fn provinces(
        &self,
        path: &str,
        context: &mut PageValues,
        _deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let intro = self.t("provinces_intro");
        self.section_page(path, context, self.t("provinces_title"), intro);
        context.insert("provinces", &presenter.province_counts());
        {
            let (map, key) = self.map();
            context.insert_keyed("map", map, key);
        }
        "provinces.html"
    }

    pub(super) fn province(
        &self,
        path: &str,
        id: usize,
        number: usize,
        context: &mut PageValues,
        deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let provinces = &catalogue.reference.provinces;
        let unit = provinces.get(id);
        let base = presenter.province_path(id);
        let former: Vec<&str> = unit.former.iter().map(|f| f.name.as_str()).collect();
        let intro = if former.is_empty() {
            self.tf("province_intro", &[("province", &unit.full_name)])
        } else {
            self.tf(
                "province_intro_former",
                &[
                    ("province", &unit.full_name),
                    ("former", &former.join(", ")),
                ],
            )
        };
        let crumbs = vec![
            self.home_crumb(),
            self.section_crumb("nav_provinces", section::PROVINCES),
        ];
        let meta = self.listing(
            context,
            deferred,
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
        context.insert("narrow", &narrowing::of_province(presenter, id));
        "list.html"
    }

    pub(super) fn categories(
        &self,
        path: &str,
        context: &mut PageValues,
        _deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let classification = &catalogue.reference.classification;
        let sectors: Vec<(CountView, Vec<CountView>)> = catalogue
            .sector_order
            .iter()
            .map(|&s| {
                let sector = classification.sector(s);
                let count = presenter.count(
                    presenter.sector_name(s),
                    &presenter.sector_path(s),
                    catalogue.by_sector[s].len(),
                    Some(&sector.code),
                    None,
                );
                (count, presenter.group_counts(s))
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
        let intro = self.tf("categories_intro", &[("scheme", &classification.scheme)]);
        self.section_page(path, context, self.t("categories_title"), intro);
        context.insert_value("sectors", Value::from(sectors));
        "categories.html"
    }

    pub(super) fn sector(
        &self,
        path: &str,
        id: usize,
        number: usize,
        context: &mut PageValues,
        deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let classification = &catalogue.reference.classification;
        let sector = classification.sector(id);
        let name = presenter.sector_name(id);
        let base = presenter.sector_path(id);
        let crumbs = vec![
            self.home_crumb(),
            self.section_crumb("nav_categories", section::CATEGORIES),
        ];
        let intro = self.tf("sector_intro", &[("sector", name), ("code", &sector.code)]);
        let meta = self.listing(
            context,
            deferred,
            path,
            &base,
            number,
            name.to_string(),
            intro,
            &catalogue.by_sector[id],
            crumbs,
        );
        context.insert("page", &meta);
        context.insert("groups", &presenter.group_counts(id));
        context.insert(
            "narrow",
            &narrowing::by_province(presenter, Facet::Sector(id)),
        );
        "list.html"
    }

    pub(super) fn group(
        &self,
        path: &str,
        id: usize,
        number: usize,
        context: &mut PageValues,
        deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let classification = &catalogue.reference.classification;
        let group = classification.group(id);
        let name = presenter.group_name(id);
        let sector_name = presenter.sector_name(group.sector);
        let base = presenter.group_path(id);
        let crumbs = vec![
            self.home_crumb(),
            self.section_crumb("nav_categories", section::CATEGORIES),
            self.crumb(sector_name, &presenter.sector_path(group.sector)),
        ];
        let intro = self.tf(
            "group_intro",
            &[
                ("group", name),
                ("code", &group.code),
                ("sector", sector_name),
            ],
        );
        let meta = self.listing(
            context,
            deferred,
            path,
            &base,
            number,
            name.to_string(),
            intro,
            &catalogue.by_group[id],
            crumbs,
        );
        context.insert("page", &meta);
        context.insert(
            "narrow",
            &narrowing::by_province(presenter, Facet::Group(id)),
        );
        "list.html"
    }

    pub(super) fn star_levels(
        &self,
        path: &str,
        context: &mut PageValues,
        _deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let intro = self.t("stars_intro");
        self.section_page(path, context, self.t("stars_title"), intro);
        context.insert("star_levels", &presenter.star_counts());
        "stars.html"
    }

    pub(super) fn stars(
        &self,
        path: &str,
        level: StarLevel,
        number: usize,
        context: &mut PageValues,
        deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let base = presenter.stars_path(level);
        let crumbs = vec![
            self.home_crumb(),
            self.section_crumb("nav_stars", section::STARS),
        ];
        let stars = level.number().to_string();
        let meaning = self.t(&format!("stars_meaning_{stars}"));
        let heading = self.tf("stars_heading", &[("stars", &stars)]);
        let intro = self.tf(
            "stars_level_intro",
            &[("stars", &stars), ("meaning", &meaning)],
        );
        let meta = self.listing(
            context,
            deferred,
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
            &narrowing::by_province(presenter, Facet::Stars(level)),
        );
        "list.html"
    }

    pub(super) fn narrowed(
        &self,
        path: &str,
        province: usize,
        facet: Facet,
        number: usize,
        context: &mut PageValues,
        deferred: &mut Deferred,
    ) -> &'static str {
        let presenter = self.presenter;
        let catalogue = presenter.catalogue;
        let classification = &catalogue.reference.classification;
        let provinces = &catalogue.reference.provinces;
        let unit = provinces.get(province);
        let mut crumbs = vec![
            self.home_crumb(),
            self.crumb(
                &self.t("nav_provinces"),
                &presenter.page(&format!("{}/", section::PROVINCES)),
            ),
            self.crumb(&unit.name, &presenter.province_path(province)),
        ];
        if let Facet::Group(group) = facet {
            let sector = classification.group(group).sector;
            crumbs.push(self.crumb(
                presenter.sector_name(sector),
                &narrowing::path(presenter, province, Facet::Sector(sector)),
            ));
        }
        let meta = self.listing(
            context,
            deferred,
            path,
            &narrowing::path(presenter, province, facet),
            number,
            format!("{} – {}", narrowing::name(presenter, facet), unit.name),
            narrowing::intro(presenter, province, facet),
            narrowing::ids(catalogue, province, facet),
            crumbs,
        );
        context.insert("page", &meta);
        context.insert("narrow", &narrowing::around(presenter, province, facet));
        if let Facet::Sector(sector) = facet {
            context.insert("groups", &narrowing::groups_in(presenter, province, sector));
        }
        "list.html"
    }
}
