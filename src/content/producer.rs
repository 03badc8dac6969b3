//! Reading a producer file.

use super::fields::{Reader, Report, closest};
use super::parse::Body;
use super::spec::{PRODUCER_FIELDS, names};
use super::values::{Context, description, description_en, email, web_url};
use crate::diagnostic::Problem;
use crate::model::{Place, Producer, ProducerKind};
use crate::reference::Reference;
use std::path::PathBuf;

/// Resolves the `province` field, reporting unknown names with suggestions.
pub fn province(
    reader: &Reader<'_>,
    reference: &Reference,
    required: bool,
    report: &mut Report,
) -> Option<Place> {
    let written = if required {
        reader.required_text("province", report)?
    } else {
        reader.text("province", report)?
    };
    match reference.provinces.resolve(&written) {
        Ok(place) => Some(place),
        Err(suggestions) => {
            report.error(
                Problem::UnknownProvince {
                    found: written,
                    suggestions,
                },
                reader.at("province"),
            );
            None
        }
    }
}

/// Reads a producer file into a [`Producer`].
pub fn read_producer(
    reader: &Reader<'_>,
    body: Body<'_>,
    slug: &str,
    source: PathBuf,
    context: &Context<'_>,
    reference: &Reference,
    report: &mut Report,
) -> Option<Producer> {
    reader.reject_unknown(&names(PRODUCER_FIELDS), report);
    let name = reader.required_text("name", report);
    let name_en = reader.text("name_en", report);
    let kind = reader.text("kind", report).and_then(|written| {
        let key = crate::text::slugify(&written);
        ProducerKind::from_key(&key).or_else(|| {
            let keys: Vec<&'static str> = ProducerKind::ALL.iter().map(|k| k.key()).collect();
            report.error(
                Problem::InvalidKind {
                    suggestion: closest(&key.replace('-', "_"), &keys)
                        .or_else(|| closest(&key, &keys)),
                    found: written,
                },
                reader.at("kind"),
            );
            None
        })
    });
    let place = province(reader, reference, true, report);
    let logo = reader
        .text("logo", report)
        .and_then(|written| context.photo(&written, None, reader.at("logo"), report));
    // Every field is read before any is required, so one file reports all its problems.
    let address = reader.text("address", report);
    let phone = reader.text("phone", report);
    let email = email(reader, "email", report);
    let website = web_url(reader, "website", report);
    let representative = reader.text("representative", report);
    let description = description(reader, body, context, report);
    let description_en = description_en(reader, body, context, report);
    let maintainers = reader.text_list("maintainers", report);
    let producer = Producer {
        slug: slug.to_string(),
        name: name?,
        name_en,
        kind,
        place: place?,
        address,
        phone,
        email,
        website,
        representative,
        logo,
        description,
        description_en,
        maintainers,
        source,
    };
    if producer.description.is_none() {
        report.warning(Problem::MissingDescription, reader.here());
    }
    Some(producer)
}
