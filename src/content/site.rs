//! `content/site.yaml`: the settings of a catalogue.

use super::fields::{Reader, Report};
use super::spec::{DEPLOY_FIELDS, SITE_FIELDS, names};
use super::walk::ContentFile;
use crate::diagnostic::{Diagnostics, Problem, Severity};
use crate::lang::Lang;
use std::path::{Path, PathBuf};

/// Where the site is published. Every link is built from it, so a site
/// served under a path (`https://example.github.io/ocop/`) works there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// The whole address, ending in `/`.
    pub full: String,
    /// Its path, starting and ending in `/`.
    pub path: String,
}

impl BaseUrl {
    /// Reads an absolute http(s) address without query or fragment.
    pub fn parse(text: &str) -> Option<BaseUrl> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))?;
        if rest.contains(['?', '#', ' ', '"', '<', '>', '\\']) {
            return None;
        }
        let (host, path) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains('@') {
            return None;
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        if path.contains("//") {
            return None;
        }
        let scheme_len = text.len() - rest.len();
        Some(BaseUrl {
            full: format!("{}{host}{path}", &text[..scheme_len]),
            path,
        })
    }
}

/// The settings in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    /// The catalogue's name.
    pub title: String,
    /// What it is, for the home page and search engines.
    pub description: Option<String>,
    /// Where it is published.
    pub base_url: BaseUrl,
    /// The language of the pages at the root (the first of `languages`).
    pub language: Lang,
    /// Every language the site is built in, the root one first; the others
    /// are under `/<code>/`.
    pub languages: Vec<Lang>,
    /// The theme folder under `themes/`, when not the default.
    pub theme: Option<String>,
    /// Products per listing page.
    pub page_size: usize,
    /// Who reviews changes (git hosting user names or teams).
    pub reviewers: Vec<String>,
    /// Text of the footer, such as the publishing office.
    pub publisher: Option<String>,
    /// What the photo pipeline makes.
    pub photos: crate::photos::PhotoSettings,
    /// The browser editor, when `cms:` is written.
    pub cms: Option<super::CmsSettings>,
}

/// Listing pages show this many products unless `page_size` says otherwise.
pub const DEFAULT_PAGE_SIZE: usize = 48;

/// Reads the settings. `base_url_override` (from `--base-url`) replaces
/// the file's `base_url` and makes it optional.
pub fn read_site(
    reader: &Reader<'_>,
    base_url_override: Option<&str>,
    report: &mut Report,
) -> Option<SiteConfig> {
    reader.reject_unknown(&names(SITE_FIELDS), report);
    let title = reader.required_text("title", report);
    let description = reader.text("description", report);
    let base_url = match base_url_override {
        Some(url) => match BaseUrl::parse(url) {
            Some(base) => Some(base),
            None => {
                report.error(
                    Problem::InvalidBaseUrl {
                        found: url.to_string(),
                    },
                    None,
                );
                None
            }
        },
        None => reader.required_text("base_url", report).and_then(|url| {
            let parsed = BaseUrl::parse(&url);
            if parsed.is_none() {
                report.error(
                    Problem::InvalidBaseUrl { found: url },
                    reader.at("base_url"),
                );
            }
            parsed
        }),
    };
    let language = match reader.text("language", report) {
        None => Lang::Vi,
        Some(code) => code.parse().unwrap_or_else(|_| {
            report.error(
                Problem::InvalidLanguage { found: code },
                reader.at("language"),
            );
            Lang::Vi
        }),
    };
    let languages = languages(reader, language, report);
    let language = languages.first().copied().unwrap_or(language);
    let theme = reader.text("theme", report).filter(|t| t != "default");
    let page_size = match reader.text("page_size", report) {
        None => DEFAULT_PAGE_SIZE,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (1..=1000).contains(&n) => n,
            _ => {
                report.error(
                    Problem::InvalidPageSize { found: text },
                    reader.at("page_size"),
                );
                DEFAULT_PAGE_SIZE
            }
        },
    };
    let reviewers = reader.text_list("reviewers", report);
    let mut photos = crate::photos::PhotoSettings::default();
    let widths = reader.text_list("photo_widths", report);
    if !widths.is_empty() {
        let parsed: Vec<u32> = widths
            .iter()
            .filter_map(|w| w.parse().ok())
            .filter(|w| (16..=8192).contains(w))
            .collect();
        if parsed.len() == widths.len() {
            photos.widths = parsed;
        } else {
            report.error(
                Problem::InvalidPhotoSetting {
                    found: widths.join(", "),
                },
                reader.at("photo_widths"),
            );
        }
    }
    if let Some(quality) = reader.text("photo_quality", report) {
        match quality.parse::<u8>() {
            Ok(q) if (30..=100).contains(&q) => photos.quality = q,
            _ => report.error(
                Problem::InvalidPhotoSetting { found: quality },
                reader.at("photo_quality"),
            ),
        }
    }
    let publisher = reader.text("publisher", report);
    // Checked here so that `ocop check` reports a mistake; read by
    // `ocop deploy` alone (see [`read_deploy_to`]), not part of the site.
    read_deploy_to(reader, report);
    let cms = super::cms_settings::read_cms(reader, &languages, report);
    Some(SiteConfig {
        title: title?,
        description,
        base_url: base_url?,
        language,
        languages,
        theme,
        page_size,
        reviewers,
        publisher,
        photos,
        cms,
    })
}

/// The `to:` of `deploy:`, if written.
pub fn read_deploy_to(reader: &Reader<'_>, report: &mut Report) -> Option<String> {
    let deploy = reader.nested("deploy", report)?;
    deploy.reject_unknown(&names(DEPLOY_FIELDS), report);
    deploy.required_text("to", report)
}

/// The `deploy: {to: …}` of `site.yaml`, read without the rest of the
/// content (a deploy needs nothing else). Errors are the file's problems.
pub fn deploy_target(root: &Path) -> Result<Option<String>, Diagnostics> {
    let site_file = ContentFile {
        path: root.join(super::SITE_FILE),
        display: PathBuf::from(super::SITE_FILE),
        markdown: false,
    };
    if !site_file.path.is_file() {
        return Ok(None);
    }
    let (to, problems) = super::parse::read_content_file(&site_file, |reader, _, report| {
        Some(read_deploy_to(reader, report))
    });
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(
        problems
            .into_iter()
            .filter(|d| d.severity == Severity::Error),
    );
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(to.flatten())
}

/// Reads `languages`: known codes, each once; `language`, when written
/// too, must be the first (it names the root language).
fn languages(reader: &Reader<'_>, language: Lang, report: &mut Report) -> Vec<Lang> {
    let written = reader.text_list("languages", report);
    if written.is_empty() {
        return vec![language];
    }
    let mut languages = Vec::with_capacity(written.len());
    let mut bad = false;
    for code in &written {
        match code.parse::<Lang>() {
            Ok(lang) if !languages.contains(&lang) => languages.push(lang),
            _ => bad = true,
        }
    }
    let conflicts = reader.has("language") && languages.first() != Some(&language);
    if bad || conflicts {
        report.error(
            Problem::InvalidLanguage {
                found: format!("[{}]", written.join(", ")),
            },
            reader.at("languages"),
        );
        return vec![language];
    }
    languages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml::parse;

    #[test]
    fn base_urls_keep_their_path() {
        let base = BaseUrl::parse("https://example.github.io/ocop").unwrap();
        assert_eq!(base.full, "https://example.github.io/ocop/");
        assert_eq!(base.path, "/ocop/");
        assert_eq!(BaseUrl::parse("http://localhost:8080").unwrap().path, "/");
        for bad in [
            "example.com",
            "ftp://x/",
            "https:///x",
            "https://x/?a",
            "/ocop/",
            "https://a//b",
        ] {
            assert!(BaseUrl::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn reads_settings_with_defaults() {
        let text = "title: OCOP\nbase_url: https://ocop.example.vn\n";
        let fields = parse(text, text, 0).unwrap();
        let mut report = Report::default();
        let site = read_site(&Reader::root(&fields), None, &mut report).unwrap();
        assert!(report.problems.is_empty());
        assert_eq!(site.page_size, DEFAULT_PAGE_SIZE);
        assert_eq!(site.language, Lang::Vi);
        assert_eq!(site.languages, vec![Lang::Vi]);
        let site = read_site(
            &Reader::root(&fields),
            Some("https://x.example/a/"),
            &mut report,
        )
        .unwrap();
        assert_eq!(site.base_url.path, "/a/");
    }

    #[test]
    fn reads_languages_root_first() {
        let read = |text: &str| {
            let fields = parse(text, text, 0).unwrap();
            let mut report = Report::default();
            let site = read_site(&Reader::root(&fields), None, &mut report);
            (
                site.map(|s| (s.language, s.languages)),
                report.problems.len(),
            )
        };
        let base = "title: OCOP\nbase_url: https://x.vn/\n";
        assert_eq!(
            read(&format!("{base}languages: [vi, en]\n")),
            (Some((Lang::Vi, vec![Lang::Vi, Lang::En])), 0)
        );
        assert_eq!(
            read(&format!("{base}languages: [en, vi]\n")).0,
            Some((Lang::En, vec![Lang::En, Lang::Vi]))
        );
        for bad in [
            "languages: [vi, fr]\n",
            "languages: [vi, vi]\n",
            "language: en\nlanguages: [vi, en]\n",
        ] {
            assert_eq!(read(&format!("{base}{bad}")).1, 1, "{bad}");
        }
    }

    #[test]
    fn reports_bad_settings() {
        let text = "title: OCOP\nbase_url: ocop.vn\npage_size: 0\nlanguage: fr\ntitel: x\n";
        let fields = parse(text, text, 0).unwrap();
        let mut report = Report::default();
        assert!(read_site(&Reader::root(&fields), None, &mut report).is_none());
        assert_eq!(report.problems.len(), 4, "{:?}", report.problems);
    }
}
