//! The photo stage: every photo decoded once, made into responsive WebP and
//! JPEG variants, a sharing image and a placeholder colour, in parallel on
//! every core, cached so that a rebuild decodes only what changed. Outputs
//! carry no metadata of the original (no GPS position of a producer's home
//! reaches the site), and their names carry a hash of the source and the
//! settings, so a replaced photo gets a new address.

mod cache;
mod decode;
mod memory;
mod settings;
mod variants;

pub use cache::{CACHE_MARKER, DEFAULT_CACHE_DIR, Meta, PhotoCache, claim_cache_dir, hash_bytes};
pub use decode::{Decoded, MAX_PIXELS, decode, iso_media_format};
pub use memory::DECODE_MEMORY;
pub use settings::{DEFAULT_QUALITY, DEFAULT_WIDTHS, PIPELINE_VERSION, PhotoSettings};
pub use variants::{Encoded, placeholder_colour, responsive, share, thumbnail, widths_for};

use crate::cancel::Cancel;
use crate::diagnostic::Problem;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Photo files larger than this are refused before reading (phone photos
/// are 2–10 MB).
pub const MAX_FILE_BYTES: u64 = 100 << 20;

/// A photo to process.
#[derive(Debug, Clone)]
pub struct PhotoJob {
    /// The file.
    pub source: PathBuf,
    /// Its path relative to the site root: the cache index key.
    pub name: String,
    /// The path as a content file wrote it, for messages.
    pub written: String,
}

/// A processed photo, in the cache.
#[derive(Debug, Clone)]
pub struct Photo {
    /// Hash of the source content and the settings.
    pub key: String,
    /// Sizes and colour.
    pub meta: Meta,
    dir: PathBuf,
}

impl Photo {
    /// The cached file of the variant `width` wide, in format `ext` (jpg, webp).
    pub fn variant_file(&self, width: u32, ext: &str) -> PathBuf {
        self.dir.join(format!("{width}.{ext}"))
    }

    /// The cached sharing image.
    pub fn share_file(&self) -> PathBuf {
        self.dir.join("share.jpg")
    }

    /// The cached search thumbnail.
    pub fn thumbnail_file(&self) -> PathBuf {
        self.dir.join("thumb.webp")
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhotoStats {
    /// Photos decoded and encoded in this build.
    pub processed: usize,
    /// Photos whose variants were already cached.
    pub reused: usize,
    /// Photos that could not be processed.
    pub failed: usize,
}

/// Files made of one photo, by their name in the cache (`400.webp`, `share.jpg`).
pub type OutputFiles = Vec<(String, Vec<u8>)>;

/// Decodes a photo and encodes all its outputs.
pub fn make_outputs(
    bytes: &[u8],
    written: &str,
    settings: &PhotoSettings,
) -> Result<(Meta, OutputFiles), Problem> {
    let needed = settings
        .sorted_widths()
        .last()
        .copied()
        .unwrap_or(0)
        .max(settings.share.0);
    let decoded = decode(bytes, written, needed)?;
    let failed = |reason: String| Problem::NotAnImage {
        path: written.to_string(),
        reason,
    };
    let variants = responsive(&decoded.image, decoded.original, settings).map_err(failed)?;
    let shared = share(&decoded.image, settings).map_err(failed)?;
    let small = thumbnail(&decoded.image, settings).map_err(failed)?;
    let mut files = Vec::with_capacity(variants.len() * 2 + 1);
    for variant in &variants {
        files.push((format!("{}.jpg", variant.width), variant.jpeg.clone()));
        if let Some(webp) = &variant.webp {
            files.push((format!("{}.webp", variant.width), webp.clone()));
        }
    }
    files.push(("share.jpg".to_string(), shared.jpeg));
    files.push(("thumb.webp".to_string(), small.webp.unwrap_or_default()));
    let meta = Meta {
        original: decoded.original,
        colour: placeholder_colour(&decoded.image),
        variants: variants.iter().map(|v| (v.width, v.height)).collect(),
        share: (shared.width, shared.height),
        thumbnail: (small.width, small.height),
    };
    Ok((meta, files))
}

enum Outcome {
    Processed(Photo),
    Reused(Photo),
    Failed(Problem),
    Skipped,
}

fn process_one(
    job: &PhotoJob,
    cache: &PhotoCache,
    settings: &PhotoSettings,
    cancel: &Cancel,
) -> Outcome {
    if cancel.is_cancelled() {
        return Outcome::Skipped;
    }
    let read_failed = |e: std::io::Error| {
        Outcome::Failed(Problem::NotAnImage {
            path: job.written.clone(),
            reason: e.to_string(),
        })
    };
    match std::fs::metadata(&job.source) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return Outcome::Failed(Problem::FileTooLarge {
                size: meta.len(),
                limit: MAX_FILE_BYTES,
            });
        }
        Ok(_) => {}
        Err(e) => return read_failed(e),
    }
    let (key, bytes) = match cache.key_of(&job.source, &job.name) {
        Ok(found) => found,
        Err(e) => return read_failed(e),
    };
    if let Some(meta) = cache.meta(&key) {
        return Outcome::Reused(Photo {
            dir: cache.entry(&key),
            key,
            meta,
        });
    }
    let bytes = match bytes {
        Some(bytes) => bytes,
        None => match std::fs::read(&job.source) {
            Ok(bytes) => bytes,
            Err(e) => return read_failed(e),
        },
    };
    match make_outputs(&bytes, &job.written, settings) {
        Ok((meta, files)) => {
            let named: Vec<(String, &[u8])> = files
                .iter()
                .map(|(n, b)| (n.clone(), b.as_slice()))
                .collect();
            if let Err(e) = cache.store(&key, &named, &meta) {
                return read_failed(e);
            }
            Outcome::Processed(Photo {
                dir: cache.entry(&key),
                key,
                meta,
            })
        }
        Err(problem) => Outcome::Failed(problem),
    }
}

/// What the photo stage made.
pub struct Processed {
    /// Processed photos by source file.
    pub photos: HashMap<PathBuf, Photo>,
    /// Photos that failed, by source file.
    pub failures: Vec<(PathBuf, Problem)>,
    /// Counts.
    pub stats: PhotoStats,
}

/// Processes every photo in parallel. A progress bar is drawn on a terminal
/// when `progress` is set and more than a few photos need work. Once
/// `cancel` is cancelled, the photos not started are left out.
pub fn process_all(
    jobs: &[PhotoJob],
    cache: &PhotoCache,
    settings: &PhotoSettings,
    progress: bool,
    cancel: &Cancel,
) -> Processed {
    let bar = (progress && std::io::stderr().is_terminal() && jobs.len() >= 8).then(|| {
        let bar = indicatif::ProgressBar::new(jobs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} ảnh {pos}/{len} [{bar:30}] {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    });
    let done = AtomicUsize::new(0);
    let outcomes: Vec<(PathBuf, Outcome)> = jobs
        .par_iter()
        .map(|job| {
            let outcome = process_one(job, cache, settings, cancel);
            done.fetch_add(1, Ordering::Relaxed);
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            (job.source.clone(), outcome)
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut processed = Processed {
        photos: HashMap::new(),
        failures: Vec::new(),
        stats: PhotoStats::default(),
    };
    for (source, outcome) in outcomes {
        match outcome {
            Outcome::Processed(photo) => {
                processed.stats.processed += 1;
                processed.photos.insert(source, photo);
            }
            Outcome::Reused(photo) => {
                processed.stats.reused += 1;
                processed.photos.insert(source, photo);
            }
            Outcome::Failed(problem) => {
                processed.stats.failed += 1;
                processed.failures.push((source, problem));
            }
            Outcome::Skipped => {}
        }
    }
    processed
}

/// The output name of a photo file: `<stem>-<key>-<width>.<ext>`, the stem
/// from the source's file name, ASCII.
pub fn output_name(source: &Path, key: &str, suffix: &str) -> String {
    let stem = source
        .file_stem()
        .map(|s| crate::text::slugify(&s.to_string_lossy()))
        .unwrap_or_default();
    let stem = if stem.is_empty() {
        "anh".to_string()
    } else {
        stem
    };
    format!("{stem}-{}-{suffix}", &key[..10])
}
