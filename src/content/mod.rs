//! The first stage of the pipeline: walk `content/`, parse every file, check
//! it against the contract and the reference data, and collect every problem.

mod assets;
mod cms_settings;
mod fields;
mod front_matter;
mod linked;
mod nesting;
mod parse;
mod producer;
mod product;
mod reference_files;
mod site;
pub mod spec;
mod text;
mod values;
mod walk;
pub mod yaml;

pub use assets::ProducerFolder;
pub use cms_settings::{CmsSettings, REPO_PATTERN, valid_repo};
pub use linked::MAX_LINKED_FILE;
pub use nesting::MAX_NESTING;
pub use product::MAX_PHOTOS_PER_PRODUCT;
pub use product::{CERTIFICATE_MONTHS, parse_price};
pub use site::{BaseUrl, DEFAULT_PAGE_SIZE, SiteConfig, deploy_target};
pub use spec::{FieldKind, FieldSpec, PRODUCER_FIELDS, PRODUCT_FIELDS, SITE_FIELDS};
pub use text::{MAX_CONTENT_FILE, read_text};
pub use walk::first_link;
pub use walk::{ContentFile, PRODUCERS_DIR, ProducerEntry, walk};

use crate::cancel::Cancel;
use crate::diagnostic::{Diagnostic, Diagnostics, Problem, Severity};
use crate::model::{Date, Producer, Product};
use crate::reference::Reference;
use parse::read_content_file;
use rayon::prelude::*;
pub use reference_files::{OVERRIDE_DIR, load_reference};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use values::Context;

/// The most producer folders one thread reads before the rest may be
/// shared out (see [`load`]).
const FOLDERS_A_PIECE: usize = 16;

/// Where the site settings are, relative to the root.
pub const SITE_FILE: &str = "content/site.yaml";

/// The most photos one producer folder may hold, its products' and logo
/// together: enough for fifteen products of twenty photos each.
pub const MAX_PHOTOS_PER_PRODUCER: usize = 300;

/// Settings of a load that do not come from the content.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Replaces `base_url` of `site.yaml` (`--base-url`).
    pub base_url: Option<String>,
    /// The day certificates are checked against.
    pub today: Date,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            base_url: None,
            today: Date::today(),
        }
    }
}

/// Everything read from a site's content that passed its checks.
#[derive(Debug, Clone)]
pub struct Content {
    /// Site settings, if `site.yaml` was valid.
    pub site: Option<SiteConfig>,
    /// The reference data in force.
    pub reference: Reference,
    /// Valid producers, by folder name.
    pub producers: Vec<Producer>,
    /// Valid products of valid producers; `producer` indexes `producers`.
    pub products: Vec<Product>,
}

/// Reads the content of the site at `root`. Returns what is valid and every
/// problem found, errors and warnings, in no particular order.
///
/// Folders are read a few at a time per thread: rayon splits a list only
/// while its pieces are being stolen, so a piece one thread reads alone
/// could be a quarter of the catalogue while the other thread idles.
pub fn load(root: &Path, options: &LoadOptions, cancel: &Cancel) -> (Content, Diagnostics) {
    let settings = read_settings(root, options);
    let Some(folders) = settings.folders.as_ref() else {
        return settings.into_content(std::iter::empty());
    };
    let reads: Vec<FolderRead> = folders
        .par_iter()
        .with_max_len(FOLDERS_A_PIECE)
        .map(|(slug, dir)| read_folder(root, slug, dir, &settings.reference, options.today, cancel))
        .collect();
    settings.into_content(reads)
}

/// What is read before the producer folders: the reference data, the site
/// settings and the list of folders.
#[derive(Debug, Clone)]
struct Settings {
    reference: Reference,
    site: Option<SiteConfig>,
    /// Producer folders by name, in name order; `None` without `content/`.
    folders: Option<Vec<(String, PathBuf)>>,
    /// Problems of the reference data and the site settings.
    diagnostics: Vec<Diagnostic>,
    /// Problems of what `content/producers` holds besides producer folders.
    listing: Vec<Diagnostic>,
}

fn read_settings(root: &Path, options: &LoadOptions) -> Settings {
    let (reference, mut diagnostics) = load_reference(root);
    let mut settings = Settings {
        reference,
        site: None,
        folders: None,
        diagnostics: Vec::new(),
        listing: Vec::new(),
    };
    if let Some(link) = walk::first_link(root, Path::new("content")) {
        diagnostics.push(Diagnostic::error(link, None, Problem::SymlinkNotAllowed));
        settings.diagnostics = diagnostics.into_vec();
        return settings;
    }
    if !root.join("content").is_dir() {
        diagnostics.push(Diagnostic::error("content", None, Problem::ContentMissing));
        settings.diagnostics = diagnostics.into_vec();
        return settings;
    }
    let site_file = ContentFile {
        path: root.join(SITE_FILE),
        display: PathBuf::from(SITE_FILE),
        markdown: false,
    };
    if site_file.path.is_file() {
        let (site, problems) = read_content_file(&site_file, |reader, _, report| {
            site::read_site(reader, options.base_url.as_deref(), report)
        });
        settings.site = site;
        diagnostics.extend(problems);
    } else {
        diagnostics.push(Diagnostic::error(SITE_FILE, None, Problem::SiteFileMissing));
    }
    let (folders, listing) = walk::producer_folders(root);
    settings.folders = Some(folders);
    settings.listing = listing;
    settings.diagnostics = diagnostics.into_vec();
    settings
}

impl Settings {
    /// The content of these settings and of `reads`, one per folder in
    /// order, with every problem found.
    fn into_content(self, reads: impl IntoIterator<Item = FolderRead>) -> (Content, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let listed_quietly = self.listing.is_empty();
        diagnostics.extend(self.diagnostics);
        diagnostics.extend(self.listing);
        let mut content = Content {
            site: self.site,
            reference: self.reference,
            producers: Vec::new(),
            products: Vec::new(),
        };
        let mut any_folder = false;
        for read in reads {
            any_folder = true;
            diagnostics.extend(read.diagnostics);
            if let Some((producer, products)) = read.read {
                let id = content.producers.len();
                content.producers.push(producer);
                content.products.extend(products.into_iter().map(|mut p| {
                    p.producer = id;
                    p
                }));
            }
        }
        if self.folders.is_some() && !any_folder && listed_quietly {
            diagnostics.push(walk::no_producers());
        }
        (content, diagnostics)
    }
}

/// What one producer folder holds: its producer and products when its
/// producer file is valid, and every problem found in it.
#[derive(Debug, Clone)]
struct FolderRead {
    read: Option<Folder>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads one producer folder: its producer file, then its product files
/// (which depend on the producer's place).
fn read_folder(
    root: &Path,
    slug: &str,
    dir: &Path,
    reference: &Reference,
    today: Date,
    cancel: &Cancel,
) -> FolderRead {
    let mut diagnostics = Vec::new();
    // A build that gives up has no use for the rest of the content.
    if cancel.is_cancelled() {
        return FolderRead {
            read: None,
            diagnostics,
        };
    }
    let Some(entry) = walk::walk_producer(root, dir, slug.to_string(), &mut diagnostics) else {
        return FolderRead {
            read: None,
            diagnostics,
        };
    };
    let (producer, folder, problems) = read_producer_entry(&entry, reference);
    diagnostics.extend(problems);
    let Some(folder) = folder else {
        return FolderRead {
            read: None,
            diagnostics,
        };
    };
    // The products are read even when the producer file is wrong, so a
    // producer sees every problem of the folder in one run.
    let producer_place = producer.as_ref().map_or(
        crate::model::Place {
            province: 0,
            former: None,
        },
        |p| p.place.clone(),
    );
    let mut products = Vec::with_capacity(entry.products.len());
    for (slug, file) in &entry.products {
        let from = file
            .path
            .parent()
            .and_then(|p| p.strip_prefix(&folder.dir).ok())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let context = product::ProductContext {
            files: Context {
                folder: &folder,
                from: &from,
                file,
            },
            reference,
            producer_place: producer_place.clone(),
            today,
        };
        let (product, problems) = read_content_file(file, |reader, body, report| {
            product::read_product(reader, body, slug, file.display.clone(), &context, report)
        });
        diagnostics.extend(problems);
        products.extend(product);
    }
    let photos: usize = products.iter().map(|p| p.photos.len()).sum::<usize>()
        + producer
            .as_ref()
            .map_or(0, |p| usize::from(p.logo.is_some()));
    if photos > MAX_PHOTOS_PER_PRODUCER {
        diagnostics.push(Diagnostic::error(
            entry.file.display.clone(),
            None,
            Problem::TooManyPhotos {
                count: photos,
                limit: MAX_PHOTOS_PER_PRODUCER,
                producer: true,
            },
        ));
    }
    FolderRead {
        read: producer.map(|producer| (producer, products)),
        diagnostics,
    }
}

/// What [`load`] found, kept to read again only the producer folders that
/// changed (`ocop serve` after an edit): the settings, and the problems
/// of each folder. The producers and products themselves are the
/// catalogue's, which the caller keeps.
#[derive(Debug, Default)]
pub struct ContentMemo {
    /// The options and settings of the last load.
    settings: Option<(LoadOptions, Settings)>,
    /// The problems found in each folder, by folder name: in the order of
    /// the folders, so that the problems of all of them are in order too.
    folders: BTreeMap<String, Vec<Diagnostic>>,
}

/// A producer folder's producer and its products.
pub type Folder = (Producer, Vec<Product>);

/// `diagnostics` sorted. Each folder's problems are kept sorted, and the
/// folders are in order: sorting all of them again after an edit (27,000
/// warnings in a generated national catalogue) is then a pass.
fn sorted(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diagnostics: Diagnostics = diagnostics.into_iter().collect();
    diagnostics.sort();
    diagnostics.into_vec()
}

/// Producer folders read again: see [`ContentMemo::reread`].
#[derive(Debug)]
pub struct Reread {
    /// The site settings, as they were.
    pub site: Option<SiteConfig>,
    /// Each folder read again, by name, with its producer and products
    /// when its producer file is valid (their `producer` is 0).
    pub folders: Vec<(String, Option<Folder>)>,
    /// The folders named as changed that are gone.
    pub gone: HashSet<String>,
}

impl ContentMemo {
    /// An empty memo.
    pub fn new() -> ContentMemo {
        ContentMemo::default()
    }

    /// Reads the whole content, as [`load`] does, and remembers what the
    /// next [`ContentMemo::reread`] needs.
    pub fn load(
        &mut self,
        root: &Path,
        options: &LoadOptions,
        cancel: &Cancel,
    ) -> (Content, Diagnostics) {
        let settings = read_settings(root, options);
        self.folders.clear();
        let Some(folders) = settings.folders.as_ref() else {
            self.settings = None;
            return settings.into_content(std::iter::empty());
        };
        let reads: Vec<FolderRead> = folders
            .par_iter()
            .with_max_len(FOLDERS_A_PIECE)
            .map(|(slug, dir)| {
                read_folder(root, slug, dir, &settings.reference, options.today, cancel)
            })
            .collect();
        for ((slug, _), read) in folders.iter().zip(&reads) {
            self.folders
                .insert(slug.clone(), sorted(read.diagnostics.clone()));
        }
        self.settings = Some((options.clone(), settings.clone()));
        settings.into_content(reads)
    }

    /// Reads again the producer folders named in `changed`, and folders
    /// that appeared since, keeping the settings and reference data of the
    /// last load. `None` when the options differ from that load's, or there
    /// was none: everything must be read.
    pub fn reread(
        &mut self,
        root: &Path,
        options: &LoadOptions,
        changed: &HashSet<String>,
        cancel: &Cancel,
    ) -> Option<Reread> {
        let (before, settings) = self.settings.as_mut()?;
        if before.base_url != options.base_url || before.today != options.today {
            return None;
        }
        let folders = settings.folders.as_mut()?;
        // Folders may have come or gone. Listing the folders of a national
        // catalogue took a fifth of a second, so only the changed names
        // are looked at; anything but a producer folder (a file, a link, a
        // name that is not a slug) needs the checks of a whole load.
        let base = root.join(PRODUCERS_DIR);
        let mut stale = Vec::new();
        let mut gone = HashSet::new();
        for slug in changed {
            let dir = base.join(slug);
            match dir.symlink_metadata() {
                Ok(meta) if meta.is_dir() && crate::text::is_slug(slug) => {
                    stale.push((slug.clone(), dir));
                }
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    gone.insert(slug.clone());
                }
                _ => return None,
            }
        }
        for (slug, dir) in &stale {
            if let Err(at) = folders.binary_search_by(|(s, _)| s.as_str().cmp(slug)) {
                folders.insert(at, (slug.clone(), dir.clone()));
            }
        }
        for slug in &gone {
            if let Ok(at) = folders.binary_search_by(|(s, _)| s.as_str().cmp(slug)) {
                folders.remove(at);
            }
            self.folders.remove(slug);
        }
        let reads: Vec<FolderRead> = stale
            .par_iter()
            .map(|(slug, dir)| {
                read_folder(root, slug, dir, &settings.reference, options.today, cancel)
            })
            .collect();
        let mut read_again = Vec::with_capacity(reads.len());
        for ((slug, _), read) in stale.into_iter().zip(reads) {
            self.folders.insert(slug.clone(), sorted(read.diagnostics));
            read_again.push((slug, read.read));
        }
        Some(Reread {
            site: settings.site.clone(),
            folders: read_again,
            gone,
        })
    }

    /// The problems of the settings, and of the producer folders: what
    /// the last load found, and each reread since.
    fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.settings
            .iter()
            .flat_map(|(_, s)| s.diagnostics.iter().chain(&s.listing))
            .chain(self.folders.values().flatten())
    }

    /// Whether the last read found no producer folder, and nothing else
    /// where they belong.
    fn no_producers(&self) -> bool {
        self.settings.as_ref().is_some_and(|(_, s)| {
            s.folders.as_ref().is_some_and(Vec::is_empty) && s.listing.is_empty()
        })
    }

    /// Whether the content holds an error, as last read.
    pub fn has_errors(&self) -> bool {
        self.no_producers() || self.problems().any(|d| d.severity == Severity::Error)
    }

    /// Every problem of the content, as last read, in order.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut diagnostics: Diagnostics = self.problems().cloned().collect();
        if self.no_producers() {
            diagnostics.push(walk::no_producers());
        }
        diagnostics.sort();
        diagnostics
    }
}

/// Checks the text of one product file as if it were in `folder`'s
/// `products/` (used by the fuzz targets, and by tools checking one file).
pub fn check_product_text(
    text: &str,
    markdown: bool,
    folder: &ProducerFolder,
    reference: &Reference,
    today: Date,
) -> (Option<Product>, Vec<Diagnostic>) {
    let from = PathBuf::from("products");
    let file = ContentFile {
        path: folder.dir.join("products/product.yaml"),
        display: PathBuf::from("products/product.yaml"),
        markdown,
    };
    let context = product::ProductContext {
        files: Context {
            folder,
            from: &from,
            file: &file,
        },
        reference,
        producer_place: crate::model::Place {
            province: 0,
            former: None,
        },
        today,
    };
    let display = Path::new("products/product.yaml");
    parse::parse_content(text, display, markdown, |reader, body, report| {
        product::read_product(
            reader,
            body,
            "product",
            display.to_path_buf(),
            &context,
            report,
        )
    })
}

/// Checks the text of one producer file as if it were `folder`'s.
pub fn check_producer_text(
    text: &str,
    markdown: bool,
    folder: &ProducerFolder,
    reference: &Reference,
) -> (Option<Producer>, Vec<Diagnostic>) {
    let from = PathBuf::new();
    let file = ContentFile {
        path: folder.dir.join("producer.yaml"),
        display: PathBuf::from("producer.yaml"),
        markdown,
    };
    let context = Context {
        folder,
        from: &from,
        file: &file,
    };
    let display = Path::new("producer.yaml");
    parse::parse_content(text, display, markdown, |reader, body, report| {
        producer::read_producer(
            reader,
            body,
            "producer",
            display.to_path_buf(),
            &context,
            reference,
            report,
        )
    })
}

/// Finds where an asset's origin is in its file: the Markdown place known
/// when it was read, or the field, by reading the file again (only files
/// whose assets failed pay for this).
pub fn locate_origin(origin: &crate::model::Origin) -> Option<crate::diagnostic::Location> {
    if let Some(location) = &origin.location {
        return Some(location.clone());
    }
    let pointer = origin.pointer.as_ref()?;
    let text = read_text(&origin.disk, &origin.file).ok()?;
    let document = front_matter::split(&text, origin.markdown).ok()?;
    let fields = yaml::parse(&text, document.yaml, document.yaml_line_offset).ok()?;
    fields.locate(pointer)
}

/// A producer file read: the producer and its folder if valid, and its problems.
/// The producer when its file is valid, its folder when it can be read,
/// and the problems of its file.
type ReadProducer = (Option<Producer>, Option<ProducerFolder>, Vec<Diagnostic>);

fn read_producer_entry(entry: &ProducerEntry, reference: &Reference) -> ReadProducer {
    let folder = match ProducerFolder::new(entry.dir.clone()) {
        Ok(folder) => folder,
        Err(error) => {
            let problem = Problem::ReadFailed {
                reason: error.to_string(),
            };
            return (
                None,
                None,
                vec![Diagnostic::error(entry.display.clone(), None, problem)],
            );
        }
    };
    let from = PathBuf::new();
    let context = Context {
        folder: &folder,
        from: &from,
        file: &entry.file,
    };
    let (producer, problems) = read_content_file(&entry.file, |reader, body, report| {
        producer::read_producer(
            reader,
            body,
            &entry.slug,
            entry.file.display.clone(),
            &context,
            reference,
            report,
        )
    });
    (producer, Some(folder), problems)
}
