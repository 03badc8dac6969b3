//! `feed.xml`: an Atom feed of the newest products, by the date of their
//! certificate (a product certified again moves back to the top), so
//! partners and readers follow new OCOP products without scraping pages.

use super::lastmod::{Dates, Seconds, day_start, rfc3339};
use super::presenter::Presenter;
use super::xml::escape;
use crate::markdown;

/// Where the feed is, relative to the site.
pub const FEED_PATH: &str = "feed.xml";
/// Products in the feed.
pub const FEED_ENTRIES: usize = 50;

/// When a product counts as new: its certificate's date, or the last change
/// of its files when it has no certificate.
fn entry_time(presenter: &Presenter<'_>, dates: &Dates, id: usize) -> Option<Seconds> {
    match &presenter.catalogue.products[id].certificate {
        Some(certificate) => Some(day_start(certificate.date)),
        None => dates.products[id],
    }
}

/// The products of the feed, newest first; ties by last change, then in
/// catalogue order, so the feed is the same for the same content.
pub fn newest(presenter: &Presenter<'_>, dates: &Dates, limit: usize) -> Vec<(usize, Seconds)> {
    let mut ids: Vec<(usize, Seconds)> = (0..presenter.catalogue.products.len())
        .filter_map(|id| entry_time(presenter, dates, id).map(|t| (id, t)))
        .collect();
    ids.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| dates.products[b.0].cmp(&dates.products[a.0]))
            .then_with(|| a.0.cmp(&b.0))
    });
    ids.truncate(limit);
    ids
}

/// The Atom document.
pub fn atom(presenter: &Presenter<'_>, dates: &Dates) -> String {
    let catalogue = presenter.catalogue;
    let site = &catalogue.site;
    let urls = &presenter.urls;
    let entries = newest(presenter, dates, FEED_ENTRIES);
    let updated = entries
        .iter()
        .map(|(_, t)| *t)
        .max()
        .or_else(|| dates.products.iter().flatten().max().copied())
        .unwrap_or(0);
    let self_url = urls.absolute(FEED_PATH);
    let home = urls.absolute("");
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        presenter.lang().code()
    ));
    xml.push_str(&format!("<id>{}</id>\n", escape(&self_url)));
    xml.push_str(&format!(
        "<title>{}</title>\n",
        escape(&presenter.t.format("feed_heading", &[("site", &site.title)]))
    ));
    xml.push_str(&format!("<updated>{}</updated>\n", rfc3339(updated)));
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&self_url)
    ));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&home)
    ));
    xml.push_str(&format!(
        "<author><name>{}</name><uri>{}</uri></author>\n",
        escape(site.publisher.as_deref().unwrap_or(&site.title)),
        escape(&home)
    ));
    xml.push_str("<generator>ocop</generator>\n");
    let classification = &catalogue.reference.classification;
    for (id, time) in entries {
        let product = &catalogue.products[id];
        let producer = catalogue.producer_of(product);
        let group = classification.group(product.group);
        let url = urls.absolute(&presenter.product_path(product));
        let mut summary = format!(
            "{} · {} · {}",
            presenter.stars_label(product.stars.number()),
            presenter.place(&product.place).written,
            presenter.producer_name(producer)
        );
        if let Some(description) = presenter.product_text(product) {
            summary.push_str(". ");
            summary.push_str(&markdown::summary(&description.markdown, 300));
        }
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<id>{}</id>\n", escape(&url)));
        xml.push_str(&format!(
            "<title>{}</title>\n",
            escape(presenter.product_name(product))
        ));
        xml.push_str(&format!("<updated>{}</updated>\n", rfc3339(time)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&url)
        ));
        xml.push_str(&format!(
            "<author><name>{}</name><uri>{}</uri></author>\n",
            escape(presenter.producer_name(producer)),
            escape(&urls.absolute(&presenter.producer_path(producer)))
        ));
        xml.push_str(&format!(
            "<category term=\"{}\" label=\"{}\"/>\n",
            escape(&group.code),
            escape(presenter.group_name(product.group))
        ));
        xml.push_str(&format!("<summary>{}</summary>\n", escape(&summary)));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
