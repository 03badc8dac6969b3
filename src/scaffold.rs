//! `ocop new producer` and `ocop new product`: a first content file, in
//! the right place, named from the producer's or product's name, with a
//! Vietnamese comment over every field (from [`crate::content::spec`]).
//!
//! What a file cannot do without is asked for on the command line and
//! checked against the reference data before anything is written: a
//! producer's province, a product's category and stars. A placeholder there
//! would either fail `ocop check` or, worse, pass it with a wrong value and
//! be published. Optional fields are written commented out, with an
//! example, so nothing invented reaches the site; `ocop check` then warns
//! about what is still worth adding (description, photos). Files are never
//! overwritten.

use crate::content::PRODUCERS_DIR;
use crate::content::load_reference;
use crate::content::spec::{FieldSpec, PRODUCER_FIELDS, PRODUCT_FIELDS};
use crate::diagnostic::Problem;
use crate::lang::Lang;
use crate::model::{ProducerKind, StarLevel};
use crate::reference::{CategoryMatch, Reference};
use crate::schema::{PRODUCER_SCHEMA, PRODUCT_SCHEMA, modeline};
use crate::text::{is_slug, slugify};
use std::path::{Path, PathBuf};

/// What `ocop new producer` is given.
#[derive(Debug, Clone)]
pub struct NewProducer {
    /// The producer's name.
    pub name: String,
    /// Its province or city (required: the file is invalid without it).
    pub province: Option<String>,
    /// Its kind, as a key or spelt out.
    pub kind: Option<String>,
}

/// What `ocop new product` is given.
#[derive(Debug, Clone)]
pub struct NewProduct {
    /// The producer's folder name (or its name, made into one).
    pub producer: String,
    /// The product's name.
    pub name: String,
    /// Its category (required).
    pub category: Option<String>,
    /// Its stars (required).
    pub stars: Option<u8>,
}

/// Why no file was written.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// A value given is not valid; the problem says why and how to fix it.
    #[error("{}", .0.message(Lang::En))]
    Invalid(Problem),
    /// A value the file cannot do without was not given.
    #[error("the option --{option} is required")]
    Missing {
        /// The option, without dashes.
        option: &'static str,
    },
    /// The name has no letters or digits to make a file name of.
    #[error("cannot make a file name from {name:?}")]
    NoSlug {
        /// The name given.
        name: String,
    },
    /// No producer folder has that name.
    #[error("there is no producer folder {slug}")]
    NoProducer {
        /// The folder looked for.
        slug: String,
        /// The closest folder that exists.
        suggestion: Option<String>,
    },
    /// The file (or another file for the same producer or product) exists.
    #[error("{} already exists", .path.display())]
    Exists {
        /// The file, relative to the site root.
        path: PathBuf,
    },
    /// The site has no content folder.
    #[error("there is no content/ folder in {}", .root.display())]
    NoContent {
        /// The site folder.
        root: PathBuf,
    },
    /// Writing failed.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}

impl NewError {
    /// What went wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NewError::Invalid(problem) => problem.message(lang),
            NewError::Missing { option } => lang.pick(
                format!("cần có --{option}"),
                format!("the option --{option} is required"),
            ),
            NewError::NoSlug { name } => lang.pick(
                format!("không tạo được tên tệp từ \"{name}\""),
                format!("cannot make a file name from \"{name}\""),
            ),
            NewError::NoProducer { slug, .. } => lang.pick(
                format!("không có thư mục chủ thể {PRODUCERS_DIR}/{slug}/"),
                format!("there is no producer folder {PRODUCERS_DIR}/{slug}/"),
            ),
            NewError::Exists { path } => lang.pick(
                format!("{} đã có; không ghi đè", path.display()),
                format!("{} already exists; it is not overwritten", path.display()),
            ),
            NewError::NoContent { root } => lang.pick(
                format!("không có thư mục content/ trong {}", root.display()),
                format!("there is no content/ folder in {}", root.display()),
            ),
            NewError::Io { path, source } => lang.pick(
                format!("không ghi được {}: {source}", path.display()),
                format!("cannot write {}: {source}", path.display()),
            ),
        }
    }

    /// How to fix it, when there is something to say.
    pub fn help(&self, lang: Lang) -> Option<String> {
        match self {
            NewError::Invalid(problem) => problem.help(lang),
            NewError::Missing { option: "province" } => Some(lang.pick(
                "ví dụ: ocop new producer \"HTX Chè Tân Cương\" --province \"Thái Nguyên\"".into(),
                "for example: ocop new producer \"HTX Chè Tân Cương\" --province \"Thái Nguyên\"".into(),
            )),
            NewError::Missing { .. } => Some(lang.pick(
                "ví dụ: ocop new product che-tan-cuong \"Chè búp\" --category I.5.a --stars 4".into(),
                "for example: ocop new product che-tan-cuong \"Chè búp\" --category I.5.a --stars 4".into(),
            )),
            NewError::NoSlug { .. } => Some(lang.pick(
                "dùng tên có chữ cái hoặc chữ số".into(),
                "use a name with letters or digits".into(),
            )),
            NewError::NoProducer {
                suggestion: Some(s),
                ..
            } => Some(lang.pick(
                format!("có phải ý bạn là \"{s}\"?"),
                format!("did you mean \"{s}\"?"),
            )),
            NewError::NoProducer { .. } => Some(lang.pick(
                "tạo chủ thể trước: ocop new producer \"Tên\" --province \"Tỉnh\"".into(),
                "create the producer first: ocop new producer \"Name\" --province \"Province\"".into(),
            )),
            NewError::Exists { .. } => Some(lang.pick(
                "sửa tệp đó, hoặc chọn tên khác".into(),
                "edit that file, or choose another name".into(),
            )),
            NewError::NoContent { .. } => Some(lang.pick(
                "chạy lệnh trong thư mục của kho nội dung, hoặc dùng --root <thư mục>".into(),
                "run the command in the content repository, or pass --root <folder>".into(),
            )),
            NewError::Io { .. } => None,
        }
    }
}

/// A YAML double-quoted string: JSON's escapes are YAML's.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.replace('"', "'")))
}

/// Comment lines are wrapped at this many characters, to read in any editor.
const COMMENT_WIDTH: usize = 88;

/// A comment in the file: each line of `text`, wrapped at word boundaries.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty()
                && current.chars().count() + 1 + word.chars().count() > COMMENT_WIDTH - 2
            {
                out.push_str(&format!("# {current}\n"));
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        if current.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str(&format!("# {current}\n"));
        }
    }
}

/// The comment over a field and then the field: with `value` when given,
/// else its example, commented out.
fn field(out: &mut String, spec: &FieldSpec, value: Option<String>) {
    out.push('\n');
    let mut about = spec.description_vi.to_string();
    if spec.required {
        about.push_str(" (Bắt buộc.)");
    }
    comment(out, &about);
    match value {
        Some(value) => out.push_str(&format!("{}: {value}\n", spec.name)),
        None => {
            let separator = if spec.example.starts_with('\n') {
                ""
            } else {
                " "
            };
            for line in format!("{}:{separator}{}", spec.name, spec.example).lines() {
                out.push_str("# ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
}

fn check_content(root: &Path) -> Result<(), NewError> {
    if root.join("content").is_dir() {
        Ok(())
    } else {
        Err(NewError::NoContent {
            root: root.to_path_buf(),
        })
    }
}

fn slug_of(name: &str) -> Result<String, NewError> {
    let slug = slugify(name);
    if slug.is_empty() {
        Err(NewError::NoSlug {
            name: name.to_string(),
        })
    } else {
        Ok(slug)
    }
}

/// Creates `path` (relative to `root`) with `text`, refusing to replace
/// anything or to write through a symbolic link: the check and the
/// creation are one step, so two commands run at once cannot both write,
/// and the file appears whole.
fn create(root: &Path, path: &Path, text: &str) -> Result<(), NewError> {
    use crate::safe_write::{Mode, write_file};
    match write_file(root, path, text.as_bytes(), Mode::CreateNew) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Err(NewError::Exists {
            path: path.to_path_buf(),
        }),
        Err(source) => Err(NewError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The first of `names` in `dir` that exists, relative to `root`. A folder
/// on the way that is a symbolic link is refused first: what it leads to
/// is not the site's.
fn existing(root: &Path, dir: &Path, names: &[String]) -> Result<Option<PathBuf>, NewError> {
    crate::safe_write::refuse_links(root, dir).map_err(|source| NewError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(names
        .iter()
        .map(|name| dir.join(name))
        .find(|path| root.join(path).symlink_metadata().is_ok()))
}

/// Writes `content/producers/<slug>/producer.yaml`; returns its path
/// relative to `root`.
pub fn new_producer(root: &Path, new: &NewProducer) -> Result<PathBuf, NewError> {
    check_content(root)?;
    let (reference, _) = load_reference(root);
    let province = new
        .province
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .ok_or(NewError::Missing { option: "province" })?;
    reference
        .provinces
        .resolve(province)
        .map_err(|suggestions| {
            NewError::Invalid(Problem::UnknownProvince {
                found: province.to_string(),
                suggestions,
            })
        })?;
    let kind = match new.kind.as_deref() {
        None => None,
        Some(written) => Some(ProducerKind::from_key(&slugify(written)).ok_or_else(|| {
            let keys: Vec<&'static str> = ProducerKind::ALL.iter().map(|k| k.key()).collect();
            NewError::Invalid(Problem::InvalidKind {
                found: written.to_string(),
                suggestion: closest(&slugify(written), &keys),
            })
        })?),
    };
    let slug = slug_of(&new.name)?;
    let dir = Path::new(PRODUCERS_DIR).join(&slug);
    let names: Vec<String> = ["producer.yaml", "producer.yml", "producer.md"]
        .map(String::from)
        .to_vec();
    if let Some(path) = existing(root, &dir, &names)? {
        return Err(NewError::Exists { path });
    }
    let path = dir.join("producer.yaml");
    let mut text = String::new();
    text.push_str(&modeline(&path, PRODUCER_SCHEMA));
    text.push('\n');
    comment(
        &mut text,
        "\nHồ sơ chủ thể OCOP. Mỗi dòng `tên: giá trị` là một trường; dòng bắt đầu bằng #\n\
         là ghi chú, không hiện trên trang. Muốn dùng một trường, xóa dấu # ở đầu dòng.\n\
         Ảnh (logo, ảnh sản phẩm) đặt trong thư mục photos/ bên cạnh tệp này.\n\
         Kiểm tra trước khi gửi: ocop check",
    );
    for spec in PRODUCER_FIELDS {
        let value = match spec.name {
            "name" => Some(quoted(new.name.trim())),
            "province" => Some(quoted(province)),
            "kind" => kind.map(|k| k.key().to_string()),
            _ => None,
        };
        field(&mut text, spec, value);
    }
    create(root, &path, &text)?;
    Ok(path)
}

/// Writes `content/producers/<producer>/products/<slug>.yaml`; returns its
/// path relative to `root`.
pub fn new_product(root: &Path, new: &NewProduct) -> Result<PathBuf, NewError> {
    check_content(root)?;
    let (reference, _) = load_reference(root);
    let producer = if is_slug(&new.producer) {
        new.producer.clone()
    } else {
        slug_of(&new.producer)?
    };
    let producer_dir = Path::new(PRODUCERS_DIR).join(&producer);
    if !root.join(&producer_dir).is_dir() {
        let folders: Vec<String> = std::fs::read_dir(root.join(PRODUCERS_DIR))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let candidates: Vec<&str> = folders.iter().map(String::as_str).collect();
        return Err(NewError::NoProducer {
            suggestion: closest(&producer, &candidates),
            slug: producer,
        });
    }
    let category_text = new
        .category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .ok_or(NewError::Missing { option: "category" })?;
    let group = category(&reference, category_text)?;
    let stars = new.stars.ok_or(NewError::Missing { option: "stars" })?;
    let stars = StarLevel::from_number(i64::from(stars)).ok_or_else(|| {
        NewError::Invalid(Problem::InvalidStars {
            found: stars.to_string(),
        })
    })?;
    let slug = slug_of(&new.name)?;
    let products = producer_dir.join("products");
    let names: Vec<String> = ["yaml", "yml", "md"]
        .iter()
        .map(|ext| format!("{slug}.{ext}"))
        .collect();
    if let Some(path) = existing(root, &products, &names)? {
        return Err(NewError::Exists { path });
    }
    let path = products.join(format!("{slug}.yaml"));
    let mut text = String::new();
    text.push_str(&modeline(&path, PRODUCT_SCHEMA));
    text.push('\n');
    comment(
        &mut text,
        "\nMột sản phẩm OCOP. Mỗi dòng `tên: giá trị` là một trường; dòng bắt đầu bằng #\n\
         là ghi chú, không hiện trên trang. Muốn dùng một trường, xóa dấu # ở đầu dòng.\n\
         Đường dẫn ảnh tính từ tệp này: ảnh trong photos/ của chủ thể là ../photos/ten-anh.jpg\n\
         Kiểm tra trước khi gửi: ocop check",
    );
    let group = reference.classification.group(group);
    for spec in PRODUCT_FIELDS {
        let value = match spec.name {
            // Written, not left as a comment: the folder is known here, and
            // the browser editor then shows the product's producer filled.
            "producer" => Some(producer.clone()),
            "name" => Some(quoted(new.name.trim())),
            // The code is what the reader resolves without doubt; the name
            // follows as a comment for people.
            "category" => Some(format!("{}  # {}", group.code, group.name)),
            "stars" => Some(stars.number().to_string()),
            _ => None,
        };
        field(&mut text, spec, value);
    }
    create(root, &path, &text)?;
    Ok(path)
}

/// The group of a category as written, or why it names none.
fn category(reference: &Reference, written: &str) -> Result<usize, NewError> {
    let classification = &reference.classification;
    match classification.resolve(written) {
        Ok((CategoryMatch::Group(group), _)) => Ok(group),
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
            Err(NewError::Invalid(Problem::AmbiguousCategory {
                found: written.to_string(),
                sector: format!("{} {}", sector.code, sector.name),
                choices,
            }))
        }
        Err(suggestions) => Err(NewError::Invalid(Problem::UnknownCategory {
            found: written.to_string(),
            suggestions,
        })),
    }
}

/// The candidate closest to `slug`, if close enough to be a likely typo.
fn closest(slug: &str, folders: &[&str]) -> Option<String> {
    folders
        .iter()
        .map(|f| (strsim::jaro_winkler(slug, f), *f))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, f)| f.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file written must be YAML with the fields given.
    fn parse(text: &str) -> serde_yaml::Mapping {
        crate::content::yaml::parse(text, text, 0)
            .map(|f| f.root)
            .unwrap_or_default()
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/producers")).unwrap();
        dir
    }

    #[test]
    fn writes_a_producer_with_the_given_fields_and_the_rest_commented() {
        let dir = site();
        let path = new_producer(
            dir.path(),
            &NewProducer {
                name: "HTX Chè \"Tân Cương\"".into(),
                province: Some("Thái Nguyên".into()),
                kind: Some("Hợp tác xã".into()),
            },
        )
        .unwrap();
        assert_eq!(
            path,
            Path::new("content/producers/htx-che-tan-cuong/producer.yaml")
        );
        let text = std::fs::read_to_string(dir.path().join(&path)).unwrap();
        assert!(text.starts_with(
            "# yaml-language-server: $schema=../../../.ocop/schema/producer.schema.json\n"
        ));
        let fields = parse(&text);
        assert_eq!(fields["name"], "HTX Chè \"Tân Cương\"");
        assert_eq!(fields["kind"], "hop-tac-xa");
        assert_eq!(fields.len(), 3, "{text}");
        assert!(text.contains("# phone: \"0912 345 678\""), "{text}");
    }

    #[test]
    fn refuses_what_would_not_pass_and_never_overwrites() {
        let dir = site();
        let producer = |province: Option<&str>| NewProducer {
            name: "Cơ sở A".into(),
            province: province.map(String::from),
            kind: None,
        };
        assert!(matches!(
            new_producer(dir.path(), &producer(None)),
            Err(NewError::Missing { option: "province" })
        ));
        assert!(matches!(
            new_producer(dir.path(), &producer(Some("Sai Gon x"))),
            Err(NewError::Invalid(Problem::UnknownProvince { .. }))
        ));
        new_producer(dir.path(), &producer(Some("92"))).unwrap();
        assert!(matches!(
            new_producer(dir.path(), &producer(Some("92"))),
            Err(NewError::Exists { .. })
        ));
    }

    #[test]
    fn writes_a_product_under_its_producer() {
        let dir = site();
        std::fs::create_dir_all(dir.path().join("content/producers/co-so-a")).unwrap();
        let product = |category: &str, stars: u8| NewProduct {
            producer: "co-so-a".into(),
            name: "Nước mắm cá cơm 40 độ đạm".into(),
            category: Some(category.into()),
            stars: Some(stars),
        };
        assert!(matches!(
            new_product(dir.path(), &product("I.4.a", 2)),
            Err(NewError::Invalid(Problem::InvalidStars { .. }))
        ));
        assert!(matches!(
            new_product(dir.path(), &product("zzz", 4)),
            Err(NewError::Invalid(Problem::UnknownCategory { .. }))
        ));
        let path = new_product(dir.path(), &product("nuoc mam", 4));
        let path = path.or_else(|_| new_product(dir.path(), &product("I.4.a", 4)));
        let path = path.unwrap();
        assert_eq!(
            path,
            Path::new("content/producers/co-so-a/products/nuoc-mam-ca-com-40-do-dam.yaml")
        );
        let fields = parse(&std::fs::read_to_string(dir.path().join(&path)).unwrap());
        assert_eq!(fields["category"], "I.4.a");
        assert_eq!(fields["stars"], 4);
        assert!(matches!(
            new_product(
                dir.path(),
                &NewProduct {
                    producer: "co-so-b".into(),
                    ..product("I.4.a", 4)
                }
            ),
            Err(NewError::NoProducer { suggestion: Some(s), .. }) if s == "co-so-a"
        ));
    }
}
