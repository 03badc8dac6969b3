//! The `cms:` section of `site.yaml`: where the browser editor reads and
//! writes the content.

use super::fields::{Reader, Report};
use super::spec::{CMS_FIELDS, names};
use crate::diagnostic::Problem;
use crate::lang::Lang;

/// A GitHub repository as `cms: repo:` takes it: `owner/name`.
pub const REPO_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$";

/// The settings of the browser editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmsSettings {
    /// The GitHub repository, `owner/name`.
    pub repo: String,
    /// The branch edited.
    pub branch: String,
    /// The sign-in (OAuth token exchange) proxy, when not Netlify's.
    pub base_url: Option<String>,
    /// The languages whose fields the editor shows.
    pub languages: Vec<Lang>,
    /// Whether anyone may propose changes through a fork.
    pub open_authoring: bool,
}

/// Whether `repo` is `owner/name` as GitHub spells them.
pub fn valid_repo(repo: &str) -> bool {
    let Some((owner, name)) = repo.split_once('/') else {
        return false;
    };
    let owner_ok = (1..=39).contains(&owner.len())
        && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !owner.starts_with('-');
    let name_ok = (1..=100).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && name != "."
        && name != "..";
    owner_ok && name_ok
}

/// Reads `cms:` when written; `site_languages` are the default languages.
pub fn read_cms(
    reader: &Reader<'_>,
    site_languages: &[Lang],
    report: &mut Report,
) -> Option<CmsSettings> {
    let cms = reader.nested("cms", report)?;
    cms.reject_unknown(&names(CMS_FIELDS), report);
    let repo = cms.required_text("repo", report);
    if let Some(repo) = &repo
        && !valid_repo(repo)
    {
        report.error(
            Problem::InvalidCmsSetting {
                field: "repo",
                found: repo.clone(),
            },
            cms.at("repo"),
        );
    }
    let branch = cms.text("branch", report).unwrap_or_else(|| "main".into());
    if branch.is_empty()
        || branch.starts_with(['-', '/'])
        || branch.contains([' ', '~', '^', ':', '?', '*', '[', '\\'])
        || branch.contains("..")
    {
        report.error(
            Problem::InvalidCmsSetting {
                field: "branch",
                found: branch.clone(),
            },
            cms.at("branch"),
        );
    }
    let base_url = cms.text("base_url", report);
    if let Some(url) = &base_url
        && super::BaseUrl::parse(url).is_none()
    {
        report.error(
            Problem::InvalidCmsSetting {
                field: "base_url",
                found: url.clone(),
            },
            cms.at("base_url"),
        );
    }
    let written = cms.text_list("languages", report);
    let mut languages = Vec::new();
    for code in &written {
        match code.parse::<Lang>() {
            Ok(lang) if !languages.contains(&lang) => languages.push(lang),
            _ => report.error(
                Problem::InvalidCmsSetting {
                    field: "languages",
                    found: code.clone(),
                },
                cms.at("languages"),
            ),
        }
    }
    if languages.is_empty() {
        languages = site_languages.to_vec();
    }
    let open_authoring = cms.bool("open_authoring", report).unwrap_or(true);
    let repo = repo.filter(|r| valid_repo(r))?;
    Some(CmsSettings {
        repo,
        branch,
        base_url: base_url.map(|u| u.trim_end_matches('/').to_string()),
        languages,
        open_authoring,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml::parse;

    fn read(text: &str) -> (Option<CmsSettings>, usize) {
        let fields = parse(text, text, 0).unwrap();
        let mut report = Report::default();
        let cms = read_cms(&Reader::root(&fields), &[Lang::Vi], &mut report);
        (cms, report.problems.len())
    }

    #[test]
    fn reads_with_defaults() {
        let (cms, problems) = read("cms:\n  repo: so-nn/ocop\n");
        assert_eq!(problems, 0);
        let cms = cms.unwrap();
        assert_eq!(cms.branch, "main");
        assert!(cms.open_authoring);
        assert_eq!(cms.languages, vec![Lang::Vi]);
        assert_eq!(cms.base_url, None);
        assert_eq!(read("title: x\n"), (None, 0));
    }

    #[test]
    fn reports_wrong_keys_and_values() {
        assert_eq!(read("cms:\n  repo: ocop\n").1, 1);
        assert_eq!(read("cms:\n  repo: a/b c\n").1, 1);
        assert_eq!(read("cms:\n  branch: main\n").1, 1);
        assert_eq!(read("cms:\n  repo: a/b\n  repos: a/b\n").1, 1);
        assert_eq!(read("cms:\n  repo: a/b\n  base_url: auth.example\n").1, 1);
        assert_eq!(read("cms:\n  repo: a/b\n  languages: [vi, fr]\n").1, 1);
        assert!(valid_repo("so-nong-nghiep/ocop.site"));
        assert!(!valid_repo("-x/y") && !valid_repo("x/..") && !valid_repo("x/y/z"));
    }
}
