//! Which photos the content shows, and what is wrong with them, said in
//! the content file that names each one.

use crate::diagnostic::{Diagnostic, Diagnostics, Problem};
use crate::model::{Asset, Producer, Product};
use crate::photos::{Photo, PhotoJob};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Every asset shown as a picture.
pub fn pictures<'a>(
    producers: &'a [Producer],
    products: &'a [Product],
) -> impl Iterator<Item = &'a Asset> {
    let producer_assets = producers.iter().flat_map(|p| {
        p.logo.iter().chain(
            p.descriptions()
                .flat_map(|d| d.assets.iter().map(|(_, a)| a)),
        )
    });
    let product_assets = products.iter().flat_map(|p| {
        p.photos.iter().chain(
            p.descriptions()
                .flat_map(|d| d.assets.iter().map(|(_, a)| a)),
        )
    });
    producer_assets.chain(product_assets).filter(|a| a.image)
}

/// One job per distinct photo file, and the names of all (for the cache index).
pub fn photo_jobs(
    producers: &[Producer],
    products: &[Product],
    root: &Path,
) -> (Vec<PhotoJob>, HashSet<String>) {
    let mut seen = HashSet::new();
    let mut jobs = Vec::new();
    for asset in pictures(producers, products) {
        if seen.insert(asset.source.clone()) {
            let name = asset
                .source
                .strip_prefix(root)
                .unwrap_or(&asset.source)
                .to_string_lossy()
                .replace('\\', "/");
            jobs.push(PhotoJob {
                source: asset.source.clone(),
                name,
                written: asset.written.clone(),
            });
        }
    }
    let names = jobs.iter().map(|j| j.name.clone()).collect();
    (jobs, names)
}

/// A diagnostic in every content file that names a photo that failed.
pub fn photo_diagnostics(
    producers: &[Producer],
    products: &[Product],
    failures: &[(PathBuf, Problem)],
) -> Diagnostics {
    let failed: HashMap<&Path, &Problem> = failures
        .iter()
        .map(|(p, problem)| (p.as_path(), problem))
        .collect();
    pictures(producers, products)
        .filter_map(|asset| {
            let problem = failed.get(asset.source.as_path())?;
            let location = crate::content::locate_origin(&asset.origin);
            Some(Diagnostic::error(
                asset.origin.file.clone(),
                location,
                problem.with_path(&asset.written),
            ))
        })
        .collect()
}

/// Photo files heavier than this are warned about: they still build, but
/// they weigh on the repository every producer clones (phone photos are
/// 2–6 MB).
pub const LARGE_PHOTO_BYTES: u64 = 8 << 20;
/// Photos with more pixels than this are warned about (a 40 MP photo is
/// ten times what the largest variant needs).
pub const LARGE_PHOTO_PIXELS: u64 = 40_000_000;

/// A warning in every content file that names a photo over the limits above.
pub fn large_photo_warnings(
    producers: &[Producer],
    products: &[Product],
    photos: &HashMap<PathBuf, Photo>,
) -> Diagnostics {
    let mut sizes: HashMap<&Path, u64> = HashMap::new();
    let mut seen = HashSet::new();
    pictures(producers, products)
        .filter_map(|asset| {
            let photo = photos.get(&asset.source)?;
            let (width, height) = photo.meta.original;
            let bytes = *sizes
                .entry(asset.source.as_path())
                .or_insert_with(|| std::fs::metadata(&asset.source).map_or(0, |m| m.len()));
            let pixels = u64::from(width) * u64::from(height);
            if bytes <= LARGE_PHOTO_BYTES && pixels <= LARGE_PHOTO_PIXELS {
                return None;
            }
            if !seen.insert((asset.origin.file.clone(), asset.source.clone())) {
                return None;
            }
            Some(Diagnostic::warning(
                asset.origin.file.clone(),
                crate::content::locate_origin(&asset.origin),
                Problem::PhotoVeryLarge {
                    path: asset.written.clone(),
                    bytes,
                    width,
                    height,
                },
            ))
        })
        .collect()
}
