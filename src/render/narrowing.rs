//! Narrowing down without JavaScript: a province's products by sector, group
//! or star level, on pages of their own, linked with counts from both sides.
//!
//! Each intersection has one address, under its province
//! (`tinh/can-tho/nhom/thuc-pham/`, `tinh/can-tho/sao/4/`): the province page
//! links to it, and so do the category and star level pages ("the other way
//! round"), so there is never a second page with the same products. Only
//! combinations with products get a page.

use super::pages::Page;
use super::presenter::Presenter;
use super::urls::section;
use super::views::{CountView, LinkView};
use crate::catalogue::{Catalogue, star_index};
use crate::model::{GroupId, ProductId, ProvinceId, SectorId, StarLevel};
use serde::Serialize;

/// What a province's products are narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    /// A sector (ngành).
    Sector(SectorId),
    /// A group (nhóm) of a sector that has groups.
    Group(GroupId),
    /// A star level.
    Stars(StarLevel),
}

/// The products of `province` in `facet`, in catalogue order.
pub fn ids(catalogue: &Catalogue, province: ProvinceId, facet: Facet) -> &[ProductId] {
    let split = &catalogue.in_province[province];
    match facet {
        Facet::Sector(id) => &split.by_sector[id],
        Facet::Group(id) => &split.by_group[id],
        Facet::Stars(level) => &split.by_stars[star_index(level)],
    }
}

/// Site-relative path of an intersection page.
pub fn path(presenter: &Presenter<'_>, province: ProvinceId, facet: Facet) -> String {
    let classification = &presenter.catalogue.reference.classification;
    let tail = match facet {
        Facet::Sector(id) => format!(
            "{}/{}/",
            section::CATEGORIES,
            classification.sector(id).slug
        ),
        Facet::Group(id) => format!("{}/{}/", section::CATEGORIES, classification.group(id).slug),
        Facet::Stars(level) => format!("{}/{}/", section::STARS, level.number()),
    };
    format!("{}{tail}", presenter.province_path(province))
}

/// Every facet a province may be narrowed to: sectors, groups of sectors
/// that have them (a sector without groups is its own group), star levels.
fn all_facets(catalogue: &Catalogue) -> impl Iterator<Item = Facet> + '_ {
    let classification = &catalogue.reference.classification;
    let sectors = (0..classification.sectors().len()).map(Facet::Sector);
    let groups = classification
        .groups()
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.is_whole_sector)
        .map(|(id, _)| Facet::Group(id));
    sectors
        .chain(groups)
        .chain(StarLevel::ALL.into_iter().map(Facet::Stars))
}

/// Adds every page of every non-empty intersection to `pages`.
pub fn pages(catalogue: &Catalogue, pages: &mut Vec<Page>) {
    let size = catalogue.site.page_size.max(1);
    for province in 0..catalogue.in_province.len() {
        for facet in all_facets(catalogue) {
            let count = ids(catalogue, province, facet).len();
            pages.extend((1..=count.div_ceil(size)).map(|n| Page::Narrowed(province, facet, n)));
        }
    }
}

/// A sector with its groups, both with counts, for a province page.
#[derive(Debug, Clone, Serialize)]
pub struct SectorFacet {
    /// The sector in the province.
    pub sector: CountView,
    /// Its groups in the province (none for a sector without groups).
    pub groups: Vec<CountView>,
}

/// Links that narrow a listing down, or widen it back, with counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NarrowView {
    /// Star levels in the province, highest first.
    pub stars: Vec<CountView>,
    /// Sectors and groups in the province, in alphabetical order.
    pub sectors: Vec<SectorFacet>,
    /// Provinces that have products of a category or star level.
    pub provinces: Vec<CountView>,
    /// From an intersection back to the whole province and the whole category.
    pub wider: Vec<LinkView>,
}

fn count(presenter: &Presenter<'_>, province: ProvinceId, facet: Facet, label: &str) -> CountView {
    let classification = &presenter.catalogue.reference.classification;
    let code = match facet {
        Facet::Sector(id) => Some(classification.sector(id).code.as_str()),
        Facet::Group(id) => Some(classification.group(id).code.as_str()),
        Facet::Stars(_) => None,
    };
    presenter.count(
        label,
        &path(presenter, province, facet),
        ids(presenter.catalogue, province, facet).len(),
        code,
        None,
    )
}

/// The groups of `sector` in `province` that have products, alphabetically.
pub fn groups_in(
    presenter: &Presenter<'_>,
    province: ProvinceId,
    sector: SectorId,
) -> Vec<CountView> {
    let catalogue = presenter.catalogue;
    let classification = &catalogue.reference.classification;
    catalogue.group_order[sector]
        .iter()
        .filter(|&&g| !classification.group(g).is_whole_sector)
        .filter(|&&g| !ids(catalogue, province, Facet::Group(g)).is_empty())
        .map(|&g| {
            count(
                presenter,
                province,
                Facet::Group(g),
                presenter.group_name(g),
            )
        })
        .collect()
}

/// What a province page offers: its star levels and categories.
pub fn of_province(presenter: &Presenter<'_>, province: ProvinceId) -> NarrowView {
    let catalogue = presenter.catalogue;
    let stars = StarLevel::ALL
        .iter()
        .rev()
        .filter(|&&level| !ids(catalogue, province, Facet::Stars(level)).is_empty())
        .map(|&level| {
            count(
                presenter,
                province,
                Facet::Stars(level),
                &presenter.t.stars_label(level.number()),
            )
        })
        .collect();
    let sectors = catalogue
        .sector_order
        .iter()
        .filter(|&&s| !ids(catalogue, province, Facet::Sector(s)).is_empty())
        .map(|&s| SectorFacet {
            sector: count(
                presenter,
                province,
                Facet::Sector(s),
                presenter.sector_name(s),
            ),
            groups: groups_in(presenter, province, s),
        })
        .collect();
    NarrowView {
        stars,
        sectors,
        ..NarrowView::default()
    }
}

/// What a category or star level page offers: the provinces that have its
/// products, alphabetically, each linking to the intersection.
pub fn by_province(presenter: &Presenter<'_>, facet: Facet) -> NarrowView {
    let catalogue = presenter.catalogue;
    let provinces = &catalogue.reference.provinces;
    let provinces = catalogue
        .province_order
        .iter()
        .filter(|&&p| !ids(catalogue, p, facet).is_empty())
        .map(|&p| count(presenter, p, facet, &provinces.get(p).name))
        .collect();
    NarrowView {
        provinces,
        ..NarrowView::default()
    }
}

/// The name of a facet as a heading reads it ("Thực phẩm", "Sản phẩm OCOP 4 sao").
pub fn name(presenter: &Presenter<'_>, facet: Facet) -> String {
    match facet {
        Facet::Sector(id) => presenter.sector_name(id).to_string(),
        Facet::Group(id) => presenter.group_name(id).to_string(),
        Facet::Stars(level) => presenter
            .t
            .format("stars_heading", &[("stars", &level.number().to_string())]),
    }
}

/// The whole category or star level of a facet: its page and name.
fn whole(presenter: &Presenter<'_>, facet: Facet) -> (String, String) {
    let (path, name) = match facet {
        Facet::Sector(id) => (
            presenter.sector_path(id),
            presenter.sector_name(id).to_string(),
        ),
        Facet::Group(id) => (
            presenter.group_path(id),
            presenter.group_name(id).to_string(),
        ),
        Facet::Stars(level) => (
            presenter.stars_path(level),
            presenter.t.stars_label(level.number()),
        ),
    };
    (path, presenter.t.format("nationwide", &[("name", &name)]))
}

/// An intersection page's way back out: to the whole province and the
/// whole category or star level.
pub fn around(presenter: &Presenter<'_>, province: ProvinceId, facet: Facet) -> NarrowView {
    let unit = presenter.catalogue.reference.provinces.get(province);
    let (path, label) = whole(presenter, facet);
    NarrowView {
        wider: vec![
            LinkView {
                label: presenter
                    .t
                    .format("all_products_of", &[("province", &unit.name)]),
                url: presenter.urls.link(&presenter.province_path(province)),
            },
            LinkView {
                label,
                url: presenter.urls.link(&path),
            },
        ],
        ..NarrowView::default()
    }
}

/// The sentence under an intersection page's heading.
pub fn intro(presenter: &Presenter<'_>, province: ProvinceId, facet: Facet) -> String {
    let classification = &presenter.catalogue.reference.classification;
    let unit = presenter.catalogue.reference.provinces.get(province);
    let t = presenter.t;
    match facet {
        Facet::Sector(id) => t.format(
            "narrow_sector_intro",
            &[
                ("sector", presenter.sector_name(id)),
                ("code", &classification.sector(id).code),
                ("province", &unit.full_name),
            ],
        ),
        Facet::Group(id) => t.format(
            "narrow_group_intro",
            &[
                ("group", presenter.group_name(id)),
                ("code", &classification.group(id).code),
                ("province", &unit.full_name),
            ],
        ),
        Facet::Stars(level) => t.format(
            "narrow_stars_intro",
            &[
                ("stars", &level.number().to_string()),
                ("province", &unit.full_name),
            ],
        ),
    }
}
