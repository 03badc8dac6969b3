//! The same catalogue in Hugo's form, so that `benches/versus_hugo.py` can
//! build one catalogue with both tools in the same sitting.
//!
//! The catalogue is loaded through the `ocop` library (provinces, categories
//! and stars resolved as `ocop build` resolves them) and written as a Hugo
//! site that makes the same kinds of pages the default theme makes:
//! - a page per product, `/san-pham/<producer>/<product>/`, with the
//!   producer's name, province, category, stars, price, details, the
//!   description rendered from Markdown, JSON-LD and up to four other
//!   products of the same producer;
//! - a page per producer (`/chu-the/<producer>/`, a taxonomy term whose
//!   `_index.md` holds the profile) listing its products;
//! - provinces, categories (groups) and star levels as taxonomies whose term
//!   pages list their products as cards, 48 to a page like ocop's;
//! - the home page, the whole products section paginated, `sitemap.xml`.
//!
//! Hugo has no search index, so the comparison favours Hugo there. Nothing
//! is read from the network; the templates use only Hugo's built-ins.
#![allow(dead_code)]

use ocop::catalogue::Catalogue;
use ocop::model::{Producer, Product};
use serde::Serialize;
use std::fs;
use std::io;
use std::path::Path;

/// What [`write_site`] wrote.
#[derive(Debug, Default)]
pub struct HugoSummary {
    pub products: usize,
    pub producers: usize,
    pub files: usize,
}

#[derive(Serialize)]
struct ProductFront<'a> {
    title: &'a str,
    #[serde(rename = "chu-the")]
    producer: [&'a str; 1],
    tinh: [&'a str; 1],
    nhom: [&'a str; 1],
    sao: [String; 1],
    stars: u8,
    producer_name: &'a str,
    province_name: &'a str,
    group_name: &'a str,
    sector_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    price: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ingredients: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shelf_life: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    packaging: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    standards: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct ProducerFront<'a> {
    title: &'a str,
    province_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    representative: Option<&'a str>,
}

#[derive(Serialize)]
struct TermFront<'a> {
    title: &'a str,
}

/// Writes the Hugo site of `catalogue` into `dir`, which must not exist yet.
pub fn write_site(catalogue: &Catalogue, dir: &Path) -> io::Result<HugoSummary> {
    if dir.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists", dir.display()),
        ));
    }
    let mut summary = HugoSummary::default();
    let mut write = |path: &Path, text: &str| -> io::Result<()> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)?;
        summary.files += 1;
        Ok(())
    };
    for (name, text) in SITE_FILES {
        write(&dir.join(name), text)?;
    }
    let content = dir.join("content");
    let reference = &catalogue.reference;
    for province in reference.provinces.all() {
        let front = TermFront {
            title: &province.name,
        };
        write(
            &content.join("tinh").join(&province.slug).join("_index.md"),
            &front_matter(&front, "")?,
        )?;
    }
    for group in reference.classification.groups() {
        let front = TermFront { title: &group.name };
        write(
            &content.join("nhom").join(&group.slug).join("_index.md"),
            &front_matter(&front, "")?,
        )?;
    }
    for producer in &catalogue.producers {
        write(
            &content
                .join("chu-the")
                .join(&producer.slug)
                .join("_index.md"),
            &producer_file(catalogue, producer)?,
        )?;
        summary.producers += 1;
    }
    for product in &catalogue.products {
        let producer = catalogue.producer_of(product);
        write(
            &content
                .join("san-pham")
                .join(&producer.slug)
                .join(format!("{}.md", product.slug)),
            &product_file(catalogue, producer, product)?,
        )?;
        summary.products += 1;
    }
    Ok(summary)
}

fn product_file(
    catalogue: &Catalogue,
    producer: &Producer,
    product: &Product,
) -> io::Result<String> {
    let reference = &catalogue.reference;
    let province = reference.provinces.get(product.place.province);
    let group = reference.classification.group(product.group);
    let sector = reference.classification.sector(group.sector);
    let front = ProductFront {
        title: &product.name,
        producer: [&producer.slug],
        tinh: [&province.slug],
        nhom: [&group.slug],
        sao: [product.stars.number().to_string()],
        stars: product.stars.number(),
        producer_name: &producer.name,
        province_name: &province.name,
        group_name: &group.name,
        sector_name: &sector.name,
        price: product.price,
        unit: product.unit.as_deref(),
        ingredients: product.ingredients.as_deref(),
        shelf_life: product.shelf_life.as_deref(),
        packaging: product.packaging.as_deref(),
        standards: &product.standards,
        decision: product
            .certificate
            .as_ref()
            .and_then(|certificate| certificate.decision.as_deref()),
        url: format!("/san-pham/{}/{}/", producer.slug, product.slug),
    };
    let body = product
        .description
        .as_ref()
        .map_or("", |text| text.markdown.as_str());
    front_matter(&front, body)
}

fn producer_file(catalogue: &Catalogue, producer: &Producer) -> io::Result<String> {
    let province = catalogue.reference.provinces.get(producer.place.province);
    let front = ProducerFront {
        title: &producer.name,
        province_name: &province.name,
        kind: producer.kind.map(|kind| kind.label_vi()),
        address: producer.address.as_deref(),
        phone: producer.phone.as_deref(),
        email: producer.email.as_deref(),
        website: producer.website.as_deref(),
        representative: producer.representative.as_deref(),
    };
    let body = producer
        .description
        .as_ref()
        .map_or("", |text| text.markdown.as_str());
    front_matter(&front, body)
}

fn front_matter(front: &impl Serialize, body: &str) -> io::Result<String> {
    let yaml = serde_yaml::to_string(front).map_err(io::Error::other)?;
    Ok(format!("---\n{yaml}---\n{body}\n"))
}

/// The configuration, layouts and style sheet of the Hugo site.
const SITE_FILES: &[(&str, &str)] = &[
    (
        "config.yaml",
        r#"baseURL: https://ocop.example.vn/
languageCode: vi
defaultContentLanguage: vi
title: Sản phẩm OCOP
paginate: 48
disableKinds: [RSS]
taxonomies:
  producer: chu-the
  province: tinh
  group: nhom
  stars: sao
markup:
  goldmark:
    renderer:
      unsafe: false
"#,
    ),
    ("static/style.css", STYLE),
    (
        "layouts/_default/baseof.html",
        r#"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Summary | plainify | truncate 160 }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
</head>
<body>
<header class="site"><a class="brand" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "/tinh/" | relURL }}">Tỉnh, thành</a> <a href="{{ "/nhom/" | relURL }}">Nhóm sản phẩm</a> <a href="{{ "/sao/" | relURL }}">Hạng sao</a> <a href="{{ "/chu-the/" | relURL }}">Chủ thể</a></nav></header>
<nav class="crumbs" aria-label="Đường dẫn"><a href="{{ "/" | relURL }}">Trang chủ</a>{{ block "crumbs" . }}{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>Danh mục sản phẩm OCOP · Chương trình Mỗi xã một sản phẩm</p></footer>
</body>
</html>
"#,
    ),
    (
        "layouts/partials/card.html",
        r#"<li class="card"><a href="{{ .RelPermalink }}"><strong>{{ .Title }}</strong></a>
<span class="stars" aria-label="{{ .Params.stars }} sao">{{ strings.Repeat (int .Params.stars) "★" }}</span>
<span>{{ .Params.producer_name }}</span> · <span>{{ .Params.province_name }}</span>
{{ with .Params.price }}<span class="price">{{ lang.FormatNumberCustom 0 . }} đ</span>{{ end }}</li>
"#,
    ),
    (
        "layouts/partials/pager.html",
        r#"{{ if gt .TotalPages 1 }}<nav class="pager" aria-label="Trang">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">Trước</a>{{ end }}
<span>Trang {{ .PageNumber }} / {{ .TotalPages }}</span>
{{ with .Next }}<a rel="next" href="{{ .URL }}">Sau</a>{{ end }}</nav>{{ end }}
"#,
    ),
    (
        "layouts/_default/single.html",
        r#"{{ define "crumbs" }} › <a href="{{ "/tinh/" | relURL }}{{ index .Params.tinh 0 }}/">{{ .Params.province_name }}</a> › <a href="{{ "/chu-the/" | relURL }}{{ index (index .Params "chu-the") 0 }}/">{{ .Params.producer_name }}</a>{{ end }}
{{ define "main" }}
<article class="product">
<h1>{{ .Title }}</h1>
<p class="stars" aria-label="{{ .Params.stars }} sao">{{ strings.Repeat (int .Params.stars) "★" }}</p>
<dl class="facts">
<dt>Chủ thể</dt><dd><a href="{{ "/chu-the/" | relURL }}{{ index (index .Params "chu-the") 0 }}/">{{ .Params.producer_name }}</a></dd>
<dt>Tỉnh, thành</dt><dd><a href="{{ "/tinh/" | relURL }}{{ index .Params.tinh 0 }}/">{{ .Params.province_name }}</a></dd>
<dt>Nhóm</dt><dd><a href="{{ "/nhom/" | relURL }}{{ index .Params.nhom 0 }}/">{{ .Params.group_name }}</a> ({{ .Params.sector_name }})</dd>
{{ with .Params.price }}<dt>Giá</dt><dd>{{ lang.FormatNumberCustom 0 . }} đ{{ with $.Params.unit }} / {{ . }}{{ end }}</dd>{{ end }}
{{ with .Params.ingredients }}<dt>Thành phần</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.shelf_life }}<dt>Hạn sử dụng</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.packaging }}<dt>Quy cách</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.standards }}<dt>Tiêu chuẩn</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
{{ with .Params.decision }}<dt>Quyết định</dt><dd>{{ . }}</dd>{{ end }}
</dl>
<div class="description">{{ .Content }}</div>
{{ $producer := index (index .Params "chu-the") 0 }}
{{ $others := where (index .Site.Taxonomies "chu-the" $producer).Pages "Permalink" "!=" .Permalink }}
{{ with first 4 $others }}<section><h2>Sản phẩm khác của chủ thể</h2><ul class="cards">{{ range . }}{{ partial "card.html" . }}{{ end }}</ul></section>{{ end }}
</article>
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "Product" "name" .Title "url" .Permalink "brand" (dict "@type" "Organization" "name" .Params.producer_name) | jsonify | safeJS }}</script>
{{ end }}
"#,
    ),
    (
        "layouts/_default/list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $pages := .Pages }}{{ if eq .Kind "section" }}{{ $pages = .RegularPagesRecursive }}{{ end }}
{{ $paginator := .Paginate $pages }}
<p>{{ len $pages }} sản phẩm</p>
<ul class="cards">{{ range $paginator.Pages }}{{ partial "card.html" . }}{{ end }}</ul>
{{ partial "pager.html" $paginator }}
{{ end }}
"#,
    ),
    (
        "layouts/_default/term.html",
        r#"{{ define "crumbs" }} › <a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a>{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Params.province_name }}<dl class="facts"><dt>Tỉnh, thành</dt><dd>{{ . }}</dd>
{{ with $.Params.kind }}<dt>Loại hình</dt><dd>{{ . }}</dd>{{ end }}
{{ with $.Params.address }}<dt>Địa chỉ</dt><dd>{{ . }}</dd>{{ end }}
{{ with $.Params.phone }}<dt>Điện thoại</dt><dd>{{ . }}</dd>{{ end }}
{{ with $.Params.email }}<dt>Thư điện tử</dt><dd>{{ . }}</dd>{{ end }}
{{ with $.Params.representative }}<dt>Người đại diện</dt><dd>{{ . }}</dd>{{ end }}</dl>{{ end }}
{{ .Content }}
{{ $paginator := .Paginate .Pages }}
<p>{{ len .Pages }} sản phẩm</p>
<ul class="cards">{{ range $paginator.Pages }}{{ partial "card.html" . }}{{ end }}</ul>
{{ partial "pager.html" $paginator }}
{{ end }}
"#,
    ),
    (
        "layouts/_default/terms.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "layouts/index.html",
        r#"{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<p>{{ len .Site.RegularPages }} sản phẩm của {{ len (index .Site.Taxonomies "chu-the") }} chủ thể.</p>
<h2>Tỉnh, thành</h2>
<ul class="terms">{{ range .Site.Taxonomies.tinh.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
<h2>Sản phẩm 5 sao</h2>
<ul class="cards">{{ range first 12 (where .Site.RegularPages "Params.stars" 5) }}{{ partial "card.html" . }}{{ end }}</ul>
{{ end }}
"#,
    ),
];

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem}\
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem;list-style:none;padding:0}\
.card{border:1px solid #ccc;border-radius:.5rem;padding:.75rem}.stars{color:#b8860b}\
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}\n";
