//! The files of producers that the site serves beside its pages: photo
//! variants from the cache and linked documents from the content.

use super::Presenter;
use crate::output::{OutputError, Sink};
use rayon::prelude::*;

/// Every file of a producer that the site serves: photo variants linked from
/// the cache, other files (a PDF linked from a description) copied.
pub(super) fn copy_producer_files(
    presenter: &Presenter<'_>,
    sink: &dyn Sink,
) -> Result<(), OutputError> {
    producer_files(presenter, |_| true)
        .par_iter()
        .try_for_each(|(path, source)| sink.link(path, source))
}

/// The files of the producers `wanted` (by index) that the site serves,
/// by site-relative path, with the file each is made from: photo variants
/// in the cache, other files (a PDF linked from a description) in the
/// producer's folder.
pub(super) fn producer_files(
    presenter: &Presenter<'_>,
    wanted: impl Fn(usize) -> bool,
) -> Vec<(String, std::path::PathBuf)> {
    let catalogue = presenter.catalogue;
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    let mut add = |producer: &crate::model::Producer, asset: &crate::model::Asset| {
        if !asset.image {
            files.push((Presenter::asset_path(producer, asset), asset.source.clone()));
            return;
        }
        let Some(photo) = presenter.photos.get(&asset.source) else {
            return;
        };
        for &(width, _) in &photo.meta.variants {
            for ext in ["jpg", "webp"] {
                let path = Presenter::photo_path(producer, asset, photo, &format!("{width}.{ext}"));
                files.push((path, photo.variant_file(width, ext)));
            }
        }
        files.push((
            Presenter::photo_path(producer, asset, photo, "chia-se.jpg"),
            photo.share_file(),
        ));
        files.push((
            Presenter::photo_path(producer, asset, photo, "nho.webp"),
            photo.thumbnail_file(),
        ));
    };
    for (id, producer) in catalogue.producers.iter().enumerate() {
        if !wanted(id) {
            continue;
        }
        for asset in producer.logo.iter().chain(
            producer
                .descriptions()
                .flat_map(|d| d.assets.iter().map(|(_, a)| a)),
        ) {
            add(producer, asset);
        }
    }
    for product in &catalogue.products {
        if !wanted(product.producer) {
            continue;
        }
        let producer = catalogue.producer_of(product);
        for asset in product.photos.iter().chain(
            product
                .descriptions()
                .flat_map(|d| d.assets.iter().map(|(_, a)| a)),
        ) {
            add(producer, asset);
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    files
}
