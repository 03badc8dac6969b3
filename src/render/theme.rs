//! The theme: tera templates and static files (CSS, icons, scripts).
//!
//! The default theme is embedded in the binary. A site may choose another
//! theme folder in `site.yaml` (`theme: name` → `themes/name/`) or override
//! single files of the default by placing them under `themes/default/`; any
//! file a site's theme lacks comes from the default.

use crate::diagnostic::{Diagnostic, Problem};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A theme file: path inside the theme and contents.
type ThemeFiles = BTreeMap<String, Vec<u8>>;

/// A failure to load or compile the theme.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// A theme file could not be read.
    #[error("cannot read theme file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// A symbolic link in the theme folder, whose target a reviewer cannot see.
    #[error("symbolic links are not allowed in a theme: {path}; copy the real file there instead")]
    Symlink {
        /// The link.
        path: PathBuf,
    },
    /// A template is not UTF-8.
    #[error("the template {name} is not UTF-8 text")]
    NotUtf8 {
        /// Template name.
        name: String,
    },
    /// A template does not compile.
    #[error("template error: {0}")]
    Template(String),
    /// A translation file cannot be read.
    #[error(transparent)]
    Strings(#[from] crate::i18n::TranslationError),
}

/// A loaded theme: compiled templates and static files with their
/// content-hashed names.
pub struct Theme {
    /// Compiled templates.
    pub tera: tera::Tera,
    /// Static files: (name in the theme's `static/`, hashed output name, contents).
    pub assets: Vec<Asset>,
    /// Interface strings in every language.
    pub strings: crate::i18n::Translations,
    /// A hash of every file of the theme (templates, static files and
    /// strings), with the default theme's beneath.
    pub fingerprint: u128,
}

/// A static file of the theme.
pub struct Asset {
    /// Name inside `static/` ("style.css").
    pub name: String,
    /// Name in the output, carrying a hash of the contents ("style.3f2a1b9c.css"),
    /// so hosts can cache it forever and a change gets a new address.
    pub output_name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

fn read_dir_files(dir: &Path, prefix: &str, files: &mut ThemeFiles) -> Result<(), ThemeError> {
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| ThemeError::Read {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        if entry.path_is_symlink() {
            return Err(ThemeError::Symlink {
                path: entry.path().to_path_buf(),
            });
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = format!("{prefix}{}", relative.to_string_lossy().replace('\\', "/"));
        if name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|source| ThemeError::Read {
            path: entry.path().to_path_buf(),
            source,
        })?;
        files.insert(name, bytes);
    }
    Ok(())
}

fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|meta| meta.file_type().is_symlink())
}

/// Hash of contents, as used in asset names: 8 hex digits of xxh3.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))[..8].to_string()
}

fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = content_hash(bytes);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("{stem}.{hash}.{ext}")
        }
        _ => format!("{name}.{hash}"),
    }
}

/// The theme folder a site uses, checked to exist. `None` means the
/// embedded default with no overrides.
pub fn theme_dir(root: &Path, theme: Option<&str>) -> Result<Option<PathBuf>, Box<Diagnostic>> {
    match theme {
        Some(name) => {
            let dir = root.join("themes").join(name);
            let valid_name = crate::text::is_slug(name)
                || name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if valid_name && dir.is_dir() {
                Ok(Some(dir))
            } else {
                Err(Box::new(Diagnostic::error(
                    crate::content::SITE_FILE,
                    None,
                    Problem::UnknownTheme {
                        name: name.to_string(),
                    },
                )))
            }
        }
        None => {
            let dir = root.join("themes/default");
            Ok(dir.is_dir().then_some(dir))
        }
    }
}

impl Theme {
    /// Loads the default theme with the files of `dir` laid over it.
    pub fn load(dir: Option<&Path>) -> Result<Theme, ThemeError> {
        let mut files: ThemeFiles = embedded::DEFAULT_THEME
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();
        // Translations merge key by key (a theme may change one string), so
        // the default's files are kept apart from the theme's.
        let mut layers = translation_layers(&files)?;
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        if let Some(dir) = dir {
            let parts = ["templates", "static", "i18n"].map(|part| dir.join(part));
            let folders = [dir, dir.parent().unwrap_or(dir)];
            if let Some(link) = folders
                .into_iter()
                .chain(parts.iter().map(PathBuf::as_path))
                .find(|p| is_link(p))
            {
                return Err(ThemeError::Symlink {
                    path: link.to_path_buf(),
                });
            }
            for part in ["templates", "static"] {
                let sub = dir.join(part);
                if sub.is_dir() {
                    read_dir_files(&sub, &format!("{part}/"), &mut files)?;
                }
            }
            let sub = dir.join("i18n");
            if sub.is_dir() {
                let mut own = ThemeFiles::new();
                read_dir_files(&sub, "i18n/", &mut own)?;
                for (name, bytes) in &own {
                    hash_file(&mut hash, name, bytes);
                }
                layers.extend(translation_layers(&own)?);
            }
        }
        let strings = crate::i18n::Translations::from_layers(&layers);
        for (name, bytes) in &files {
            hash_file(&mut hash, name, bytes);
        }
        let fingerprint = hash.digest128();
        let mut templates = Vec::new();
        let mut assets = Vec::new();
        for (name, bytes) in files {
            if let Some(template) = name.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| ThemeError::NotUtf8 { name: name.clone() })?;
                templates.push((template.to_string(), text));
            } else if let Some(asset) = name.strip_prefix("static/") {
                let bytes = super::minify::minified(asset, bytes);
                assets.push(Asset {
                    name: asset.to_string(),
                    output_name: hashed_name(asset, &bytes),
                    bytes,
                });
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| ThemeError::Template(describe_tera_error(&e)))?;
        Ok(Theme {
            tera,
            assets,
            strings,
            fingerprint,
        })
    }
}

fn hash_file(hash: &mut xxhash_rust::xxh3::Xxh3, name: &str, bytes: &[u8]) {
    hash.update(name.as_bytes());
    hash.update(&(bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

/// The translation files among `files` (`i18n/vi.yaml`, `i18n/en.yaml`),
/// Vietnamese first; files of other languages are left alone.
fn translation_layers(
    files: &ThemeFiles,
) -> Result<Vec<(crate::lang::Lang, crate::i18n::StringMap)>, ThemeError> {
    let mut layers = Vec::new();
    for lang in [crate::lang::Lang::Vi, crate::lang::Lang::En] {
        let name = format!("i18n/{}.yaml", lang.code());
        if let Some(bytes) = files.get(&name) {
            layers.push((lang, crate::i18n::parse(&name, bytes)?));
        }
    }
    Ok(layers)
}

/// A tera error with its whole chain of causes (the template, line and why).
pub fn describe_tera_error(error: &tera::Error) -> String {
    use std::error::Error;
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str("\n  ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_compiles() {
        let theme = Theme::load(None).unwrap();
        assert!(theme.tera.get_template_names().any(|n| n == "product.html"));
        assert!(theme.assets.iter().any(|a| a.name == "style.css"));
    }

    #[test]
    fn asset_names_carry_a_content_hash() {
        let a = hashed_name("style.css", b"a");
        let b = hashed_name("style.css", b"b");
        assert_ne!(a, b);
        assert!(a.starts_with("style.") && a.ends_with(".css"));
        assert_eq!(
            hashed_name("icons/x.svg", b"a"),
            format!("icons/x.{}.svg", content_hash(b"a"))
        );
    }

    #[test]
    fn a_site_overrides_single_templates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/404.html"),
            "{% extends \"base.html\" %}{% block content %}Riêng{% endblock content %}",
        )
        .unwrap();
        let theme = Theme::load(Some(dir.path())).unwrap();
        assert!(theme.tera.get_template_names().any(|n| n == "404.html"));
        assert!(theme.tera.get_template_names().any(|n| n == "product.html"));
    }

    #[test]
    fn a_theme_overrides_single_strings() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("i18n")).unwrap();
        std::fs::write(dir.path().join("i18n/en.yaml"), "home: Start\n").unwrap();
        let theme = Theme::load(Some(dir.path())).unwrap();
        let en = theme.strings.get(crate::lang::Lang::En);
        assert_eq!(en.get("home"), "Start");
        assert_eq!(en.get("search_button"), "Search");
        std::fs::write(dir.path().join("i18n/en.yaml"), "- a\n").unwrap();
        assert!(Theme::load(Some(dir.path())).is_err());
    }

    #[test]
    fn reports_template_errors_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "{% if %}").unwrap();
        let error = Theme::load(Some(dir.path())).err().unwrap();
        assert!(error.to_string().contains("404.html"), "{error}");
    }
}
