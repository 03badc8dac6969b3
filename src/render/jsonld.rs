//! schema.org structured data (JSON-LD) for product and producer pages, so
//! search engines and chat apps read the name, photos, price, star level and
//! maker of a product without guessing from the HTML.
//!
//! The JSON is built with serde_json, never by pasting text into a template,
//! and [`script_text`] makes it safe inside `<script>`.

use super::presenter::Presenter;
use crate::model::{Producer, Product};
use serde_json::{Map, Value, json};
use std::fmt::Write as _;

/// The `@id` of a producer's Organization: its page with a fragment, so the
/// product pages can point at the same node.
fn organization_id(presenter: &Presenter<'_>, producer: &Producer) -> String {
    format!(
        "{}#organization",
        presenter.urls.absolute(&presenter.producer_path(producer))
    )
}

/// Inserts `value` under `key` when it is present.
fn put(map: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        map.insert(key.to_string(), value.into());
    }
}

/// The `Product` node of a product page.
pub fn product(presenter: &Presenter<'_>, product: &Product, description: &str) -> Value {
    let catalogue = presenter.catalogue;
    let producer = catalogue.producer_of(product);
    let classification = &catalogue.reference.classification;
    let group = classification.group(product.group);
    let name = presenter.product_name(product);
    let producer_name = presenter.producer_name(producer);
    let url = presenter.urls.absolute(&presenter.product_path(product));

    // The sharing image first (a 1200 × 630 crop search engines like), then
    // the full-size photos.
    let mut images: Vec<Value> = Vec::new();
    if let Some(main) = product
        .photos
        .first()
        .and_then(|p| presenter.image(producer, p, name))
    {
        images.push(main.share.into());
    }
    for photo in &product.photos {
        if let Some(full) = presenter.largest_jpeg(producer, photo) {
            images.push(full.into());
        }
    }

    let mut properties = vec![json!({
        "@type": "PropertyValue",
        "propertyID": "ocop-stars",
        "name": presenter.t.get("jsonld_stars"),
        "value": product.stars.number(),
        "minValue": 3,
        "maxValue": 5,
    })];
    if product.potential_five_star {
        properties.push(json!({
            "@type": "PropertyValue",
            "propertyID": "ocop-potential-5-star",
            "name": presenter.t.get("potential_5_star"),
            "value": true,
        }));
    }

    let mut node = Map::new();
    node.insert("@context".into(), "https://schema.org".into());
    node.insert("@type".into(), "Product".into());
    node.insert("@id".into(), format!("{url}#product").into());
    node.insert("name".into(), name.into());
    node.insert("url".into(), url.clone().into());
    node.insert("description".into(), description.into());
    if !images.is_empty() {
        node.insert("image".into(), images.into());
    }
    node.insert(
        "category".into(),
        format!(
            "{} > {}",
            presenter.sector_name(group.sector),
            presenter.group_name(product.group)
        )
        .into(),
    );
    let maker = json!({
        "@type": "Organization",
        "@id": organization_id(presenter, producer),
        "name": producer_name,
        "url": presenter.urls.absolute(&presenter.producer_path(producer)),
    });
    node.insert("brand".into(), maker.clone());
    node.insert("manufacturer".into(), maker);
    node.insert("additionalProperty".into(), properties.into());
    if let Some(certificate) = &product.certificate {
        let mut cert = Map::new();
        cert.insert("@type".into(), "Certification".into());
        cert.insert("name".into(), "OCOP".into());
        put(
            &mut cert,
            "certificationIdentifier",
            certificate.decision.clone(),
        );
        if let Some(issuer) = &certificate.issuer {
            cert.insert(
                "issuedBy".into(),
                json!({"@type": "Organization", "name": issuer}),
            );
        }
        cert.insert("validFrom".into(), certificate.date.iso().into());
        cert.insert("expires".into(), certificate.valid_until.iso().into());
        cert.insert(
            "certificationRating".into(),
            json!({
                "@type": "Rating",
                "ratingValue": product.stars.number(),
                "bestRating": 5,
                "worstRating": 3,
            }),
        );
        node.insert("hasCertification".into(), cert.into());
    }
    if let Some(price) = product.price {
        let mut offer = Map::new();
        offer.insert("@type".into(), "Offer".into());
        offer.insert("price".into(), price.into());
        offer.insert("priceCurrency".into(), "VND".into());
        offer.insert("url".into(), url.into());
        offer.insert(
            "seller".into(),
            json!({"@type": "Organization", "@id": organization_id(presenter, producer), "name": producer_name}),
        );
        if let Some(unit) = &product.unit {
            offer.insert(
                "eligibleQuantity".into(),
                json!({"@type": "QuantitativeValue", "value": 1, "unitText": unit}),
            );
        }
        node.insert("offers".into(), offer.into());
    }
    Value::Object(node)
}

/// The `Organization` node of a producer page.
pub fn organization(presenter: &Presenter<'_>, producer: &Producer, description: &str) -> Value {
    let provinces = &presenter.catalogue.reference.provinces;
    let unit = provinces.get(producer.place.province);
    let mut node = Map::new();
    node.insert("@context".into(), "https://schema.org".into());
    node.insert("@type".into(), "Organization".into());
    node.insert("@id".into(), organization_id(presenter, producer).into());
    node.insert("name".into(), presenter.producer_name(producer).into());
    node.insert(
        "url".into(),
        presenter
            .urls
            .absolute(&presenter.producer_path(producer))
            .into(),
    );
    node.insert("description".into(), description.into());
    let mut address = Map::new();
    address.insert("@type".into(), "PostalAddress".into());
    put(&mut address, "streetAddress", producer.address.clone());
    address.insert("addressRegion".into(), unit.full_name.clone().into());
    address.insert("addressCountry".into(), "VN".into());
    node.insert("address".into(), address.into());
    put(&mut node, "telephone", producer.phone.clone());
    put(&mut node, "email", producer.email.clone());
    if let Some(logo) = producer
        .logo
        .as_ref()
        .and_then(|l| presenter.largest_jpeg(producer, l))
    {
        node.insert("logo".into(), logo.into());
    }
    if let Some(website) = &producer.website {
        node.insert("sameAs".into(), vec![website.clone()].into());
    }
    Value::Object(node)
}

/// The JSON text to put between `<script type="application/ld+json">` and
/// `</script>`. `<`, `>` and `&` are written as `\u003c` etc.: still the same
/// JSON, but a name holding `</script>` or `<!--` cannot end the element.
pub fn script_text(value: &Value) -> String {
    // Serialising a Value cannot fail (no maps with non-string keys).
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text.as_str();
    // U+2028 and U+2029 are valid in JSON, but line ends to old JavaScript
    // parsers.
    while let Some(at) = rest.find(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        let _ = write!(out, "\\u{:04x}", u32::from(c));
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_element() {
        let value = json!({"name": "Bánh </script><script>alert(1)</script> & <!-- x"});
        let text = script_text(&value);
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "escaping keeps the same JSON");
    }
}
