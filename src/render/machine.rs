//! The files of the site written for machines rather than people: the
//! sitemaps and the Atom feed. Pages link to them; they are built from the
//! same views as the pages.

use super::lastmod::Dates;
use super::pages::plan;
use super::views::Views;
use super::{feed, sitemap};
use crate::output::{OutputError, Staging};

/// Writes the sitemaps and the feed; returns how many files it wrote.
pub fn write_machine_files(
    views: &Views<'_>,
    dates: &Dates,
    staging: &Staging,
) -> Result<usize, OutputError> {
    let pages = plan(views);
    let entries = sitemap::entries(views, &pages, dates);
    let files = sitemap::files(&entries, &views.urls.absolute(""), sitemap::MAX_URLS);
    for (name, xml) in &files {
        staging.write(name, xml.as_bytes())?;
    }
    staging.write(feed::FEED_PATH, feed::atom(views, dates).as_bytes())?;
    Ok(files.len() + 1)
}
