//! The first stage of the pipeline: walk `content/`, parse every file, check
//! it against the contract and the reference data, and collect every problem.

mod assets;
mod document;
mod fields;
mod file;
mod producer;
mod product;
mod site;
mod source;
pub mod spec;
mod values;
mod walk;
pub mod yaml;

pub use assets::ProducerFolder;
pub use product::{CERTIFICATE_MONTHS, parse_price};
pub use site::{BaseUrl, DEFAULT_PAGE_SIZE, SiteConfig};
pub use source::{MAX_CONTENT_FILE, read_text};
pub use spec::{FieldKind, FieldSpec, PRODUCER_FIELDS, PRODUCT_FIELDS, SITE_FIELDS};
pub use walk::{ContentFile, PRODUCERS_DIR, ProducerEntry, walk};

use crate::diagnostic::{Diagnostic, Diagnostics, Problem};
use crate::model::{Date, Producer, Product};
use crate::reference::{Reference, load_reference};
use file::read_content_file;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use values::Context;

/// Where the site settings are, relative to the root.
pub const SITE_FILE: &str = "content/site.yaml";

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
pub fn load(root: &Path, options: &LoadOptions) -> (Content, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let (reference, reference_problems) = load_reference(root);
    diagnostics.extend(reference_problems);
    let mut content = Content {
        site: None,
        reference,
        producers: Vec::new(),
        products: Vec::new(),
    };
    if !root.join("content").is_dir() {
        diagnostics.push(Diagnostic::error("content", None, Problem::ContentMissing));
        return (content, diagnostics);
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
        content.site = site;
        diagnostics.extend(problems);
    } else {
        diagnostics.push(Diagnostic::error(SITE_FILE, None, Problem::SiteFileMissing));
    }
    let (entries, walk_problems) = walk(root);
    diagnostics.extend(walk_problems);

    let reference = &content.reference;
    let producers: Vec<ReadProducer> = entries
        .par_iter()
        .map(|entry| read_producer_entry(entry, reference))
        .collect();
    let mut read_producers = Vec::new();
    for ((producer, problems), entry) in producers.into_iter().zip(&entries) {
        diagnostics.extend(problems);
        if let Some((producer, folder)) = producer {
            read_producers.push((producer, folder, entry));
        }
    }
    let jobs: Vec<(usize, &ProducerFolder, &Producer, &(String, ContentFile))> = read_producers
        .iter()
        .enumerate()
        .flat_map(|(id, (producer, folder, entry))| {
            entry
                .products
                .iter()
                .map(move |file| (id, folder, producer, file))
        })
        .collect();
    let products: Vec<(Option<Product>, Vec<Diagnostic>)> = jobs
        .par_iter()
        .map(|(id, folder, producer, (slug, file))| {
            let from = file
                .path
                .parent()
                .and_then(|p| p.strip_prefix(&folder.dir).ok())
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let context = product::ProductContext {
                files: Context {
                    folder,
                    from: &from,
                    file,
                },
                reference,
                producer_place: producer.place.clone(),
                today: options.today,
            };
            let (product, problems) = read_content_file(file, |reader, body, report| {
                product::read_product(reader, body, slug, file.display.clone(), &context, report)
            });
            (
                product.map(|mut p| {
                    p.producer = *id;
                    p
                }),
                problems,
            )
        })
        .collect();
    for (product, problems) in products {
        diagnostics.extend(problems);
        content.products.extend(product);
    }
    content.producers = read_producers
        .into_iter()
        .map(|(producer, ..)| producer)
        .collect();
    (content, diagnostics)
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
    file::parse_content(text, display, markdown, |reader, body, report| {
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
    file::parse_content(text, display, markdown, |reader, body, report| {
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
    let document = document::split(&text, origin.markdown).ok()?;
    let fields = yaml::parse(&text, document.yaml, document.yaml_line_offset).ok()?;
    fields.locate(pointer)
}

/// A producer file read: the producer and its folder if valid, and its problems.
type ReadProducer = (Option<(Producer, ProducerFolder)>, Vec<Diagnostic>);

fn read_producer_entry(entry: &ProducerEntry, reference: &Reference) -> ReadProducer {
    let folder = match ProducerFolder::new(entry.dir.clone()) {
        Ok(folder) => folder,
        Err(error) => {
            let problem = Problem::ReadFailed {
                reason: error.to_string(),
            };
            return (
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
    (producer.map(|p| (p, folder)), problems)
}
