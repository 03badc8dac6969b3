//! Field values shared by producer and product files: descriptions with
//! their local files, photos, web addresses, email addresses.

use super::assets::ProducerFolder;
use super::fields::{Reader, Report};
use super::parse::Body;
use super::yaml::{Pointer, Step};
use crate::diagnostic::{Problem, Severity, ValueKind};
use crate::markdown::{Destination, references};
use crate::model::{Asset, Origin, RichText};
use serde_yaml::Value;
use std::path::Path;

/// What a content file needs to resolve the paths it names.
pub struct Context<'a> {
    /// The producer's folder.
    pub folder: &'a ProducerFolder,
    /// The folder of the file being read, relative to the producer's folder.
    pub from: &'a Path,
    /// The file being read, as assets record their origin.
    pub file: &'a super::walk::ContentFile,
}

impl Context<'_> {
    fn origin(
        &self,
        pointer: Option<Pointer>,
        location: Option<crate::diagnostic::Location>,
    ) -> Origin {
        Origin {
            file: self.file.display.clone(),
            disk: self.file.path.clone(),
            markdown: self.file.markdown,
            pointer,
            location,
        }
    }
}

impl Context<'_> {
    /// Resolves a photo path written at `pointer`, checking it is a photo.
    pub fn photo(
        &self,
        written: &str,
        alt: Option<String>,
        pointer: Option<Pointer>,
        report: &mut Report,
    ) -> Option<Asset> {
        let result = self
            .folder
            .resolve(self.from, written)
            .map(|(source, relative)| Asset {
                source,
                relative,
                written: written.trim().to_string(),
                alt,
                image: true,
                origin: self.origin(pointer.clone(), None),
            });
        match result {
            Ok(asset) => Some(asset),
            Err(problem) => {
                report.error(problem, pointer);
                None
            }
        }
    }
}

/// Reads `description` (or the Markdown body of a `.md` file) and resolves
/// the local files it refers to.
pub fn description(
    reader: &Reader<'_>,
    body: Body<'_>,
    context: &Context<'_>,
    report: &mut Report,
) -> Option<RichText> {
    markdown_field(reader, "description", body, context, report)
}

/// Reads `description_en`: Markdown like `description`, but only ever a
/// field (the body of a `.md` file is the Vietnamese text).
pub fn description_en(
    reader: &Reader<'_>,
    body: Body<'_>,
    context: &Context<'_>,
    report: &mut Report,
) -> Option<RichText> {
    let body = Body { text: None, ..body };
    markdown_field(reader, "description_en", body, context, report)
}

fn markdown_field(
    reader: &Reader<'_>,
    key: &str,
    body: Body<'_>,
    context: &Context<'_>,
    report: &mut Report,
) -> Option<RichText> {
    let field = reader.long_text(key, report);
    let markdown = match (body.text, field) {
        (Some(text), field) => {
            if field.is_some() {
                report.error(
                    Problem::DescriptionTwice,
                    Some(Pointer::key(vec![Step::Key(key.into())])),
                );
            }
            crate::text::normalize(text).trim().to_string()
        }
        (None, Some(field)) => field,
        (None, None) => return None,
    };
    let in_body = body.text.is_some();
    let mut rich = RichText {
        markdown,
        assets: Vec::new(),
    };
    // Positions are found in the text as written; normalisation only changes
    // trailing spaces and composition, which keeps line numbers.
    let positions = body.text.map(references).unwrap_or_default();
    for (index, reference) in references(&rich.markdown).into_iter().enumerate() {
        let mut record = |severity: Severity, problem: Problem| {
            let location = if in_body {
                positions
                    .get(index)
                    .and_then(|r| body.locate(r.range.start, r.range.end))
            } else {
                None
            };
            match location {
                Some(location) => report.located.push((severity, problem, location)),
                None => report.problems.push((severity, problem, reader.at(key))),
            }
        };
        match reference.kind {
            Destination::Local => {
                if rich
                    .assets
                    .iter()
                    .any(|(written, _)| *written == reference.dest)
                {
                    continue;
                }
                let location = positions
                    .get(index)
                    .filter(|_| in_body)
                    .and_then(|r| body.locate(r.range.start, r.range.end));
                let pointer = if location.is_none() {
                    reader.at(key)
                } else {
                    None
                };
                let resolved = context
                    .folder
                    .resolve(context.from, &reference.dest)
                    .and_then(|(source, relative)| {
                        // Photos are remade by the photo stage; anything else
                        // is published as it is, so it must be harmless.
                        if !reference.image {
                            super::linked::check_linked_file(&source, &reference.dest)?;
                        }
                        Ok((source, relative))
                    })
                    .map(|(source, relative)| Asset {
                        source,
                        relative,
                        written: reference.dest.clone(),
                        alt: None,
                        image: reference.image,
                        origin: context.origin(pointer, location),
                    });
                match resolved {
                    Ok(asset) => rich.assets.push((reference.dest.clone(), asset)),
                    Err(problem) => record(Severity::Error, problem),
                }
            }
            Destination::Unsafe => record(
                Severity::Warning,
                Problem::UnsafeLink {
                    url: reference.dest.clone(),
                },
            ),
            Destination::External if reference.image => {
                record(
                    Severity::Warning,
                    Problem::ExternalImage {
                        url: reference.dest.clone(),
                    },
                );
            }
            Destination::External | Destination::Fragment => {}
        }
    }
    Some(rich)
}

/// Whether `text` is an absolute http(s) address.
pub fn is_web_url(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
}

/// Reads an optional web address field.
pub fn web_url(reader: &Reader<'_>, key: &str, report: &mut Report) -> Option<String> {
    let url = reader.text(key, report)?;
    if is_web_url(&url) {
        Some(url)
    } else {
        report.error(Problem::InvalidUrl { found: url }, reader.at(key));
        None
    }
}

/// Reads an optional email address field.
pub fn email(reader: &Reader<'_>, key: &str, report: &mut Report) -> Option<String> {
    let email = reader.text(key, report)?;
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
                && !domain.contains('@')
                && !email.contains(['<', '>', '"', '(', ')', ',', ';'])
        }
        None => false,
    };
    if valid {
        Some(email)
    } else {
        report.error(Problem::InvalidEmail { found: email }, reader.at(key));
        None
    }
}

/// Reads a photo entry: a path, or `{src, alt}`.
pub fn photo_entry(
    reader: &Reader<'_>,
    path: Vec<Step>,
    value: &Value,
    context: &Context<'_>,
    report: &mut Report,
) -> Option<Asset> {
    match value {
        Value::Mapping(map) => {
            let item = reader.item(path.clone(), map);
            item.reject_unknown(&super::spec::names(super::spec::PHOTO_FIELDS), report);
            let src = item.required_text("src", report)?;
            let alt = item.text("alt", report);
            if alt.is_none() {
                report.warning(
                    Problem::MissingAltText { path: src.clone() },
                    item.at("src"),
                );
            }
            context.photo(&src, alt, item.at("src"), report)
        }
        Value::String(_) => {
            let written = reader.item_text(&path, value)?;
            // A bare path is allowed, but a page without alt text leaves
            // blind readers with nothing: worth a warning, not an error.
            report.warning(
                Problem::MissingAltText {
                    path: written.clone(),
                },
                Some(Pointer::value(path.clone())),
            );
            context.photo(&written, None, Some(Pointer::value(path)), report)
        }
        other => {
            reader.item_wrong_type(path, ValueKind::Photo, other, report);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_web_addresses() {
        assert!(is_web_url("https://example.com/a?b"));
        assert!(is_web_url("http://localhost:8080"));
        assert!(!is_web_url("example.com"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("https://a.com/\"onmouseover=x"));
    }
}
