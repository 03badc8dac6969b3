//! The files of the site written for machines rather than people: the
//! sitemaps and the Atom feed. Pages link to them; they are built from the
//! same presenter as the pages.

use super::lastmod::Dates;
use super::pages::plan;
use super::presenter::Presenter;
use super::{feed, sitemap};
use crate::output::{OutputError, Sink};

/// Writes the sitemaps (every language) and the feed (the root language);
/// returns how many files it wrote. `all`: the presenter of each language, the
/// root one first.
pub fn write_machine_files(
    all: &[Presenter<'_>],
    dates: &Dates,
    sink: &dyn Sink,
) -> Result<usize, OutputError> {
    let Some(root) = all.first() else {
        return Ok(0);
    };
    let languages: Vec<(&'static str, String)> = all
        .iter()
        .map(|v| (v.lang().code(), v.prefix.clone()))
        .collect();
    let mut entries = Vec::new();
    for presenter in all {
        entries.extend(sitemap::entries(
            presenter,
            &plan(presenter),
            dates,
            &languages,
        ));
    }
    let files = sitemap::files(&entries, &root.urls.absolute(""), sitemap::MAX_URLS);
    for (name, xml) in &files {
        sink.write(name, xml.as_bytes())?;
    }
    sink.write(feed::FEED_PATH, feed::atom(root, dates).as_bytes())?;
    Ok(files.len() + 1)
}
