//! The files a build writes under `admin/` when `site.yaml` has `cms:`:
//! the page, the generated configuration, the bundled Decap CMS and its
//! licences. Nothing is written without `cms:`.

use super::bundle::{DECAP_LICENSE, DECAP_THIRD_PARTY, decap_js};
use super::config::{ProducerFolder, config, config_yaml};
use crate::catalogue::Catalogue;
use crate::output::{OutputError, Sink};

/// The folder of the editor in the site.
pub const ADMIN_DIR: &str = "admin";
/// The configuration Decap reads, next to its page.
pub const CONFIG_PATH: &str = "admin/config.yml";
/// The page.
pub const INDEX_PATH: &str = "admin/index.html";
/// The script.
pub const SCRIPT_PATH: &str = "admin/decap-cms.js";

/// The page: Decap's script from the same folder, which finds
/// `config.yml` next to it. No inline script, nothing from other hosts.
pub const INDEX_HTML: &str = r#"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Sửa nội dung – OCOP</title>
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
"#;

/// The producer folders of `catalogue`, for the products collections.
pub fn producer_folders(catalogue: &Catalogue) -> Vec<ProducerFolder> {
    let mut folders: Vec<ProducerFolder> = catalogue
        .producers
        .iter()
        .map(|p| ProducerFolder {
            slug: p.slug.clone(),
            name: p.name.clone(),
        })
        .collect();
    folders.sort_by(|a, b| a.slug.cmp(&b.slug));
    folders
}

/// The text of `admin/config.yml` for `catalogue`, when it has `cms:`.
pub fn config_text(catalogue: &Catalogue) -> Option<String> {
    let settings = catalogue.site.cms.as_ref()?;
    let value = config(
        settings,
        &catalogue.site.base_url.full,
        &producer_folders(catalogue),
        &catalogue.reference,
    );
    Some(config_yaml(&value))
}

/// Writes the editor's files; returns how many (0 without `cms:`).
pub fn write_admin(catalogue: &Catalogue, sink: &dyn Sink) -> Result<usize, OutputError> {
    let Some(config) = config_text(catalogue) else {
        return Ok(0);
    };
    let script = decap_js().map_err(|e| OutputError::Io {
        path: SCRIPT_PATH.into(),
        source: e,
    })?;
    sink.write(INDEX_PATH, INDEX_HTML.as_bytes())?;
    sink.write(CONFIG_PATH, config.as_bytes())?;
    sink.write(SCRIPT_PATH, &script)?;
    sink.write("admin/LICENSE.txt", DECAP_LICENSE.as_bytes())?;
    sink.write(
        "admin/decap-cms.js.LICENSE.txt",
        DECAP_THIRD_PARTY.as_bytes(),
    )?;
    Ok(5)
}
