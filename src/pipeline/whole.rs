//! A run over everything: every stage over the whole site, into a staging
//! folder swapped in at the end. Work is still saved where inputs did not
//! change: photos come from their cache, pages whose key is that of the
//! page in the reused folder are kept, and the search index reuses what
//! its memo knows.

use super::summary::{BuildError, BuildSummary, Timings};
use super::{BuildOptions, Memory, Pipeline, Search};
use crate::cancel::Cancel;
use crate::catalogue::Catalogue;
use crate::content::{self, ContentMemo, LoadOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Date;
use crate::output::{OutputError, Staging, check_output};
use crate::photos::{self, Photo, PhotoCache, PhotoStats};
use crate::render::{Presenter, RenderError, Theme, render_site, theme_dir};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A site checked and ready to render: its catalogue and processed photos.
pub(super) struct Prepared {
    pub(super) catalogue: Catalogue,
    /// Processed photos by source file.
    pub(super) photos: HashMap<PathBuf, Photo>,
    pub(super) photo_stats: PhotoStats,
    /// What is wrong with the photos (also among `warnings`).
    pub(super) photo_problems: Vec<Diagnostic>,
    /// Warnings, sorted.
    pub(super) warnings: Diagnostics,
    pub(super) cache: PhotoCache,
    /// Time spent reading content, building the catalogue and on photos.
    pub(super) timings: Timings,
}

/// The stages up to validation: content, photos (made into their variants
/// in the cache), catalogue. All problems come back together, sorted by
/// file and line; photos are checked even when content has errors, as
/// long as the site settings can be read. Content is read through `memo`
/// when given, which then remembers what was read.
pub(super) fn prepare(
    options: &BuildOptions,
    today: Date,
    memo: Option<&mut ContentMemo>,
    cancel: &Cancel,
) -> Result<Prepared, BuildError> {
    let started = Instant::now();
    let root = &options.root;
    let load_options = LoadOptions {
        base_url: options.base_url.clone(),
        today,
    };
    let (content, mut diagnostics) = match memo {
        Some(memo) => memo.load(root, &load_options, cancel),
        None => content::load(root, &load_options, cancel),
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
    interrupted(cancel)?;
    let load = started.elapsed();

    let photos_started = Instant::now();
    let cache_dir = options.cache_dir();
    let cache_error = |source| BuildError::Cache {
        path: cache_dir.clone(),
        source,
    };
    let cache = PhotoCache::open(&cache_dir, &site.photos).map_err(cache_error)?;
    let (jobs, names) =
        super::photo_problems::photo_jobs(&content.producers, &content.products, root);
    let processed = photos::process_all(&jobs, &cache, &site.photos, options.progress, cancel);
    interrupted(cancel)?;
    let mut photo_problems = super::photo_problems::photo_diagnostics(
        &content.producers,
        &content.products,
        &processed.failures,
    );
    photo_problems.extend(super::photo_problems::large_photo_warnings(
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

/// The theme the site names (or the one built in), its templates compiled.
pub(super) fn load_theme(root: &Path, catalogue: &Catalogue) -> Result<Theme, BuildError> {
    let dir = theme_dir(root, catalogue.site.theme.as_deref())
        .map_err(|d| BuildError::Content(std::iter::once(*d).collect()))?;
    Ok(Theme::load(dir.as_deref())?)
}

/// The search index of each language (each language's search page finds
/// and links that language's pages), written into `staging`.
fn search_index(
    all: &[Presenter<'_>],
    cache_dir: &Path,
    staging: &Staging,
    search: Search,
    cancel: &Cancel,
) -> Result<crate::search::SearchStats, BuildError> {
    let records: Vec<(&str, Vec<crate::search::Record>)> = all
        .iter()
        .map(|presenter| (presenter.lang().code(), crate::search::records(presenter)))
        .collect();
    interrupted(cancel)?;
    let indexes: Vec<crate::search::LanguageRecords<'_>> = records
        .iter()
        .map(|(language, records)| (*language, records.as_slice()))
        .collect();
    let defer = search == Search::Later;
    Ok(crate::search::write_indexes(
        &indexes, cache_dir, staging, defer, cancel,
    )?)
}

/// The files other than pages and the search index: sitemaps and the
/// feed, the data exports and the browser editor's files.
fn catalogue_files(
    all: &[Presenter<'_>],
    root: &Path,
    staging: &Staging,
    cancel: &Cancel,
) -> Result<(), BuildError> {
    let presenter = &all[0];
    interrupted(cancel)?;
    // Sitemaps and the feed need when each file last changed.
    let dates = crate::render::Dates::of(presenter.catalogue, root);
    crate::render::write_machine_files(all, &dates, staging).map_err(RenderError::from)?;
    interrupted(cancel)?;
    crate::data::write_exports(presenter, staging).map_err(RenderError::from)?;
    crate::cms::admin::write_admin(presenter.catalogue, staging).map_err(RenderError::from)?;
    Ok(())
}

fn interrupted(cancel: &Cancel) -> Result<(), BuildError> {
    if cancel.is_cancelled() {
        return Err(OutputError::Interrupted.into());
    }
    Ok(())
}

/// Runs every stage over the whole site of `pipeline` and swaps the new
/// site in. Returns what the stages remember when the pipeline keeps it
/// (`None` also when the site was found up to date: nothing was read).
pub(super) fn run(
    pipeline: &Pipeline,
    search: Search,
    cancel: &Cancel,
) -> Result<(BuildSummary, Option<Memory>), BuildError> {
    let started = Instant::now();
    let options = &pipeline.options;
    let output = check_output(&options.output_dir(), &options.root)?;
    let today = options.today.unwrap_or_else(Date::today);
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
    // A pipeline that remembers needs what the stages read, even when the
    // site is as the last build left it.
    if !options.force
        && !options.prune_cache
        && !pipeline.remembering
        && let Some(record) = crate::uptodate::current(&cache_dir, &output)
        && record.fingerprint == fingerprint
    {
        let summary = BuildSummary::up_to_date(record.figures, output, started);
        return Ok((summary, None));
    }
    let mut memo = pipeline.remembering.then(ContentMemo::new);
    let Prepared {
        catalogue,
        photos,
        photo_stats,
        photo_problems,
        warnings,
        cache,
        timings,
    } = prepare(options, today, memo.as_mut(), cancel)?;

    let mut theme = load_theme(&options.root, &catalogue)?;
    let strings = theme.strings.clone();
    let all = language_views(&catalogue, &photos, &strings, today);
    let mut staging = Staging::create(&output, cancel.clone())?;
    staging.remember_pages(&cache_dir.join("pages"));
    let peak_reading = crate::peak_memory::peak();
    crate::peak_memory::reset_peak();
    // Pages on one side, and on the other the files made from the
    // catalogue alone (the search index, sitemaps and feed, the data
    // exports): rendering writes a file per page and spends as much time
    // in the kernel as in templates, and the other side fills the gaps.
    // At 100,000 products the index alongside took a build from 42 to
    // 37 s; the sitemaps and exports, 2.3 s after the last page before,
    // now fill gaps too. Each side stops the other when it fails.
    let (pages_cancel, others_cancel) = (cancel.child(), cancel.child());
    let (rendered, others) = rayon::join(
        || {
            let started = Instant::now();
            let rendered = render_site(
                &all,
                &mut theme,
                &staging,
                pipeline.remembering,
                &pages_cancel,
            );
            if rendered.is_err() {
                others_cancel.cancel();
            }
            rendered.map(|rendered| (rendered, started.elapsed()))
        },
        || {
            let started = Instant::now();
            let others = search_index(&all, &cache_dir, &staging, search, &others_cancel).and_then(
                |search| {
                    let search_time = started.elapsed();
                    catalogue_files(&all, &options.root, &staging, &others_cancel)?;
                    Ok((search, search_time, started.elapsed() - search_time))
                },
            );
            if others.is_err() {
                pages_cancel.cancel();
            }
            others
        },
    );
    let ((rendered, render_time), (search, search_time, other_files_time)) =
        match (rendered, others) {
            (Ok(rendered), Ok(others)) => (rendered, others),
            (Err(error), Ok(_)) => return Err(error.into()),
            (Ok(_), Err(error)) => return Err(error),
            // The side that failed first stopped the other: its error is the
            // one to report.
            (Err(error), Err(others_error)) => {
                let error = BuildError::from(error);
                return Err(if error.is_interrupted() {
                    others_error
                } else {
                    error
                });
            }
        };
    let crate::render::Rendered {
        pages,
        rendered,
        globals,
        cards,
    } = rendered;
    let peak_rendering = crate::peak_memory::peak();
    interrupted(cancel)?;
    let (files, bytes) = staging.written();
    let keys = if pipeline.remembering {
        staging.page_keys()
    } else {
        Default::default()
    };

    let commit_started = Instant::now();
    {
        // Requests wait only while the new site is swapped in.
        let _writing = pipeline
            .site_lock
            .as_ref()
            .map(|lock| lock.write().unwrap_or_else(|e| e.into_inner()));
        staging.commit()?;
    }
    let commit_time = commit_started.elapsed();
    let pruned = if options.prune_cache {
        cache.prune().map_err(|source| BuildError::Cache {
            path: cache_dir.clone(),
            source,
        })?
    } else {
        0
    };

    let summary = BuildSummary {
        products: catalogue.products.len(),
        producers: catalogue.producers.len(),
        provinces: provinces_with_products(&catalogue),
        pages,
        files,
        bytes,
        output,
        warnings,
        photos: photo_stats,
        pruned,
        search,
        timings: Timings {
            render: render_time,
            search: search_time,
            other_files: other_files_time,
            commit: commit_time,
            peak_reading,
            peak_rendering,
            total: started.elapsed(),
            ..timings
        },
        up_to_date: false,
        page_by_page: false,
        earlier_warnings: 0,
        rendered,
    };
    // A site with a stale index is not up to date: the next build indexes.
    if !summary.search.stale {
        crate::uptodate::remember(&cache_dir, &summary.output, fingerprint, summary.figures());
    }
    drop(all);
    let memory = memo.map(|content| Memory {
        content,
        catalogue,
        photos,
        photo_problems,
        cache,
        theme,
        pages: keys,
        globals,
        cards,
        today,
        output: summary.output.clone(),
    });
    Ok((summary, memory))
}

/// Provinces with at least one product.
pub(super) fn provinces_with_products(catalogue: &Catalogue) -> usize {
    catalogue
        .by_province
        .iter()
        .filter(|p| !p.is_empty())
        .count()
}

/// The presenter of each language of the site, the root one first; the others
/// are the same pages under `/<code>/`.
pub(super) fn language_views<'a>(
    catalogue: &'a Catalogue,
    photos: &'a HashMap<PathBuf, Photo>,
    strings: &'a crate::i18n::Translations,
    today: Date,
) -> Vec<Presenter<'a>> {
    let urls =
        crate::render::Urls::new(&catalogue.site.base_url.full, &catalogue.site.base_url.path);
    let mut languages = catalogue.site.languages.clone();
    if languages.is_empty() {
        languages.push(catalogue.site.language);
    }
    languages
        .iter()
        .enumerate()
        .map(|(i, &lang)| Presenter {
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
