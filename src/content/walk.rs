//! Finding the content files: one folder per producer under
//! `content/producers/`, its producer file, and its product files.

use crate::diagnostic::{Diagnostic, Problem};
use crate::text::{is_slug, slugify};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A content file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    /// The file on disk.
    pub path: PathBuf,
    /// The path shown in messages, relative to the site root.
    pub display: PathBuf,
    /// Whether it is Markdown with front matter rather than plain YAML.
    pub markdown: bool,
}

/// A producer's folder and the files found in it.
#[derive(Debug, Clone)]
pub struct ProducerEntry {
    /// The folder name.
    pub slug: String,
    /// The folder on disk.
    pub dir: PathBuf,
    /// The folder as shown in messages.
    pub display: PathBuf,
    /// `producer.yaml` or `producer.md`.
    pub file: ContentFile,
    /// Product files, with their slugs, sorted by file name.
    pub products: Vec<(String, ContentFile)>,
}

/// Where producer folders live, relative to the root.
pub const PRODUCERS_DIR: &str = "content/producers";

const CONTENT_EXTENSIONS: &[&str] = &["yaml", "yml", "md"];
const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp", "heic", "heif", "gif", "avif"];

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Lists the entries of `dir` in name order, without following links.
fn entries(dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
}

/// Finds every producer folder under `root/content/producers`.
pub fn walk(root: &Path) -> (Vec<ProducerEntry>, Vec<Diagnostic>) {
    let (folders, mut diagnostics) = producer_folders(root);
    let producers: Vec<ProducerEntry> = folders
        .into_iter()
        .filter_map(|(slug, dir)| walk_producer(root, &dir, slug, &mut diagnostics))
        .collect();
    if producers.is_empty() && diagnostics.is_empty() {
        diagnostics.push(no_producers());
    }
    (producers, diagnostics)
}

/// The error of a site without a single producer folder.
pub(crate) fn no_producers() -> Diagnostic {
    Diagnostic::error(PRODUCERS_DIR, None, Problem::NoProducers)
}

/// The producer folders under `root/content/producers` (folder name and
/// path, in name order), and what is wrong with the other entries there.
pub(crate) fn producer_folders(root: &Path) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let mut folders = Vec::new();
    let mut diagnostics = Vec::new();
    let base = root.join(PRODUCERS_DIR);
    if let Some(link) = first_link(root, Path::new(PRODUCERS_DIR)) {
        diagnostics.push(Diagnostic::error(link, None, Problem::SymlinkNotAllowed));
        return (folders, diagnostics);
    }
    if !base.is_dir() {
        diagnostics.push(no_producers());
        return (folders, diagnostics);
    }
    for entry in entries(&base) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let display = error
                    .path()
                    .map_or_else(|| PathBuf::from(PRODUCERS_DIR), |p| display_path(root, p));
                diagnostics.push(Diagnostic::error(
                    display,
                    None,
                    Problem::ReadFailed {
                        reason: error.to_string(),
                    },
                ));
                continue;
            }
        };
        let path = entry.path();
        let display = display_path(root, path);
        if is_hidden(path) {
            continue;
        }
        if entry.path_is_symlink() {
            diagnostics.push(Diagnostic::error(display, None, Problem::SymlinkNotAllowed));
            continue;
        }
        if !entry.file_type().is_dir() {
            diagnostics.push(Diagnostic::warning(display, None, Problem::IgnoredFile));
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_slug(&name) {
            diagnostics.push(Diagnostic::error(
                display,
                None,
                Problem::InvalidSlug {
                    suggestion: slugify(&name),
                    name,
                },
            ));
            continue;
        }
        folders.push((name, path.to_path_buf()));
    }
    (folders, diagnostics)
}

/// The first folder or file of `relative` (a path below `root`) that is a
/// symbolic link, relative to the root. The root itself may be one (a
/// checkout under a linked home folder); what the repository holds may not.
pub fn first_link(root: &Path, relative: &Path) -> Option<PathBuf> {
    let mut walked = PathBuf::new();
    for part in relative.components() {
        walked.push(part);
        let is_link = root
            .join(&walked)
            .symlink_metadata()
            .is_ok_and(|meta| meta.file_type().is_symlink());
        if is_link {
            return Some(walked);
        }
    }
    None
}

/// The path relative to the root, as a producer sees it in git.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The producer file and product files of one producer folder; `None`
/// (with the reason in `diagnostics`) when it has no single producer file.
pub(crate) fn walk_producer(
    root: &Path,
    dir: &Path,
    slug: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ProducerEntry> {
    let display = display_path(root, dir);
    let mut producer_files = Vec::new();
    for name in ["producer.yaml", "producer.yml", "producer.md"] {
        let path = dir.join(name);
        match path.symlink_metadata() {
            Ok(meta) if meta.file_type().is_symlink() => {
                diagnostics.push(Diagnostic::error(
                    display.join(name),
                    None,
                    Problem::SymlinkNotAllowed,
                ));
            }
            Ok(meta) if meta.is_file() => producer_files.push(ContentFile {
                display: display.join(name),
                markdown: name.ends_with(".md"),
                path,
            }),
            _ => {}
        }
    }
    let file = match producer_files.len() {
        0 => {
            diagnostics.push(Diagnostic::error(
                display.clone(),
                None,
                Problem::ProducerFileMissing,
            ));
            return None;
        }
        1 => producer_files.remove(0),
        _ => {
            for file in &producer_files[1..] {
                diagnostics.push(Diagnostic::error(
                    file.display.clone(),
                    None,
                    Problem::DuplicateFile {
                        other: producer_files[0].display.display().to_string(),
                    },
                ));
            }
            return None;
        }
    };
    let mut products: Vec<(String, ContentFile)> = Vec::new();
    let products_dir = dir.join("products");
    let products_link = products_dir
        .symlink_metadata()
        .is_ok_and(|meta| meta.file_type().is_symlink());
    if products_link {
        diagnostics.push(Diagnostic::error(
            display.join("products"),
            None,
            Problem::SymlinkNotAllowed,
        ));
    } else if products_dir.is_dir() {
        for entry in entries(&products_dir) {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            if is_hidden(path) || entry.file_type().is_dir() {
                continue;
            }
            if entry.path_is_symlink() {
                diagnostics.push(Diagnostic::error(
                    display_path(root, path),
                    None,
                    Problem::SymlinkNotAllowed,
                ));
                continue;
            }
            let file_display = display_path(root, path);
            let ext = extension(path);
            let Some(ext) = ext.filter(|e| CONTENT_EXTENSIONS.contains(&e.as_str())) else {
                if !extension(path).is_some_and(|e| PHOTO_EXTENSIONS.contains(&e.as_str())) {
                    diagnostics.push(Diagnostic::warning(
                        file_display,
                        None,
                        Problem::IgnoredFile,
                    ));
                }
                continue;
            };
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !is_slug(&stem) {
                diagnostics.push(Diagnostic::error(
                    file_display,
                    None,
                    Problem::InvalidSlug {
                        suggestion: slugify(&stem),
                        name: stem,
                    },
                ));
                continue;
            }
            if let Some((_, first)) = products.iter().find(|(s, _)| *s == stem) {
                diagnostics.push(Diagnostic::error(
                    file_display,
                    None,
                    Problem::DuplicateFile {
                        other: first.display.display().to_string(),
                    },
                ));
                continue;
            }
            products.push((
                stem,
                ContentFile {
                    path: path.to_path_buf(),
                    display: file_display,
                    markdown: ext == "md",
                },
            ));
        }
    }
    Some(ProducerEntry {
        slug,
        dir: dir.to_path_buf(),
        display,
        file,
        products,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(root: &Path, path: &str) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "name: x\n").unwrap();
    }

    #[test]
    fn finds_producers_and_products_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "content/producers/b/producer.md");
        touch(root, "content/producers/a/producer.yaml");
        touch(root, "content/producers/a/products/z.yaml");
        touch(root, "content/producers/a/products/m.md");
        touch(root, "content/producers/a/products/photo.jpg");
        touch(root, "content/producers/a/products/.DS_Store");
        let (producers, diagnostics) = walk(root);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let slugs: Vec<&str> = producers.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "b"]);
        let products: Vec<&str> = producers[0]
            .products
            .iter()
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(products, ["m", "z"]);
        assert!(producers[0].products[0].1.markdown);
        assert_eq!(
            producers[0].file.display,
            Path::new("content/producers/a/producer.yaml")
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_anywhere_in_the_tree_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let outside = dir.path().join("outside");
        touch(&outside, "products/stolen.yaml");
        touch(&outside, "notes.png");
        touch(&root, "content/producers/a/producer.yaml");
        touch(&root, "content/producers/b/producer.yaml");
        touch(&root, "content/producers/b/products/own.yaml");
        let link = std::os::unix::fs::symlink;
        link(
            outside.join("products"),
            root.join("content/producers/a/products"),
        )
        .unwrap();
        link(
            outside.join("notes.png"),
            root.join("content/producers/b/products/x.png"),
        )
        .unwrap();
        let (producers, diagnostics) = walk(&root);
        let a = producers.iter().find(|p| p.slug == "a").unwrap();
        assert!(a.products.is_empty());
        let linked: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.problem == Problem::SymlinkNotAllowed)
            .map(|d| d.file.display().to_string())
            .collect();
        assert_eq!(
            linked,
            [
                "content/producers/a/products",
                "content/producers/b/products/x.png"
            ]
        );
        assert_eq!(
            first_link(&root, Path::new("content/producers/a/products/stolen.yaml")),
            Some(PathBuf::from("content/producers/a/products"))
        );
        assert_eq!(first_link(&root, Path::new("content/producers/b")), None);
    }

    #[test]
    fn reports_bad_names_duplicates_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "content/producers/Hải Sơn/producer.yaml");
        touch(root, "content/producers/a/producer.yaml");
        touch(root, "content/producers/a/products/x.yaml");
        touch(root, "content/producers/a/products/x.md");
        touch(root, "content/producers/a/products/Bánh Pía.yaml");
        touch(root, "content/producers/a/products/notes.docx");
        std::fs::create_dir_all(root.join("content/producers/empty")).unwrap();
        touch(root, "content/producers/c/producer.yaml");
        touch(root, "content/producers/c/producer.md");
        let (producers, diagnostics) = walk(root);
        assert_eq!(producers.len(), 1);
        let problems: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{} {:?}", d.file.display(), d.problem))
            .collect();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("Hải Sơn") && p.contains("hai-son")),
            "{problems:#?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("x.yaml") && p.contains("DuplicateFile")),
            "{problems:#?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("banh-pia")),
            "{problems:#?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("notes.docx") && p.contains("IgnoredFile")),
            "{problems:#?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("empty") && p.contains("ProducerFileMissing")),
            "{problems:#?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("producer.yaml") && p.contains("DuplicateFile")),
            "{problems:#?}"
        );
    }
}
