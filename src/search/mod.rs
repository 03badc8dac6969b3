//! The search stage: a Pagefind index of lean records, built inside
//! `ocop build` through Pagefind's Rust API and written as static files
//! (`/pagefind/`) that the search page loads in the browser. Matching is
//! Pagefind's, with tones and the marks of ă â ê ô ơ ư folded; `đ` is
//! folded here, by adding `d` spellings to each record.
//!
//! The index is built only when the searchable text changed: the files of
//! the last index are kept in the cache under a hash of every record.

mod records;

pub use records::{KIND_PRODUCER, KIND_PRODUCT, Record, d_spellings, filter, records};

use crate::output::{OutputError, Staging};
use std::path::{Path, PathBuf};

/// Where the index is served, relative to the site root.
pub const BUNDLE_DIR: &str = "pagefind";

/// A failure of the search stage.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Pagefind refused a record or failed to build.
    #[error("the search index could not be built: {0}")]
    Index(String),
    /// The cache could not be used.
    #[error("cannot use the search cache {path}: {source}")]
    Cache {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Writing into the site failed.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// What the search stage did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchStats {
    /// Records in the index.
    pub records: usize,
    /// Files of the index.
    pub files: usize,
    /// Whether the previous index was reused (no searchable text changed).
    pub reused: bool,
    /// Whether an older index was published because the new one was
    /// deferred (`defer_search`): searches miss the latest changes until
    /// the next build.
    pub stale: bool,
}

fn fingerprint(records: &[Record], language: &str) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(format!("pagefind custom {language} {};", env!("CARGO_PKG_VERSION")).as_bytes());
    for record in records {
        for text in [&record.url, &record.content]
            .into_iter()
            .chain(record.meta.iter().flat_map(|(k, v)| [k, v]))
        {
            hasher.update(text.as_bytes());
            hasher.update(&[0]);
        }
        for (name, values) in &record.filters {
            hasher.update(name.as_bytes());
            for value in values {
                hasher.update(&[1]);
                hasher.update(value.as_bytes());
            }
            hasher.update(&[0]);
        }
        hasher.update(&[2]);
    }
    format!("{:032x}", hasher.digest128())
}

/// Builds the index files (path inside the bundle, contents) with Pagefind.
pub fn build_index(
    records: &[Record],
    language: &str,
) -> Result<Vec<(PathBuf, Vec<u8>)>, SearchError> {
    let failed = |e: &dyn std::fmt::Display| SearchError::Index(e.to_string());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(std::thread::available_parallelism().map_or(2, |n| n.get()))
        .build()
        .map_err(|e| failed(&e))?;
    runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .keep_index_url(false)
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| failed(&e))?;
        for record in records {
            if crate::output::stop_requested() {
                return Err(SearchError::Output(OutputError::Interrupted));
            }
            index
                .add_custom_record(
                    record.url.clone(),
                    record.content.clone(),
                    language.to_string(),
                    Some(record.meta.clone()),
                    Some(record.filters.clone()),
                    None,
                )
                .await
                .map_err(|e| failed(&e))?;
        }
        let files = index.get_files().await.map_err(|e| failed(&e))?;
        Ok(files
            .into_iter()
            .map(|f| (f.filename, f.contents))
            .collect())
    })
}

/// Writes the index of `records` into the site, reusing the cached index
/// when the records are unchanged. With `defer`, a changed index is not
/// built: the newest cached one is published instead, marked stale (only
/// when there is none is it built).
pub fn write_index(
    records: &[Record],
    language: &str,
    cache_dir: &Path,
    staging: &Staging,
    defer: bool,
) -> Result<SearchStats, SearchError> {
    let key = fingerprint(records, language);
    let cache = cache_dir.join("search");
    let entry = cache.join(&key);
    let cache_error = |source| SearchError::Cache {
        path: cache.clone(),
        source,
    };
    let reused = entry.join("complete").is_file();
    let stale = if reused || !defer {
        None
    } else {
        newest_entry(&cache)
    };
    let entry = stale.clone().unwrap_or(entry);
    if !reused && stale.is_none() {
        let files = build_index(records, language)?;
        let temporary = cache.join(format!(".{key}.{}.tmp", std::process::id()));
        let _ = std::fs::remove_dir_all(&temporary);
        for (name, bytes) in &files {
            let path = temporary.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(cache_error)?;
            }
            std::fs::write(path, bytes).map_err(cache_error)?;
        }
        std::fs::write(temporary.join("complete"), b"").map_err(cache_error)?;
        // Only the newest index is kept: an older one is never reused. A
        // temporary folder may belong to a build running at the same time
        // (a test suite, or `ocop serve` beside `ocop build`), so only one
        // left long ago by a dead build is removed.
        if let Ok(old) = std::fs::read_dir(&cache) {
            for old in old.filter_map(Result::ok) {
                let name = old.file_name();
                let in_progress = name.to_string_lossy().starts_with('.');
                let abandoned = old
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > std::time::Duration::from_secs(3600));
                let ours = old.path() == temporary || old.path() == entry;
                if !ours && (!in_progress || abandoned) {
                    let _ = std::fs::remove_dir_all(old.path());
                }
            }
        }
        if std::fs::rename(&temporary, &entry).is_err() && !entry.join("complete").is_file() {
            return Err(cache_error(std::io::Error::other(
                "the cache entry could not be put in place",
            )));
        }
        let _ = std::fs::remove_dir_all(&temporary);
    }
    let mut files = 0;
    for item in walkdir::WalkDir::new(&entry).sort_by_file_name() {
        let item = item.map_err(|e| cache_error(std::io::Error::other(e.to_string())))?;
        let relative = item.path().strip_prefix(&entry).unwrap_or(item.path());
        if !item.file_type().is_file() || relative == Path::new("complete") {
            continue;
        }
        let target = format!(
            "{BUNDLE_DIR}/{}",
            relative.to_string_lossy().replace('\\', "/")
        );
        staging.link(&target, item.path())?;
        files += 1;
    }
    Ok(SearchStats {
        records: records.len(),
        files,
        reused,
        stale: stale.is_some(),
    })
}

/// The complete index built last, if any.
fn newest_entry(cache: &Path) -> Option<PathBuf> {
    std::fs::read_dir(cache)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| p.join("complete").is_file())
        .max_by_key(|p| {
            p.join("complete")
                .metadata()
                .and_then(|m| m.modified())
                .ok()
        })
}

/// What the search page shows before the first search: every filter with
/// the counts known at build time (loading Pagefind's own counts for every
/// filter up front would cost tens of kilobytes).
pub fn page_context(views: &crate::render::Views<'_>, context: &mut tera::Context) {
    let catalogue = views.catalogue;
    let classification = &catalogue.reference.classification;
    context.insert("provinces", &views.province_counts());
    let sectors: Vec<tera::Value> = catalogue
        .sector_order
        .iter()
        .map(|&s| {
            let sector = classification.sector(s);
            let mut map = tera::Map::new();
            let mut count = views.count(
                views.sector_name(s),
                &views.sector_path(s),
                catalogue.by_sector[s].len(),
                Some(&sector.code),
                None,
            );
            // Filters match the index, which files names in Vietnamese.
            count.value = sector.name.clone();
            map.insert("sector".into(), tera::Value::from_serializable(&count));
            map.insert(
                "groups".into(),
                tera::Value::from_serializable(&views.group_counts(s)),
            );
            tera::Value::from(map)
        })
        .collect();
    context.insert_value("sectors", tera::Value::from(sectors));
    let stars: Vec<_> = views
        .star_counts()
        .into_iter()
        .zip([5, 4, 3])
        .map(|(mut level, number)| {
            level.code = Some(number.to_string());
            level
        })
        .collect();
    context.insert("star_levels", &stars);
    // Values of the kind filter, as the index has them (labels are in `t`).
    context.insert("kind_product", &records::KIND_PRODUCT);
    context.insert("kind_producer", &records::KIND_PRODUCER);
    // What the script says, in the page's language.
    let strings: serde_json::Map<String, serde_json::Value> = views
        .t
        .map()
        .iter()
        .filter(|(key, _)| {
            key.starts_with("js_")
                || ["stars_label", "potential_5_star_suffix", "number_locale"]
                    .contains(&key.as_str())
        })
        .map(|(key, text)| (key.clone(), text.clone().into()))
        .collect();
    // Serialising a map of strings cannot fail.
    let json = serde_json::to_string(&strings).unwrap_or_default();
    context.insert("script_strings", &json);
}
