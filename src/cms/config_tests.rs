//! The generated configuration against the field specification: every
//! field once, with its widget, required flag and pattern.

use super::*;
use crate::content::spec::{CERTIFICATE_FIELDS, LINK_FIELDS, PHOTO_FIELDS};

fn settings(languages: Vec<Lang>) -> CmsSettings {
    CmsSettings {
        repo: "so-nn/ocop".into(),
        branch: "main".into(),
        base_url: Some("https://auth.example.workers.dev".into()),
        languages,
        open_authoring: true,
    }
}

fn generated(languages: Vec<Lang>) -> Value {
    let producers = [ProducerFolder {
        slug: "htx-a".into(),
        name: "HTX A".into(),
    }];
    config(
        &settings(languages),
        "https://ocop.example.vn/",
        &producers,
        &Reference::builtin(),
    )
}

/// `count` producer folders, each slug and name made from its number.
fn folders(
    count: usize,
    slug: impl Fn(usize) -> String,
    name: impl Fn(usize) -> String,
) -> Vec<ProducerFolder> {
    (0..count)
        .map(|i| ProducerFolder {
            slug: slug(i),
            name: name(i),
        })
        .collect()
}

/// The products collection's `producer` field.
fn producer_field(collections: &[Value]) -> &Value {
    collections[1]["fields"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "producer")
        .unwrap()
}

fn expected_widget(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "string",
        FieldKind::Markdown => "markdown",
        FieldKind::Email | FieldKind::WebUrl => "string",
        FieldKind::Path => "image",
        FieldKind::TextList | FieldKind::Photos | FieldKind::Links => "list",
        FieldKind::Province
        | FieldKind::Category
        | FieldKind::ProducerKind
        | FieldKind::ProducerSlug => "select",
        FieldKind::Stars | FieldKind::Price => "number",
        FieldKind::YesNo => "boolean",
        FieldKind::Date => "datetime",
        FieldKind::Certificate => "object",
        other => panic!("{other:?} is not a field of producers or products"),
    }
}

/// Checks `fields` (Decap's) against `table` (the contract's).
fn compare(fields: &Value, table: &[FieldSpec], body: bool) {
    let fields = fields.as_sequence().unwrap();
    assert_eq!(
        fields.len(),
        table.len(),
        "one Decap field per contract field"
    );
    for spec in table {
        let name = if body && spec.name == BODY_FIELD {
            DECAP_BODY
        } else {
            spec.name
        };
        let found: Vec<&Value> = fields.iter().filter(|f| f["name"] == name).collect();
        assert_eq!(found.len(), 1, "{name} once");
        let field = found[0];
        assert_eq!(field["widget"], expected_widget(spec.kind), "{name}");
        // The editor asks for a product's producer: it decides the folder.
        let required = spec.required || spec.kind == FieldKind::ProducerSlug;
        assert_eq!(field["required"], Value::from(required), "{name}");
        let pattern = field.get("pattern").and_then(|p| p[0].as_str());
        match spec.kind {
            FieldKind::Email => assert_eq!(pattern, Some(EMAIL_PATTERN), "{name}"),
            FieldKind::WebUrl => assert_eq!(pattern, Some(URL_PATTERN), "{name}"),
            _ => assert_eq!(pattern, None, "{name}"),
        }
        match spec.kind {
            FieldKind::Certificate => compare(&field["fields"], CERTIFICATE_FIELDS, false),
            FieldKind::Photos => compare(&field["fields"], PHOTO_FIELDS, false),
            FieldKind::Links => compare(&field["fields"], LINK_FIELDS, false),
            FieldKind::Stars => {
                assert_eq!(
                    (field["min"].as_u64(), field["max"].as_u64()),
                    (Some(3), Some(5))
                );
            }
            FieldKind::Date => assert_eq!(field["format"], "YYYY-MM-DD"),
            _ => {}
        }
    }
}

#[test]
fn every_field_of_the_contract_once_with_its_widget() {
    let config = generated(vec![Lang::Vi, Lang::En]);
    let collections = config["collections"].as_sequence().unwrap();
    assert_eq!(collections.len(), 2);
    compare(&collections[0]["fields"], PRODUCER_FIELDS, true);
    compare(&collections[1]["fields"], PRODUCT_FIELDS, true);
    assert_eq!(collections[1]["name"], PRODUCTS_COLLECTION);
    assert_eq!(collections[1]["folder"], "content/producers");
    assert_eq!(collections[1]["path"], "{{producer}}/products/{{slug}}");
    assert_eq!(collections[1]["media_folder"], "../photos");
    let producer = producer_field(collections);
    assert_eq!(producer["options"][0]["value"], "htx-a");
    assert_eq!(collections[0]["path"], "{{slug}}/producer");
    assert_eq!(collections[0]["media_folder"], "photos");
    for collection in collections {
        assert_eq!(collection["extension"], "md");
        assert_eq!(collection["format"], "frontmatter");
    }
}

#[test]
fn the_settings_and_the_reference_data_are_used() {
    let config = generated(vec![Lang::Vi]);
    assert_eq!(config["backend"]["name"], "github");
    assert_eq!(config["backend"]["repo"], "so-nn/ocop");
    assert_eq!(config["backend"]["open_authoring"], true);
    assert_eq!(
        config["backend"]["base_url"],
        "https://auth.example.workers.dev"
    );
    assert_eq!(config["publish_mode"], "editorial_workflow");
    assert_eq!(config["locale"], "vi");
    assert_eq!(config["slug"]["encoding"], "ascii");
    assert_eq!(config["slug"]["clean_accents"], true);
    let products = &config["collections"][1]["fields"];
    let names: Vec<&str> = products
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with("_en")), "{names:?}");
    let reference = Reference::builtin();
    let category = products
        .as_sequence()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "category")
        .unwrap();
    assert_eq!(
        category["options"].as_sequence().unwrap().len(),
        reference.classification.groups().len()
    );
    let text = config_yaml(&config);
    let back: Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(back, config);
}

#[test]
fn one_products_collection_whatever_the_number_of_producers() {
    let producers = folders(50, |i| format!("p-{i}"), |i| format!("P {i}"));
    let reference = Reference::builtin();
    let config = config(
        &settings(vec![Lang::Vi]),
        "https://x.vn/",
        &producers,
        &reference,
    );
    let collections = config["collections"].as_sequence().unwrap();
    assert_eq!(collections.len(), 2);
    let producer = producer_field(collections);
    let values: Vec<&str> = producer["options"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|o| o["value"].as_str())
        .collect();
    assert_eq!(values.len(), 50);
    assert_eq!(values[7], "p-7");
    let text = config_yaml(&config);
    assert!(text.len() < 60_000, "{} bytes", text.len());
    let back: Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(back, config);
}

/// The configuration at the national scale: prints its size and how long
/// reading it takes (run with `--ignored --nocapture`).
#[test]
#[ignore]
fn measure_ten_thousand_producers() {
    let producers = folders(
        10_000,
        |i| format!("htx-san-xuat-{i}"),
        |i| format!("Hợp tác xã sản xuất {i}"),
    );
    let reference = Reference::builtin();
    let config = config(
        &settings(vec![Lang::Vi, Lang::En]),
        "https://x.vn/",
        &producers,
        &reference,
    );
    let text = config_yaml(&config);
    std::fs::write("/tmp/cms-config-10k.yml", &text).unwrap();
    let start = std::time::Instant::now();
    let back: Value = serde_yaml::from_str(&text).unwrap();
    let parse = start.elapsed();
    eprintln!(
        "10,000 producers: {} bytes, {} collections, serde_yaml parse {:?}",
        text.len(),
        back["collections"].as_sequence().unwrap().len(),
        parse
    );
}
