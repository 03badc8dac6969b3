//! `ocop build`: the whole pipeline, from content files to a swapped-in site.

use crate::catalogue::Catalogue;
use crate::content::{self, ContentMemo, LoadOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Date, Producer, Product};
use crate::output::{OutputError, Staging, check_output};
use crate::photos::{self, PhotoCache, PhotoJob, PhotoStats};
use crate::render::{RenderError, Theme, ThemeError, Urls, Views, render_site, theme_dir};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// Where to write the site; `root/public` by default.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// The day certificates are checked against; today by default.
    pub today: Option<Date>,
    /// Where processed photos are kept; `root/.ocop-cache` by default.
    pub cache_dir: Option<PathBuf>,
    /// Delete cached photos this build did not use.
    pub prune_cache: bool,
    /// Draw a progress bar for long photo work on a terminal.
    pub progress: bool,
    /// Build even when nothing changed since the last build.
    pub force: bool,
    /// When the searchable text changed, publish the previous search index
    /// for now (the summary says so) instead of waiting for a new one:
    /// `ocop serve` reloads the page first and indexes right after.
    pub defer_search: bool,
}

impl BuildOptions {
    /// Builds the site at `root` into `root/public`.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            today: None,
            cache_dir: None,
            prune_cache: false,
            progress: false,
            force: false,
            defer_search: false,
        }
    }

    /// The photo cache folder.
    pub fn cache_dir(&self) -> PathBuf {
        self.cache_dir
            .clone()
            .unwrap_or_else(|| self.root.join(crate::photos::DEFAULT_CACHE_DIR))
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// Time spent in each stage.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Walking, parsing and checking content.
    pub load: Duration,
    /// Sorting and indexing.
    pub catalogue: Duration,
    /// Processing photos (or finding them in the cache).
    pub photos: Duration,
    /// Rendering pages and writing them with the photos and assets.
    pub render: Duration,
    /// Building (or reusing) the search index.
    pub search: Duration,
    /// Swapping the new site in.
    pub commit: Duration,
    /// Peak memory of the process before the search stage, and during it
    /// (the peak is reset when the stage starts), in bytes; Linux only.
    pub peak_before_search: Option<u64>,
    /// See `peak_before_search`.
    pub peak_search: Option<u64>,
    /// Everything.
    pub total: Duration,
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Products published.
    pub products: usize,
    /// Producers published.
    pub producers: usize,
    /// Provinces with at least one product.
    pub provinces: usize,
    /// Pages of the site.
    pub pages: usize,
    /// Pages rendered by this build; the others were unchanged since the
    /// site they were kept from, so neither rendered nor written.
    pub rendered: usize,
    /// Files written (pages, photos, assets).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// The output folder.
    pub output: PathBuf,
    /// Warnings, sorted by file and line.
    pub warnings: Diagnostics,
    /// Photos processed, reused and failed.
    pub photos: PhotoStats,
    /// Cached photos deleted by `--gc`.
    pub pruned: usize,
    /// The search index.
    pub search: crate::search::SearchStats,
    /// Time per stage.
    pub timings: Timings,
    /// Nothing changed since the last build, which left the output as it
    /// is: nothing was read or written, and the figures are that build's.
    pub up_to_date: bool,
    /// Warnings of that last build, when `up_to_date` (they are not read
    /// again; `ocop check` shows them).
    pub earlier_warnings: usize,
}

impl BuildSummary {
    /// What the up-to-date record keeps of this build, to report again.
    fn made(&self) -> crate::uptodate::Made {
        crate::uptodate::Made {
            products: self.products,
            producers: self.producers,
            provinces: self.provinces,
            pages: self.pages,
            files: self.files,
            bytes: self.bytes,
            warnings: self.warnings.len(),
        }
    }

    fn up_to_date(made: crate::uptodate::Made, output: PathBuf, started: Instant) -> BuildSummary {
        BuildSummary {
            products: made.products,
            producers: made.producers,
            provinces: made.provinces,
            pages: made.pages,
            rendered: 0,
            files: made.files,
            bytes: made.bytes,
            output,
            warnings: Diagnostics::new(),
            photos: PhotoStats::default(),
            pruned: 0,
            search: crate::search::SearchStats::default(),
            timings: Timings {
                total: started.elapsed(),
                ..Timings::default()
            },
            up_to_date: true,
            earlier_warnings: made.warnings,
        }
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has errors (and maybe warnings), sorted by file and line.
    #[error("the content has errors")]
    Content(Diagnostics),
    /// The output folder cannot be used or written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The theme cannot be loaded.
    #[error(transparent)]
    Theme(#[from] ThemeError),
    /// A page cannot be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The search index cannot be built.
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),
    /// The photo cache cannot be used.
    #[error("cannot use the photo cache {path}: {source}")]
    Cache {
        /// The cache folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Reads and checks the content and builds the catalogue, leaving photos
/// aside (they are only checked to exist): the quick check of content alone.
pub fn load_catalogue(
    root: &Path,
    options: &LoadOptions,
) -> Result<(Catalogue, Diagnostics, Duration), Diagnostics> {
    let (content, mut diagnostics) = content::load(root, options);
    if let Some(site) = &content.site
        && let Err(problem) = theme_dir(root, site.theme.as_deref())
    {
        diagnostics.push(*problem);
    }
    diagnostics.sort();
    match content.site.clone() {
        Some(site) if !diagnostics.has_errors() => {
            let started = Instant::now();
            let catalogue = Catalogue::new(content, site);
            Ok((catalogue, diagnostics, started.elapsed()))
        }
        _ => Err(diagnostics),
    }
}

/// A site checked and ready to render: its catalogue and processed photos.
pub struct Prepared {
    /// The catalogue.
    pub catalogue: Catalogue,
    /// Processed photos by source file.
    pub photos: HashMap<PathBuf, photos::Photo>,
    /// Photos processed, reused and failed.
    pub photo_stats: PhotoStats,
    /// What is wrong with the photos (also among `warnings`).
    pub photo_problems: Vec<Diagnostic>,
    /// Warnings, sorted.
    pub warnings: Diagnostics,
    /// The photo cache, to prune after a build.
    pub cache: PhotoCache,
    /// Time spent reading content, building the catalogue and on photos.
    pub timings: Timings,
}

/// Reads and checks everything a build needs without writing the site:
/// content, reference data, the theme's existence, and every photo (made
/// into its variants in the cache). All problems come back together,
/// sorted by file and line; photos are checked even when content has
/// errors, as long as the site settings can be read.
pub fn prepare(
    root: &Path,
    load_options: &LoadOptions,
    cache_dir: &Path,
    progress: bool,
) -> Result<Prepared, BuildError> {
    prepare_with(root, load_options, cache_dir, progress, None)
}

/// [`prepare`], reading the content through `memo` when given (which then
/// holds what was read, for [`ContentMemo::load`] after an edit).
fn prepare_with(
    root: &Path,
    load_options: &LoadOptions,
    cache_dir: &Path,
    progress: bool,
    memo: Option<&mut ContentMemo>,
) -> Result<Prepared, BuildError> {
    let started = Instant::now();
    let (content, mut diagnostics) = match memo {
        Some(memo) => memo.load(root, load_options),
        None => content::load(root, load_options),
    };
    if let Some(site) = &content.site
        && let Err(problem) = theme_dir(root, site.theme.as_deref())
    {
        diagnostics.push(*problem);
    }
    let Some(site) = content.site.clone() else {
        diagnostics.sort();
        return Err(BuildError::Content(diagnostics));
    };
    if crate::output::cancelled() {
        return Err(OutputError::Interrupted.into());
    }
    let load = started.elapsed();

    let photos_started = Instant::now();
    let cache_error = |source| BuildError::Cache {
        path: cache_dir.to_path_buf(),
        source,
    };
    let cache = PhotoCache::open(cache_dir, &site.photos).map_err(cache_error)?;
    let (jobs, names) = photo_jobs(&content.producers, &content.products, root);
    let processed = photos::process_all(&jobs, &cache, &site.photos, progress);
    if crate::output::cancelled() {
        return Err(OutputError::Interrupted.into());
    }
    let mut photo_problems =
        photo_diagnostics(&content.producers, &content.products, &processed.failures);
    photo_problems.extend(large_photo_warnings(
        &content.producers,
        &content.products,
        &processed.photos,
    ));
    diagnostics.extend(photo_problems.iter().cloned());
    cache.save(&names).map_err(cache_error)?;
    let photos_time = photos_started.elapsed();
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(BuildError::Content(diagnostics));
    }

    let catalogue_started = Instant::now();
    let catalogue = Catalogue::new(content, site);
    Ok(Prepared {
        catalogue,
        photos: processed.photos,
        photo_stats: processed.stats,
        photo_problems: photo_problems.into_vec(),
        warnings: diagnostics,
        cache,
        timings: Timings {
            load,
            catalogue: catalogue_started.elapsed(),
            photos: photos_time,
            ..Timings::default()
        },
    })
}

/// Builds the site. On any error the previous output is left as it was.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, BuildError> {
    build_with_swap(options, Staging::commit)
}

/// Builds the site, swapping it in with `swap` (which must call
/// [`Staging::commit`]): `ocop serve` holds its readers off around the swap
/// alone, not the whole build.
pub fn build_with_swap(
    options: &BuildOptions,
    swap: impl FnOnce(Staging) -> Result<(), OutputError>,
) -> Result<BuildSummary, BuildError> {
    build_keeping(options, None, swap).map(|(summary, _)| summary)
}

/// What a whole build leaves for `ocop serve` to build again after an edit
/// without reading and rendering everything again.
pub struct Kept {
    /// The content as read, by producer folder.
    pub(crate) memo: ContentMemo,
    pub(crate) catalogue: Catalogue,
    pub(crate) photos: HashMap<PathBuf, photos::Photo>,
    /// What is wrong with the photos.
    pub(crate) photo_problems: Vec<Diagnostic>,
    pub(crate) cache: PhotoCache,
    pub(crate) theme: Theme,
    /// The key and size of each page of the site, by file.
    pub(crate) keys: crate::output::PageKeys,
    /// What every page of each language shares, as a key.
    pub(crate) globals: Vec<u128>,
    /// The cards of each language.
    pub(crate) cards: Vec<crate::render::CardMemory>,
    pub(crate) today: Date,
    /// The site folder.
    pub(crate) output: PathBuf,
}

/// [`build_with_swap`], reading the content through `memo` when given:
/// then what the build read and rendered is kept and returned with the
/// summary (unless the build found the site up to date).
pub fn build_keeping(
    options: &BuildOptions,
    memo: Option<ContentMemo>,
    swap: impl FnOnce(Staging) -> Result<(), OutputError>,
) -> Result<(BuildSummary, Option<Kept>), BuildError> {
    let started = Instant::now();
    let output = check_output(&options.output_dir(), &options.root)?;
    let today = options.today.unwrap_or_else(Date::today);
    let load_options = LoadOptions {
        base_url: options.base_url.clone(),
        today,
    };
    // Taken before anything is read, so that a file saved during the build
    // makes the next build run.
    let themes = options.root.join("themes");
    let fingerprint = crate::uptodate::fingerprint(
        &options.root,
        &crate::uptodate::Settings {
            output: &output,
            base_url: options.base_url.as_deref(),
            today: today.iso(),
            theme: themes.is_dir().then_some(themes.as_path()),
        },
    );
    let cache_dir = options.cache_dir();
    if !options.force
        && !options.prune_cache
        && let Some(record) = crate::uptodate::current(&cache_dir, &output)
        && record.fingerprint == fingerprint
    {
        return Ok((BuildSummary::up_to_date(record.made, output, started), None));
    }
    let mut memo = memo;
    let Prepared {
        catalogue,
        photos,
        photo_stats,
        photo_problems,
        warnings,
        cache,
        timings,
    } = prepare_with(
        &options.root,
        &load_options,
        &options.cache_dir(),
        options.progress,
        memo.as_mut(),
    )?;

    let render_started = Instant::now();
    let dir = theme_dir(&options.root, catalogue.site.theme.as_deref())
        .map_err(|d| BuildError::Content(single(*d)))?;
    let mut theme = Theme::load(dir.as_deref())?;
    let strings = theme.strings.clone();
    let all = language_views(&catalogue, &photos, &strings, today);
    let mut staging = Staging::create(&output)?;
    staging.remember_pages(&cache_dir.join("pages"));
    let crate::render::Rendered {
        pages,
        rendered,
        globals,
        cards,
    } = render_site(&all, &mut theme, &staging, memo.is_some())?;
    let views = &all[0];
    let render_time = render_started.elapsed();
    let peak_before_search = crate::memory::peak();
    crate::memory::reset_peak();
    let search_started = Instant::now();
    // Between stages, a build that `ocop serve` superseded gives up: the
    // stages themselves check only now and then.
    let interrupted = || crate::output::cancelled().then_some(OutputError::Interrupted);
    if let Some(error) = interrupted() {
        return Err(error.into());
    }
    // One index per language: each language's search page finds and
    // links that language's pages.
    let records: Vec<(&str, Vec<crate::search::Record>)> = all
        .iter()
        .map(|views| (views.lang().code(), crate::search::records(views)))
        .collect();
    if let Some(error) = interrupted() {
        return Err(error.into());
    }
    let indexes: Vec<crate::search::LanguageRecords<'_>> = records
        .iter()
        .map(|(language, records)| (*language, records.as_slice()))
        .collect();
    let search = crate::search::write_indexes(
        &indexes,
        &options.cache_dir(),
        &staging,
        options.defer_search,
    )?;
    let search_time = search_started.elapsed();
    let peak_search = crate::memory::peak();
    if let Some(error) = interrupted() {
        return Err(error.into());
    }
    // Sitemaps and the feed need when each file last changed.
    let dates = crate::render::Dates::of(&catalogue, &options.root);
    crate::render::write_machine_files(&all, &dates, &staging).map_err(RenderError::from)?;
    crate::data::write_exports(views, &staging).map_err(RenderError::from)?;
    let (files, bytes) = staging.written();
    let keys = if memo.is_some() {
        staging.page_keys()
    } else {
        Default::default()
    };

    let commit_started = Instant::now();
    swap(staging)?;
    let commit_time = commit_started.elapsed();
    let provinces = catalogue
        .by_province
        .iter()
        .filter(|p| !p.is_empty())
        .count();
    let pruned = if options.prune_cache {
        cache.prune().map_err(|source| BuildError::Cache {
            path: options.cache_dir(),
            source,
        })?
    } else {
        0
    };

    let summary = BuildSummary {
        products: catalogue.products.len(),
        producers: catalogue.producers.len(),
        provinces,
        pages,
        files,
        bytes,
        output,
        warnings,
        photos: photo_stats,
        pruned,
        search,
        timings: Timings {
            load: timings.load,
            catalogue: timings.catalogue,
            photos: timings.photos,
            render: render_time,
            search: search_time,
            commit: commit_time,
            peak_before_search,
            peak_search,
            total: started.elapsed(),
        },
        up_to_date: false,
        earlier_warnings: 0,
        rendered,
    };
    // A site with a stale index is not up to date: the next build indexes.
    if !summary.search.stale {
        crate::uptodate::remember(&cache_dir, &summary.output, fingerprint, summary.made());
    }
    drop(all);
    let kept = memo.map(|memo| Kept {
        memo,
        catalogue,
        photos,
        photo_problems,
        cache,
        theme,
        keys,
        globals,
        cards,
        today,
        output: summary.output.clone(),
    });
    Ok((summary, kept))
}

/// The views of each language of the site, the root one first; the others
/// are the same pages under `/<code>/`.
pub(crate) fn language_views<'a>(
    catalogue: &'a Catalogue,
    photos: &'a HashMap<PathBuf, photos::Photo>,
    strings: &'a crate::i18n::Translations,
    today: Date,
) -> Vec<Views<'a>> {
    let urls = Urls::new(&catalogue.site.base_url.full, &catalogue.site.base_url.path);
    let mut languages = catalogue.site.languages.clone();
    if languages.is_empty() {
        languages.push(catalogue.site.language);
    }
    languages
        .iter()
        .enumerate()
        .map(|(i, &lang)| Views {
            catalogue,
            photos,
            urls: urls.clone(),
            today,
            t: strings.get(lang),
            prefix: if i == 0 {
                String::new()
            } else {
                format!("{}/", lang.code())
            },
        })
        .collect()
}

impl BuildError {
    /// Whether the build stopped because it was asked to (Ctrl-C).
    pub fn is_interrupted(&self) -> bool {
        matches!(
            self,
            BuildError::Output(OutputError::Interrupted)
                | BuildError::Render(RenderError::Output(OutputError::Interrupted))
                | BuildError::Search(crate::search::SearchError::Output(OutputError::Interrupted))
        )
    }
}

/// Every asset shown as a picture.
pub(crate) fn pictures<'a>(
    producers: &'a [Producer],
    products: &'a [Product],
) -> impl Iterator<Item = &'a crate::model::Asset> {
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
pub(crate) fn photo_jobs(
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
pub(crate) fn photo_diagnostics(
    producers: &[Producer],
    products: &[Product],
    failures: &[(PathBuf, crate::diagnostic::Problem)],
) -> Diagnostics {
    let failed: HashMap<&Path, &crate::diagnostic::Problem> = failures
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
pub(crate) fn large_photo_warnings(
    producers: &[Producer],
    products: &[Product],
    photos: &HashMap<PathBuf, photos::Photo>,
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
                crate::diagnostic::Problem::PhotoVeryLarge {
                    path: asset.written.clone(),
                    bytes,
                    width,
                    height,
                },
            ))
        })
        .collect()
}

fn single(diagnostic: Diagnostic) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    diagnostics.push(diagnostic);
    diagnostics
}
