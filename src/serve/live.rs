//! Building again after an edit of producer folders, from what the last
//! whole build kept ([`Kept`]): only the changed folders are read again,
//! only the pages that can show them are looked at, only those whose key
//! changed are rendered, and they are written into the served site in
//! place. The search index, sitemaps, feed and exports are left to a whole
//! build that follows in the background.

use crate::build::{
    BuildError, BuildOptions, BuildSummary, Kept, Timings, language_views, large_photo_warnings,
    photo_diagnostics, photo_jobs,
};
use crate::catalogue::Catalogue;
use crate::content::{Folder, LoadOptions, PRODUCERS_DIR};
use crate::diagnostic::{Diagnostics, Severity};
use crate::model::{Date, Producer, Product};
use crate::output::InPlace;
use crate::render::{Changes, Standing, render_changed};
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
/// while holding `site` for writing (requests wait). `Ok(None)` when the
/// edit reaches further than pages can follow (the site settings, the
/// day): a whole build is needed.
/// On `Err`, the site is as it was before.
pub(crate) fn update(
    kept: &mut Kept,
    options: &BuildOptions,
    changed: &HashSet<String>,
    site: &RwLock<()>,
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
    let Some(reread) = kept.memo.reread(&options.root, &load_options, changed) else {
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
    let (jobs, _) = photo_jobs(&producers, &products, &options.root);
    let processed = crate::photos::process_all(&jobs, &kept.cache, &settings.photos, false);
    let folders: Vec<std::path::PathBuf> = reread
        .folders
        .iter()
        .map(|(slug, _)| Path::new(PRODUCERS_DIR).join(slug))
        .collect();
    kept.photo_problems
        .retain(|d| !folders.iter().any(|f| d.file.starts_with(f)));
    kept.photo_problems.extend(photo_diagnostics(
        &producers,
        &products,
        &processed.failures,
    ));
    kept.photo_problems.extend(large_photo_warnings(
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
    if photo_errors || kept.memo.has_errors() {
        return Err(BuildError::Content(problems(kept)));
    }
    let photos = photos_started.elapsed();

    let catalogue_started = Instant::now();
    // Folders saved without a change (or changed back) change no page.
    let mut changes = Changes::default();
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
    let before = Standing::of(&kept.catalogue, &changes);
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
        &kept.keys,
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
        let _writing = site.write().unwrap_or_else(|e| e.into_inner());
        let output = InPlace::open(&kept.output)?;
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
        kept.keys.insert(file.clone(), (*key, html.len() as u64));
    }
    for file in &pages.removed {
        kept.keys.remove(file);
    }
    // The site is no longer what the last whole build left.
    crate::uptodate::forget(&options.cache_dir(), &kept.output);
    let commit = commit_started.elapsed();

    let catalogue = &kept.catalogue;
    let summary = BuildSummary {
        products: catalogue.products.len(),
        producers: catalogue.producers.len(),
        provinces: catalogue
            .by_province
            .iter()
            .filter(|p| !p.is_empty())
            .count(),
        pages: pages.total,
        rendered: pages.pages.len(),
        files: pages.pages.len() + pages.files.len(),
        bytes,
        output: kept.output.clone(),
        // Left for `problems`: no page waits for them.
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
        earlier_warnings: 0,
    };
    Ok(Some(summary))
}

/// Every problem of the content and photos that `kept` was built from, in
/// order: warnings, after [`update`], which leaves them out of its summary
/// (a national catalogue has 27,000, and copying them took longer than
/// writing the pages).
pub(crate) fn problems(kept: &Kept) -> Diagnostics {
    let mut problems = kept.memo.diagnostics();
    problems.extend(kept.photo_problems.iter().cloned());
    problems.sort();
    problems
}

/// Keeps the keys of the served site's pages, changed by [`update`], as its
/// page memory, for the whole build that reuses the site: done once pages
/// have reloaded, since no page waits for it.
pub(crate) fn remember(kept: &Kept, options: &BuildOptions) {
    if let Ok(output) = InPlace::open(&kept.output) {
        output.remember_pages(&options.cache_dir().join("pages"), &kept.keys);
    }
}

/// The producer folders (by name) that `changed` paths are in, when every
/// one is in a producer folder under `root`'s `content/producers`; `None`
/// when a path is elsewhere (site settings, reference data, the theme) or
/// names that folder itself, which a whole build must handle.
pub(crate) fn changed_folders(
    root: &Path,
    changed: &[std::path::PathBuf],
) -> Option<HashSet<String>> {
    let producers = root.join(PRODUCERS_DIR);
    let canonical = producers.canonicalize().ok();
    let mut folders = HashSet::new();
    for path in changed {
        let relative = path
            .strip_prefix(&producers)
            .ok()
            .or_else(|| canonical.as_ref().and_then(|c| path.strip_prefix(c).ok()))?;
        let mut parts = relative.components();
        let folder = parts.next()?.as_os_str().to_str()?;
        // A folder come or gone is seen in the list of folders, read again
        // on each update; a file beside the folders is not a producer's.
        if parts.next().is_none() && !path.is_dir() && path.exists() {
            return None;
        }
        folders.insert(folder.to_string());
    }
    Some(folders)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_in_producer_folders_are_followed_page_by_page() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let producers = root.join(PRODUCERS_DIR);
        std::fs::create_dir_all(producers.join("a/products")).unwrap();
        let changed = |paths: &[&str]| {
            let paths: Vec<_> = paths.iter().map(|p| root.join(p)).collect();
            changed_folders(root, &paths)
        };
        let folders = changed(&[
            "content/producers/a/products/x.yaml",
            "content/producers/b/producer.md",
        ])
        .unwrap();
        assert_eq!(folders.len(), 2);
        assert!(folders.contains("a") && folders.contains("b"));
        assert_eq!(changed(&["content/site.yaml"]), None);
        assert_eq!(changed(&["themes/default/templates/base.html"]), None);
        // A new folder is a producer's; a file beside the folders is not.
        assert!(changed(&["content/producers/a"]).is_some());
        std::fs::write(producers.join("notes.txt"), "x").unwrap();
        assert_eq!(changed(&["content/producers/notes.txt"]), None);
    }
}

#[cfg(test)]
mod equivalence {
    //! After each edit, the pages the update leaves are those a whole build
    //! makes of the same content: byte for byte, none missing, none left over.

    use super::*;
    use crate::build::{BuildOptions, build_keeping};
    use crate::content::ContentMemo;
    use crate::output::Staging;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn copy_tree(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// The pages of a built site (what the update writes; the search
    /// index, sitemaps, feed and exports wait for the whole build).
    fn pages(site: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(site)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| {
                e.file_type().is_file()
                    && e.path()
                        .extension()
                        .is_some_and(|x| x == "html" || x == "txt")
            })
            .map(|e| {
                let name = e.path().strip_prefix(site).unwrap().display().to_string();
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    fn edit(root: &Path, file: &str, from: &str, to: &str) -> PathBuf {
        let path = root.join(PRODUCERS_DIR).join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lacks {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        path
    }

    #[test]
    fn pages_after_each_edit_are_those_of_a_whole_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &root.join("content"),
        );
        // Short pages, so that edits move products across pages.
        let settings = root.join("content/site.yaml");
        let text = std::fs::read_to_string(&settings).unwrap();
        std::fs::write(&settings, text.replace("page_size: 12", "page_size: 3")).unwrap();
        let options = |output: &str| BuildOptions {
            output: Some(dir.path().join(output)),
            cache_dir: Some(dir.path().join("cache")),
            today: Some(Date::parse("2026-06-01").unwrap()),
            ..BuildOptions::new(&root)
        };
        let served = options("served");
        let whole = |served: &BuildOptions| {
            build_keeping(served, Some(ContentMemo::new()), Staging::commit)
                .unwrap()
                .1
                .unwrap()
        };
        let mut kept = whole(&served);
        let lock = RwLock::new(());
        let folder = "banh-pia-hai-suong";
        let product = "banh-pia-hai-suong/products/banh-in-dau-xanh.yaml";
        let producer = "banh-pia-hai-suong/producer.md";
        let new_product = root
            .join(PRODUCERS_DIR)
            .join(folder)
            .join("products/banh-moi.yaml");
        let new_producer = root.join(PRODUCERS_DIR).join("an-khang");
        // Each edit, and whether its pages can follow it page by page.
        type Edit<'a> = (&'a str, Box<dyn Fn() -> PathBuf + 'a>, bool);
        let edits: Vec<Edit<'_>> = vec![
            (
                "a product renamed (it moves in every listing)",
                Box::new(|| edit(&root, product, "name: Bánh in", "name: Ăn thử bánh in")),
                true,
            ),
            (
                "a description changed",
                Box::new(|| edit(&root, product, "Bánh in được nén", "Bánh in thơm được nén")),
                true,
            ),
            (
                "a star level changed (it moves between listings)",
                Box::new(|| edit(&root, product, "stars: 3", "stars: 4")),
                true,
            ),
            (
                "a producer renamed (its cards and its place in the list)",
                Box::new(|| {
                    edit(
                        &root,
                        producer,
                        "name: Cơ sở Bánh pía Hải Sương",
                        "name: Ánh Dương bánh pía",
                    )
                }),
                true,
            ),
            (
                "a producer moved to another province",
                Box::new(|| edit(&root, producer, "province: Sóc Trăng", "province: Hà Nội")),
                true,
            ),
            (
                "a photo replaced by another (its address changes)",
                Box::new(|| {
                    let photos = root.join(PRODUCERS_DIR).join(folder).join("photos");
                    let other = root.join(PRODUCERS_DIR).join("che-tan-huong/photos");
                    let other = std::fs::read_dir(other)
                        .unwrap()
                        .map(|e| e.unwrap().path())
                        .find(|p| p.extension().is_some_and(|x| x == "jpg"))
                        .unwrap();
                    let photo = photos.join("banh-in-1.jpg");
                    std::fs::copy(other, &photo).unwrap();
                    photo
                }),
                true,
            ),
            (
                "a file saved unchanged",
                Box::new(|| edit(&root, product, "stars: 4", "stars: 4")),
                true,
            ),
            (
                "a product added (every listing it is in grows)",
                Box::new(|| {
                    let from = root.join(PRODUCERS_DIR).join(product);
                    std::fs::copy(&from, &new_product).unwrap();
                    new_product.clone()
                }),
                true,
            ),
            (
                "a product removed",
                Box::new(|| {
                    std::fs::remove_file(&new_product).unwrap();
                    new_product.clone()
                }),
                true,
            ),
            (
                "a producer added, with a product (the list of producers grows)",
                Box::new(|| {
                    let products = new_producer.join("products");
                    std::fs::create_dir_all(&products).unwrap();
                    std::fs::write(
                        new_producer.join("producer.md"),
                        "---\nname: Cơ sở An Khang (mẫu)\nkind: ho-kinh-doanh\n\
                         province: Sóc Trăng\n---\nCơ sở làm bánh in.\n",
                    )
                    .unwrap();
                    std::fs::write(
                        products.join("banh-in-an-khang.yaml"),
                        "name: Bánh in An Khang\ncategory: I.3.b\nstars: 3\ncertificate:\n  \
                         decision: MẪU-900/QĐ-UBND\n  date: 2024-12-19\n  \
                         issuer: UBND huyện Châu Thành\n",
                    )
                    .unwrap();
                    new_producer.clone()
                }),
                true,
            ),
            (
                "a producer with no product added to another province",
                Box::new(|| {
                    let products = new_producer.join("products");
                    std::fs::remove_dir_all(&products).unwrap();
                    edit(
                        &root,
                        "an-khang/producer.md",
                        "province: Sóc Trăng",
                        "province: Hà Nội",
                    );
                    new_producer.clone()
                }),
                true,
            ),
            (
                "a producer removed",
                Box::new(|| {
                    std::fs::remove_dir_all(&new_producer).unwrap();
                    new_producer.clone()
                }),
                true,
            ),
        ];
        for (n, (what, apply, page_by_page)) in edits.iter().enumerate() {
            let path = apply();
            let folders = changed_folders(&root, &[path]).unwrap();
            assert_eq!(folders.len(), 1, "{what}");
            let update = update(&mut kept, &served, &folders, &lock).unwrap();
            assert_eq!(update.is_some(), *page_by_page, "{what}");
            if update.is_none() {
                kept = whole(&served);
            }
            let fresh = options(&format!("whole-{n}"));
            let (summary, _) = build_keeping(&fresh, None, Staging::commit).unwrap();
            assert_eq!(problems(&kept), summary.warnings, "after {what}");
            let (now, expected) = (
                pages(&dir.path().join("served")),
                pages(&dir.path().join(format!("whole-{n}"))),
            );
            let differ: Vec<&String> = expected
                .iter()
                .filter(|(file, bytes)| now.get(*file) != Some(bytes))
                .map(|(file, _)| file)
                .chain(now.keys().filter(|file| !expected.contains_key(*file)))
                .collect();
            assert!(differ.is_empty(), "after {what}: {differ:#?}");
        }

        // An error leaves the site as it was; once mended, pages follow.
        let before = pages(&dir.path().join("served"));
        let path = edit(&root, product, "stars: 4", "stars: 9");
        let folders = changed_folders(&root, &[path]).unwrap();
        let error = update(&mut kept, &served, &folders, &lock).unwrap_err();
        let BuildError::Content(found) = error else {
            panic!("{error:?}");
        };
        assert_eq!(pages(&dir.path().join("served")), before);
        let whole_error = build_keeping(&options("whole-broken"), None, Staging::commit);
        let Err(BuildError::Content(expected)) = whole_error else {
            panic!("a whole build of broken content did not fail on it");
        };
        assert_eq!(found, expected);
        let path = edit(&root, product, "stars: 9", "stars: 5");
        let folders = changed_folders(&root, &[path]).unwrap();
        assert!(
            update(&mut kept, &served, &folders, &lock)
                .unwrap()
                .is_some()
        );
        build_keeping(&options("whole-last"), None, Staging::commit).unwrap();
        assert_eq!(
            pages(&dir.path().join("served")),
            pages(&dir.path().join("whole-last"))
        );
    }
}
