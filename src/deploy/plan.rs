//! What a deploy does: the output compared with what the bucket is known
//! to hold, as ordered uploads and then deletes.

use super::headers::{Group, Headers, group};
use super::local::LocalFile;
use super::manifest::{Manifest, is_own};
use std::collections::{BTreeMap, BTreeSet};

/// What is known of one stored object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub size: u64,
    /// None when a listing gave a multipart ETag and no MD5 was stored.
    pub md5: Option<String>,
    /// None when the object was listed but ocop's manifest does not
    /// describe it, so its headers are not known.
    pub headers: Option<Headers>,
}

/// Everything the manifest says.
pub fn known_from_manifest(manifest: &Manifest) -> BTreeMap<String, Known> {
    manifest
        .files
        .iter()
        .map(|(key, e)| {
            (
                key.clone(),
                Known {
                    size: e.size,
                    md5: Some(e.md5.clone()),
                    headers: Some(e.headers.clone()),
                },
            )
        })
        .collect()
}

/// Why a file is uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    New,
    Changed,
    Headers,
    Forced,
}

impl Reason {
    pub fn text(self) -> &'static str {
        match self {
            Reason::New => "new",
            Reason::Changed => "bytes changed",
            Reason::Headers => "headers changed",
            Reason::Forced => "--force",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Upload {
    pub file: LocalFile,
    pub reason: Reason,
    pub group: Group,
}

#[derive(Debug, Default)]
pub struct Plan {
    /// In upload order: by group, then key.
    pub uploads: Vec<Upload>,
    /// Keys relative to the prefix, sorted.
    pub deletes: Vec<String>,
    pub unchanged: usize,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.uploads.is_empty() && self.deletes.is_empty()
    }

    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.file.entry.size).sum()
    }

    /// The plan as text: a line per file with its reason, then totals.
    pub fn describe(&self) -> String {
        let mut text = String::new();
        for upload in &self.uploads {
            let verb = if upload.reason == Reason::New {
                "upload"
            } else {
                "update"
            };
            text.push_str(&format!(
                "{verb} {} ({})\n",
                upload.file.relative,
                upload.reason.text()
            ));
        }
        for key in &self.deletes {
            text.push_str(&format!("delete {key} (not in the output)\n"));
        }
        text.push_str(&format!(
            "plan: {} to upload ({:.1} MB), {} unchanged, {} to delete\n",
            self.uploads.len(),
            self.upload_bytes() as f64 / 1e6,
            self.unchanged,
            self.deletes.len()
        ));
        text
    }
}

/// The default `--max-deletes`: the larger of 256 and 1% of the files.
pub fn default_max_deletes(files: usize) -> usize {
    (files / 100).max(256)
}

/// Compares the output with what the bucket holds.
pub fn plan(local: &[LocalFile], known: &BTreeMap<String, Known>, force: bool) -> Plan {
    let mut plan = Plan::default();
    let mut present = BTreeSet::new();
    for file in local {
        present.insert(file.relative.as_str());
        let reason = match known.get(&file.relative) {
            None => Some(Reason::New),
            Some(_) if force => Some(Reason::Forced),
            Some(k) if k.size != file.entry.size || k.md5.as_ref() != Some(&file.entry.md5) => {
                Some(Reason::Changed)
            }
            Some(k) if k.headers.as_ref() != Some(&file.entry.headers) => Some(Reason::Headers),
            Some(_) => None,
        };
        match reason {
            Some(reason) => plan.uploads.push(Upload {
                file: file.clone(),
                reason,
                group: group(&file.relative),
            }),
            None => plan.unchanged += 1,
        }
    }
    plan.uploads
        .sort_by(|a, b| (a.group, &a.file.relative).cmp(&(b.group, &b.file.relative)));
    plan.deletes = known
        .keys()
        .filter(|key| !present.contains(key.as_str()) && !is_own(key))
        .cloned()
        .collect();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::headers::headers;
    use crate::deploy::manifest::Entry;

    fn file(relative: &str, md5: &str) -> LocalFile {
        LocalFile {
            relative: relative.to_string(),
            path: relative.into(),
            entry: Entry {
                size: 3,
                md5: md5.to_string(),
                headers: headers(relative),
            },
        }
    }

    #[test]
    fn uploads_in_groups_and_deletes_last() {
        let local = [
            file("index.html", "a"),
            file("sitemap.xml", "a"),
            file("san-pham/x/index.html", "a"),
            file("search-index/vi/w/0123456789ab.bin", "a"),
            file("data/products.csv", "a"),
            file("assets/style.7c771a08.css", "a"),
            file("anh/x/p-2a27da72a8-400.webp", "a"),
            file("en/index.html", "a"),
        ];
        let plan = plan(&local, &BTreeMap::new(), false);
        let order: Vec<&str> = plan
            .uploads
            .iter()
            .map(|u| u.file.relative.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "anh/x/p-2a27da72a8-400.webp",
                "assets/style.7c771a08.css",
                "search-index/vi/w/0123456789ab.bin",
                "data/products.csv",
                "san-pham/x/index.html",
                "en/index.html",
                "index.html",
                "sitemap.xml",
            ]
        );
        assert!(plan.uploads.iter().all(|u| u.reason == Reason::New));
    }

    #[test]
    fn diffs_bytes_headers_and_deletes_but_not_own_keys() {
        let mut manifest = Manifest::default();
        for (key, md5) in [
            ("same.html", "a"),
            ("edited.html", "a"),
            ("gone.html", "a"),
            ("headers.css", "a"),
        ] {
            manifest.files.insert(key.into(), file(key, md5).entry);
        }
        if let Some(e) = manifest.files.get_mut("headers.css") {
            e.headers.cache_control = "no-cache".into();
        }
        let mut known = known_from_manifest(&manifest);
        known.insert(
            ".ocop-deploy-manifest.json".into(),
            known["same.html"].clone(),
        );
        let local = [
            file("same.html", "a"),
            file("edited.html", "b"),
            file("headers.css", "a"),
            file("added.html", "a"),
        ];
        let p = plan(&local, &known, false);
        let reasons: Vec<(&str, Reason)> = p
            .uploads
            .iter()
            .map(|u| (u.file.relative.as_str(), u.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                ("headers.css", Reason::Headers),
                ("added.html", Reason::New),
                ("edited.html", Reason::Changed),
            ]
        );
        assert_eq!(p.deletes, ["gone.html"]);
        assert_eq!(p.unchanged, 1);
        assert!(p.describe().contains("delete gone.html"));
        let forced = plan(&local, &known, true);
        assert_eq!(forced.uploads.len(), 4);
        assert_eq!(default_max_deletes(1000), 256);
        assert_eq!(default_max_deletes(100_000), 1000);
    }
}
