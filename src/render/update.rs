//! Rendering again after an edit (`ocop serve`): only the pages that can
//! show what changed are looked at, and of those only the pages whose key
//! changed are rendered. A national catalogue has 34,000 pages; working out
//! every page's key took two seconds, while an edit of one producer's
//! folder reaches a few hundred pages at most.

use super::cards::CardMemory;
use super::narrowing::{self, Facet};
use super::pages::{self, Page, RenderError, Renderer};
use super::presenter::Presenter;
use super::theme::Theme;
use super::urls::Urls;
use crate::catalogue::{Catalogue, star_index};
use crate::output::PageKeys;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// The pages and files an edit changed.
#[derive(Debug, Default)]
pub struct PageUpdate {
    /// Pages rendered again: site-relative file, bytes, key.
    pub pages: Vec<(String, Vec<u8>, u128)>,
    /// Files of pages the site no longer has.
    pub removed: Vec<String>,
    /// The files of the changed producers the site serves (photos), by
    /// site-relative path, with the file each is made from.
    pub files: Vec<(String, PathBuf)>,
    /// Pages whose key was worked out.
    pub checked: usize,
    /// Pages of the site, in every language.
    pub total: usize,
}

/// A paginated listing of products: the pages of one province, category,
/// star level or intersection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Listing {
    Province(usize),
    Sector(usize),
    Group(usize),
    /// By index into `by_stars`.
    Stars(usize),
    Narrowed(usize, Facet),
}

impl Listing {
    /// The products the listing shows, in order.
    fn ids(self, catalogue: &Catalogue) -> &[usize] {
        match self {
            Listing::Province(id) => &catalogue.by_province[id],
            Listing::Sector(id) => &catalogue.by_sector[id],
            Listing::Group(id) => &catalogue.by_group[id],
            Listing::Stars(index) => &catalogue.by_stars[index],
            Listing::Narrowed(province, facet) => narrowing::ids(catalogue, province, facet),
        }
    }

    /// The listing a page belongs to, and the page's number.
    fn of(page: Page) -> Option<(Listing, usize)> {
        match page {
            Page::Province(id, n) => Some((Listing::Province(id), n)),
            Page::Sector(id, n) => Some((Listing::Sector(id), n)),
            Page::Group(id, n) => Some((Listing::Group(id), n)),
            Page::Stars(level, n) => Some((Listing::Stars(star_index(level)), n)),
            Page::Narrowed(province, facet, n) => Some((Listing::Narrowed(province, facet), n)),
            _ => None,
        }
    }
}

/// What an edit changed, by folder and file name.
#[derive(Debug, Clone, Default)]
pub struct EditedEntries {
    /// Producer folders with any change.
    pub producers: HashSet<String>,
    /// Products changed, come or gone (folder, file). When a producer
    /// itself changed, all its products are here: its name is on their
    /// cards.
    pub products: HashSet<(String, String)>,
}

/// Where the changed producers and products stand in one catalogue: the
/// one before an edit or the one after.
#[derive(Debug, Default)]
pub struct EditedPlaces {
    /// The changed producers' places in the list of producers.
    producers: HashSet<usize>,
    /// Each listing holding a changed product: its length, and the places
    /// of the changed products in it.
    listings: HashMap<Listing, (usize, Vec<usize>)>,
    /// What the changed producers and all their products are filed under
    /// (folder, file, province, group, stars), sorted: when it differs
    /// before and after, the counts that listings show (of provinces,
    /// categories, star levels) may change on all their pages.
    filed: Vec<(String, String, usize, usize, usize)>,
    /// How many producers the catalogue has: the list of producers shows
    /// it on each of its pages.
    producer_total: usize,
    /// How many producers each province has: its pages show it.
    producers_by_province: Vec<usize>,
}

impl EditedPlaces {
    /// Where what `changes` names stands in `catalogue`.
    pub fn of(catalogue: &Catalogue, changes: &EditedEntries) -> EditedPlaces {
        let classification = &catalogue.reference.classification;
        let mut places = EditedPlaces {
            producer_total: catalogue.producers.len(),
            producers_by_province: catalogue
                .producers_by_province
                .iter()
                .map(Vec::len)
                .collect(),
            ..EditedPlaces::default()
        };
        for (id, producer) in catalogue.producers.iter().enumerate() {
            if !changes.producers.contains(&producer.slug) {
                continue;
            }
            places.producers.insert(id);
            places.filed.push((
                producer.slug.clone(),
                String::new(),
                producer.place.province,
                usize::MAX,
                usize::MAX,
            ));
            for &product_id in &catalogue.by_producer[id] {
                let product = &catalogue.products[product_id];
                let province = product.place.province;
                let sector = classification.group(product.group).sector;
                let stars = star_index(product.stars);
                let name = (producer.slug.clone(), product.slug.clone());
                places.filed.push((
                    name.0.clone(),
                    name.1.clone(),
                    province,
                    product.group,
                    stars,
                ));
                if !changes.products.contains(&name) {
                    continue;
                }
                for listing in [
                    Listing::Province(province),
                    Listing::Sector(sector),
                    Listing::Group(product.group),
                    Listing::Stars(stars),
                    Listing::Narrowed(province, Facet::Sector(sector)),
                    Listing::Narrowed(province, Facet::Group(product.group)),
                    Listing::Narrowed(province, Facet::Stars(product.stars)),
                ] {
                    let ids = listing.ids(catalogue);
                    let place = ids
                        .binary_search(&product_id)
                        .ok()
                        .or_else(|| ids.iter().position(|&p| p == product_id));
                    let (_, places) = places
                        .listings
                        .entry(listing)
                        .or_insert_with(|| (ids.len(), Vec::new()));
                    places.extend(place);
                }
            }
        }
        places.filed.sort();
        places
    }
}

/// The pages an edit can change, from where the changed folders stood
/// before it and stand after.
struct AffectedPages<'a> {
    before: &'a EditedPlaces,
    now: &'a EditedPlaces,
    /// Whether a changed product or producer moved between listings.
    moved: bool,
    /// The first and last place in the list of producers that a changed
    /// producer held before or holds now: a renamed producer moves, and
    /// the producers between its two places move by one.
    producers: Option<(usize, usize)>,
}

impl<'a> AffectedPages<'a> {
    fn new(before: &'a EditedPlaces, now: &'a EditedPlaces) -> AffectedPages<'a> {
        let places = before.producers.iter().chain(&now.producers);
        AffectedPages {
            before,
            now,
            moved: before.filed != now.filed,
            producers: places.clone().min().copied().zip(places.max().copied()),
        }
    }

    /// Whether page `number` of a listing of `size` a page can show a change.
    fn listing_page(&self, listing: Listing, number: usize, size: usize) -> bool {
        let (before, now) = (
            self.before.listings.get(&listing),
            self.now.listings.get(&listing),
        );
        if before.is_none() && now.is_none() {
            return false;
        }
        // A listing that grew or shrank, or whose counts change, changes
        // on every page (each shows the count, and the pages after shift).
        if self.moved || before.map(|b| b.0) != now.map(|n| n.0) {
            return true;
        }
        // Otherwise the products between a changed product's places before
        // and after move by one; the others stay where they were.
        let places = before.into_iter().chain(now).flat_map(|(_, p)| p);
        let (Some(&first), Some(&last)) = (places.clone().min(), places.max()) else {
            return false;
        };
        let start = (number - 1) * size;
        start <= last && first < start + size
    }

    /// Whether `page` (of the catalogue after the edit) can show a change.
    fn may_change(&self, catalogue: &Catalogue, page: Page) -> bool {
        let size = catalogue.site.page_size.max(1);
        match page {
            Page::Province(id, _)
                if self.before.producers_by_province.get(id)
                    != self.now.producers_by_province.get(id) =>
            {
                true
            }
            Page::Province(..)
            | Page::Sector(..)
            | Page::Group(..)
            | Page::Stars(..)
            | Page::Narrowed(..) => Listing::of(page)
                .is_some_and(|(listing, number)| self.listing_page(listing, number, size)),
            Page::Product(id) => self
                .now
                .producers
                .contains(&catalogue.products[id].producer),
            Page::Producer(id, _) => self.now.producers.contains(&id),
            Page::Producers(number) => {
                self.before.producer_total != self.now.producer_total
                    || self.producers.is_some_and(|(first, last)| {
                        let start = (number - 1) * size;
                        start <= last && first < start + size
                    })
            }
            // Pages of counts and of the whole site: a handful, always
            // looked at.
            Page::Home
            | Page::Provinces
            | Page::Categories
            | Page::StarLevels
            | Page::Search
            | Page::NotFound
            | Page::Robots => true,
        }
    }
}

/// Renders again the pages of `all` (the presenter of each language, the root
/// one first) that `changes` can have changed since the site was rendered
/// (when what they name stood as in `before`),
/// and whose key is
/// not the one in `keys` (the site's pages by file, with their keys). `None` when what
/// every page shares changed (`globals`: the key of each language, see
/// [`pages::Rendered::globals`]): every page may have changed, a job for a
/// whole build. `cards` (each language's) are those of the site's pages;
/// they are brought up to date, but for a language with a change of
/// globals.
pub fn render_changed(
    all: &[Presenter<'_>],
    before: &EditedPlaces,
    theme: &mut Theme,
    changes: &EditedEntries,
    keys: &PageKeys,
    globals: &[u128],
    cards: &mut [CardMemory],
) -> Result<Option<PageUpdate>, RenderError> {
    let Some(root) = all.first() else {
        return Ok(None);
    };
    if globals.len() != all.len() || cards.len() != all.len() {
        return Ok(None);
    }
    let catalogue = root.catalogue;
    let now = EditedPlaces::of(catalogue, changes);
    let reach = AffectedPages::new(before, &now);
    let languages = pages::languages(all);
    let mut update = PageUpdate {
        files: super::producer_files::producer_files(root, |id| now.producers.contains(&id)),
        ..PageUpdate::default()
    };
    let mut planned: rustc_hash::FxHashSet<String> = Default::default();
    for ((presenter, &global_before), memory) in all.iter().zip(globals).zip(cards.iter_mut()) {
        let (global, implicits) = pages::set_globals(theme, presenter);
        if global != global_before {
            return Ok(None);
        }
        // Unless something moved between listings, every listing keeps its
        // number of pages, and the site its addresses: only the pages that
        // can show a change are given theirs.
        let looked_at: Vec<(String, String, Page)> = if reach.moved {
            let plan = pages::plan(presenter);
            if let Some((path, first, second)) = super::addresses::find_collision(&plan) {
                return Err(RenderError::Collision {
                    path,
                    first: format!("{first:?}"),
                    second: format!("{second:?}"),
                });
            }
            let looked_at = plan
                .into_iter()
                .filter_map(|(path, page)| {
                    let file = Urls::file_for(&path);
                    planned.insert(file.clone());
                    // A page new to the site is rendered whatever it shows.
                    let look = !keys.contains_key(&file) || reach.may_change(catalogue, page);
                    look.then_some((path, file, page))
                })
                .collect();
            update.total = planned.len();
            looked_at
        } else {
            let pages = pages::pages(presenter);
            update.total += pages.len();
            pages
                .into_iter()
                .filter(|page| reach.may_change(catalogue, *page))
                .map(|page| {
                    let path = pages::path_of(presenter, page);
                    let file = Urls::file_for(&path);
                    (path, file, page)
                })
                .collect()
        };
        update.checked += looked_at.len();
        memory.forget(&changes.products);
        let renderer = Renderer::new(
            presenter,
            &theme.tera,
            implicits,
            &languages,
            Some(&*memory),
        );
        let rendered: Vec<(String, Vec<u8>, u128)> = looked_at
            .par_iter()
            .map(|(path, file, page)| {
                let keep = |key| keys.get(file).is_some_and(|&(k, _)| k == key);
                let page = renderer.render(global, path, *page, keep)?;
                Ok(page.map(|(html, key)| (file.clone(), html, key)))
            })
            .collect::<Result<Vec<_>, RenderError>>()?
            .into_iter()
            .flatten()
            .collect();
        update.pages.extend(rendered);
        let made = renderer.into_cards();
        memory.add(made);
    }
    // A page links only to pages the site has (see `render_site`).
    let base_path = root.urls.link("");
    let is_built = |path: &str| {
        let file = Urls::file_for(path);
        if reach.moved {
            planned.contains(&file)
        } else {
            keys.contains_key(&file)
        }
    };
    // In parallel, as a whole build checks its pages; the first page in
    // order is reported, as one thread would find it.
    let unbuilt = update.pages.par_iter().find_map_first(|(file, html, _)| {
        let target = super::addresses::unbuilt_link(html, &base_path, is_built)?;
        Some((file.clone(), target))
    });
    if let Some((page, target)) = unbuilt {
        return Err(RenderError::UnbuiltLink { page, target });
    }
    if reach.moved {
        update.removed = keys
            .keys()
            .filter(|file| !planned.contains(*file))
            .cloned()
            .collect();
        update.removed.sort();
    }
    Ok(Some(update))
}
