//! `admin/config.yml`, generated from the field tables of
//! [`crate::content::spec`] and the reference data, so the editor offers
//! every field of the contract with the widget its kind calls for.
//!
//! Both collections manage front-matter Markdown (`.md`): the description
//! is the Markdown body (Decap's `body` field), the other fields the front
//! matter. Producers are one folder collection (`<slug>/producer.md`);
//! products are one folder collection too, over the same folder, with the
//! path `{{producer}}/products/{{slug}}`: the product's `producer`
//! field (a select of the producer folders) puts a new product in its
//! producer's `products/`, and `media_folder: ../photos` its photos in that
//! producer's `photos/`. The select rather than a relation to the producers
//! collection: a relation's value is the other entry's slug or a field of
//! it, and a producer's entry slug is `<folder>/producer` (its path), with
//! no template filter to keep the folder alone.

use super::CmsSettings;
use crate::content::spec::{
    CERTIFICATE_FIELDS, FieldKind, FieldSpec, LINK_FIELDS, PHOTO_FIELDS, PRODUCER_FIELDS,
    PRODUCT_FIELDS,
};
use crate::lang::Lang;
use crate::model::{ProducerKind, StarLevel};
use crate::reference::Reference;
use serde_yaml::{Mapping, Value};

/// The field whose text a `.md` file keeps in its body.
pub const BODY_FIELD: &str = "description";
/// The name Decap gives the body of a front-matter file.
pub const DECAP_BODY: &str = "body";
/// Where producers' folders are, from the site root.
pub const PRODUCERS_FOLDER: &str = "content/producers";
/// The name of the producers collection.
pub const PRODUCERS_COLLECTION: &str = "producers";

/// A patterns' message and its regex, as the editor checks them.
pub const EMAIL_PATTERN: &str = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
/// An http(s) address.
pub const URL_PATTERN: &str = "^https?://[^/?#\\s]+";

/// The name of the products collection.
pub const PRODUCTS_COLLECTION: &str = "products";

/// A producer folder, an option of the products' `producer` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProducerFolder {
    /// The folder name under `content/producers/`.
    pub slug: String,
    /// The producer's name, for the collection's label.
    pub name: String,
}

/// The slugs (values) and names (labels) of the producer folders, in the
/// order given (the caller sorts).
fn producer_options(producers: &[ProducerFolder]) -> Value {
    options(
        producers
            .iter()
            .map(|p| (format!("{} ({})", p.name, p.slug), p.slug.clone())),
    )
}

fn map<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut mapping = Mapping::new();
    for (key, value) in pairs {
        mapping.insert(Value::from(key), value);
    }
    Value::Mapping(mapping)
}

fn insert(value: &mut Value, key: &str, item: Value) {
    if let Value::Mapping(mapping) = value {
        mapping.insert(Value::from(key), item);
    }
}

fn s(text: &str) -> Value {
    Value::from(text)
}

/// Vietnamese labels of the fields producers see most; any other field is
/// labelled with its name (its description is the hint either way).
fn label(name: &str) -> &str {
    match name {
        "name" => "Tên",
        "producer" => "Chủ thể",
        "name_en" => "Tên tiếng Anh",
        "kind" => "Loại chủ thể",
        "province" => "Tỉnh, thành phố",
        "address" => "Địa chỉ",
        "phone" => "Điện thoại",
        "website" => "Trang web",
        "representative" => "Người đại diện",
        "logo" => "Logo",
        "description" | "body" => "Mô tả",
        "description_en" => "Mô tả tiếng Anh",
        "maintainers" => "Người phụ trách (tài khoản GitHub)",
        "category" => "Nhóm sản phẩm",
        "stars" => "Số sao OCOP",
        "potential_5_star" => "Tiềm năng 5 sao",
        "certificate" => "Quyết định công nhận",
        "decision" => "Số quyết định",
        "date" => "Ngày ký",
        "issuer" => "Cơ quan ban hành",
        "valid_until" => "Hiệu lực đến",
        "photos" => "Ảnh",
        "src" => "Ảnh",
        "alt" => "Mô tả ảnh",
        "price" => "Giá (đồng)",
        "unit" => "Đơn vị bán",
        "standards" => "Tiêu chuẩn",
        "ingredients" => "Thành phần",
        "shelf_life" => "Hạn sử dụng",
        "packaging" => "Đóng gói",
        "links" => "Liên kết",
        "label" => "Tên liên kết",
        "url" => "Địa chỉ",
        other => other,
    }
}

/// Whether a field is for a language the editor does not show (`name_en`
/// on a site in Vietnamese only).
fn shown(field: &FieldSpec, languages: &[Lang]) -> bool {
    match field.name.rsplit_once('_') {
        Some((_, code)) => match code.parse::<Lang>() {
            Ok(lang) => languages.contains(&lang),
            Err(_) => true,
        },
        None => true,
    }
}

fn options(pairs: impl IntoIterator<Item = (String, String)>) -> Value {
    Value::Sequence(
        pairs
            .into_iter()
            .map(|(label, value)| map([("label", s(&label)), ("value", s(&value))]))
            .collect(),
    )
}

fn objects(fields: &[FieldSpec], reference: &Reference) -> Value {
    Value::Sequence(
        fields
            .iter()
            .map(|f| widget(f, f.name, reference))
            .collect(),
    )
}

/// The Decap field for `field`, named `name` in the file.
pub fn widget(field: &FieldSpec, name: &str, reference: &Reference) -> Value {
    let mut out = map([
        ("label", s(label(name))),
        ("name", s(name)),
        ("required", Value::from(field.required)),
        ("hint", s(field.description_vi)),
    ]);
    let kind: Vec<(&str, Value)> = match field.kind {
        FieldKind::Text | FieldKind::Repo => vec![("widget", s("string"))],
        FieldKind::Markdown => vec![("widget", s("markdown"))],
        FieldKind::Email => vec![
            ("widget", s("string")),
            (
                "pattern",
                Value::Sequence(vec![s(EMAIL_PATTERN), s("Địa chỉ email chưa đúng")]),
            ),
        ],
        FieldKind::WebUrl => vec![
            ("widget", s("string")),
            (
                "pattern",
                Value::Sequence(vec![
                    s(URL_PATTERN),
                    s("Địa chỉ phải bắt đầu bằng https:// hoặc http://"),
                ]),
            ),
        ],
        FieldKind::Path => vec![("widget", s("image")), ("choose_url", Value::from(false))],
        FieldKind::TextList | FieldKind::Languages => vec![("widget", s("list"))],
        FieldKind::Province => {
            let mut pairs = Vec::new();
            for province in reference.provinces.all() {
                pairs.push((province.name.clone(), province.name.clone()));
            }
            for province in reference.provinces.all() {
                for former in &province.former {
                    pairs.push((
                        format!("{} (nay thuộc {})", former.name, province.name),
                        former.name.clone(),
                    ));
                }
            }
            vec![("widget", s("select")), ("options", options(pairs))]
        }
        FieldKind::Category => {
            let groups = reference.classification.groups();
            let pairs = groups
                .iter()
                .map(|g| (format!("{} – {}", g.code, g.name), g.code.clone()));
            vec![("widget", s("select")), ("options", options(pairs))]
        }
        FieldKind::ProducerKind => {
            let pairs = ProducerKind::ALL
                .iter()
                .map(|k| (k.label_vi().to_string(), k.key().to_string()));
            vec![("widget", s("select")), ("options", options(pairs))]
        }
        FieldKind::Stars => {
            // A number with bounds rather than a select: a file saying 7
            // shows 7 and the editor refuses to save it.
            let numbers: Vec<u8> = StarLevel::ALL.iter().map(|s| s.number()).collect();
            vec![
                ("widget", s("number")),
                ("value_type", s("int")),
                (
                    "min",
                    Value::from(numbers.iter().min().copied().unwrap_or(3)),
                ),
                (
                    "max",
                    Value::from(numbers.iter().max().copied().unwrap_or(5)),
                ),
                ("step", Value::from(1)),
            ]
        }
        FieldKind::YesNo => vec![("widget", s("boolean"))],
        FieldKind::Price => vec![
            ("widget", s("number")),
            ("value_type", s("int")),
            ("min", Value::from(0)),
            ("step", Value::from(1000)),
        ],
        FieldKind::Date => vec![
            ("widget", s("datetime")),
            ("format", s("YYYY-MM-DD")),
            ("date_format", s("DD/MM/YYYY")),
            ("time_format", Value::from(false)),
        ],
        FieldKind::Certificate => vec![
            ("widget", s("object")),
            ("collapsed", Value::from(false)),
            ("fields", objects(CERTIFICATE_FIELDS, reference)),
        ],
        FieldKind::Photos => vec![
            ("widget", s("list")),
            ("fields", objects(PHOTO_FIELDS, reference)),
        ],
        FieldKind::Links => vec![
            ("widget", s("list")),
            ("fields", objects(LINK_FIELDS, reference)),
        ],
        FieldKind::Language => vec![
            ("widget", s("select")),
            ("options", Value::Sequence(vec![s("vi"), s("en")])),
        ],
        FieldKind::PageSize | FieldKind::PhotoQuality | FieldKind::PhotoWidths => {
            vec![("widget", s("number")), ("value_type", s("int"))]
        }
        // Filled in by `config` with the producer folders.
        FieldKind::ProducerSlug => vec![("widget", s("select"))],
        // Site settings are not edited in the browser.
        FieldKind::Deploy | FieldKind::Cms => vec![("widget", s("hidden"))],
    };
    for (key, value) in kind {
        insert(&mut out, key, value);
    }
    out
}

/// The Decap fields of a file with `fields`, the body last.
pub fn fields(table: &[FieldSpec], languages: &[Lang], reference: &Reference) -> Value {
    let mut out = Vec::new();
    let mut body = None;
    for field in table.iter().filter(|f| shown(f, languages)) {
        if field.name == BODY_FIELD {
            body = Some(widget(field, DECAP_BODY, reference));
        } else {
            out.push(widget(field, field.name, reference));
        }
    }
    out.extend(body);
    Value::Sequence(out)
}

fn producers_collection(languages: &[Lang], reference: &Reference) -> Value {
    map([
        ("name", s(PRODUCERS_COLLECTION)),
        ("label", s("Chủ thể OCOP")),
        ("label_singular", s("chủ thể")),
        ("folder", s(PRODUCERS_FOLDER)),
        ("path", s("{{slug}}/producer")),
        ("extension", s("md")),
        ("format", s("frontmatter")),
        ("create", Value::from(true)),
        ("slug", s("{{name}}")),
        ("identifier_field", s("name")),
        ("media_folder", s("photos")),
        ("public_folder", s("photos")),
        ("fields", fields(PRODUCER_FIELDS, languages, reference)),
    ])
}

fn products_collection(producers: &[ProducerFolder], mut fields: Value) -> Value {
    if let Some(list) = fields.as_sequence_mut() {
        for field in list.iter_mut() {
            if field["name"] == "producer" {
                insert(field, "options", producer_options(producers));
                // A product's folder is its producer: the editor asks for it.
                insert(field, "required", Value::from(true));
            }
        }
    }
    map([
        ("name", s(PRODUCTS_COLLECTION)),
        ("label", s("Sản phẩm OCOP")),
        ("label_singular", s("sản phẩm")),
        ("folder", s(PRODUCERS_FOLDER)),
        ("path", s(PRODUCT_PATH)),
        ("extension", s("md")),
        ("format", s("frontmatter")),
        ("create", Value::from(true)),
        ("slug", s("{{name}}")),
        ("identifier_field", s("name")),
        ("summary", s("{{name}} – {{dirname}}")),
        ("media_folder", s("../photos")),
        ("public_folder", s("../photos")),
        ("fields", fields),
    ])
}

/// Where a product is, from [`PRODUCERS_FOLDER`], as Decap templates it.
/// `{{producer}}`, not `{{fields.producer}}`: Decap turns the dots of a
/// `path` into dashes before reading it (`prepareSlug`), so the latter
/// names no field and the product lands in `content/producers/products/`.
pub const PRODUCT_PATH: &str = "{{producer}}/products/{{slug}}";

/// The whole configuration, as Decap reads it from `admin/config.yml`.
pub fn config(
    settings: &CmsSettings,
    site_url: &str,
    producers: &[ProducerFolder],
    reference: &Reference,
) -> Value {
    let mut backend = map([
        ("name", s("github")),
        ("repo", s(&settings.repo)),
        ("branch", s(&settings.branch)),
        ("open_authoring", Value::from(settings.open_authoring)),
    ]);
    if let Some(base_url) = &settings.base_url {
        insert(&mut backend, "base_url", s(base_url));
    }
    let languages = &settings.languages;
    let collections = vec![
        producers_collection(languages, reference),
        products_collection(producers, fields(PRODUCT_FIELDS, languages, reference)),
    ];
    map([
        ("backend", backend),
        ("publish_mode", s("editorial_workflow")),
        ("locale", s("vi")),
        ("site_url", s(site_url)),
        ("display_url", s(site_url)),
        // Uploads outside an entry (the media library) have no producer:
        // entries keep theirs in their own photos/ (see the collections).
        ("media_folder", s(PRODUCERS_FOLDER)),
        ("public_folder", s("/")),
        (
            "slug",
            map([
                ("encoding", s("ascii")),
                ("clean_accents", Value::from(true)),
                ("sanitize_replacement", s("-")),
            ]),
        ),
        ("collections", Value::Sequence(collections)),
    ])
}

/// The configuration as YAML text, with a note that it is generated.
pub fn config_yaml(config: &Value) -> String {
    let body = serde_yaml::to_string(config).unwrap_or_default();
    format!(
        "# Generated by ocop from the content contract (src/content/spec.rs) and site.yaml's cms:.\n# Do not edit: ocop build writes it again.\n{body}"
    )
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
