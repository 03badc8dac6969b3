//! Reading a product file.

use super::fields::{Reader, Report};
use super::parse::Body;
use super::producer::province;
use super::spec::{CERTIFICATE_FIELDS, LINK_FIELDS, PRODUCT_FIELDS, names};
use super::values::{Context, description, description_en, is_web_url, photo_entry};
use super::yaml::Pointer;
use crate::diagnostic::{Problem, ValueKind};
use crate::model::{Certificate, Date, Link, Place, Product, StarLevel};
use crate::reference::{CategoryMatch, Reference};
use serde_yaml::Value;
use std::path::PathBuf;

/// The most photos one product may list; a buyer looks at a handful, and
/// each one is decoded and resized at every cold build.
pub const MAX_PHOTOS_PER_PRODUCT: usize = 20;

/// A certificate is valid for 36 months from its signing date unless it says otherwise.
pub const CERTIFICATE_MONTHS: u32 = 36;

/// Everything a product file needs from outside itself.
pub struct ProductContext<'a> {
    /// Paths and the producer's folder.
    pub files: Context<'a>,
    /// Reference data.
    pub reference: &'a Reference,
    /// The producer's place, the default for its products.
    pub producer_place: Place,
    /// Today, to tell expired certificates.
    pub today: Date,
}

/// Reads a product file into a [`Product`] (its `producer` is set by the caller).
pub fn read_product(
    reader: &Reader<'_>,
    body: Body<'_>,
    slug: &str,
    source: PathBuf,
    context: &ProductContext<'_>,
    report: &mut Report,
) -> Option<Product> {
    reader.reject_unknown(&names(PRODUCT_FIELDS), report);
    producer_matches_folder(reader, context, report);
    let name = reader.required_text("name", report);
    let name_en = reader.text("name_en", report);
    let category = category(reader, context.reference, report);
    let stars = stars(reader, report);
    let potential_five_star = reader.bool("potential_5_star", report).unwrap_or(false);
    if let Some(stars) = stars
        && potential_five_star
        && stars != StarLevel::Four
    {
        report.error(
            Problem::PotentialFiveStarNotFour {
                stars: stars.number(),
            },
            reader.at("potential_5_star"),
        );
    }
    let certificate = certificate(reader, context.today, report);
    let own_place = province(reader, context.reference, false, report);
    let listed = reader.list("photos");
    if listed.len() > MAX_PHOTOS_PER_PRODUCT {
        report.error(
            Problem::TooManyPhotos {
                count: listed.len(),
                limit: MAX_PHOTOS_PER_PRODUCT,
                producer: false,
            },
            reader.at("photos"),
        );
    }
    // Past the limit nothing is resolved: each photo costs a decode.
    let photos: Vec<_> = listed
        .into_iter()
        .take(MAX_PHOTOS_PER_PRODUCT)
        .filter_map(|(path, value)| photo_entry(reader, path, value, &context.files, report))
        .collect();
    // Every field is read before any is required, so one file reports all its problems.
    let price = price(reader, report);
    let unit = reader.text("unit", report);
    let description = description(reader, body, &context.files, report);
    let description_en = description_en(reader, body, &context.files, report);
    let standards = reader.text_list("standards", report);
    let ingredients = reader.text("ingredients", report);
    let shelf_life = reader.text("shelf_life", report);
    let packaging = reader.text("packaging", report);
    let links = links(reader, report);
    let (group, former_category) = category?;
    let product = Product {
        slug: slug.to_string(),
        producer: 0,
        name: name?,
        name_en,
        group,
        former_category,
        stars: stars?,
        potential_five_star,
        certificate,
        price,
        unit,
        description,
        description_en,
        own_place: own_place.is_some(),
        place: own_place.unwrap_or_else(|| context.producer_place.clone()),
        standards,
        ingredients,
        shelf_life,
        packaging,
        links,
        photos,
        source,
    };
    if product.photos.is_empty() && !reader.has("photos") {
        report.warning(Problem::NoPhotos, reader.here());
    }
    if product.description.is_none() {
        report.warning(Problem::MissingDescription, reader.here());
    }
    Some(product)
}

/// `producer:`, optional, names the folder the file is in (the browser
/// editor writes it to know where a new product goes); another name is an
/// error, since the folder is what makes a product its producer's.
fn producer_matches_folder(reader: &Reader<'_>, context: &ProductContext<'_>, report: &mut Report) {
    let Some(written) = reader.text("producer", report) else {
        return;
    };
    let folder = context
        .files
        .folder
        .dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    if written != folder {
        report.error(
            Problem::ProducerNotFolder {
                found: written,
                folder,
            },
            reader.at("producer"),
        );
    }
}

fn category(
    reader: &Reader<'_>,
    reference: &Reference,
    report: &mut Report,
) -> Option<(usize, Option<String>)> {
    let written = reader.required_text("category", report)?;
    let classification = &reference.classification;
    match classification.resolve(&written) {
        Ok((CategoryMatch::Group(group), former)) => Some((group, former)),
        Ok((CategoryMatch::Sector(sector), _)) => {
            let sector = classification.sector(sector);
            let choices = sector
                .groups
                .iter()
                .map(|&g| {
                    let group = classification.group(g);
                    format!("{} {}", group.code, group.name)
                })
                .collect();
            report.error(
                Problem::AmbiguousCategory {
                    found: written,
                    sector: format!("{} {}", sector.code, sector.name),
                    choices,
                },
                reader.at("category"),
            );
            None
        }
        Err(suggestions) => {
            report.error(
                Problem::UnknownCategory {
                    found: written,
                    suggestions,
                },
                reader.at("category"),
            );
            None
        }
    }
}

fn stars(reader: &Reader<'_>, report: &mut Report) -> Option<StarLevel> {
    if !reader.has("stars") {
        report.error(
            Problem::MissingField {
                field: "stars".into(),
            },
            reader.here(),
        );
        return None;
    }
    let number = match reader.get("stars") {
        Some(Value::Number(n)) => match n.as_i64() {
            Some(n) => n,
            None => {
                report.error(
                    Problem::InvalidStars {
                        found: n.to_string(),
                    },
                    reader.at("stars"),
                );
                return None;
            }
        },
        Some(Value::String(s)) => {
            // "4", "4 sao" and "4★" are what people write.
            let digits = s.trim().trim_end_matches(['★', '*']).trim();
            let digits = digits.strip_suffix("sao").unwrap_or(digits).trim();
            match digits.parse::<i64>() {
                Ok(n) => n,
                Err(_) => {
                    report.error(
                        Problem::InvalidStars { found: s.clone() },
                        reader.at("stars"),
                    );
                    return None;
                }
            }
        }
        Some(other) => {
            report.error(
                Problem::WrongType {
                    field: "stars".into(),
                    expected: ValueKind::WholeNumber,
                    found: super::yaml::kind_of(other),
                },
                reader.at("stars"),
            );
            return None;
        }
        None => {
            report.error(
                Problem::EmptyField {
                    field: "stars".into(),
                },
                Some(Pointer::key(vec![super::yaml::Step::Key("stars".into())])),
            );
            return None;
        }
    };
    let level = StarLevel::from_number(number);
    if level.is_none() {
        report.error(
            Problem::InvalidStars {
                found: number.to_string(),
            },
            reader.at("stars"),
        );
    }
    level
}

fn read_date(reader: &Reader<'_>, key: &str, required: bool, report: &mut Report) -> Option<Date> {
    let written = if required {
        reader.required_text(key, report)?
    } else {
        reader.text(key, report)?
    };
    let parsed = Date::parse(&written);
    if parsed.is_none() {
        report.error(Problem::InvalidDate { found: written }, reader.at(key));
    }
    parsed
}

fn certificate(reader: &Reader<'_>, today: Date, report: &mut Report) -> Option<Certificate> {
    let nested = reader.nested("certificate", report)?;
    nested.reject_unknown(&names(CERTIFICATE_FIELDS), report);
    let decision = nested.text("decision", report);
    let issuer = nested.text("issuer", report);
    let date = read_date(&nested, "date", true, report)?;
    let valid_until = match read_date(&nested, "valid_until", false, report) {
        Some(until) if until <= date => {
            report.error(
                Problem::ValidUntilBeforeDate {
                    date: date.to_string(),
                    valid_until: until.to_string(),
                },
                nested.at("valid_until"),
            );
            return None;
        }
        Some(until) => until,
        None => date.add_months(CERTIFICATE_MONTHS),
    };
    if valid_until < today {
        let field = if nested.has("valid_until") {
            "valid_until"
        } else {
            "date"
        };
        report.warning(
            Problem::CertificateExpired {
                valid_until: valid_until.to_string(),
            },
            nested.at(field),
        );
    }
    Some(Certificate {
        decision,
        date,
        issuer,
        valid_until,
    })
}

/// Reads an amount of đồng: `150000`, `"150.000"`, `"150,000 đ"`.
pub fn parse_price(text: &str) -> Option<u64> {
    let lowered = text.trim().to_lowercase();
    let amount = ["vnđ", "vnd", "đồng", "đ", "₫"]
        .iter()
        .find_map(|suffix| lowered.strip_suffix(suffix))
        .unwrap_or(&lowered)
        .trim();
    if amount.is_empty() {
        return None;
    }
    let groups: Vec<&str> = amount.split(['.', ',', ' ']).collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if groups.len() > 1 && !grouped {
        return None;
    }
    if !groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    groups.concat().parse().ok()
}

fn price(reader: &Reader<'_>, report: &mut Report) -> Option<u64> {
    let value = reader.get("price")?;
    let parsed = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => parse_price(s),
        _ => None,
    };
    if parsed.is_none() {
        let found = match value {
            Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        report.error(Problem::InvalidPrice { found }, reader.at("price"));
    }
    parsed
}

fn links(reader: &Reader<'_>, report: &mut Report) -> Vec<Link> {
    let mut out = Vec::new();
    for (path, value) in reader.list("links") {
        let (label, url, pointer) = match value {
            Value::Mapping(map) => {
                let item = reader.item(path.clone(), map);
                item.reject_unknown(&names(LINK_FIELDS), report);
                let label = item.text("label", report);
                let Some(url) = item.required_text("url", report) else {
                    continue;
                };
                (label, url, item.at("url"))
            }
            Value::String(_) => match reader.item_text(&path, value) {
                Some(url) => (None, url, Some(Pointer::value(path))),
                None => continue,
            },
            other => {
                reader.item_wrong_type(path, ValueKind::Link, other, report);
                continue;
            }
        };
        if is_web_url(&url) {
            out.push(Link { label, url });
        } else {
            report.error(Problem::InvalidUrl { found: url }, pointer);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse_price;

    #[test]
    fn reads_prices_as_people_write_them() {
        assert_eq!(parse_price("150000"), Some(150_000));
        assert_eq!(parse_price("150.000"), Some(150_000));
        assert_eq!(parse_price("1.250.000 đ"), Some(1_250_000));
        assert_eq!(parse_price("150,000 VNĐ"), Some(150_000));
        assert_eq!(parse_price("150 000₫"), Some(150_000));
        assert_eq!(parse_price("150,5"), None);
        assert_eq!(parse_price("liên hệ"), None);
        assert_eq!(parse_price("-5"), None);
        assert_eq!(parse_price(""), None);
    }
}
