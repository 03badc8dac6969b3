//! A reproducible, national-scale OCOP catalogue: writes a realistic
//! `content/` tree of N products from M producers, the same bytes for the
//! same [`Spec`] on every machine.
//!
//! Shared by the `generate` bench (`cargo bench --bench generate -- …`) and
//! the `scale` integration test, which include this file with
//! `#[path = "../benches/support/generate.rs"] mod generate;`. It uses only
//! std, the `ocop` library and the crate's own dependencies.
//!
//! What the content looks like, by design:
//! - every one of the 34 provincial units is used (by the first 34 producers),
//!   about a fifth of producers write a FORMER province (`Sóc Trăng`), others
//!   the unit's full name (`Thành phố Cần Thơ`), `TP. …`, its code (`"92"`) or
//!   an alias;
//! - every category of Decision 148/QĐ-TTg is used (by the first 26
//!   producers), written mostly as a code (`I.4.a`), sometimes as the
//!   Vietnamese name or, on certificates before mid-2023, a 1048/QĐ-TTg name;
//! - stars: about 2/3 three-star, 1/3 four-star, 0.7 % five-star, a few
//!   four-star products marked `potential_5_star`;
//! - half the files are `.md` with a Markdown body, half `.yaml` with
//!   `description`; descriptions are 2–6 Vietnamese sentences (about 300–900
//!   characters), some with **bold** and lists;
//! - each producer has 1–4 products (when M ≤ N ≤ 4M); slugs come from the
//!   names with `slugify`, `-2`, `-3`… appended on a collision;
//! - all contact data is fictitious: phones `0000 000 xxx`, `@example.vn`,
//!   decisions `MẪU-<n>/QĐ-UBND`.
//!
//! With `photos`, each product gets 1–3 tiny (64×48) JPEG or PNG photos in
//! its producer's `photos/` folder, and some producers a logo.
#![allow(dead_code)]

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};
use ocop::text::slugify;
use std::collections::HashSet;
use std::fmt;
use std::io;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// Number of products.
    pub products: usize,
    /// Number of producers.
    pub producers: usize,
    /// The seed: the same seed gives the same bytes.
    pub seed: u64,
    /// Whether to write small photos (and reference them).
    pub photos: bool,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            products: 20_000,
            producers: 10_000,
            seed: 1,
            photos: false,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Product files written.
    pub products: usize,
    /// Producer folders written.
    pub producers: usize,
    /// Content files written as Markdown with front matter.
    pub markdown_files: usize,
    /// Content files written as YAML.
    pub yaml_files: usize,
    /// Photos (and logos) written.
    pub photos: usize,
    /// All files written, `site.yaml` included.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Products with 3, 4 and 5 stars.
    pub stars: [usize; 3],
    /// Four-star products marked `potential_5_star`.
    pub potential_5_star: usize,
    /// Producers whose `province` is a former province.
    pub former_provinces: usize,
    /// Provincial units with at least one producer.
    pub provinces: usize,
    /// Categories with at least one product.
    pub categories: usize,
    /// Slugs that got a `-2`, `-3`… suffix because the name's slug was taken.
    pub renamed_slugs: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} products from {} producers in {} provinces, {} categories",
            self.products, self.producers, self.provinces, self.categories
        )?;
        writeln!(
            f,
            "stars 3/4/5: {}/{}/{} ({} potential 5-star); {} producers name a former province",
            self.stars[0],
            self.stars[1],
            self.stars[2],
            self.potential_5_star,
            self.former_provinces
        )?;
        write!(
            f,
            "{} .md and {} .yaml files, {} photos, {} slugs renamed on collision; {} files, {:.1} MB",
            self.markdown_files,
            self.yaml_files,
            self.photos,
            self.renamed_slugs,
            self.files,
            self.bytes as f64 / 1e6
        )
    }
}

/// Writes `root/content/` for `spec`. Refuses to write into an existing
/// `root/content` (it never deletes anything).
pub fn generate(root: &Path, spec: &Spec) -> io::Result<Summary> {
    if spec.producers == 0 && spec.products > 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "products need at least one producer",
        ));
    }
    let content = root.join("content");
    if content.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists", content.display()),
        ));
    }
    let producers_dir = content.join("producers");
    std::fs::create_dir_all(&producers_dir)?;

    let mut rng = Rng::new(spec.seed);
    let mut out = Writer::default();
    out.write(&content.join("site.yaml"), site_yaml(spec).as_bytes())?;

    let counts = distribute(spec.products, spec.producers, &mut rng);
    let mut producer_slugs = HashSet::with_capacity(spec.producers);
    let mut units_used = [false; UNITS.len()];
    let mut categories_used = [false; CATEGORIES.len()];
    let mut summary = Summary::default();
    for (index, &count) in counts.iter().enumerate() {
        let producer = make_producer(index, &mut rng, &mut producer_slugs, &mut summary);
        units_used[producer.unit] = true;
        let dir = producers_dir.join(&producer.slug);
        std::fs::create_dir_all(dir.join("products"))?;
        if spec.photos {
            std::fs::create_dir(dir.join("photos"))?;
        }
        let logo = spec.photos && rng.chance(0.4);
        if logo {
            let bytes = photo(&mut rng, CATEGORIES[producer.primary].colour, false)?;
            out.write(&dir.join("photos/logo.png"), &bytes)?;
            summary.photos += 1;
        }
        let (name, text) = producer_file(&producer, logo, &mut rng, &mut summary);
        if name.ends_with(".md") {
            summary.markdown_files += 1;
        } else {
            summary.yaml_files += 1;
        }
        out.write(&dir.join(name), text.as_bytes())?;
        summary.producers += 1;

        let mut product_slugs = HashSet::with_capacity(count);
        // Photo names (without extension) in this producer's folder.
        let mut photo_names = HashSet::from(["logo".to_string()]);
        for number in 0..count {
            let product = make_product(&producer, number, &mut rng, &mut product_slugs);
            if product.slug_renamed {
                summary.renamed_slugs += 1;
            }
            categories_used[product.category] = true;
            summary.stars[usize::from(product.stars - 3)] += 1;
            if product.potential {
                summary.potential_5_star += 1;
            }
            let mut photos = Vec::new();
            if spec.photos {
                for k in 1..=rng.range(1, 3) {
                    let jpeg = rng.chance(0.3);
                    let (stem, _) =
                        unique_slug(&format!("{}-{k}", product.slug), "anh", &mut photo_names);
                    let file = format!("{stem}.{}", if jpeg { "jpg" } else { "png" });
                    let bytes = photo(&mut rng, CATEGORIES[product.category].colour, jpeg)?;
                    out.write(&dir.join("photos").join(&file), &bytes)?;
                    summary.photos += 1;
                    photos.push(file);
                }
            }
            let markdown = rng.chance(0.5);
            let text = product_file(&producer, &product, &photos, markdown, &mut rng);
            let ext = if markdown { "md" } else { "yaml" };
            if markdown {
                summary.markdown_files += 1;
            } else {
                summary.yaml_files += 1;
            }
            out.write(
                &dir.join("products").join(format!("{}.{ext}", product.slug)),
                text.as_bytes(),
            )?;
            summary.products += 1;
        }
    }
    summary.provinces = units_used.iter().filter(|&&u| u).count();
    summary.categories = categories_used.iter().filter(|&&c| c).count();
    summary.files = out.files;
    summary.bytes = out.bytes;
    Ok(summary)
}

// ---------------------------------------------------------------------------
// Randomness and output

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed ^ 0x6f63_6f70_2d67_656e); // "ocop-gen"
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: u32, high: u32) -> u32 {
        low + self.below((high - low + 1) as usize) as u32
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Writes whole files at once (one buffered write each, no fsync).
#[derive(Default)]
struct Writer {
    files: usize,
    bytes: u64,
}

impl Writer {
    fn write(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)?;
        self.files += 1;
        self.bytes += bytes.len() as u64;
        Ok(())
    }
}

/// Products per producer: 1–4 each when `m ≤ n ≤ 4m`. With fewer products
/// than producers the last ones have none; with more than 4m, the surplus is
/// spread evenly.
fn distribute(n: usize, m: usize, rng: &mut Rng) -> Vec<usize> {
    if n <= m {
        return (0..m).map(|i| usize::from(i < n)).collect();
    }
    let mut counts = vec![1; m];
    let mut open: Vec<usize> = (0..m).collect();
    let mut remaining = n - m;
    while remaining > 0 {
        if open.is_empty() {
            for (i, count) in counts.iter_mut().enumerate() {
                *count += remaining / m + usize::from(i < remaining % m);
            }
            break;
        }
        let k = rng.below(open.len());
        counts[open[k]] += 1;
        remaining -= 1;
        if counts[open[k]] == 4 {
            open.swap_remove(k);
        }
    }
    counts
}

/// `slugify(name)`, made unique in `taken` with `-2`, `-3`…; also whether it
/// had to be renamed.
fn unique_slug(name: &str, fallback: &str, taken: &mut HashSet<String>) -> (String, bool) {
    let mut base = slugify(name);
    if base.is_empty() {
        base = fallback.to_string();
    }
    if taken.insert(base.clone()) {
        return (base, false);
    }
    let mut n = 2;
    loop {
        let slug = format!("{base}-{n}");
        if taken.insert(slug.clone()) {
            return (slug, true);
        }
        n += 1;
    }
}

/// A tiny photo: a diagonal gradient with a round "subject", 64×48.
fn photo(rng: &mut Rng, base: [u8; 3], jpeg: bool) -> io::Result<Vec<u8>> {
    const W: u32 = 64;
    const H: u32 = 48;
    let jitter = |rng: &mut Rng, c: u8| c.saturating_add(rng.range(0, 60) as u8).saturating_sub(30);
    let top = [
        jitter(rng, base[0]),
        jitter(rng, base[1]),
        jitter(rng, base[2]),
    ];
    let bottom = [top[0] / 3, top[1] / 3, top[2] / 3];
    let subject = [
        rng.range(120, 255) as u8,
        rng.range(120, 255) as u8,
        rng.range(60, 200) as u8,
    ];
    let (cx, cy, r) = (
        rng.range(16, 48) as i32,
        rng.range(12, 36) as i32,
        rng.range(6, 16) as i32,
    );
    let mut pixels = Vec::with_capacity((W * H * 3) as usize);
    for y in 0..H {
        for x in 0..W {
            let (dx, dy) = (x as i32 - cx, y as i32 - cy);
            if dx * dx + dy * dy < r * r {
                pixels.extend_from_slice(&subject);
                continue;
            }
            let t = (x + y) * 255 / (W + H - 2);
            for c in 0..3 {
                let (a, b) = (u32::from(top[c]), u32::from(bottom[c]));
                pixels.push(((a * (255 - t) + b * t) / 255) as u8);
            }
        }
    }
    let mut bytes = Vec::with_capacity(2048);
    let result = if jpeg {
        JpegEncoder::new_with_quality(&mut bytes, 80).write_image(
            &pixels,
            W,
            H,
            ExtendedColorType::Rgb8,
        )
    } else {
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::Sub)
            .write_image(&pixels, W, H, ExtendedColorType::Rgb8)
    };
    result.map_err(io::Error::other)?;
    Ok(bytes)
}

// ---------------------------------------------------------------------------
// Writing YAML and Markdown

/// Whether `text` can be written as a plain YAML scalar and read back as
/// the same string. Conservative: anything doubtful is quoted.
fn plain_ok(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    // A number or date never has a space: "12 tháng" is text.
    if "-?:,[]{}#&*!|>'\"%@`.+~".contains(first)
        || (first.is_ascii_digit() && !text.contains(' '))
        || first.is_whitespace()
        || text.ends_with(char::is_whitespace)
        || text.ends_with(':')
        || text.contains(": ")
        || text.contains(" #")
        || text.contains(['\n', '\t', '\r'])
    {
        return false;
    }
    !matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
    )
}

fn push_scalar(out: &mut String, text: &str) {
    if plain_ok(text) {
        out.push_str(text);
    } else {
        out.push('"');
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

/// `key: value`, quoted when needed.
fn field(out: &mut String, indent: &str, key: &str, value: &str) {
    out.push_str(indent);
    out.push_str(key);
    out.push_str(": ");
    push_scalar(out, value);
    out.push('\n');
}

/// `key: value` written exactly as given (dates, numbers, flow lists).
fn raw_field(out: &mut String, indent: &str, key: &str, value: &str) {
    out.push_str(indent);
    out.push_str(key);
    out.push_str(": ");
    out.push_str(value);
    out.push('\n');
}

/// `key: |` followed by the text, indented.
fn block_field(out: &mut String, key: &str, text: &str) {
    out.push_str(key);
    out.push_str(": |\n");
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// Breaks a paragraph into lines of at most `width` characters, as people
/// do in plain-text editors.
fn wrap(paragraph: &str, width: usize) -> String {
    let mut out = String::with_capacity(paragraph.len() + 16);
    let mut line_len = 0;
    for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

/// Replaces `{key}` placeholders.
fn fill(template: &str, vars: &Vars<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
        let key = &rest[start + 1..end];
        match key {
            "ten" => out.push_str(vars.name),
            "chu" => out.push_str(vars.producer),
            "noi" => out.push_str(vars.place),
            "tinh" => out.push_str(vars.province),
            "craft" => out.push_str(vars.craft),
            "std" => out.push_str(vars.standard),
            "nam" => out.push_str(&vars.year.to_string()),
            "nam2" => out.push_str(&vars.year2.to_string()),
            "sao" => out.push_str(&vars.stars.to_string()),
            "k" => out.push_str(&vars.count.to_string()),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
        rest = rest.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

struct Vars<'a> {
    name: &'a str,
    producer: &'a str,
    place: &'a str,
    province: &'a str,
    craft: &'a str,
    standard: &'a str,
    year: u32,
    year2: u32,
    stars: u8,
    count: u32,
}

/// Composes a description: an opening sentence, then sentences from `pool`
/// until the text is long enough (2–6 sentences, about 300–900 characters).
/// `rich` texts bold the name and may carry a list of facts, under one of
/// `headings`.
struct Facts<'a> {
    headings: &'a [&'a str],
    items: &'a [String],
}

fn compose(
    rng: &mut Rng,
    opening: String,
    pool: &[&str],
    vars: &Vars<'_>,
    facts: Facts<'_>,
    rich: bool,
) -> String {
    let target = rng.range(300, 820) as usize;
    let list = rich && !facts.items.is_empty() && rng.chance(0.6);
    let mut length = opening.chars().count();
    if list {
        length += facts
            .items
            .iter()
            .map(|f| f.chars().count() + 3)
            .sum::<usize>();
    }
    let mut sentences = vec![opening];
    let mut order: Vec<&str> = pool.to_vec();
    rng.shuffle(&mut order);
    for template in order {
        if sentences.len() >= 6 || (sentences.len() >= 2 && length >= target) {
            break;
        }
        let sentence = fill(template, vars);
        let len = sentence.chars().count() + 1;
        if sentences.len() >= 2 && length + len > 900 {
            continue;
        }
        length += len;
        sentences.push(sentence);
    }
    let split = if sentences.len() > 3 {
        rng.range(2, sentences.len() as u32 - 1) as usize
    } else {
        sentences.len()
    };
    let mut first = sentences[..split].join(" ");
    if rich {
        first = first.replacen(vars.name, &format!("**{}**", vars.name), 1);
    }
    let mut text = wrap(&first, 88);
    if list {
        text.push_str("\n\n");
        text.push_str(rng.pick(facts.headings));
        text.push('\n');
        for fact in facts.items {
            text.push_str("\n- ");
            text.push_str(fact);
        }
    }
    if split < sentences.len() {
        text.push_str("\n\n");
        text.push_str(&wrap(&sentences[split..].join(" "), 88));
    }
    text
}

// ---------------------------------------------------------------------------
// Producers

struct Producer {
    slug: String,
    name: String,
    /// The name's distinctive part ("Tân Phát", "Bà Sáu", a place), for brands.
    brand: String,
    kind: &'static str,
    unit: usize,
    area: usize,
    place: &'static str,
    primary: usize,
    founded: u32,
}

impl Producer {
    fn area(&self) -> &'static Area {
        &UNITS[self.unit].areas[self.area]
    }

    /// The province as it was called before July 2025.
    fn old_province(&self) -> &'static str {
        self.area().name
    }
}

fn make_producer(
    index: usize,
    rng: &mut Rng,
    taken: &mut HashSet<String>,
    summary: &mut Summary,
) -> Producer {
    let unit = if index < UNITS.len() {
        index
    } else {
        rng.below(UNITS.len())
    };
    let area = rng.below(UNITS[unit].areas.len());
    let place = rng.pick(UNITS[unit].areas[area].places);
    let primary = if index < CATEGORIES.len() {
        index
    } else {
        weighted_category(rng)
    };
    let category = &CATEGORIES[primary];
    let word = rng.pick(category.words);
    let roll = rng.below(100);
    let (kind, name, brand) = if roll < 25 {
        let brand = format!("{} {}", rng.pick(BRAND_FIRST), rng.pick(BRAND_SECOND));
        let prefix = rng.pick(&[
            "Công ty TNHH",
            "Công ty Cổ phần",
            "Công ty TNHH MTV",
            "Công ty TNHH",
            "Doanh nghiệp tư nhân",
        ]);
        ("doanh-nghiep", format!("{prefix} {word} {brand}"), brand)
    } else if roll < 60 {
        let prefix = rng.pick(&["Hợp tác xã", "Hợp tác xã", "HTX"]);
        let (name, brand) = if rng.chance(0.3) {
            let brand = format!("{} {}", rng.pick(BRAND_FIRST), rng.pick(BRAND_SECOND));
            (format!("{prefix} {word} {brand}"), brand)
        } else {
            (format!("{prefix} {word} {place}"), place.to_string())
        };
        ("hop-tac-xa", name, brand)
    } else if roll < 70 {
        (
            "to-hop-tac",
            format!("Tổ hợp tác {word} {place}"),
            place.to_string(),
        )
    } else {
        let family = if rng.chance(0.5) {
            format!("{} {}", rng.pick(KIN), rng.pick(ORDINALS))
        } else {
            format!("{} {}", rng.pick(GIVEN), rng.pick(GIVEN))
        };
        let prefix = rng.pick(&["Cơ sở", "Cơ sở", "Cơ sở sản xuất", "Hộ kinh doanh"]);
        ("ho-kinh-doanh", format!("{prefix} {word} {family}"), family)
    };
    let (slug, renamed) = unique_slug(&name, "chu-the", taken);
    if renamed {
        summary.renamed_slugs += 1;
    }
    Producer {
        slug,
        name,
        brand,
        kind,
        unit,
        area,
        place,
        primary,
        founded: rng.range(1995, 2020),
    }
}

/// The `province` field as a producer would write it; counts former names.
/// Also whether it is a former province.
fn written_province(producer: &Producer, rng: &mut Rng) -> (String, bool) {
    let unit = &UNITS[producer.unit];
    if producer.area > 0 && rng.chance(0.55) {
        let name = producer.old_province();
        let written = if rng.chance(0.8) {
            name.to_string()
        } else {
            format!("Tỉnh {name}")
        };
        return (written, true);
    }
    let city = unit.full_name.starts_with("Thành phố");
    let roll = rng.below(100);
    let written = match roll {
        0..62 => unit.name.to_string(),
        62..77 => unit.full_name.to_string(),
        77..82 if city => format!("TP. {}", unit.name),
        77..82 => format!("Tỉnh {}", unit.name),
        82..90 => unit.code.to_string(),
        90..95 if city => format!("thành phố {}", unit.name),
        90..95 => format!("tỉnh {}", unit.name),
        _ => unit
            .aliases
            .first()
            .map_or_else(|| unit.name.to_string(), |a| a.to_string()),
    };
    (written, false)
}

/// "thành phố Hà Nội", "tỉnh Sơn La": how an address or issuer names a unit.
fn lower_full_name(unit: &Unit) -> String {
    let mut chars = unit.full_name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The province part of an address or issuer, before July 2025.
fn old_full_name(producer: &Producer) -> String {
    if producer.area == 0 {
        lower_full_name(&UNITS[producer.unit])
    } else {
        format!("tỉnh {}", producer.old_province())
    }
}

fn representative(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.pick(SURNAMES),
        rng.pick(&["Thị", "Văn", "Thị", "Văn", "Hữu", "Minh", "Thanh", "Ngọc"]),
        rng.pick(LETTERS)
    )
}

/// `producer.yaml` or `producer.md`: its file name and text.
fn producer_file(
    producer: &Producer,
    logo: bool,
    rng: &mut Rng,
    summary: &mut Summary,
) -> (&'static str, String) {
    let markdown = rng.chance(0.5);
    let mut text = String::with_capacity(2048);
    if markdown {
        text.push_str("---\n");
    }
    field(&mut text, "", "name", &producer.name);
    if rng.chance(0.95) {
        let kind = if rng.chance(0.85) {
            producer.kind
        } else {
            match producer.kind {
                "doanh-nghiep" => "Doanh nghiệp",
                "hop-tac-xa" => "Hợp tác xã",
                "to-hop-tac" => "Tổ hợp tác",
                _ => "Hộ kinh doanh",
            }
        };
        field(&mut text, "", "kind", kind);
    }
    let (province, former) = written_province(producer, rng);
    if former {
        summary.former_provinces += 1;
    }
    if province.bytes().all(|b| b.is_ascii_digit()) {
        raw_field(&mut text, "", "province", &format!("\"{province}\""));
    } else {
        field(&mut text, "", "province", &province);
    }
    let hamlet = if rng.chance(0.5) {
        format!("{} {}", rng.pick(HAMLETS), rng.range(1, 12))
    } else {
        format!("{} {}", rng.pick(HAMLETS), rng.pick(BRAND_FIRST))
    };
    let province_part = if former {
        format!("tỉnh {}", producer.old_province())
    } else {
        lower_full_name(&UNITS[producer.unit])
    };
    field(
        &mut text,
        "",
        "address",
        &format!("{hamlet}, xã {}, {province_part}", producer.place),
    );
    // Quoted as the contract advises, mostly; unquoted still reads as text.
    let phone = format!("0000 000 {:03}", rng.below(1000));
    if rng.chance(0.85) {
        raw_field(&mut text, "", "phone", &format!("\"{phone}\""));
    } else {
        raw_field(&mut text, "", "phone", &phone);
    }
    let local: String = producer.slug.chars().take(40).collect();
    field(
        &mut text,
        "",
        "email",
        &format!("{}@example.vn", local.trim_end_matches('-')),
    );
    if rng.chance(0.3) {
        field(
            &mut text,
            "",
            "website",
            &format!("https://example.vn/{}/", producer.slug),
        );
    }
    field(&mut text, "", "representative", &representative(rng));
    if logo {
        field(&mut text, "", "logo", "photos/logo.png");
    }
    if rng.chance(0.15) {
        let unit_slug = slugify(UNITS[producer.unit].name);
        raw_field(
            &mut text,
            "",
            "maintainers",
            &format!("[ocop-{unit_slug}, nguoi-dung-{}]", rng.below(10_000)),
        );
    }
    let category = &CATEGORIES[producer.primary];
    let province_name = producer.old_province();
    let vars = Vars {
        name: &producer.name,
        producer: &producer.name,
        place: producer.place,
        province: province_name,
        craft: category.craft,
        standard: rng.pick(&["VietGAP", "HACCP", "ISO 22000", "ISO 9001"]),
        year: producer.founded,
        year2: rng.range(2019.max(producer.founded + 1), 2024),
        stars: 3,
        count: rng.range(5, 120),
    };
    let opening = fill(rng.pick(PRODUCER_OPENINGS), &vars);
    let mut pool: Vec<&str> = PRODUCER_SENTENCES.to_vec();
    if category.kind != Kind::Service {
        pool.push(
            "Khách có thể đến tham quan cơ sở, tìm hiểu nghề {craft} và mua sản phẩm tận nơi.",
        );
    }
    let facts = [
        format!("**Địa chỉ:** xã {}, {}", producer.place, province_name),
        format!("**Năm thành lập:** {}", producer.founded),
        format!("**Lĩnh vực:** {}", category.craft),
    ];
    let rich = rng.chance(if markdown { 0.6 } else { 0.2 });
    let facts = Facts {
        headings: PRODUCER_HEADINGS,
        items: &facts,
    };
    let description = compose(rng, opening, &pool, &vars, facts, rich);
    if markdown {
        text.push_str("---\n");
        text.push_str(&description);
        text.push('\n');
    } else {
        block_field(&mut text, "description", &description);
    }
    let name = if markdown {
        "producer.md"
    } else {
        "producer.yaml"
    };
    (name, text)
}

// ---------------------------------------------------------------------------
// Products

struct Product {
    slug: String,
    slug_renamed: bool,
    name: String,
    category: usize,
    stars: u8,
    potential: bool,
}

fn weighted_category(rng: &mut Rng) -> usize {
    let total: u32 = CATEGORIES.iter().map(|c| c.weight).sum();
    let mut roll = rng.range(0, total - 1);
    for (i, category) in CATEGORIES.iter().enumerate() {
        if roll < category.weight {
            return i;
        }
        roll -= category.weight;
    }
    0
}

fn make_product(
    producer: &Producer,
    number: usize,
    rng: &mut Rng,
    taken: &mut HashSet<String>,
) -> Product {
    let category = if number == 0 || rng.chance(0.75) {
        producer.primary
    } else {
        weighted_category(rng)
    };
    let c = &CATEGORIES[category];
    let (item, _) = rng.pick(c.items);
    let mut name = item.to_string();
    let variant = rng.pick(c.variants);
    if !variant.is_empty() && rng.chance(0.5) {
        name.push(' ');
        name.push_str(variant);
    }
    if c.kind == Kind::Service {
        name.push(' ');
        name.push_str(producer.place);
    } else {
        match rng.below(10) {
            0..4 => {
                name.push(' ');
                name.push_str(producer.place);
            }
            4..6 => {
                name.push(' ');
                name.push_str(&producer.brand);
            }
            _ => {}
        }
    }
    let (slug, slug_renamed) = unique_slug(&name, "san-pham", taken);
    let roll = rng.below(10_000);
    let stars = if roll < 70 {
        5
    } else if roll < 70 + 3_300 {
        4
    } else {
        3
    };
    let potential = stars == 4 && rng.chance(0.03);
    Product {
        slug,
        slug_renamed,
        name,
        category,
        stars,
        potential,
    }
}

#[derive(Clone, Copy)]
struct Day {
    year: u32,
    month: u32,
    day: u32,
}

impl Day {
    fn random(rng: &mut Rng) -> Day {
        // Older certificates have mostly been renewed since: recent years weigh more.
        let year = match rng.below(100) {
            0..8 => 2021,
            8..20 => 2022,
            20..40 => 2023,
            40..68 => 2024,
            _ => 2025,
        };
        let month = rng.range(1, 12);
        let days = match month {
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        Day {
            year,
            month,
            day: rng.range(1, days),
        }
    }

    /// Whether this day is before the first of `month` of `year`.
    fn before(self, year: u32, month: u32) -> bool {
        (self.year, self.month) < (year, month)
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn written(self, rng: &mut Rng) -> String {
        if rng.chance(0.15) {
            format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
        } else {
            self.iso()
        }
    }
}

fn product_file(
    producer: &Producer,
    product: &Product,
    photos: &[String],
    markdown: bool,
    rng: &mut Rng,
) -> String {
    let c = &CATEGORIES[product.category];
    let mut text = String::with_capacity(2048);
    if markdown {
        text.push_str("---\n");
    }
    field(&mut text, "", "name", &product.name);

    let certified = rng.chance(0.97);
    let date = Day::random(rng);
    let before_2023_reform = date.before(2023, 7);
    let category = match rng.below(100) {
        _ if before_2023_reform && !c.former.is_empty() && rng.chance(0.3) => {
            rng.pick(c.former).to_string()
        }
        0..75 => c.code.to_string(),
        75..90 => c.name.to_string(),
        90..95 => c.code.to_lowercase(),
        _ => c.name.to_lowercase(),
    };
    field(&mut text, "", "category", &category);
    if rng.chance(0.03) {
        field(&mut text, "", "stars", &format!("{} sao", product.stars));
    } else {
        raw_field(&mut text, "", "stars", &product.stars.to_string());
    }
    if product.potential {
        raw_field(&mut text, "", "potential_5_star", "true");
    }
    if certified {
        text.push_str("certificate:\n");
        let number = rng.range(1, 4999);
        if rng.chance(0.95) {
            let decision = if product.stars == 5 {
                format!("MẪU-{number}/QĐ-BNN-KTHT")
            } else {
                format!("MẪU-{number}/QĐ-UBND")
            };
            field(&mut text, "  ", "decision", &decision);
        }
        raw_field(&mut text, "  ", "date", &date.written(rng));
        if rng.chance(0.9) {
            let issuer = if product.stars == 5 {
                if date.before(2025, 3) {
                    "Bộ Nông nghiệp và Phát triển nông thôn".to_string()
                } else {
                    "Bộ Nông nghiệp và Môi trường".to_string()
                }
            } else if !date.before(2025, 7) {
                format!("UBND {}", lower_full_name(&UNITS[producer.unit]))
            } else if product.stars == 3 && !date.before(2023, 7) && rng.chance(0.6) {
                format!("UBND huyện {}", producer.place)
            } else {
                format!("UBND {}", old_full_name(producer))
            };
            field(&mut text, "  ", "issuer", &issuer);
        }
        if rng.chance(0.03) {
            let until = Day {
                year: date.year + 3,
                ..date
            };
            raw_field(&mut text, "  ", "valid_until", &until.iso());
        }
    }

    if !photos.is_empty() {
        text.push_str("photos:\n");
        for (k, photo) in photos.iter().enumerate() {
            if rng.chance(0.5) {
                text.push_str("  - src: ../photos/");
                text.push_str(photo);
                text.push('\n');
                let alt = match k {
                    0 => product.name.clone(),
                    _ => format!("{} – ảnh {}", product.name, k + 1),
                };
                field(&mut text, "    ", "alt", &alt);
            } else {
                text.push_str("  - ../photos/");
                text.push_str(photo);
                text.push('\n');
            }
        }
    }

    let unit = rng.pick(c.units);
    if rng.chance(0.85) {
        let step = if c.price.1 > 1000 { 5 } else { 1 };
        let price = rng.range(c.price.0 / step, c.price.1 / step) * step * 1000;
        let grouped = group_thousands(price);
        match rng.below(10) {
            0..5 => raw_field(&mut text, "", "price", &price.to_string()),
            5..8 => raw_field(&mut text, "", "price", &format!("\"{grouped}\"")),
            _ => raw_field(&mut text, "", "price", &format!("\"{grouped} đ\"")),
        }
        field(&mut text, "", "unit", unit);
    }
    let mut standards = Vec::new();
    if c.kind != Kind::Service && rng.chance(0.3) {
        let pool: &[&str] = match c.kind {
            Kind::Goods => &[
                "VietGAP",
                "HACCP",
                "ISO 22000",
                "Hữu cơ",
                "GlobalGAP",
                "ISO 9001",
            ],
            Kind::Living => &["VietGAP"],
            _ => &["ISO 9001"],
        };
        let first = rng.pick(pool);
        standards.push(first);
        let second = rng.pick(pool);
        if second != first && rng.chance(0.4) {
            standards.push(second);
        }
        raw_field(
            &mut text,
            "",
            "standards",
            &format!("[{}]", standards.join(", ")),
        );
    }
    let ingredients = c
        .items
        .iter()
        .find(|(item, _)| product.name.starts_with(item))
        .map_or("", |(_, ingredients)| ingredients);
    if !ingredients.is_empty() && rng.chance(0.7) {
        field(&mut text, "", "ingredients", ingredients);
    }
    let shelf_life = if c.shelf.is_empty() {
        None
    } else {
        Some(rng.pick(c.shelf))
    };
    if let Some(shelf) = shelf_life.filter(|_| rng.chance(0.6)) {
        field(&mut text, "", "shelf_life", shelf);
    }
    let packaging: &[&str] = match c.kind {
        Kind::Goods => &[
            "Hộp giấy kraft in thông tin sản phẩm",
            "Chai thủy tinh, hộp giấy",
            "Túi zip có lớp màng nhôm",
            "Hũ thủy tinh đặt trong hộp quà bằng tre",
            "Túi hút chân không, thùng carton",
        ],
        Kind::Craft => &["Hộp carton có lớp xốp chống va đập", "Túi vải bố in logo"],
        Kind::Living => &["Chậu nhựa, giao kèm hướng dẫn chăm sóc"],
        Kind::Service => &[],
    };
    if !packaging.is_empty() && rng.chance(0.35) {
        field(&mut text, "", "packaging", rng.pick(packaging));
    }
    if rng.chance(0.01) {
        let other = rng.below(UNITS.len());
        if other != producer.unit {
            field(&mut text, "", "province", UNITS[other].name);
        }
    }
    if rng.chance(0.12) {
        text.push_str("links:\n");
        if rng.chance(0.6) {
            text.push_str("  - label: Gian hàng trực tuyến\n");
            text.push_str(&format!(
                "    url: https://shop.example.vn/{}/{}\n",
                producer.slug, product.slug
            ));
        }
        text.push_str(&format!(
            "  - https://truyxuat.example.vn/ma/{}\n",
            rng.range(100_000, 999_999)
        ));
    }

    let province = producer.old_province();
    let standard = standards.first().copied().unwrap_or("VietGAP");
    let year = if certified { date.year } else { 2024 };
    let vars = Vars {
        name: &product.name,
        producer: &producer.name,
        place: producer.place,
        province,
        craft: c.craft,
        standard,
        year,
        year2: rng.range(2019, 2025),
        stars: product.stars,
        count: rng.range(10, 300),
    };
    let openings = if c.kind == Kind::Service {
        SERVICE_OPENINGS
    } else {
        GOODS_OPENINGS
    };
    let opening = fill(rng.pick(openings), &vars);
    let mut pool: Vec<&str> = c.traits.to_vec();
    pool.extend_from_slice(ALL_SENTENCES);
    if c.kind != Kind::Service {
        pool.extend_from_slice(GOODS_SENTENCES);
    }
    if certified {
        pool.push(
            "Sản phẩm được công nhận OCOP {sao} sao năm {nam} sau khi hoàn thiện bao bì, nhãn mác và hồ sơ công bố chất lượng.",
        );
    }
    let mut facts = Vec::new();
    if !ingredients.is_empty() {
        facts.push(format!("**Thành phần:** {ingredients}"));
    }
    facts.push(format!("**Quy cách:** {unit}"));
    if let Some(shelf) = shelf_life {
        facts.push(format!("**Hạn sử dụng:** {shelf}"));
        facts.push("**Bảo quản:** nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp".into());
    }
    if !standards.is_empty() {
        facts.push(format!("**Tiêu chuẩn:** {}", standards.join(", ")));
    }
    if c.kind == Kind::Service {
        facts.push("**Mở cửa:** 7 giờ – 18 giờ hằng ngày, đặt trước qua điện thoại".into());
    }
    facts.push(format!("Sản phẩm OCOP {} sao", product.stars));
    let rich = rng.chance(if markdown { 0.8 } else { 0.3 });
    let facts = Facts {
        headings: &["Thông tin sản phẩm:", "Điểm nổi bật:", "Tóm tắt:"],
        items: &facts,
    };
    let description = compose(rng, opening, &pool, &vars, facts, rich);
    if markdown {
        text.push_str("---\n");
        text.push_str(&description);
        text.push('\n');
    } else {
        block_field(&mut text, "description", &description);
    }
    text
}

/// 150000 → "150.000".
fn group_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn site_yaml(spec: &Spec) -> String {
    let mut text = String::new();
    field(
        &mut text,
        "",
        "title",
        "Danh mục sản phẩm OCOP toàn quốc (dữ liệu mẫu)",
    );
    text.push_str("description: >-\n");
    text.push_str(&format!(
        "  Danh mục MẪU gồm {} sản phẩm của {} chủ thể OCOP, sinh tự động (hạt giống {})\n",
        spec.products, spec.producers, spec.seed
    ));
    text.push_str(
        "  để thử tải. Mọi tên, địa chỉ, số điện thoại, email, giá bán và số quyết định\n  đều là hư cấu.\n",
    );
    raw_field(&mut text, "", "base_url", "https://ocop.example.vn/");
    raw_field(&mut text, "", "language", "vi");
    raw_field(&mut text, "", "page_size", "48");
    field(
        &mut text,
        "",
        "publisher",
        "Văn phòng Điều phối Chương trình OCOP (mẫu)",
    );
    text
}

// ---------------------------------------------------------------------------
// Vocabulary

const PRODUCER_HEADINGS: &[&str] = &["Thông tin chung:", "Vài nét về cơ sở:"];

const PRODUCER_OPENINGS: &[&str] = &[
    "{ten} được thành lập năm {nam} tại {noi}, {tinh}, với mục tiêu phát triển nghề {craft} của địa phương.",
    "Khởi đầu từ một cơ sở nhỏ của gia đình ở {noi}, {ten} nay là đơn vị {craft} có tiếng của {tinh}.",
    "{ten} ra đời năm {nam}, quy tụ các hộ có kinh nghiệm {craft} lâu năm ở {noi}, {tinh}.",
];

const PRODUCER_SENTENCES: &[&str] = &[
    "Hiện đơn vị có {k} thành viên và lao động thường xuyên, phần lớn là phụ nữ và người cao tuổi trong vùng.",
    "Từ năm {nam2}, đơn vị tham gia Chương trình Mỗi xã một sản phẩm và được hỗ trợ cải tiến bao bì, nhãn mác, xây dựng câu chuyện sản phẩm.",
    "Nguyên liệu được thu mua trực tiếp từ các hộ dân trong xã với giá ổn định, góp phần tạo việc làm và tăng thu nhập cho người dân.",
    "Cơ sở sản xuất được đầu tư nhà xưởng, máy móc mới và áp dụng quy trình quản lý chất lượng theo tiêu chuẩn {std}.",
    "Sản phẩm của đơn vị đã có mặt tại nhiều tỉnh, thành trong cả nước và từng được giới thiệu tại các hội chợ nông sản ở Hà Nội và Thành phố Hồ Chí Minh.",
    "Người đứng đầu cơ sở cho biết mục tiêu trong vài năm tới là giữ chất lượng ổn định và có thêm sản phẩm đạt chuẩn OCOP.",
    "Đơn vị bán hàng qua điện thoại, mạng xã hội và các sàn thương mại điện tử, giao hàng toàn quốc.",
];

const GOODS_OPENINGS: &[&str] = &[
    "{ten} là sản phẩm chủ lực của {chu} tại {noi}, {tinh}.",
    "{ten} do {chu} sản xuất tại {noi}, {tinh}, theo quy trình khép kín từ khâu chọn nguyên liệu đến đóng gói.",
    "Từ một sản phẩm chỉ bán trong làng, {ten} của {chu} nay đã có mặt ở nhiều tỉnh, thành nhờ Chương trình Mỗi xã một sản phẩm.",
];

const SERVICE_OPENINGS: &[&str] = &[
    "{ten} do {chu} xây dựng và vận hành tại {noi}, {tinh}.",
    "{ten} là điểm đến được {chu} đầu tư từ năm {nam2}, nằm giữa vùng quê yên bình của {tinh}.",
];

const GOODS_SENTENCES: &[&str] = &[
    "Mỗi lô hàng đều được ghi nhật ký sản xuất và dán tem truy xuất nguồn gốc bằng mã QR.",
    "Sản phẩm hiện được bán tại các cửa hàng đặc sản, điểm giới thiệu sản phẩm OCOP của tỉnh và trên các sàn thương mại điện tử.",
    "Bao bì được thiết kế lại năm {nam2}, in thông tin thành phần, hạn sử dụng và hướng dẫn bảo quản bằng cả tiếng Việt và tiếng Anh.",
    "Sản phẩm thường được khách mua làm quà biếu vào dịp lễ, Tết và được giới thiệu tại nhiều hội chợ xúc tiến thương mại.",
];

const ALL_SENTENCES: &[&str] = &[
    "Cơ sở liên kết với hơn {k} hộ dân trong vùng để bảo đảm nguồn nguyên liệu ổn định và giá thu mua hợp lý.",
    "Trong thời gian tới, {chu} dự kiến mở rộng quy mô và đưa sản phẩm đến gần hơn với khách hàng ở các thành phố lớn.",
];

const BRAND_FIRST: &[&str] = &[
    "Tân",
    "Hưng",
    "Phước",
    "An",
    "Minh",
    "Thành",
    "Phú",
    "Kim",
    "Hồng",
    "Thiên",
    "Việt",
    "Hoàng",
    "Gia",
    "Ngọc",
    "Bảo",
    "Đức",
    "Thái",
    "Quang",
    "Hải",
    "Trường",
    "Vạn",
    "Đông",
    "Nam",
    "Bình",
];

const BRAND_SECOND: &[&str] = &[
    "Phát", "Thịnh", "Lộc", "Khang", "Đạt", "Châu", "Quý", "Long", "Nguyên", "Anh", "Hà", "Sơn",
    "Xuân", "Phong", "Tín", "Hưng", "Mỹ", "Hòa", "Lợi", "An", "Thuận", "Tiến", "Vinh", "Lâm",
];

const KIN: &[&str] = &["Bà", "Cô", "Ông", "Chú", "Dì", "Bác", "Chị", "Anh"];

const ORDINALS: &[&str] = &[
    "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười",
];

const GIVEN: &[&str] = &[
    "Lan",
    "Hương",
    "Mai",
    "Hoa",
    "Tuấn",
    "Dũng",
    "Hùng",
    "Thủy",
    "Nga",
    "Bình",
    "Sương",
    "Hải",
    "Thu",
    "Cúc",
    "Phượng",
    "Tâm",
    "Hạnh",
    "Hiền",
    "Loan",
    "Yến",
    "Khoa",
    "Nam",
    "Sơn",
    "Tùng",
];

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Lâm", "Đinh", "Hà", "Lò", "Thào", "Giàng", "Sùng", "Y",
];

const LETTERS: &[&str] = &[
    "A", "B", "C", "D", "Đ", "E", "G", "H", "K", "L", "M", "N", "P", "Q", "S", "T", "V", "X",
];

const HAMLETS: &[&str] = &["Thôn", "Ấp", "Bản", "Xóm", "Tổ dân phố", "Khu phố", "Buôn"];

/// A provincial unit since 1 July 2025 and the old provinces it covers.
struct Unit {
    code: &'static str,
    name: &'static str,
    full_name: &'static str,
    aliases: &'static [&'static str],
    /// The unit itself first, then the former provinces it absorbed.
    areas: &'static [Area],
}

struct Area {
    name: &'static str,
    places: &'static [&'static str],
}

const fn unit(
    code: &'static str,
    name: &'static str,
    full_name: &'static str,
    aliases: &'static [&'static str],
    areas: &'static [Area],
) -> Unit {
    Unit {
        code,
        name,
        full_name,
        aliases,
        areas,
    }
}

const fn area(name: &'static str, places: &'static [&'static str]) -> Area {
    Area { name, places }
}

const UNITS: &[Unit] = &[
    unit(
        "01",
        "Hà Nội",
        "Thành phố Hà Nội",
        &["Hanoi"],
        &[area(
            "Hà Nội",
            &[
                "Bát Tràng",
                "Vạn Phúc",
                "Ba Vì",
                "Sóc Sơn",
                "Chương Mỹ",
                "Phú Xuyên",
            ],
        )],
    ),
    unit(
        "04",
        "Cao Bằng",
        "Tỉnh Cao Bằng",
        &[],
        &[area(
            "Cao Bằng",
            &["Trùng Khánh", "Quảng Hòa", "Hà Quảng", "Nguyên Bình"],
        )],
    ),
    unit(
        "08",
        "Tuyên Quang",
        "Tỉnh Tuyên Quang",
        &[],
        &[
            area("Tuyên Quang", &["Na Hang", "Hàm Yên", "Chiêm Hóa"]),
            area(
                "Hà Giang",
                &["Đồng Văn", "Mèo Vạc", "Bắc Quang", "Hoàng Su Phì"],
            ),
        ],
    ),
    unit(
        "11",
        "Điện Biên",
        "Tỉnh Điện Biên",
        &[],
        &[area("Điện Biên", &["Mường Thanh", "Tủa Chùa", "Mường Ảng"])],
    ),
    unit(
        "12",
        "Lai Châu",
        "Tỉnh Lai Châu",
        &[],
        &[area("Lai Châu", &["Tam Đường", "Sìn Hồ", "Than Uyên"])],
    ),
    unit(
        "14",
        "Sơn La",
        "Tỉnh Sơn La",
        &[],
        &[area(
            "Sơn La",
            &["Mộc Châu", "Yên Châu", "Mai Sơn", "Thuận Châu"],
        )],
    ),
    unit(
        "15",
        "Lào Cai",
        "Tỉnh Lào Cai",
        &[],
        &[
            area("Lào Cai", &["Sa Pa", "Bắc Hà", "Bát Xát"]),
            area(
                "Yên Bái",
                &["Mù Cang Chải", "Văn Chấn", "Suối Giàng", "Trấn Yên"],
            ),
        ],
    ),
    unit(
        "19",
        "Thái Nguyên",
        "Tỉnh Thái Nguyên",
        &[],
        &[
            area(
                "Thái Nguyên",
                &["Tân Cương", "Đại Từ", "Định Hóa", "Phú Lương"],
            ),
            area("Bắc Kạn", &["Ba Bể", "Chợ Đồn", "Na Rì"]),
        ],
    ),
    unit(
        "20",
        "Lạng Sơn",
        "Tỉnh Lạng Sơn",
        &[],
        &[area(
            "Lạng Sơn",
            &["Bắc Sơn", "Hữu Lũng", "Cao Lộc", "Văn Quan"],
        )],
    ),
    unit(
        "22",
        "Quảng Ninh",
        "Tỉnh Quảng Ninh",
        &[],
        &[area(
            "Quảng Ninh",
            &["Vân Đồn", "Tiên Yên", "Cô Tô", "Đông Triều"],
        )],
    ),
    unit(
        "24",
        "Bắc Ninh",
        "Tỉnh Bắc Ninh",
        &[],
        &[
            area("Bắc Ninh", &["Đông Hồ", "Đình Bảng", "Từ Sơn", "Gia Bình"]),
            area("Bắc Giang", &["Lục Ngạn", "Yên Thế", "Lạng Giang"]),
        ],
    ),
    unit(
        "25",
        "Phú Thọ",
        "Tỉnh Phú Thọ",
        &[],
        &[
            area("Phú Thọ", &["Thanh Sơn", "Tân Sơn", "Đoan Hùng"]),
            area("Vĩnh Phúc", &["Tam Đảo", "Lập Thạch", "Vĩnh Tường"]),
            area("Hòa Bình", &["Mai Châu", "Cao Phong", "Lạc Sơn"]),
        ],
    ),
    unit(
        "31",
        "Hải Phòng",
        "Thành phố Hải Phòng",
        &[],
        &[
            area(
                "Hải Phòng",
                &["Cát Bà", "Thủy Nguyên", "Tiên Lãng", "Vĩnh Bảo"],
            ),
            area(
                "Hải Dương",
                &["Thanh Hà", "Chí Linh", "Ninh Giang", "Gia Lộc"],
            ),
        ],
    ),
    unit(
        "33",
        "Hưng Yên",
        "Tỉnh Hưng Yên",
        &[],
        &[
            area("Hưng Yên", &["Khoái Châu", "Văn Giang", "Phố Hiến"]),
            area("Thái Bình", &["Kiến Xương", "Thái Thụy", "Vũ Thư"]),
        ],
    ),
    unit(
        "37",
        "Ninh Bình",
        "Tỉnh Ninh Bình",
        &[],
        &[
            area("Ninh Bình", &["Tràng An", "Kim Sơn", "Gia Viễn"]),
            area("Nam Định", &["Hải Hậu", "Giao Thủy", "Vụ Bản"]),
            area("Hà Nam", &["Lý Nhân", "Kim Bảng", "Bình Lục"]),
        ],
    ),
    unit(
        "38",
        "Thanh Hóa",
        "Tỉnh Thanh Hóa",
        &[],
        &[area(
            "Thanh Hóa",
            &["Nga Sơn", "Thọ Xuân", "Ngọc Lặc", "Hoằng Hóa"],
        )],
    ),
    unit(
        "40",
        "Nghệ An",
        "Tỉnh Nghệ An",
        &[],
        &[area(
            "Nghệ An",
            &["Quỳnh Lưu", "Nam Đàn", "Con Cuông", "Diễn Châu"],
        )],
    ),
    unit(
        "42",
        "Hà Tĩnh",
        "Tỉnh Hà Tĩnh",
        &[],
        &[area(
            "Hà Tĩnh",
            &["Hương Khê", "Vũ Quang", "Can Lộc", "Nghi Xuân"],
        )],
    ),
    unit(
        "44",
        "Quảng Trị",
        "Tỉnh Quảng Trị",
        &[],
        &[
            area("Quảng Trị", &["Hướng Hóa", "Gio Linh", "Cam Lộ"]),
            area("Quảng Bình", &["Bố Trạch", "Lệ Thủy", "Minh Hóa"]),
        ],
    ),
    unit(
        "46",
        "Huế",
        "Thành phố Huế",
        &[],
        &[
            area("Huế", &["Phong Điền", "Nam Đông", "A Lưới", "Hương Trà"]),
            area("Thừa Thiên Huế", &["Phú Vang", "Quảng Điền", "Phú Lộc"]),
        ],
    ),
    unit(
        "48",
        "Đà Nẵng",
        "Thành phố Đà Nẵng",
        &[],
        &[
            area("Đà Nẵng", &["Hòa Vang", "Sơn Trà", "Hòa Bắc"]),
            area("Quảng Nam", &["Hội An", "Trà My", "Đại Lộc", "Duy Xuyên"]),
        ],
    ),
    unit(
        "51",
        "Quảng Ngãi",
        "Tỉnh Quảng Ngãi",
        &[],
        &[
            area("Quảng Ngãi", &["Lý Sơn", "Bình Sơn", "Tư Nghĩa", "Mộ Đức"]),
            area("Kon Tum", &["Ngọc Linh", "Đắk Tô", "Kon Plông"]),
        ],
    ),
    unit(
        "52",
        "Gia Lai",
        "Tỉnh Gia Lai",
        &[],
        &[
            area("Gia Lai", &["Chư Sê", "Mang Yang", "Chư Păh"]),
            area(
                "Bình Định",
                &["An Nhơn", "Tuy Phước", "Hoài Nhơn", "Phù Cát"],
            ),
        ],
    ),
    unit(
        "56",
        "Khánh Hòa",
        "Tỉnh Khánh Hòa",
        &[],
        &[
            area(
                "Khánh Hòa",
                &["Vạn Ninh", "Cam Lâm", "Diên Khánh", "Ninh Hòa"],
            ),
            area("Ninh Thuận", &["Ninh Phước", "Ninh Hải", "Thuận Bắc"]),
        ],
    ),
    unit(
        "66",
        "Đắk Lắk",
        "Tỉnh Đắk Lắk",
        &[],
        &[
            area(
                "Đắk Lắk",
                &["Buôn Ma Thuột", "Krông Pắc", "Buôn Đôn", "Ea Kar"],
            ),
            area("Phú Yên", &["Tuy An", "Sông Cầu", "Đồng Xuân"]),
        ],
    ),
    unit(
        "68",
        "Lâm Đồng",
        "Tỉnh Lâm Đồng",
        &[],
        &[
            area("Lâm Đồng", &["Đà Lạt", "Bảo Lộc", "Đơn Dương", "Di Linh"]),
            area("Đắk Nông", &["Gia Nghĩa", "Đắk Mil", "Tuy Đức"]),
            area(
                "Bình Thuận",
                &["Phan Thiết", "Hàm Thuận Nam", "Phú Quý", "Tuy Phong"],
            ),
        ],
    ),
    unit(
        "75",
        "Đồng Nai",
        "Tỉnh Đồng Nai",
        &[],
        &[
            area(
                "Đồng Nai",
                &["Long Khánh", "Xuân Lộc", "Định Quán", "Tân Phú"],
            ),
            area("Bình Phước", &["Bù Đăng", "Lộc Ninh", "Bù Gia Mập"]),
        ],
    ),
    unit(
        "79",
        "Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        &["TP.HCM", "Sài Gòn"],
        &[
            area("Hồ Chí Minh", &["Củ Chi", "Cần Giờ", "Hóc Môn"]),
            area("Bình Dương", &["Lái Thiêu", "Bến Cát", "Phú Giáo"]),
            area(
                "Bà Rịa – Vũng Tàu",
                &["Côn Đảo", "Long Hải", "Châu Đức", "Xuyên Mộc"],
            ),
        ],
    ),
    unit(
        "80",
        "Tây Ninh",
        "Tỉnh Tây Ninh",
        &[],
        &[
            area("Tây Ninh", &["Trảng Bàng", "Gò Dầu", "Tân Biên"]),
            area("Long An", &["Cần Đước", "Bến Lức", "Đức Hòa"]),
        ],
    ),
    unit(
        "82",
        "Đồng Tháp",
        "Tỉnh Đồng Tháp",
        &[],
        &[
            area("Đồng Tháp", &["Sa Đéc", "Lấp Vò", "Tháp Mười", "Cao Lãnh"]),
            area("Tiền Giang", &["Cái Bè", "Chợ Gạo", "Gò Công"]),
        ],
    ),
    unit(
        "86",
        "Vĩnh Long",
        "Tỉnh Vĩnh Long",
        &[],
        &[
            area("Vĩnh Long", &["Bình Minh", "Vũng Liêm", "Trà Ôn"]),
            area("Bến Tre", &["Mỏ Cày", "Chợ Lách", "Giồng Trôm"]),
            area("Trà Vinh", &["Cầu Kè", "Tiểu Cần", "Trà Cú"]),
        ],
    ),
    unit(
        "91",
        "An Giang",
        "Tỉnh An Giang",
        &[],
        &[
            area("An Giang", &["Châu Đốc", "Tịnh Biên", "Chợ Mới"]),
            area("Kiên Giang", &["Phú Quốc", "Hà Tiên", "U Minh Thượng"]),
        ],
    ),
    unit(
        "92",
        "Cần Thơ",
        "Thành phố Cần Thơ",
        &[],
        &[
            area("Cần Thơ", &["Phong Điền", "Cái Răng", "Thới Lai"]),
            area(
                "Sóc Trăng",
                &["Cù Lao Dung", "Kế Sách", "Mỹ Xuyên", "Vĩnh Châu"],
            ),
            area("Hậu Giang", &["Vị Thanh", "Phụng Hiệp", "Long Mỹ"]),
        ],
    ),
    unit(
        "96",
        "Cà Mau",
        "Tỉnh Cà Mau",
        &[],
        &[
            area("Cà Mau", &["Năm Căn", "Đất Mũi", "U Minh", "Ngọc Hiển"]),
            area("Bạc Liêu", &["Giá Rai", "Đông Hải", "Phước Long"]),
        ],
    ),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Food, drinks, herbal products: ingredients, shelf life, standards.
    Goods,
    /// Handicrafts and textiles.
    Craft,
    /// Flowers, plants, animals.
    Living,
    /// Tourism.
    Service,
}

/// A category of Decision 148/QĐ-TTg and how its products are named.
struct Category {
    code: &'static str,
    name: &'static str,
    /// Names of Decision 1048/QĐ-TTg that map to it.
    former: &'static [&'static str],
    kind: Kind,
    /// Relative share of producers.
    weight: u32,
    /// Words in producers' names.
    words: &'static [&'static str],
    /// The trade, after "nghề".
    craft: &'static str,
    /// Product names and their ingredients.
    items: &'static [(&'static str, &'static str)],
    variants: &'static [&'static str],
    units: &'static [&'static str],
    /// Price range in thousands of đồng.
    price: (u32, u32),
    shelf: &'static [&'static str],
    traits: &'static [&'static str],
    /// Main colour of its photos.
    colour: [u8; 3],
}

const CATEGORIES: &[Category] = &[
    Category {
        code: "I.1.a",
        name: "Rau, củ, quả, hạt tươi",
        former: &[],
        kind: Kind::Goods,
        weight: 8,
        words: &["Nông sản", "Trái cây", "Rau an toàn", "Nông nghiệp"],
        craft: "trồng cây ăn quả và rau màu",
        items: &[
            ("Bưởi da xanh", ""),
            ("Bưởi Năm Roi", ""),
            ("Xoài cát Hòa Lộc", ""),
            ("Thanh long ruột đỏ", ""),
            ("Sầu riêng Ri6", ""),
            ("Cam sành", ""),
            ("Vải thiều", ""),
            ("Nhãn lồng", ""),
            ("Dưa lưới", ""),
            ("Măng cụt", ""),
            ("Chôm chôm", ""),
            ("Dừa xiêm xanh", ""),
            ("Khoai lang tím", ""),
            ("Na dai", ""),
            ("Bơ sáp", ""),
            ("Quýt hồng", ""),
            ("Mận hậu", ""),
            ("Hồng giòn", ""),
            ("Nấm rơm", ""),
        ],
        variants: &["hữu cơ", "VietGAP", "loại 1", "tuyển chọn", "sạch"],
        units: &["kg", "thùng 10 kg", "hộp 2 kg", "túi 1 kg"],
        price: (25, 180),
        shelf: &[
            "7 ngày (bảo quản ngăn mát)",
            "10–15 ngày ở nhiệt độ phòng",
            "5 ngày",
        ],
        traits: &[
            "Trái được thu hoạch khi vừa chín tới, phân loại bằng tay và đóng thùng ngay trong ngày để giữ độ tươi.",
            "Vườn được canh tác theo hướng hữu cơ, bón phân chuồng ủ hoai và hạn chế tối đa thuốc bảo vệ thực vật.",
            "Mỗi lô hàng đều có nhật ký canh tác và mã truy xuất nguồn gốc dán trên thùng.",
            "Vị ngọt thanh, mọng nước, thịt chắc là điểm khiến {ten} được khách hàng ở các thành phố lớn ưa chuộng.",
        ],
        colour: [90, 170, 60],
    },
    Category {
        code: "I.1.b",
        name: "Thịt, thủy sản, trứng, sữa tươi",
        former: &["Thịt, trứng, sữa tươi", "Thủy sản tươi sống"],
        kind: Kind::Goods,
        weight: 4,
        words: &["Chăn nuôi", "Thủy sản", "Nông nghiệp"],
        craft: "chăn nuôi và nuôi trồng thủy sản",
        items: &[
            ("Gà đồi", ""),
            ("Gà ri", ""),
            ("Vịt bầu", ""),
            ("Trứng gà ta", ""),
            ("Trứng vịt", ""),
            ("Tôm càng xanh", ""),
            ("Tôm sú", ""),
            ("Cua biển", ""),
            ("Cá lóc đồng", ""),
            ("Heo đen", ""),
            ("Bò tơ", ""),
            ("Sữa bò tươi", "Sữa bò tươi nguyên chất"),
            ("Sữa dê tươi", "Sữa dê tươi nguyên chất"),
            ("Hàu sữa", ""),
            ("Ốc hương", ""),
        ],
        variants: &["thả vườn", "sinh thái", "tươi sống", "loại 1"],
        units: &["kg", "con", "hộp 10 quả", "khay 1 kg", "chai 1 lít"],
        price: (30, 450),
        shelf: &[
            "3 ngày (bảo quản ngăn mát)",
            "15 ngày",
            "24 giờ ở nhiệt độ phòng",
        ],
        traits: &[
            "Vật nuôi được chăn thả tự nhiên, ăn thức ăn phối trộn từ ngô, lúa và rau xanh của địa phương nên thịt chắc và thơm.",
            "Trang trại áp dụng quy trình an toàn sinh học, có sổ theo dõi tiêm phòng và nguồn gốc con giống.",
            "Sản phẩm được sơ chế, đóng gói ngay sau khi thu hoạch và vận chuyển bằng xe lạnh tới các cửa hàng.",
            "Nhờ nguồn nước sạch và môi trường ít ô nhiễm, {ten} có vị ngọt tự nhiên, được các nhà hàng trong vùng đặt mua thường xuyên.",
        ],
        colour: [200, 90, 80],
    },
    Category {
        code: "I.2.a",
        name: "Gạo, ngũ cốc, hạt sơ chế khác",
        former: &[],
        kind: Kind::Goods,
        weight: 6,
        words: &["Nông nghiệp", "Lúa gạo", "Nông sản"],
        craft: "trồng lúa và sơ chế ngũ cốc",
        items: &[
            ("Gạo ST25", "Gạo ST25"),
            ("Gạo ST24", "Gạo ST24"),
            ("Gạo nếp cái hoa vàng", "Gạo nếp cái hoa vàng"),
            ("Gạo tám thơm", "Gạo tám thơm"),
            ("Gạo lứt đỏ", "Gạo lứt đỏ nguyên cám"),
            ("Gạo Séng Cù", "Gạo Séng Cù"),
            ("Nếp cẩm", "Gạo nếp cẩm"),
            ("Đậu xanh hạt", "Đậu xanh"),
            ("Lạc đỏ", "Lạc nhân"),
            ("Hạt điều thô", "Hạt điều"),
            ("Hạt mắc ca", "Hạt mắc ca"),
            ("Mè đen", "Hạt mè đen"),
        ],
        variants: &["hữu cơ", "đặc sản", "thượng hạng", "túi hút chân không"],
        units: &["túi 5 kg", "túi 2 kg", "hộp 1 kg", "bao 10 kg", "hũ 500 g"],
        price: (25, 350),
        shelf: &["12 tháng", "6 tháng", "9 tháng"],
        traits: &[
            "Lúa được gieo cấy trên cánh đồng liên kết, thu hoạch đúng độ chín rồi phơi sấy và xay xát ngay tại hợp tác xã.",
            "Hạt gạo dài, trong, khi nấu cơm dẻo, có mùi thơm nhẹ và vẫn mềm khi để nguội.",
            "Toàn bộ diện tích canh tác được ghi nhật ký đồng ruộng, sử dụng phân bón hữu cơ và không dùng thuốc diệt cỏ.",
            "{ten} được đóng túi hút chân không để giữ độ thơm và tránh mối mọt trong quá trình vận chuyển.",
        ],
        colour: [230, 220, 190],
    },
    Category {
        code: "I.2.b",
        name: "Mật ong, mật khác và nông sản thực phẩm khác",
        former: &["Mật ong, các sản phẩm từ mật ong, mật khác"],
        kind: Kind::Goods,
        weight: 4,
        words: &["Ong mật", "Nuôi ong", "Nông sản"],
        craft: "nuôi ong lấy mật",
        items: &[
            ("Mật ong hoa cà phê", "Mật ong nguyên chất 100%"),
            ("Mật ong hoa nhãn", "Mật ong nguyên chất 100%"),
            ("Mật ong rừng", "Mật ong rừng tự nhiên"),
            ("Mật ong bạc hà", "Mật ong hoa bạc hà nguyên chất"),
            ("Mật ong hoa vải", "Mật ong nguyên chất 100%"),
            ("Mật hoa dừa", "Nhựa hoa dừa cô đặc"),
            ("Đường thốt nốt", "Nước thốt nốt nấu cô đặc"),
            ("Mật mía", "Nước mía nấu cô đặc"),
            ("Phấn hoa", "Phấn hoa ong thu từ hoa cà phê, hoa điều"),
        ],
        variants: &["nguyên chất", "thượng hạng", "hữu cơ"],
        units: &[
            "chai 500 ml",
            "chai 1 lít",
            "hũ 350 g",
            "hộp 2 chai 250 ml",
            "kg",
        ],
        price: (80, 450),
        shelf: &["24 tháng", "18 tháng", "12 tháng"],
        traits: &[
            "Nguyên liệu được thu hoạch đúng độ chín, lọc sạch và cô đặc ở nhiệt độ thấp để giữ hương tự nhiên.",
            "Sản phẩm được hạ thủy phần bằng máy sấy lạnh nên không lên men và giữ nguyên hương hoa.",
            "Mỗi mẻ đều được kiểm tra hàm lượng đường, độ ẩm và dư lượng kháng sinh trước khi đóng chai.",
            "{ten} có màu hổ phách, vị ngọt dịu và hậu vị thơm đặc trưng của mùa hoa ở {noi}.",
        ],
        colour: [220, 160, 40],
    },
    Category {
        code: "I.3.a",
        name: "Đồ ăn nhanh",
        former: &[],
        kind: Kind::Goods,
        weight: 3,
        words: &["Thực phẩm", "Chế biến thực phẩm"],
        craft: "chế biến thực phẩm",
        items: &[
            (
                "Bánh tráng trộn",
                "Bánh tráng, khô bò, trứng cút, rau răm, sa tế",
            ),
            ("Mì gạo ăn liền", "Gạo, nước, muối; gói gia vị"),
            ("Phở khô ăn liền", "Bánh phở khô, gói súp bò, hành phi"),
            ("Cháo dinh dưỡng ăn liền", "Gạo, đậu xanh, thịt gà, cà rốt"),
            ("Cơm cháy chà bông", "Gạo, chà bông heo, mỡ hành, nước mắm"),
            ("Xôi cốm sấy", "Gạo nếp, cốm, đậu xanh"),
            ("Bánh mì chà bông", "Bột mì, chà bông, bơ, trứng"),
        ],
        variants: &["vị truyền thống", "vị cay", "gói lớn"],
        units: &["gói 75 g", "hộp 6 gói", "túi 500 g", "hộp 200 g"],
        price: (15, 120),
        shelf: &["6 tháng", "3 tháng", "9 tháng"],
        traits: &[
            "Sản phẩm chỉ cần chế nước sôi hoặc ăn ngay, phù hợp cho người bận rộn, học sinh và khách du lịch.",
            "Gia vị được phối trộn theo công thức riêng của gia đình, không dùng phẩm màu và chất bảo quản tổng hợp.",
            "Dây chuyền đóng gói được đầu tư mới năm {nam2}, giúp sản lượng tăng gấp đôi mà vẫn giữ hương vị như làm thủ công.",
        ],
        colour: [240, 150, 60],
    },
    Category {
        code: "I.3.b",
        name: "Chế biến từ gạo, ngũ cốc",
        former: &[],
        kind: Kind::Goods,
        weight: 6,
        words: &["Bánh tráng", "Bún bánh", "Bánh kẹo", "Thực phẩm"],
        craft: "làm bánh từ gạo",
        items: &[
            ("Bánh tráng phơi sương", "Gạo, muối, nước"),
            ("Bánh tráng siêu mỏng", "Gạo, bột năng, muối"),
            (
                "Bánh pía sầu riêng",
                "Bột mì, đậu xanh, sầu riêng, trứng muối, đường",
            ),
            ("Bánh cốm", "Cốm non, đậu xanh, dừa nạo, đường"),
            ("Bánh đa nem", "Gạo tẻ, muối"),
            ("Bún khô gạo lứt", "Gạo lứt, nước"),
            ("Hủ tiếu khô", "Gạo, bột năng, muối"),
            ("Bánh phồng tôm", "Bột năng, tôm tươi, tỏi, tiêu"),
            ("Cốm dẹp", "Lúa nếp non"),
            ("Bánh gai", "Lá gai, bột nếp, đậu xanh, dừa, mật mía"),
            ("Bánh in đậu xanh", "Bột nếp rang, đậu xanh, đường"),
            ("Miến dong", "Tinh bột dong riềng"),
            ("Bánh phồng nếp", "Gạo nếp, đường, mè"),
        ],
        variants: &["đặc biệt", "loại ngon", "truyền thống", "hộp quà"],
        units: &[
            "gói 500 g",
            "hộp 400 g",
            "túi 1 kg",
            "hộp 4 cái",
            "xấp 20 bánh",
        ],
        price: (20, 160),
        shelf: &["3 tháng", "6 tháng", "45 ngày", "12 tháng"],
        traits: &[
            "Gạo được ngâm qua đêm, xay bằng cối đá và tráng bằng tay trên bếp củi nên bánh mỏng, dẻo và thơm mùi gạo mới.",
            "Bánh được phơi trên giàn tre ngoài nắng rồi sấy lại bằng lò điện để đạt độ khô đồng đều.",
            "Công thức gia truyền đã qua ba thế hệ, nay được chuẩn hóa định lượng để mẻ bánh nào cũng giống nhau.",
            "{ten} không dùng hàn the và chất tẩy trắng, được cơ quan chức năng kiểm nghiệm định kỳ.",
        ],
        colour: [235, 200, 140],
    },
    Category {
        code: "I.3.c",
        name: "Chế biến từ rau, củ, quả, hạt",
        former: &[],
        kind: Kind::Goods,
        weight: 6,
        words: &["Nông sản", "Thực phẩm", "Trái cây sấy"],
        craft: "chế biến trái cây và nông sản",
        items: &[
            ("Kẹo dừa", "Cơm dừa, mạch nha, đường, sữa"),
            ("Mứt gừng", "Gừng non, đường"),
            ("Chuối sấy dẻo", "Chuối xiêm chín"),
            ("Xoài sấy dẻo", "Xoài cát, đường"),
            ("Mít sấy giòn", "Mít Thái, dầu thực vật"),
            ("Hạt điều rang muối", "Hạt điều, muối"),
            ("Mứt me", "Me chua, đường"),
            ("Dưa cải muối", "Cải bẹ, muối, đường"),
            ("Tinh bột nghệ", "Củ nghệ vàng"),
            ("Khoai lang sấy", "Khoai lang mật"),
            ("Dừa sáp sợi", "Cơm dừa sáp, đường"),
        ],
        variants: &["ít đường", "không đường", "hộp quà", "loại đặc biệt"],
        units: &[
            "hộp 250 g",
            "túi 500 g",
            "hũ 300 g",
            "hộp 500 g",
            "gói 200 g",
        ],
        price: (30, 250),
        shelf: &["6 tháng", "12 tháng", "3 tháng"],
        traits: &[
            "Nguyên liệu được tuyển chọn khi chín tới, rửa sạch, sơ chế và sấy lạnh ở nhiệt độ thấp để giữ màu và vitamin.",
            "Sản phẩm không dùng chất tạo màu, chất bảo quản, có vị ngọt tự nhiên của nguyên liệu.",
            "Mỗi năm cơ sở tiêu thụ hàng trăm tấn nông sản cho bà con, giúp giảm cảnh được mùa mất giá.",
            "{ten} được đóng gói trong túi zip có lớp màng nhôm, tiện mang đi và giữ độ giòn lâu.",
        ],
        colour: [250, 190, 70],
    },
    Category {
        code: "I.3.d",
        name: "Chế biến từ thịt, trứng, sữa, thủy sản, mật ong, mật khác và nông sản khác",
        former: &["Chế biến từ thịt, trứng, sữa", "Chế biến từ thủy sản"],
        kind: Kind::Goods,
        weight: 6,
        words: &["Thực phẩm", "Hải sản", "Đặc sản"],
        craft: "chế biến đặc sản từ thịt và thủy sản",
        items: &[
            ("Lạp xưởng tươi", "Thịt heo, mỡ heo, đường, rượu mai quế lộ"),
            ("Khô cá lóc", "Cá lóc đồng, muối"),
            ("Chả cá thu", "Cá thu, tỏi, tiêu, hành"),
            ("Mực một nắng", "Mực ống, muối"),
            ("Tôm khô", "Tôm đất, muối"),
            ("Chà bông cá hồi", "Cá hồi, nước mắm, đường"),
            ("Thịt trâu gác bếp", "Thịt trâu, mắc khén, ớt, gừng"),
            ("Giò bò", "Thịt bò, nước mắm, tiêu"),
            ("Khô bò miếng", "Thịt bò, sả, ớt, đường"),
            ("Trứng vịt muối", "Trứng vịt, muối, tro bếp"),
            ("Sữa chua", "Sữa bò tươi, men cái"),
            ("Nem chua", "Thịt heo, bì heo, thính gạo, lá đinh lăng"),
        ],
        variants: &["đặc biệt", "loại 1", "hút chân không", "vị cay"],
        units: &["gói 500 g", "hộp 300 g", "túi 200 g", "kg", "hũ 400 g"],
        price: (60, 900),
        shelf: &[
            "6 tháng (bảo quản ngăn mát)",
            "30 ngày",
            "12 tháng",
            "3 tháng (ngăn đông)",
        ],
        traits: &[
            "Nguyên liệu được chọn từ các cơ sở giết mổ, tàu cá có giấy chứng nhận an toàn thực phẩm, sơ chế ngay trong ngày.",
            "Sản phẩm được tẩm ướp theo công thức gia truyền rồi phơi nắng hoặc hun khói bằng củi nhãn theo cách làm xưa.",
            "Cơ sở có phòng sơ chế, phòng đóng gói riêng biệt và kho lạnh bảo quản thành phẩm.",
            "{ten} được hút chân không từng gói nhỏ, thuận tiện làm quà và gửi đi xa.",
        ],
        colour: [170, 70, 50],
    },
    Category {
        code: "I.4.a",
        name: "Tương, nước mắm, gia vị dạng lỏng khác",
        former: &["Nước mắm"],
        kind: Kind::Goods,
        weight: 5,
        words: &["Nước mắm", "Thủy sản", "Gia vị"],
        craft: "làm nước mắm, nước chấm",
        items: &[
            ("Nước mắm cá cơm 40 độ đạm", "Cá cơm than, muối biển"),
            ("Nước mắm nhĩ 35 độ đạm", "Cá cơm, muối"),
            ("Nước mắm truyền thống", "Cá cơm, muối"),
            ("Mắm tôm", "Tôm, muối"),
            ("Tương bần", "Đậu tương, gạo nếp, muối"),
            ("Nước tương đậu nành", "Đậu nành, muối, nước"),
            ("Mắm tôm chua", "Tôm đất, riềng, tỏi, ớt, muối"),
            ("Mắm ruốc", "Ruốc biển, muối"),
            ("Giấm gạo", "Gạo, men"),
            ("Giấm táo mèo", "Quả táo mèo, đường"),
            ("Tương ớt", "Ớt, tỏi, đường, giấm"),
        ],
        variants: &["truyền thống", "thượng hạng", "đặc biệt", "loại 1"],
        units: &[
            "chai 500 ml",
            "chai 250 ml",
            "can 2 lít",
            "hũ 500 g",
            "hộp 2 chai 500 ml",
        ],
        price: (25, 350),
        shelf: &["24 tháng", "18 tháng", "12 tháng"],
        traits: &[
            "Nguyên liệu được ủ trong thùng gỗ hoặc chum sành từ 12 đến 18 tháng, không dùng chất điều vị và chất bảo quản.",
            "Sản phẩm có màu tự nhiên, mùi thơm dịu, vị mặn đằm và hậu ngọt.",
            "Cơ sở giữ cách làm thủ công truyền thống, chỉ cơ giới hóa khâu lọc và đóng chai để bảo đảm vệ sinh.",
            "{ten} được nhiều bếp ăn, nhà hàng ở {tinh} chọn dùng hằng ngày.",
        ],
        colour: [150, 80, 30],
    },
    Category {
        code: "I.4.b",
        name: "Gia vị khác",
        former: &[],
        kind: Kind::Goods,
        weight: 4,
        words: &["Gia vị", "Nông sản"],
        craft: "trồng và chế biến gia vị",
        items: &[
            ("Muối ớt xanh", "Muối, ớt xanh, chanh, đường"),
            ("Tiêu đen", "Hạt tiêu"),
            ("Tiêu sọ", "Hạt tiêu chín"),
            ("Hành tím", "Củ hành tím"),
            ("Tỏi cô đơn", "Tỏi một tép"),
            ("Muối tôm", "Muối, tôm khô, ớt"),
            ("Bột quế", "Vỏ quế"),
            ("Hạt mắc khén", "Hạt mắc khén"),
            ("Ớt bột", "Ớt chín"),
            ("Sa tế tôm", "Tôm khô, ớt, sả, dầu ăn"),
        ],
        variants: &["hữu cơ", "đặc biệt", "loại 1", "hộp quà"],
        units: &["hũ 100 g", "túi 500 g", "hộp 200 g", "kg", "lọ 150 g"],
        price: (20, 300),
        shelf: &["12 tháng", "24 tháng", "6 tháng"],
        traits: &[
            "Nguyên liệu được trồng trên đất đỏ bazan hoặc đất cát ven biển, thu hoạch thủ công và phơi sấy ngay tại vườn.",
            "Sản phẩm có mùi thơm nồng, vị cay ấm, không trộn tạp chất và không dùng chất bảo quản.",
            "Mỗi mẻ đều được sàng lọc, phân loại và đóng gói trong phòng sạch để giữ hương vị.",
            "{ten} là gia vị quen thuộc trong bữa cơm của người dân {tinh}.",
        ],
        colour: [190, 40, 30],
    },
    Category {
        code: "I.5.a",
        name: "Chè tươi, chế biến",
        former: &["Chè"],
        kind: Kind::Goods,
        weight: 5,
        words: &["Chè", "Trà", "Chè xanh"],
        craft: "trồng và chế biến chè",
        items: &[
            ("Chè xanh", "Búp chè tươi"),
            ("Chè búp", "Búp chè một tôm hai lá"),
            ("Chè Shan tuyết", "Búp chè Shan tuyết cổ thụ"),
            ("Trà ô long", "Lá chè ô long"),
            ("Hồng trà", "Búp chè lên men"),
            ("Bạch trà", "Búp chè non"),
            ("Trà móc câu", "Búp chè"),
            ("Trà sen", "Chè búp, gạo sen"),
            ("Trà nhài", "Chè xanh, hoa nhài"),
        ],
        variants: &["thượng hạng", "đặc biệt", "hữu cơ", "hộp quà"],
        units: &[
            "hộp 200 g",
            "gói 500 g",
            "hộp 100 g",
            "túi 1 kg",
            "hộp quà 2 hũ 100 g",
        ],
        price: (60, 1200),
        shelf: &["24 tháng", "18 tháng", "12 tháng"],
        traits: &[
            "Búp chè được hái tay vào sáng sớm, chỉ lấy một tôm hai lá non, sao sấy trong ngày để giữ hương cốm.",
            "Nước trà xanh trong, vị chát dịu rồi ngọt hậu, mùi thơm đặc trưng của vùng chè {noi}.",
            "Đồi chè được chăm sóc theo tiêu chuẩn VietGAP, làm cỏ thủ công và tưới bằng nước suối.",
            "Cơ sở có lò sao chè và máy vò, nhưng vẫn giữ công đoạn lên hương bằng tay của người thợ lành nghề.",
        ],
        colour: [60, 120, 50],
    },
    Category {
        code: "I.5.b",
        name: "Sản phẩm chè từ thực vật khác",
        former: &[],
        kind: Kind::Goods,
        weight: 4,
        words: &["Thảo mộc", "Trà thảo dược", "Dược liệu"],
        craft: "làm trà thảo mộc",
        items: &[
            ("Trà atiso", "Hoa và lá atiso"),
            ("Trà hoa cúc", "Hoa cúc chi"),
            ("Trà mãng cầu", "Lá và quả mãng cầu xiêm"),
            ("Trà gạo lứt", "Gạo lứt rang, đậu đen"),
            ("Trà đinh lăng", "Lá đinh lăng"),
            ("Trà cà gai leo", "Cây cà gai leo"),
            ("Trà lá vối", "Lá và nụ vối"),
            ("Trà hoa đậu biếc", "Hoa đậu biếc sấy"),
            ("Trà giảo cổ lam", "Giảo cổ lam"),
            ("Trà khổ qua rừng", "Khổ qua rừng"),
        ],
        variants: &["túi lọc", "hữu cơ", "hộp quà"],
        units: &["hộp 20 túi lọc", "gói 200 g", "hộp 100 g", "hũ 150 g"],
        price: (40, 300),
        shelf: &["24 tháng", "18 tháng"],
        traits: &[
            "Nguyên liệu được trồng tại vườn của {chu}, thu hái đúng mùa, rửa sạch rồi sấy lạnh để giữ màu và tinh dầu.",
            "Trà có vị thanh, dễ uống, có thể pha nóng hoặc dùng với đá trong ngày hè.",
            "Sản phẩm không dùng hương liệu tổng hợp, phù hợp cho người lớn tuổi dùng hằng ngày.",
            "{ten} được đóng trong túi lọc giấy không tẩy trắng, tiện dùng ở văn phòng.",
        ],
        colour: [140, 170, 80],
    },
    Category {
        code: "I.6",
        name: "Cà phê, ca cao",
        former: &["Cà phê"],
        kind: Kind::Goods,
        weight: 5,
        words: &["Cà phê", "Nông nghiệp", "Ca cao"],
        craft: "trồng và rang xay cà phê",
        items: &[
            ("Cà phê bột", "Cà phê Robusta, Arabica"),
            ("Cà phê hạt Robusta", "Cà phê Robusta"),
            ("Cà phê Arabica", "Cà phê Arabica"),
            ("Cà phê phin giấy", "Cà phê rang xay"),
            ("Cà phê Culi", "Hạt cà phê Culi Robusta"),
            ("Bột ca cao nguyên chất", "Hạt ca cao lên men"),
            ("Sô-cô-la đen 70%", "Ca cao, bơ ca cao, đường"),
            ("Ca cao hòa tan", "Bột ca cao, đường, sữa"),
        ],
        variants: &["rang mộc", "hữu cơ", "đặc biệt", "hộp quà"],
        units: &[
            "gói 500 g",
            "hộp 250 g",
            "túi 1 kg",
            "hộp 10 gói",
            "thanh 100 g",
        ],
        price: (60, 600),
        shelf: &["12 tháng", "18 tháng", "24 tháng"],
        traits: &[
            "Quả được hái khi chín trên 90%, phơi trên giàn cao và rang bằng lò củi hoặc máy rang nhiệt gió.",
            "Sản phẩm không tẩm bơ, không trộn bắp hay đậu nành, giữ vị đắng dịu và mùi thơm tự nhiên.",
            "Vườn trồng xen sầu riêng, bơ và tiêu, được chứng nhận canh tác bền vững.",
            "{ten} được khách ở {tinh} ưa chuộng nhờ hậu vị ngọt và độ sánh vừa phải.",
        ],
        colour: [110, 70, 40],
    },
    Category {
        code: "II.1.a",
        name: "Rượu trắng",
        former: &[],
        kind: Kind::Goods,
        weight: 4,
        words: &["Rượu", "Rượu truyền thống", "Làng nghề"],
        craft: "nấu rượu",
        items: &[
            ("Rượu nếp cái", "Gạo nếp cái hoa vàng, men lá"),
            ("Rượu ngô men lá", "Ngô, men lá"),
            ("Rượu gạo men lá", "Gạo tẻ, men lá"),
            ("Rượu nếp cẩm", "Nếp cẩm, men"),
            ("Rượu cần", "Gạo, men lá rừng"),
            ("Rượu làng", "Gạo nếp, men thuốc bắc"),
            ("Rượu sắn", "Sắn, men lá"),
        ],
        variants: &["29 độ", "35 độ", "40 độ", "hộp quà"],
        units: &[
            "chai 500 ml",
            "chai 750 ml",
            "bình 2 lít",
            "hộp 2 chai 375 ml",
        ],
        price: (60, 500),
        shelf: &["36 tháng", "Không giới hạn khi đóng kín"],
        traits: &[
            "Rượu được nấu bằng nồi đồng, chưng cất hai lần và hạ thổ trong chum sành ít nhất sáu tháng.",
            "Men lá được làm từ hơn mười loại lá rừng theo bí quyết gia truyền, tạo vị êm và hương thơm riêng.",
            "Cơ sở có giấy phép sản xuất rượu thủ công, mỗi mẻ đều được kiểm tra hàm lượng methanol.",
            "{ten} uống êm, thường được dùng trong các dịp cưới hỏi, lễ Tết của người dân {noi}.",
        ],
        colour: [210, 210, 230],
    },
    Category {
        code: "II.1.b",
        name: "Đồ uống có cồn khác",
        former: &[],
        kind: Kind::Goods,
        weight: 2,
        words: &["Rượu vang", "Đồ uống"],
        craft: "làm rượu trái cây",
        items: &[
            ("Rượu vang nho", "Nho đỏ, men"),
            ("Rượu sim", "Quả sim rừng, rượu gạo"),
            ("Rượu táo mèo", "Quả táo mèo, rượu gạo"),
            ("Rượu mơ", "Quả mơ, rượu nếp, đường phèn"),
            ("Rượu đinh lăng", "Rễ đinh lăng, rượu gạo"),
            ("Rượu chuối hột", "Chuối hột, rượu gạo"),
            ("Vang mận", "Quả mận hậu, men vang"),
        ],
        variants: &["hộp quà", "đặc biệt", "12 độ", "15 độ"],
        units: &["chai 750 ml", "chai 500 ml", "hộp 2 chai 500 ml"],
        price: (90, 650),
        shelf: &["36 tháng", "24 tháng"],
        traits: &[
            "Nguyên liệu được chọn lúc chín mọng, rửa sạch và ngâm ủ trong bình thủy tinh ít nhất một năm.",
            "Rượu có màu tự nhiên, vị hài hòa và hương trái cây rõ rệt.",
            "Quy trình lên men được kiểm soát nhiệt độ, không pha cồn công nghiệp và hương liệu.",
            "{ten} là món quà quen thuộc của du khách khi ghé thăm {noi}.",
        ],
        colour: [130, 30, 60],
    },
    Category {
        code: "II.2.a",
        name: "Nước khoáng thiên nhiên, nước uống đóng chai",
        former: &[],
        kind: Kind::Goods,
        weight: 1,
        words: &["Nước khoáng", "Nước uống"],
        craft: "sản xuất nước uống đóng chai",
        items: &[
            ("Nước khoáng thiên nhiên", "Nước khoáng thiên nhiên"),
            ("Nước uống đóng chai", "Nước tinh khiết"),
            ("Nước khoáng có ga", "Nước khoáng, khí CO2"),
            ("Nước suối tinh khiết", "Nước suối"),
        ],
        variants: &["chai thủy tinh", "loại nhỏ", "loại lớn"],
        units: &[
            "chai 500 ml",
            "thùng 24 chai 350 ml",
            "bình 19 lít",
            "chai 1,5 lít",
        ],
        price: (5, 120),
        shelf: &["12 tháng", "24 tháng"],
        traits: &[
            "Nguồn nước được khai thác từ mạch ngầm sâu trong lòng núi, đã được cấp phép và kiểm nghiệm định kỳ.",
            "Nước có vị mát, nhẹ, giàu khoáng chất tự nhiên như canxi, magie và bicarbonat.",
            "Dây chuyền chiết rót tự động khép kín, chai được tiệt trùng bằng tia cực tím trước khi đóng nắp.",
        ],
        colour: [120, 190, 230],
    },
    Category {
        code: "II.2.b",
        name: "Đồ uống không cồn",
        former: &[],
        kind: Kind::Goods,
        weight: 3,
        words: &["Đồ uống", "Nông sản", "Thực phẩm"],
        craft: "sản xuất đồ uống từ trái cây",
        items: &[
            ("Nước cốt chanh dây", "Chanh dây, đường"),
            ("Nước ép thanh long", "Thanh long ruột đỏ"),
            ("Siro dâu tằm", "Dâu tằm, đường"),
            ("Nước dừa đóng chai", "Nước dừa xiêm"),
            ("Nước mía lau", "Mía lau, rễ tranh"),
            ("Sữa đậu nành", "Đậu nành, đường"),
            ("Nước nha đam", "Nha đam, đường phèn"),
            ("Nước sâm bí đao", "Bí đao, la hán quả, đường phèn"),
        ],
        variants: &["không đường", "ít đường", "hữu cơ"],
        units: &["chai 330 ml", "chai 500 ml", "thùng 24 chai", "chai 1 lít"],
        price: (15, 180),
        shelf: &["6 tháng", "12 tháng", "7 ngày (bảo quản ngăn mát)"],
        traits: &[
            "Nguyên liệu được ép lạnh, thanh trùng ở nhiệt độ thấp để giữ hương vị và dưỡng chất.",
            "Sản phẩm không dùng phẩm màu, chất tạo ngọt tổng hợp và chất bảo quản.",
            "Nước uống có vị thanh mát, dễ uống, phù hợp với khí hậu nóng ẩm của {tinh}.",
        ],
        colour: [240, 120, 150],
    },
    Category {
        code: "III.1",
        name: "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền",
        former: &["Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền"],
        kind: Kind::Goods,
        weight: 3,
        words: &["Dược liệu", "Đông y", "Sâm"],
        craft: "trồng và chế biến dược liệu",
        items: &[
            ("Cao atiso", "Lá atiso"),
            ("Cao cà gai leo", "Cà gai leo"),
            ("Viên nghệ mật ong", "Tinh bột nghệ, mật ong"),
            ("Đông trùng hạ thảo sấy", "Đông trùng hạ thảo"),
            ("Nấm linh chi", "Nấm linh chi đỏ"),
            ("Cao ích mẫu", "Ích mẫu, hương phụ, ngải cứu"),
            ("Viên hà thủ ô", "Hà thủ ô đỏ"),
            ("Tam thất bắc", "Củ tam thất"),
        ],
        variants: &["thượng hạng", "hộp quà", "loại đặc biệt"],
        units: &[
            "lọ 100 g",
            "hộp 60 viên",
            "hộp 200 g",
            "hũ 250 g",
            "hộp 10 ống",
        ],
        price: (120, 1500),
        shelf: &["24 tháng", "36 tháng", "18 tháng"],
        traits: &[
            "Dược liệu được trồng dưới tán rừng theo tiêu chuẩn GACP-WHO, thu hái đúng tuổi để bảo đảm hàm lượng hoạt chất.",
            "Sản phẩm được bào chế theo bài thuốc gia truyền kết hợp công nghệ chiết xuất hiện đại.",
            "Cơ sở có hồ sơ công bố sản phẩm và phiếu kiểm nghiệm của trung tâm kiểm nghiệm tỉnh.",
            "Sản phẩm này không phải là thuốc và không có tác dụng thay thế thuốc chữa bệnh.",
        ],
        colour: [120, 60, 40],
    },
    Category {
        code: "III.2",
        name: "Mỹ phẩm có thành phần từ dược liệu",
        former: &["Mỹ phẩm có nguồn gốc từ thảo dược"],
        kind: Kind::Goods,
        weight: 2,
        words: &["Mỹ phẩm thiên nhiên", "Thảo dược", "Dược liệu"],
        craft: "làm mỹ phẩm từ thảo dược",
        items: &[
            ("Dầu gội bồ kết", "Bồ kết, hương nhu, vỏ bưởi"),
            ("Xà phòng sả chanh", "Dầu dừa, tinh dầu sả chanh"),
            ("Son dưỡng dầu dừa", "Dầu dừa, sáp ong"),
            (
                "Nước tắm thảo dược người Dao đỏ",
                "Lá thuốc của người Dao đỏ",
            ),
            ("Kem nghệ", "Tinh bột nghệ, sáp ong, dầu dừa"),
            ("Muối ngâm chân thảo dược", "Muối hột, gừng, ngải cứu"),
            ("Dầu dừa nguyên chất", "Cơm dừa"),
        ],
        variants: &["hữu cơ", "bộ quà tặng"],
        units: &[
            "chai 300 ml",
            "bánh 100 g",
            "thỏi 5 g",
            "hộp 250 g",
            "chai 100 ml",
        ],
        price: (35, 400),
        shelf: &["24 tháng", "18 tháng", "12 tháng"],
        traits: &[
            "Sản phẩm được làm từ thảo dược trồng tại địa phương, không dùng paraben, chất tạo bọt tổng hợp và hương liệu hóa học.",
            "Công thức dựa trên kinh nghiệm dân gian, được hoàn thiện cùng các chuyên gia của trường đại học trong vùng.",
            "Sản phẩm đã được cấp phiếu công bố mỹ phẩm và kiểm nghiệm an toàn cho da.",
        ],
        colour: [200, 230, 200],
    },
    Category {
        code: "III.3",
        name: "Tinh dầu và dược liệu khác",
        former: &["Tinh dầu và thảo dược khác"],
        kind: Kind::Goods,
        weight: 3,
        words: &["Tinh dầu", "Dược liệu", "Thảo dược"],
        craft: "trồng và chưng cất tinh dầu",
        items: &[
            ("Tinh dầu sả chanh", "Lá sả chanh"),
            ("Tinh dầu quế", "Vỏ và lá quế"),
            ("Tinh dầu tràm", "Lá tràm gió"),
            ("Tinh dầu bưởi", "Vỏ bưởi"),
            ("Tinh dầu hồi", "Quả hồi"),
            ("Tinh dầu bạc hà", "Lá bạc hà"),
            ("Tinh dầu vỏ cam", "Vỏ cam"),
            ("Nụ hoa tam thất sấy", "Nụ hoa tam thất"),
            ("Quế thanh", "Vỏ quế"),
        ],
        variants: &["nguyên chất", "hữu cơ", "hộp quà"],
        units: &[
            "lọ 10 ml",
            "chai 50 ml",
            "chai 100 ml",
            "hộp 3 lọ 10 ml",
            "gói 200 g",
        ],
        price: (40, 450),
        shelf: &["36 tháng", "24 tháng"],
        traits: &[
            "Nguyên liệu được chưng cất bằng hơi nước trong nồi inox ngay sau khi thu hái, không pha dung môi.",
            "Tinh dầu có mùi thơm rõ, dùng xông phòng, massage hoặc pha nước tắm.",
            "Vùng nguyên liệu rộng hàng chục héc-ta, liên kết với đồng bào dân tộc thiểu số tại {noi}.",
        ],
        colour: [170, 200, 120],
    },
    Category {
        code: "IV.1",
        name: "Thủ công mỹ nghệ gia dụng, trang trí",
        former: &["Lưu niệm – nội thất – trang trí"],
        kind: Kind::Craft,
        weight: 5,
        words: &["Thủ công mỹ nghệ", "Mây tre đan", "Gốm", "Mỹ nghệ"],
        craft: "làm hàng thủ công mỹ nghệ",
        items: &[
            ("Bình gốm men lam", "Đất sét trắng, men lam"),
            ("Bộ ấm chén gốm", "Đất sét, men tro"),
            ("Giỏ mây đan", "Mây rừng"),
            ("Hộp tre đựng trà", "Tre già, sơn ta"),
            ("Chiếu cói", "Cói, sợi đay"),
            ("Đèn lồng tre", "Tre, vải lụa"),
            ("Tranh sơn mài", "Gỗ, sơn ta, vỏ trứng, vàng bạc quỳ"),
            ("Khay gỗ khảm trai", "Gỗ, vỏ trai"),
            ("Nón lá", "Lá nón, tre, chỉ cước"),
            ("Bình lục bình đan", "Lục bình, khung sắt"),
            ("Tượng gỗ mỹ nghệ", "Gỗ mít"),
            ("Bộ đồ thờ bằng đồng", "Đồng thau"),
            ("Đũa tre", "Tre già"),
        ],
        variants: &["cỡ lớn", "cỡ nhỏ", "bộ quà tặng", "hoa văn truyền thống"],
        units: &["chiếc", "bộ", "bộ 6 món", "cái"],
        price: (40, 3500),
        shelf: &[],
        traits: &[
            "Mỗi sản phẩm được làm hoàn toàn bằng tay bởi các nghệ nhân trong làng, mất từ vài ngày đến vài tuần.",
            "Nguyên liệu tự nhiên được xử lý chống mối mọt, ẩm mốc bằng phương pháp truyền thống.",
            "Hoa văn lấy cảm hứng từ đình làng, sông nước và đời sống của người dân {noi}.",
            "Sản phẩm đã được xuất khẩu sang Nhật Bản, châu Âu và được bày bán ở nhiều cửa hàng lưu niệm tại các điểm du lịch.",
        ],
        colour: [160, 110, 60],
    },
    Category {
        code: "IV.2",
        name: "Vải, may mặc",
        former: &["Vải và may mặc"],
        kind: Kind::Craft,
        weight: 3,
        words: &["Dệt thổ cẩm", "Dệt lụa", "Thêu ren", "May mặc"],
        craft: "dệt vải và thêu",
        items: &[
            ("Khăn lụa tơ tằm", "Tơ tằm"),
            ("Khăn thổ cẩm", "Sợi bông, sợi lanh"),
            ("Túi thổ cẩm", "Vải thổ cẩm"),
            ("Áo dài lụa", "Lụa tơ tằm"),
            ("Vải lanh nhuộm chàm", "Sợi lanh, lá chàm"),
            ("Tranh thêu tay", "Vải lụa, chỉ thêu"),
            ("Khăn choàng dệt tay", "Sợi bông"),
            ("Khăn rằn", "Vải bông"),
            ("Gối tựa thổ cẩm", "Vải thổ cẩm, bông"),
        ],
        variants: &["hoa văn truyền thống", "nhuộm tự nhiên", "cỡ lớn"],
        units: &["chiếc", "tấm 1,8 m", "bộ", "cái", "mét"],
        price: (50, 2500),
        shelf: &[],
        traits: &[
            "Sợi được nhuộm bằng lá chàm, vỏ cây và củ nâu, cho màu bền và an toàn cho da.",
            "Mỗi tấm vải được dệt trên khung gỗ thủ công, hoa văn do chính người phụ nữ trong bản sáng tạo.",
            "Tổ dệt hiện có hàng chục thành viên, giúp chị em có thêm thu nhập vào lúc nông nhàn.",
        ],
        colour: [60, 60, 150],
    },
    Category {
        code: "V.1",
        name: "Hoa",
        former: &[],
        kind: Kind::Living,
        weight: 2,
        words: &["Hoa", "Hoa lan", "Sinh vật cảnh"],
        craft: "trồng hoa",
        items: &[
            ("Hoa lan hồ điệp", ""),
            ("Hoa lan phi điệp", ""),
            ("Hoa cúc mâm xôi", ""),
            ("Hoa hồng cổ", ""),
            ("Hoa đào thế", ""),
            ("Hoa mai vàng", ""),
            ("Hoa ly", ""),
            ("Hoa giấy", ""),
        ],
        variants: &["chậu lớn", "chậu nhỏ", "cắt cành"],
        units: &["chậu", "cành", "bó 10 cành", "chậu 3 cành"],
        price: (50, 2500),
        shelf: &[],
        traits: &[
            "Hoa được trồng trong nhà màng, tưới nhỏ giọt và bón phân theo từng giai đoạn sinh trưởng.",
            "Cây khỏe, bông to, màu sắc tươi và bền từ bốn đến sáu tuần nếu chăm đúng cách.",
            "Vườn hoa của {chu} là điểm tham quan, chụp ảnh quen thuộc của du khách mỗi dịp Tết.",
        ],
        colour: [230, 90, 170],
    },
    Category {
        code: "V.2",
        name: "Cây cảnh",
        former: &[],
        kind: Kind::Living,
        weight: 2,
        words: &["Sinh vật cảnh", "Cây cảnh", "Bonsai"],
        craft: "trồng và tạo dáng cây cảnh",
        items: &[
            ("Bonsai sam hương", ""),
            ("Cây sanh thế", ""),
            ("Bonsai mai chiếu thủy", ""),
            ("Cây tùng la hán", ""),
            ("Cây kim quýt", ""),
            ("Tiểu cảnh sen đá", ""),
            ("Cây si thế", ""),
            ("Cây lộc vừng", ""),
        ],
        variants: &["dáng trực", "dáng hoành", "mini", "chậu gốm"],
        units: &["chậu", "cây", "bộ"],
        price: (150, 20000),
        shelf: &[],
        traits: &[
            "Cây được uốn tạo dáng qua nhiều năm, rễ và thân được chăm sóc tỉ mỉ để đạt thế đẹp.",
            "Mỗi cây đều có hồ sơ theo dõi tuổi, dáng thế và hướng dẫn chăm sóc đi kèm.",
            "Nhà vườn nhận tư vấn, bố trí tiểu cảnh cho gia đình, văn phòng và khu nghỉ dưỡng.",
        ],
        colour: [40, 110, 40],
    },
    Category {
        code: "V.3",
        name: "Động vật cảnh",
        former: &[],
        kind: Kind::Living,
        weight: 1,
        words: &["Sinh vật cảnh", "Cá cảnh", "Chim cảnh"],
        craft: "nuôi cá cảnh và chim cảnh",
        items: &[
            ("Cá Koi", ""),
            ("Cá betta", ""),
            ("Cá chép Nhật", ""),
            ("Cá vàng ba đuôi", ""),
            ("Chim chào mào", ""),
            ("Gà tre cảnh", ""),
        ],
        variants: &["loại đẹp", "giống thuần chủng", "cặp bố mẹ"],
        units: &["con", "cặp", "lô 10 con"],
        price: (50, 8000),
        shelf: &[],
        traits: &[
            "Con giống được chọn lọc kỹ, nuôi trong điều kiện vệ sinh và được theo dõi sức khỏe trước khi giao cho khách.",
            "Cơ sở hướng dẫn khách cách chăm sóc, cho ăn và phòng bệnh sau khi mua.",
            "Dáng đẹp, màu sắc nổi bật là điểm khiến sản phẩm được người chơi sinh vật cảnh ở {tinh} ưa chuộng.",
        ],
        colour: [240, 120, 30],
    },
    Category {
        code: "VI",
        name: "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        former: &["Dịch vụ du lịch nông thôn, bán hàng"],
        kind: Kind::Service,
        weight: 2,
        words: &["Du lịch cộng đồng", "Du lịch sinh thái", "Dịch vụ du lịch"],
        craft: "làm du lịch cộng đồng",
        items: &[
            ("Homestay", ""),
            ("Điểm du lịch sinh thái", ""),
            ("Khu du lịch cộng đồng", ""),
            ("Điểm du lịch làng nghề", ""),
            ("Du lịch miệt vườn", ""),
            ("Tour trải nghiệm nông nghiệp", ""),
            ("Điểm du lịch nông thôn", ""),
        ],
        variants: &[""],
        units: &[
            "vé/người",
            "đêm/phòng 2 người",
            "tour nửa ngày/người",
            "suất/người",
        ],
        price: (30, 1200),
        shelf: &[],
        traits: &[
            "Du khách được ở nhà sàn, nhà cổ của người dân, cùng nấu ăn, làm vườn và tìm hiểu phong tục địa phương.",
            "Điểm đến có khu cắm trại, đường đi bộ quanh vườn và hồ, phù hợp cho gia đình và nhóm học sinh.",
            "Các hộ tham gia được tập huấn về đón tiếp khách, vệ sinh an toàn thực phẩm và giới thiệu văn hóa bản địa.",
            "{ten} thu hút hàng nghìn lượt khách mỗi năm, góp phần tạo việc làm cho người dân {noi}.",
        ],
        colour: [70, 160, 190],
    },
];
