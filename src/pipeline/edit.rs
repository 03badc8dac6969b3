//! A run after an edit of producer folders, from what the last run
//! remembered: only the changed folders are read again, only the pages
//! that can show them are looked at, only those whose key changed are
//! rendered, and they are written into the served site in place. The
//! search index, sitemaps, feed and exports are left to a run over
//! everything that follows.

use super::summary::{BuildError, BuildSummary, Timings};
use super::whole::{language_views, provinces_with_products};
use super::{BuildOptions, Memory};
use crate::cancel::Cancel;
use crate::catalogue::Catalogue;
use crate::content::{Folder, LoadOptions, PRODUCERS_DIR};
use crate::diagnostic::{Diagnostics, Severity};
use crate::model::{Date, Producer, Product};
use crate::output::{Live, Sink};
use crate::photos;
use crate::render::{EditedEntries, EditedPlaces, render_changed};
use std::collections::HashSet;
use std::path::Path;
use std::sync::RwLock;
use std::time::Instant;

/// The producer of folder `slug` in `catalogue` and its products, their
/// place in the catalogue's order left out (others' edits move it).
fn folder_of(catalogue: &Catalogue, slug: &str) -> Option<Folder> {
    let id = catalogue.producers.iter().position(|p| p.slug == slug)?;
    let products = catalogue.by_producer[id]
        .iter()
        .map(|&p| &catalogue.products[p]);
    Some(comparable(&catalogue.producers[id], products))
}

/// A producer and its products in one form whether they come from a
/// catalogue or were just read: products by file name, without their
/// place in the catalogue's order.
fn comparable<'a>(producer: &Producer, products: impl Iterator<Item = &'a Product>) -> Folder {
    let mut products: Vec<Product> = products
        .map(|p| Product {
            producer: 0,
            ..p.clone()
        })
        .collect();
    products.sort_by(|a, b| a.slug.cmp(&b.slug));
    (producer.clone(), products)
}

/// The products of folder `slug` that differ between `before` and `now`
/// (all of them when `all`, or when its producer differs), by folder and
/// file name.
fn changed_products(
    slug: &str,
    before: Option<Folder>,
    now: Option<Folder>,
    all: bool,
) -> Vec<(String, String)> {
    let producer = |f: &Option<Folder>| f.as_ref().map(|(p, _)| p.clone());
    let all = all || producer(&before) != producer(&now);
    let products = |f: Option<Folder>| f.map(|(_, p)| p).unwrap_or_default();
    let (before, now) = (products(before), products(now));
    let mut names: Vec<&str> = before.iter().chain(&now).map(|p| p.slug.as_str()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|name| {
            all || before.iter().find(|p| p.slug == *name) != now.iter().find(|p| p.slug == *name)
        })
        .map(|name| (slug.to_string(), name.to_string()))
        .collect()
}

/// Builds again after the files of the producer folders `changed` (by
/// folder name) changed, writing the changed pages into the served site
/// while holding `site_lock` for writing (requests wait). `Ok(None)` when
/// the edit reaches further than pages can follow (the site settings, the
/// day, what every page shows): a run over everything is needed.
/// On `Err`, the site is as it was before.
pub(super) fn run(
    kept: &mut Memory,
    options: &BuildOptions,
    changed: &HashSet<String>,
    site_lock: Option<&RwLock<()>>,
    cancel: &Cancel,
) -> Result<Option<BuildSummary>, BuildError> {
    let started = Instant::now();
    let today = options.today.unwrap_or_else(Date::today);
    if today != kept.today {
        return Ok(None);
    }
    let load_options = LoadOptions {
        base_url: options.base_url.clone(),
        today,
    };
    let Some(reread) = kept
        .content
        .reread(&options.root, &load_options, changed, cancel)
    else {
        return Ok(None);
    };
    let Some(settings) = reread.site.clone() else {
        return Ok(None);
    };
    if settings != kept.catalogue.site {
        return Ok(None);
    }
    let load = started.elapsed();

    // Photos of the folders read again; those of the others are as they were.
    let photos_started = Instant::now();
    let read: Vec<(&Producer, &[Product])> = reread
        .folders
        .iter()
        .filter_map(|(_, read)| read.as_ref())
        .map(|(producer, products)| (producer, products.as_slice()))
        .collect();
    let producers: Vec<Producer> = read.iter().map(|(p, _)| (*p).clone()).collect();
    let products: Vec<Product> = read
        .iter()
        .enumerate()
        .flat_map(|(id, (_, products))| {
            products.iter().map(move |p| Product {
                producer: id,
                ..p.clone()
            })
        })
        .collect();
    let (jobs, _) = super::photo_problems::photo_jobs(&producers, &products, &options.root);
    let processed = photos::process_all(&jobs, &kept.cache, &settings.photos, false, cancel);
    let folders: Vec<std::path::PathBuf> = reread
        .folders
        .iter()
        .map(|(slug, _)| Path::new(PRODUCERS_DIR).join(slug))
        .collect();
    kept.photo_problems
        .retain(|d| !folders.iter().any(|f| d.file.starts_with(f)));
    kept.photo_problems
        .extend(super::photo_problems::photo_diagnostics(
            &producers,
            &products,
            &processed.failures,
        ));
    kept.photo_problems
        .extend(super::photo_problems::large_photo_warnings(
            &producers,
            &products,
            &processed.photos,
        ));
    // A photo whose bytes changed has a new address on every page that
    // shows it, though no content file changed.
    let producers_dir = options.root.join(PRODUCERS_DIR);
    let new_photos: HashSet<String> = processed
        .photos
        .iter()
        .filter(|(source, photo)| kept.photos.get(*source).map(|p| &p.key) != Some(&photo.key))
        .filter_map(|(source, _)| {
            let folder = source
                .strip_prefix(&producers_dir)
                .ok()?
                .components()
                .next()?;
            Some(folder.as_os_str().to_string_lossy().into_owned())
        })
        .collect();
    kept.photos.extend(processed.photos);
    let photo_errors = kept
        .photo_problems
        .iter()
        .any(|d| d.severity == Severity::Error);
    if photo_errors || kept.content.has_errors() {
        let mut problems = kept.content.diagnostics();
        problems.extend(kept.photo_problems.iter().cloned());
        problems.sort();
        return Err(BuildError::Content(problems));
    }
    let photos = photos_started.elapsed();

    let catalogue_started = Instant::now();
    // Folders saved without a change (or changed back) change no page.
    let mut changes = EditedEntries::default();
    for (slug, read) in &reread.folders {
        let before = folder_of(&kept.catalogue, slug);
        let now = read
            .as_ref()
            .map(|(producer, products)| comparable(producer, products.iter()));
        // A new photo has a new address on any of the folder's pages.
        let all = new_photos.contains(slug);
        if all || before != now {
            changes.producers.insert(slug.clone());
            changes
                .products
                .extend(changed_products(slug, before, now, all));
        }
    }
    // Folders gone.
    for slug in &reread.gone {
        if let Some(before) = folder_of(&kept.catalogue, slug) {
            changes.producers.insert(slug.clone());
            changes
                .products
                .extend(changed_products(slug, Some(before), None, true));
        }
    }
    let before = EditedPlaces::of(&kept.catalogue, &changes);
    kept.catalogue.replace_folders(reread.folders, &reread.gone);
    let catalogue_time = catalogue_started.elapsed();

    let render_started = Instant::now();
    let strings = kept.theme.strings.clone();
    let all = language_views(&kept.catalogue, &kept.photos, &strings, today);
    let Some(pages) = render_changed(
        &all,
        &before,
        &mut kept.theme,
        &changes,
        &kept.pages,
        &kept.globals,
        &mut kept.cards,
    )?
    else {
        return Ok(None);
    };
    drop(all);
    let render = render_started.elapsed();

    let commit_started = Instant::now();
    let mut bytes = 0;
    {
        let _writing = site_lock.map(|lock| lock.write().unwrap_or_else(|e| e.into_inner()));
        let output = Live::open(&kept.output)?;
        output.forget_pages(&options.cache_dir().join("pages"));
        for (file, html, _) in &pages.pages {
            output.write(file, html)?;
            bytes += html.len() as u64;
        }
        for (path, source) in &pages.files {
            output.link(path, source)?;
        }
        for file in &pages.removed {
            output.remove(file)?;
        }
    }
    for (file, html, key) in &pages.pages {
        kept.pages.insert(file.clone(), (*key, html.len() as u64));
    }
    for file in &pages.removed {
        kept.pages.remove(file);
    }
    // The site is no longer what the last whole build left.
    crate::uptodate::forget(&options.cache_dir(), &kept.output);
    let commit = commit_started.elapsed();

    let catalogue = &kept.catalogue;
    let summary = BuildSummary {
        products: catalogue.products.len(),
        producers: catalogue.producers.len(),
        provinces: provinces_with_products(catalogue),
        pages: pages.total,
        rendered: pages.pages.len(),
        files: pages.pages.len() + pages.files.len(),
        bytes,
        output: kept.output.clone(),
        // Left for `Pipeline::problems`: no page waits for them.
        warnings: Diagnostics::new(),
        photos: processed.stats,
        pruned: 0,
        search: crate::search::SearchStats {
            stale: true,
            ..Default::default()
        },
        timings: Timings {
            load,
            catalogue: catalogue_time,
            photos,
            render,
            commit,
            total: started.elapsed(),
            ..Timings::default()
        },
        up_to_date: false,
        page_by_page: true,
        earlier_warnings: 0,
    };
    Ok(Some(summary))
}
