//! The serve pipeline against cold builds: random sequences of edits
//! (products, producers, photos, a theme template, `site.yaml`) are fed to
//! a remembering [`Pipeline`] as `ocop serve` feeds them, and after each
//! edit its pages, and after the run over everything that follows it the
//! whole served folder, must be byte for byte what a cold `ocop build` of
//! the same content writes.
//!
//! Cases are generated from a seed: `OCOP_PIPELINE_CASES` (default 6) and
//! `OCOP_PIPELINE_SEED` choose them; a failure names the seed and the
//! edits, to run it again alone.

use crate::common::{copy_tree, repo, snapshot};
use ocop::cancel::Cancel;
use ocop::model::Date;
use ocop::pipeline::{BuildOptions, Changes, Pipeline, Search, build};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// A small generator of pseudo-random numbers (xorshift64*): the same
/// seed gives the same edits on every machine.
struct Random(u64);

impl Random {
    fn new(seed: u64) -> Random {
        Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

const PROVINCES: &[&str] = &["Sóc Trăng", "Vĩnh Long", "Hà Nội", "Cần Thơ", "Lâm Đồng"];
const CATEGORIES: &[&str] = &["I.3.b", "I.5.a", "Chế biến từ rau, củ, quả, hạt"];
const NAMES: &[&str] = &[
    "Bánh pía đậu xanh",
    "Ăn thử kẹo",
    "Zzz trà",
    "Mứt dừa",
    "Đặc sản",
];

/// The site the edits are made to: a copy of `tests/sites/base` with a
/// theme of its own (so templates can be edited) and three photos.
struct Site {
    root: PathBuf,
    /// Producers and products made so far, to name new ones.
    made: usize,
}

impl Site {
    fn producers(&self) -> PathBuf {
        self.root.join("content/producers")
    }

    fn folders(&self) -> Vec<String> {
        let mut folders: Vec<String> = std::fs::read_dir(self.producers())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        folders.sort();
        folders
    }

    /// Every product file, by folder.
    fn products(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for folder in self.folders() {
            let dir = self.producers().join(folder).join("products");
            if let Ok(entries) = std::fs::read_dir(dir) {
                files.extend(entries.map(|e| e.unwrap().path()));
            }
        }
        files.sort();
        files
    }

    fn producer_file(&self, folder: &str) -> PathBuf {
        let dir = self.producers().join(folder);
        let yaml = dir.join("producer.yaml");
        if yaml.exists() {
            yaml
        } else {
            dir.join("producer.md")
        }
    }

    /// Replaces the line starting with `field:` (adding it when missing).
    fn set_field(path: &Path, field: &str, value: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        let prefix = format!("{field}:");
        let line = format!("{field}: {value}");
        let markdown = text.starts_with("---\n");
        let mut found = false;
        let mut lines: Vec<String> = text
            .lines()
            .map(|l| {
                if !found && l.starts_with(&prefix) {
                    found = true;
                    line.clone()
                } else {
                    l.to_string()
                }
            })
            .collect();
        if !found {
            // Into the front matter, or at the end of plain YAML.
            let at = if markdown { 1 } else { lines.len() };
            lines.insert(at, line);
        }
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
    }

    /// Makes one random edit; returns what it did, and the paths touched.
    fn edit(&mut self, random: &mut Random) -> (String, Vec<PathBuf>) {
        loop {
            let products = self.products();
            let folders = self.folders();
            match random.below(11) {
                0 | 1 => {
                    let Some(file) = random.pick(&products).cloned() else {
                        continue;
                    };
                    let name = random.pick(NAMES).unwrap();
                    Self::set_field(&file, "name", name);
                    return (format!("rename {} to {name}", file.display()), vec![file]);
                }
                2 => {
                    let Some(file) = random.pick(&products).cloned() else {
                        continue;
                    };
                    let stars = 3 + random.below(3);
                    Self::set_field(&file, "stars", &stars.to_string());
                    return (format!("{} to {stars} stars", file.display()), vec![file]);
                }
                3 => {
                    let Some(file) = random.pick(&products).cloned() else {
                        continue;
                    };
                    let category = random.pick(CATEGORIES).unwrap();
                    Self::set_field(&file, "category", category);
                    let price = 1000 * (1 + random.below(90));
                    Self::set_field(&file, "price", &price.to_string());
                    let what = format!("{} to {category}, {price} đ", file.display());
                    return (what, vec![file]);
                }
                4 => {
                    let Some(folder) = random.pick(&folders).cloned() else {
                        continue;
                    };
                    self.made += 1;
                    let dir = self.producers().join(&folder).join("products");
                    std::fs::create_dir_all(&dir).unwrap();
                    let file = dir.join(format!("moi-{}.yaml", self.made));
                    let name = random.pick(NAMES).unwrap();
                    let category = random.pick(CATEGORIES).unwrap();
                    std::fs::write(
                        &file,
                        format!(
                            "name: {name} {}\ncategory: {category}\nstars: {}\n\
                             certificate:\n  date: 2025-0{}-01\ndescription: Sản phẩm mới.\n",
                            self.made,
                            3 + random.below(3),
                            1 + random.below(9)
                        ),
                    )
                    .unwrap();
                    return (format!("add {}", file.display()), vec![file]);
                }
                5 => {
                    // Keep one product: a site without any is an error.
                    if products.len() < 2 {
                        continue;
                    }
                    let file = random.pick(&products).cloned().unwrap();
                    std::fs::remove_file(&file).unwrap();
                    return (format!("remove {}", file.display()), vec![file]);
                }
                6 => {
                    let Some(folder) = random.pick(&folders).cloned() else {
                        continue;
                    };
                    let file = self.producer_file(&folder);
                    if random.below(2) == 0 {
                        let province = random.pick(PROVINCES).unwrap();
                        Self::set_field(&file, "province", province);
                        return (format!("{folder} moves to {province}"), vec![file]);
                    }
                    let name = format!("Cơ sở {}", random.pick(NAMES).unwrap());
                    Self::set_field(&file, "name", &name);
                    return (format!("{folder} renamed {name}"), vec![file]);
                }
                7 => {
                    self.made += 1;
                    let dir = self.producers().join(format!("co-so-{}", self.made));
                    let province = random.pick(PROVINCES).unwrap();
                    std::fs::create_dir_all(dir.join("products")).unwrap();
                    std::fs::write(
                        dir.join("producer.yaml"),
                        format!(
                            "name: Cơ sở {}\nkind: ho-kinh-doanh\nprovince: {province}\n",
                            self.made
                        ),
                    )
                    .unwrap();
                    std::fs::write(
                        dir.join("products/keo.yaml"),
                        format!(
                            "name: Kẹo {}\ncategory: I.3.b\nstars: 3\ncertificate:\n  date: 2025-01-01\n",
                            self.made
                        ),
                    )
                    .unwrap();
                    return (format!("add producer {}", dir.display()), vec![dir]);
                }
                8 => {
                    // Keep the producer with photos, and one other.
                    let removable: Vec<&String> =
                        folders.iter().filter(|f| *f != "hai-son").collect();
                    if folders.len() < 3 {
                        continue;
                    }
                    let folder = (*random.pick(&removable).unwrap()).clone();
                    let dir = self.producers().join(&folder);
                    std::fs::remove_dir_all(&dir).unwrap();
                    return (format!("remove producer {folder}"), vec![dir]);
                }
                9 => {
                    // A photo replaced by another: its address changes.
                    let photos = self.producers().join("hai-son/photos");
                    let names = ["banh-pia.png", "lap-xuong.png", "logo.png"];
                    let from = photos.join(random.pick(&names).unwrap());
                    let to = photos.join(random.pick(&names).unwrap());
                    if from == to {
                        continue;
                    }
                    std::fs::copy(&from, &to).unwrap();
                    let what = format!("photo {} replaced by {}", to.display(), from.display());
                    return (what, vec![to]);
                }
                _ => {
                    if random.below(2) == 0 {
                        let template = self.root.join("themes/rieng/templates/product.html");
                        let mut text = std::fs::read_to_string(&template).unwrap();
                        text.push_str(&format!("\n{{# edit {} #}}\n", random.next()));
                        // A change a page shows: the footer of the base template.
                        let base = self.root.join("themes/rieng/templates/base.html");
                        let page = std::fs::read_to_string(&base).unwrap();
                        let marker = format!("<!-- {} -->", random.below(4));
                        std::fs::write(&template, text).unwrap();
                        std::fs::write(
                            &base,
                            page.replacen("</body>", &format!("{marker}</body>"), 1),
                        )
                        .unwrap();
                        return ("theme templates edited".into(), vec![template, base]);
                    }
                    let settings = self.root.join("content/site.yaml");
                    let size = 1 + random.below(3);
                    Self::set_field(&settings, "page_size", &size.to_string());
                    return (format!("page_size: {size}"), vec![settings]);
                }
            }
        }
    }
}

fn site(dir: &Path) -> Site {
    let root = dir.join("site");
    copy_tree(
        &repo().join("tests/sites/base/content"),
        &root.join("content"),
    );
    copy_tree(&repo().join("themes/default"), &root.join("themes/rieng"));
    let settings = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{text}theme: rieng\n")).unwrap();
    Site { root, made: 0 }
}

/// The files of a site, but the marker file of the folder (its text is
/// the same; it is left out so that a difference names pages).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(dir);
    files.remove(ocop::output::MARKER);
    files
}

fn pages(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html") || name.ends_with(".txt"))
        .collect()
}

fn differences(
    now: &BTreeMap<String, Vec<u8>>,
    expected: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    expected
        .iter()
        .filter(|(file, bytes)| now.get(*file) != Some(bytes))
        .map(|(file, bytes)| match now.get(file) {
            None => format!("missing: {file}"),
            Some(found) => format!("differs: {file}: {}", first_difference(found, bytes)),
        })
        .chain(
            now.keys()
                .filter(|file| !expected.contains_key(*file))
                .map(|file| format!("left over: {file}")),
        )
        .collect()
}

/// Where `found` first differs from `expected`, with a little context.
fn first_difference(found: &[u8], expected: &[u8]) -> String {
    let at = found
        .iter()
        .zip(expected)
        .position(|(a, b)| a != b)
        .unwrap_or(found.len().min(expected.len()));
    let around = |bytes: &[u8]| {
        let start = at.saturating_sub(60);
        String::from_utf8_lossy(&bytes[start..(at + 60).min(bytes.len())]).into_owned()
    };
    format!("found …{}… expected …{}…", around(found), around(expected))
}

/// One sequence of edits from `seed`; `Err` names what went wrong.
fn run_case(seed: u64) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let mut site = site(dir.path());
    let root = site.root.clone();
    let options = |output: &str, cache: &str| BuildOptions {
        output: Some(dir.path().join(output)),
        cache_dir: Some(dir.path().join(cache)),
        today: Some(Date::parse("2026-06-01").unwrap()),
        ..BuildOptions::new(&root)
    };
    let cancel = Cancel::new();
    let served = options("served", "served-cache");
    let mut pipeline = Pipeline::remembering(served, Arc::new(RwLock::new(())));
    pipeline
        .run(&Changes::Everything, Search::Now, &cancel)
        .map_err(|e| format!("first run: {e}"))?;
    let mut random = Random::new(seed);
    let mut done = Vec::new();
    let length = 2 + random.below(4);
    for step in 0..length {
        let (what, touched) = site.edit(&mut random);
        done.push(what);
        let context = || format!("seed {seed}, after {done:#?}");
        let summary = pipeline
            .run(&Changes::Files(touched), Search::Later, &cancel)
            .map_err(|e| format!("{}: {e}", context()))?;
        let cold = format!("cold-{step}");
        build(&options(&cold, "cold-cache"), &cancel).map_err(|e| format!("{}: {e}", context()))?;
        let expected = dir.path().join(&cold);
        let served = dir.path().join("served");
        let wrong = differences(&pages(&served), &pages(&expected));
        if !wrong.is_empty() {
            return Err(format!("{}: pages after the edit: {wrong:#?}", context()));
        }
        // The run `ocop serve` starts in the background; now and then a
        // newer edit cancels it before it is done, as a quick saver does.
        if summary.search.stale && random.below(4) > 0 {
            pipeline
                .run(&Changes::Everything, Search::Now, &cancel)
                .map_err(|e| format!("{}: run over everything: {e}", context()))?;
            let wrong = differences(&files(&served), &files(&expected));
            if !wrong.is_empty() {
                return Err(format!("{}: the whole site: {wrong:#?}", context()));
            }
        }
        std::fs::remove_dir_all(&expected).unwrap();
    }
    Ok(())
}

#[test]
fn served_sites_after_random_edits_are_those_of_cold_builds() {
    let cases: u64 = std::env::var("OCOP_PIPELINE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    let first: u64 = std::env::var("OCOP_PIPELINE_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    for seed in first..first + cases {
        if let Err(failure) = run_case(seed) {
            panic!("{failure}\n(run again: OCOP_PIPELINE_SEED={seed} OCOP_PIPELINE_CASES=1)");
        }
    }
}

/// A page an edit renders again is held to the rule a build holds every
/// page to: it links only to pages the site has. The served site stays
/// as it was.
#[test]
fn an_edit_whose_page_links_to_a_page_the_site_lacks_fails_keeping_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = site(dir.path());
    let template = site.root.join("themes/rieng/templates/product.html");
    let text = std::fs::read_to_string(&template).unwrap();
    // Hà Nội has no product in this site, so it has no page.
    let link = "{% if \"Hà Nội\" in product.name %}<a href=\"{{ site.base_path }}tinh/ha-noi/\">Hà Nội</a>{% endif %}";
    std::fs::write(
        &template,
        text.replacen(
            "{% block content %}",
            &format!("{{% block content %}}{link}"),
            1,
        ),
    )
    .unwrap();
    let options = BuildOptions {
        output: Some(dir.path().join("served")),
        cache_dir: Some(dir.path().join("cache")),
        today: Some(Date::parse("2026-06-01").unwrap()),
        ..BuildOptions::new(&site.root)
    };
    let cancel = Cancel::new();
    let mut pipeline = Pipeline::remembering(options, Arc::new(RwLock::new(())));
    pipeline
        .run(&Changes::Everything, Search::Now, &cancel)
        .expect("first run");
    let served = dir.path().join("served");
    let before = files(&served);
    let product = site
        .root
        .join("content/producers/hai-son/products/banh-pia.yaml");
    Site::set_field(&product, "name", "Bánh pía Hà Nội");
    let error = pipeline
        .run(&Changes::Files(vec![product]), Search::Later, &cancel)
        .expect_err("the edit links to a page the site lacks")
        .to_string();
    assert!(
        error.contains("san-pham/hai-son/banh-pia/index.html links to /tinh/ha-noi/"),
        "{error}"
    );
    assert!(differences(&files(&served), &before).is_empty());
}
