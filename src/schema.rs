//! JSON Schemas of the content files, for editors: completion, hover help
//! and validation while typing (the YAML language server in VS Code and
//! others reads them).
//!
//! They are generated from the field tables of [`crate::content::spec`],
//! the same tables the reader checks files against, so they cannot drift
//! from what `ocop check` accepts. Province and category names come from
//! the reference data in force (a site's own `content/reference/` when it
//! has one) as `examples`, not `enum`: the reader accepts loose spellings
//! ("tp. can tho", a former province) that an `enum` would wrongly refuse.
//! The schemas accept what the reader accepts for every field but `kind`,
//! where they ask for the canonical key (`hop-tac-xa`) the reader also
//! takes spelt out ("Hợp tác xã"). They cannot check what needs the disk
//! (does the photo exist?): `ocop check` does.

use crate::content::spec::{
    CERTIFICATE_FIELDS, CMS_FIELDS, DEPLOY_FIELDS, FieldKind, FieldSpec, LINK_FIELDS, PHOTO_FIELDS,
    PRODUCER_FIELDS, PRODUCT_FIELDS, SITE_FIELDS,
};
use crate::model::{ProducerKind, StarLevel};
use crate::reference::Reference;
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};

/// Where `ocop schema` writes, relative to the site root, and where the
/// `# yaml-language-server: $schema=` comments of `ocop new` point.
pub const SCHEMA_DIR: &str = ".ocop/schema";
/// The schema of producer files.
pub const PRODUCER_SCHEMA: &str = "producer.schema.json";
/// The schema of product files.
pub const PRODUCT_SCHEMA: &str = "product.schema.json";
/// The schema of `content/site.yaml`.
pub const SITE_SCHEMA: &str = "site.schema.json";

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// One schema file: its name in [`SCHEMA_DIR`] and its contents.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaFile {
    /// File name (`producer.schema.json`).
    pub name: &'static str,
    /// The schema.
    pub schema: Value,
}

/// A value as YAML reads text fields: the reader takes numbers and
/// true/false as written (an unquoted phone number keeps its zero).
fn text() -> Value {
    json!({"type": ["string", "number", "boolean"]})
}

fn description(field: &FieldSpec) -> String {
    format!("{}\n\n{}", field.description_vi, field.description_en)
}

/// A list of `item`, or one `item` alone (the reader takes both).
fn list_of(item: Value) -> Value {
    json!({"anyOf": [{"type": "array", "items": item}, item]})
}

fn object(fields: &[FieldSpec], reference: &Reference) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in fields {
        properties.insert(field.name.to_string(), property(field, reference));
        if field.required {
            required.push(Value::from(field.name));
        }
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn property(field: &FieldSpec, reference: &Reference) -> Value {
    let mut schema = kind_schema(field.kind, reference);
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), Value::from(description(field)));
        // A scaffold example written as a block (a group or a list) is not
        // one value an editor could offer: only one-line examples are kept.
        if !field.example.contains('\n')
            && let Ok(example) = serde_yaml::from_str::<serde_json::Value>(field.example)
            && !map.contains_key("examples")
        {
            map.insert("examples".into(), json!([example]));
        }
    }
    schema
}

fn kind_schema(kind: FieldKind, reference: &Reference) -> Value {
    match kind {
        FieldKind::Text => text(),
        FieldKind::Markdown => json!({"type": ["string", "number", "boolean"]}),
        FieldKind::Email => json!({"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"}),
        FieldKind::WebUrl => json!({"type": "string", "pattern": "^https?://[^/?#\\s]+"}),
        FieldKind::Path => json!({"type": "string", "minLength": 1}),
        FieldKind::TextList => list_of(json!({"type": ["string", "number", "boolean", "null"]})),
        FieldKind::Province => {
            let mut examples: Vec<Value> = Vec::new();
            for province in reference.provinces.all() {
                examples.push(Value::from(province.name.clone()));
            }
            for province in reference.provinces.all() {
                for former in &province.former {
                    examples.push(Value::from(former.name.clone()));
                }
            }
            json!({"type": ["string", "number"], "examples": examples})
        }
        FieldKind::Category => {
            let classification = &reference.classification;
            let examples: Vec<Value> = classification
                .groups()
                .iter()
                .map(|g| Value::from(g.code.clone()))
                .chain(
                    classification
                        .groups()
                        .iter()
                        .map(|g| Value::from(g.name.clone())),
                )
                .collect();
            json!({"type": "string", "minLength": 1, "examples": examples})
        }
        FieldKind::ProducerKind => {
            let keys: Vec<&str> = ProducerKind::ALL.iter().map(|k| k.key()).collect();
            json!({"enum": keys})
        }
        FieldKind::Stars => {
            let numbers: Vec<u8> = StarLevel::ALL.iter().map(|s| s.number()).collect();
            json!({"anyOf": [
                {"enum": numbers},
                // "4", "4 sao", "4★": what people write, as the reader takes it.
                {"type": "string", "pattern": "^\\s*[345]\\s*(sao)?\\s*[★*]*\\s*$"}
            ]})
        }
        FieldKind::YesNo => json!({"type": "boolean"}),
        FieldKind::Price => json!({"anyOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "pattern": "^\\s*[0-9]{1,3}([., ]?[0-9]{3})*\\s*([vV][nN][dDđĐ]|đồng|Đồng|đ|Đ|₫)?\\s*$"}
        ]}),
        FieldKind::Date => json!({
            "type": "string",
            "pattern": "^\\s*([0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4})\\s*$"
        }),
        FieldKind::Certificate => object(CERTIFICATE_FIELDS, reference),
        FieldKind::Deploy => {
            let mut deploy = object(DEPLOY_FIELDS, reference);
            if let Some(to) = deploy.pointer_mut("/properties/to") {
                to["pattern"] = json!("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$");
            }
            deploy
        }
        FieldKind::Cms => object(CMS_FIELDS, reference),
        FieldKind::ProducerSlug => json!({"type": "string", "pattern": "^[^/\\\\\\s]+$"}),
        FieldKind::Repo => json!({"type": "string", "pattern": crate::content::REPO_PATTERN}),
        FieldKind::Photos => list_of(json!({"anyOf": [
            {"type": "string", "minLength": 1},
            object(PHOTO_FIELDS, reference)
        ]})),
        FieldKind::Links => list_of(json!({"anyOf": [
            {"type": "string", "pattern": "^https?://"},
            object(LINK_FIELDS, reference)
        ]})),
        FieldKind::Language => json!({"enum": ["vi", "en"]}),
        FieldKind::Languages => list_of(json!({"enum": ["vi", "en"]})),
        FieldKind::PageSize => json!({"anyOf": [
            {"type": "integer", "minimum": 1, "maximum": 1000},
            {"type": "string", "pattern": "^[0-9]+$"}
        ]}),
        FieldKind::PhotoWidths => {
            list_of(json!({"type": "integer", "minimum": 16, "maximum": 8192}))
        }
        FieldKind::PhotoQuality => json!({"type": "integer", "minimum": 30, "maximum": 100}),
    }
}

fn document(title: &str, about: &str, fields: &[FieldSpec], reference: &Reference) -> Value {
    let mut schema = object(fields, reference);
    if let Value::Object(map) = &mut schema {
        map.insert("$schema".into(), Value::from(DRAFT));
        map.insert("title".into(), Value::from(title));
        map.insert("description".into(), Value::from(about));
    }
    schema
}

/// The schemas of producer, product and site files, with examples from
/// `reference`.
pub fn schemas(reference: &Reference) -> Vec<SchemaFile> {
    vec![
        SchemaFile {
            name: PRODUCER_SCHEMA,
            schema: document(
                "Chủ thể OCOP (producer.yaml)",
                "Hồ sơ một chủ thể OCOP: content/producers/<tên>/producer.yaml. Kiểm tra đầy đủ bằng `ocop check`.\n\nAn OCOP producer's profile. Check it fully with `ocop check`.",
                PRODUCER_FIELDS,
                reference,
            ),
        },
        SchemaFile {
            name: PRODUCT_SCHEMA,
            schema: document(
                "Sản phẩm OCOP (products/<tên>.yaml)",
                "Một sản phẩm OCOP: content/producers/<chủ thể>/products/<tên>.yaml. Kiểm tra đầy đủ bằng `ocop check`.\n\nAn OCOP product. Check it fully with `ocop check`.",
                PRODUCT_FIELDS,
                reference,
            ),
        },
        SchemaFile {
            name: SITE_SCHEMA,
            schema: document(
                "Cấu hình danh mục (content/site.yaml)",
                "Cấu hình của danh mục.\n\nThe catalogue's settings.",
                SITE_FIELDS,
                reference,
            ),
        },
    ]
}

/// Writes the schemas into `dir` (created if needed); returns the files.
/// Each is written to a temporary file and renamed, so an editor reading
/// it meanwhile never sees half a schema.
pub fn write_schemas(dir: &Path, reference: &Reference) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for file in schemas(reference) {
        let path = dir.join(file.name);
        let mut text = serde_json::to_string_pretty(&file.schema).map_err(std::io::Error::other)?;
        text.push('\n');
        let temporary = dir.join(format!(".{}.tmp", file.name));
        std::fs::write(&temporary, text)?;
        std::fs::rename(&temporary, &path)?;
        written.push(path);
    }
    Ok(written)
}

/// The `$schema` comment for a file at `file` (relative to the site root)
/// pointing at `schema` in [`SCHEMA_DIR`], as the YAML language server reads it.
pub fn modeline(file: &Path, schema: &str) -> String {
    let depth = file.parent().map_or(0, |p| p.components().count());
    let up = "../".repeat(depth);
    format!("# yaml-language-server: $schema={up}{SCHEMA_DIR}/{schema}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_list_every_field_of_the_tables() {
        let reference = Reference::builtin();
        let files = schemas(&reference);
        let producer = &files[0].schema;
        assert_eq!(producer["$schema"], DRAFT);
        assert_eq!(producer["additionalProperties"], false);
        for field in PRODUCER_FIELDS {
            assert!(
                producer["properties"].get(field.name).is_some(),
                "{}",
                field.name
            );
        }
        assert_eq!(producer["required"], json!(["name", "province"]));
        assert_eq!(
            producer["properties"]["kind"]["enum"],
            json!(["doanh-nghiep", "hop-tac-xa", "to-hop-tac", "ho-kinh-doanh"])
        );
        let examples = producer["properties"]["province"]["examples"]
            .as_array()
            .unwrap();
        assert!(examples.contains(&json!("Cần Thơ")) && examples.contains(&json!("Sóc Trăng")));
        let product = &files[1].schema;
        assert_eq!(product["required"], json!(["name", "category", "stars"]));
        assert_eq!(
            product["properties"]["certificate"]["required"],
            json!(["date"])
        );
    }

    #[test]
    fn modelines_climb_to_the_site_root() {
        assert_eq!(
            modeline(
                Path::new("content/producers/a/products/b.yaml"),
                PRODUCT_SCHEMA
            ),
            "# yaml-language-server: $schema=../../../../.ocop/schema/product.schema.json"
        );
        assert_eq!(
            modeline(Path::new("content/site.yaml"), SITE_SCHEMA),
            "# yaml-language-server: $schema=../.ocop/schema/site.schema.json"
        );
    }
}
