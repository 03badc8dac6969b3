//! What can be wrong in a site, and how to say it in each language.
//!
//! Every variant carries what the message needs, so a message can be printed
//! long after the file was read. Messages say what is wrong; `help` says how
//! to fix it, in words a producer who is not a programmer can follow.

use crate::lang::Lang;

/// The kinds of value a field can hold, for type errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Text.
    Text,
    /// A whole number.
    WholeNumber,
    /// true or false.
    YesNo,
    /// A list (`- item` lines).
    List,
    /// A group of named fields (`key: value` lines indented under the field).
    Mapping,
    /// A date.
    Date,
    /// Nothing (an empty value).
    Nothing,
    /// A photo: a path, or `src` and `alt`.
    Photo,
    /// A link: a URL, or `label` and `url`.
    Link,
}

impl ValueKind {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            ValueKind::Text => lang.pick("văn bản", "text"),
            ValueKind::WholeNumber => lang.pick("số nguyên", "a whole number"),
            ValueKind::YesNo => lang.pick("true hoặc false", "true or false"),
            ValueKind::List => lang.pick("danh sách", "a list"),
            ValueKind::Mapping => lang.pick(
                "nhóm trường (khóa: giá trị)",
                "a group of fields (key: value)",
            ),
            ValueKind::Date => lang.pick("ngày (YYYY-MM-DD)", "a date (YYYY-MM-DD)"),
            ValueKind::Nothing => lang.pick("giá trị rỗng", "nothing"),
            ValueKind::Photo => lang.pick(
                "đường dẫn ảnh hoặc {src, alt}",
                "a photo path or {src, alt}",
            ),
            ValueKind::Link => lang.pick("địa chỉ web hoặc {label, url}", "a URL or {label, url}"),
        }
    }
}

/// Everything that can be wrong, with what its message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The file could not be read.
    ReadFailed { reason: String },
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file is larger than content files may be.
    FileTooLarge { size: u64, limit: u64 },
    /// YAML syntax error, as reported by the parser.
    YamlSyntax { detail: String },
    /// A Markdown file whose front matter never ends.
    FrontMatterUnclosed,
    /// A Markdown file without front matter.
    FrontMatterMissing,
    /// The top level of the file is not `key: value` fields.
    NotFields { found: ValueKind },
    /// A producer folder without a producer file.
    ProducerFileMissing,
    /// Two files describe the same thing (`x.yaml` and `x.md`).
    DuplicateFile { other: String },
    /// A folder or file name that cannot be a URL slug.
    InvalidSlug { name: String, suggestion: String },
    /// A file in a content folder that is not read.
    IgnoredFile,
    /// A field that is not part of the contract.
    UnknownField {
        field: String,
        suggestion: Option<String>,
        allowed: Vec<&'static str>,
    },
    /// A required field is absent.
    MissingField { field: String },
    /// A field holds the wrong kind of value.
    WrongType {
        field: String,
        expected: ValueKind,
        found: ValueKind,
    },
    /// A required text field is empty.
    EmptyField { field: String },
    /// A province that matches no unit, former unit or code.
    UnknownProvince {
        found: String,
        suggestions: Vec<String>,
    },
    /// A category that matches no code or name.
    UnknownCategory {
        found: String,
        suggestions: Vec<String>,
    },
    /// A former-scheme category that maps to a sector with several product sets.
    AmbiguousCategory {
        found: String,
        sector: String,
        choices: Vec<String>,
    },
    /// Stars other than 3, 4 or 5.
    InvalidStars { found: String },
    /// `kind` other than the four kinds of OCOP entity.
    InvalidKind {
        found: String,
        suggestion: Option<String>,
    },
    /// `potential_5_star` on a product that is not 4-star.
    PotentialFiveStarNotFour { stars: u8 },
    /// A date that cannot be read.
    InvalidDate { found: String },
    /// `valid_until` on or before the decision date.
    ValidUntilBeforeDate { date: String, valid_until: String },
    /// A product's `producer:` naming another folder than the one it is in.
    ProducerNotFolder { found: String, folder: String },
    /// A price that is not an amount of đồng.
    InvalidPrice { found: String },
    /// A URL that is not http(s), or not a URL at all.
    InvalidUrl { found: String },
    /// An email address that cannot be one.
    InvalidEmail { found: String },
    /// A path that leaves the producer's folder.
    PathOutsideFolder { path: String },
    /// A path that names no file.
    FileNotFound { path: String },
    /// A path to a file that is not a photo the tool can read.
    NotAnImage { path: String, reason: String },
    /// A photo in a format browsers cannot show (HEIC).
    UnsupportedImageFormat { path: String, format: String },
    /// A photo larger than the tool accepts.
    ImageTooLarge {
        path: String,
        width: u32,
        height: u32,
    },
    /// An image in Markdown that comes from another site.
    ExternalImage { url: String },
    /// A link target that is not allowed (`javascript:`, `data:` ...).
    UnsafeLink { url: String },
    /// Two pages would get the same address.
    SlugCollision { url: String, other: String },
    /// A certificate past its validity.
    CertificateExpired { valid_until: String },
    /// A product or producer without description.
    MissingDescription,
    /// A product without photos.
    NoPhotos,
    /// `base_url` that is not an absolute http(s) URL.
    InvalidBaseUrl { found: String },
    /// A value of `cms:` in `site.yaml` that cannot be used.
    InvalidCmsSetting { field: &'static str, found: String },
    /// `page_size` out of range.
    InvalidPageSize { found: String },
    /// `language` not supported.
    InvalidLanguage { found: String },
    /// A theme named in `site.yaml` that does not exist.
    UnknownTheme { name: String },
    /// Reference data that is inconsistent (overridden by the site).
    InvalidReference { detail: String },
    /// The content folder has no producers.
    NoProducers,
    /// The content folder does not exist.
    ContentMissing,
    /// A symbolic link inside content.
    SymlinkNotAllowed,
    /// A Markdown file with a body and a `description` field.
    DescriptionTwice,
    /// `site.yaml` is missing.
    SiteFileMissing,
    /// `photo_widths` or `photo_quality` out of range.
    InvalidPhotoSetting { found: String },
    /// A product photo without `alt` text for people who cannot see it.
    MissingAltText { path: String },
    /// Problems of a file past those listed.
    MoreProblems { count: usize },
    /// A control or invisible character that hides or reorders text.
    ForbiddenCharacter { code: u32 },
    /// YAML nested deeper than content may be.
    NestingTooDeep { limit: usize },
    /// A linked file of a type the catalogue does not publish.
    LinkedFileNotAllowed { path: String },
    /// A linked file whose contents are not what its name says.
    LinkedFileMismatch { path: String, kind: &'static str },
    /// A linked file larger than the limit.
    LinkedFileTooLarge { path: String, size: u64, limit: u64 },
    /// More photos than a product or a producer may have.
    TooManyPhotos {
        count: usize,
        limit: usize,
        producer: bool,
    },
    /// A photo whose decoded pixels would not fit the memory budget.
    ImageNeedsTooMuchMemory {
        path: String,
        bytes: u64,
        limit: u64,
    },
    /// A photo much heavier than a catalogue needs (it is still used).
    PhotoVeryLarge {
        path: String,
        bytes: u64,
        width: u32,
        height: u32,
    },
}

impl Problem {
    /// The same problem naming a file as `written` instead (a photo shared
    /// by several content files is reported in each with its own spelling).
    pub fn with_path(&self, written: &str) -> Problem {
        let mut problem = self.clone();
        match &mut problem {
            Problem::NotAnImage { path, .. }
            | Problem::UnsupportedImageFormat { path, .. }
            | Problem::ImageTooLarge { path, .. }
            | Problem::ImageNeedsTooMuchMemory { path, .. }
            | Problem::FileNotFound { path }
            | Problem::PathOutsideFolder { path } => *path = written.to_string(),
            _ => {}
        }
        problem
    }
}

pub(super) fn quote_list(items: &[String], lang: Lang) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    quoted.join(lang.pick(", ", ", "))
}

impl Problem {
    /// What is wrong, in one line.
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        match self {
            ReadFailed { reason } => lang.pick(
                format!("không đọc được tệp: {reason}"),
                format!("cannot read the file: {reason}"),
            ),
            NotUtf8 => lang.pick(
                "tệp không phải văn bản UTF-8".into(),
                "the file is not UTF-8 text".into(),
            ),
            FileTooLarge { size, limit } => lang.pick(
                format!("tệp quá lớn ({}), giới hạn là {}", human_size(*size), human_size(*limit)),
                format!("the file is too large ({}); the limit is {}", human_size(*size), human_size(*limit)),
            ),
            YamlSyntax { detail } => lang.pick(
                format!("lỗi cú pháp YAML: {detail}"),
                format!("YAML syntax error: {detail}"),
            ),
            FrontMatterUnclosed => lang.pick(
                "phần khai báo đầu tệp (front matter) mở bằng `---` nhưng không có dòng `---` đóng lại".into(),
                "the front matter opened with `---` is never closed by a `---` line".into(),
            ),
            FrontMatterMissing => lang.pick(
                "tệp Markdown phải bắt đầu bằng phần khai báo giữa hai dòng `---`".into(),
                "a Markdown file must start with front matter between two `---` lines".into(),
            ),
            NotFields { found } => lang.pick(
                format!("nội dung tệp phải là các trường `tên: giá trị`, nhưng đây là {}", found.name(lang)),
                format!("the file must hold `key: value` fields, but it holds {}", found.name(lang)),
            ),
            ProducerFileMissing => lang.pick(
                "thư mục chủ thể không có tệp producer.yaml hoặc producer.md".into(),
                "the producer folder has no producer.yaml or producer.md".into(),
            ),
            DuplicateFile { other } => lang.pick(
                format!("tệp này và \"{other}\" mô tả cùng một mục"),
                format!("this file and \"{other}\" describe the same item"),
            ),
            InvalidSlug { name, .. } => lang.pick(
                format!("tên \"{name}\" không dùng được làm địa chỉ trang"),
                format!("the name \"{name}\" cannot be used in a page address"),
            ),
            IgnoredFile => lang.pick(
                "tệp này không được đọc (chỉ đọc tệp .yaml, .yml và .md)".into(),
                "this file is not read (only .yaml, .yml and .md files are)".into(),
            ),
            UnknownField { field, .. } => lang.pick(
                format!("trường không xác định \"{field}\""),
                format!("unknown field \"{field}\""),
            ),
            MissingField { field } => lang.pick(
                format!("thiếu trường bắt buộc \"{field}\""),
                format!("the required field \"{field}\" is missing"),
            ),
            WrongType { field, expected, found } => lang.pick(
                format!("\"{field}\" phải là {}, nhưng đây là {}", expected.name(lang), found.name(lang)),
                format!("\"{field}\" must be {}, but it is {}", expected.name(lang), found.name(lang)),
            ),
            EmptyField { field } => lang.pick(
                format!("\"{field}\" không được để trống"),
                format!("\"{field}\" must not be empty"),
            ),
            UnknownProvince { found, .. } => lang.pick(
                format!("không có tỉnh, thành phố nào tên \"{found}\""),
                format!("no province or city is called \"{found}\""),
            ),
            UnknownCategory { found, .. } => lang.pick(
                format!("không có nhóm sản phẩm OCOP nào là \"{found}\""),
                format!("no OCOP product category is \"{found}\""),
            ),
            AmbiguousCategory { found, sector, .. } => lang.pick(
                format!("\"{found}\" (bộ phân loại cũ) ứng với cả ngành \"{sector}\", cần chọn một nhóm cụ thể"),
                format!("\"{found}\" (former classification) stands for the whole sector \"{sector}\"; a specific group is needed"),
            ),
            InvalidStars { found } => lang.pick(
                format!("số sao phải là 3, 4 hoặc 5, không phải {found}"),
                format!("stars must be 3, 4 or 5, not {found}"),
            ),
            InvalidKind { found, .. } => lang.pick(
                format!("loại chủ thể \"{found}\" không hợp lệ"),
                format!("\"{found}\" is not a kind of OCOP entity"),
            ),
            PotentialFiveStarNotFour { stars } => lang.pick(
                format!("\"potential_5_star\" chỉ dành cho sản phẩm 4 sao, sản phẩm này {stars} sao"),
                format!("\"potential_5_star\" is only for 4-star products; this one has {stars} stars"),
            ),
            InvalidDate { found } => lang.pick(
                format!("\"{found}\" không phải là ngày hợp lệ"),
                format!("\"{found}\" is not a valid date"),
            ),
            ProducerNotFolder { found, folder } => lang.pick(
                format!("\"producer: {found}\" không phải thư mục chứa tệp này ({folder})"),
                format!("\"producer: {found}\" is not the folder this file is in ({folder})"),
            ),
            ValidUntilBeforeDate { date, valid_until } => lang.pick(
                format!("ngày hết hạn {valid_until} không sau ngày ký quyết định {date}"),
                format!("the expiry date {valid_until} is not after the decision date {date}"),
            ),
            InvalidPrice { found } => lang.pick(
                format!("giá \"{found}\" không phải là số tiền (đồng)"),
                format!("the price \"{found}\" is not an amount of đồng"),
            ),
            InvalidUrl { found } => lang.pick(
                format!("\"{found}\" không phải là địa chỉ web http:// hoặc https://"),
                format!("\"{found}\" is not an http:// or https:// web address"),
            ),
            InvalidEmail { found } => lang.pick(
                format!("\"{found}\" không phải là địa chỉ email"),
                format!("\"{found}\" is not an email address"),
            ),
            PathOutsideFolder { path } => lang.pick(
                format!("đường dẫn \"{path}\" đi ra ngoài thư mục của chủ thể"),
                format!("the path \"{path}\" leaves the producer's folder"),
            ),
            FileNotFound { path } => lang.pick(
                format!("không tìm thấy tệp \"{path}\""),
                format!("there is no file \"{path}\""),
            ),
            NotAnImage { path, reason } => lang.pick(
                format!("\"{path}\" không phải là ảnh đọc được: {reason}"),
                format!("\"{path}\" is not a readable photo: {reason}"),
            ),
            UnsupportedImageFormat { path, format } => lang.pick(
                format!("ảnh \"{path}\" ở định dạng {format}, trình duyệt không hiển thị được"),
                format!("the photo \"{path}\" is in {format} format, which browsers cannot show"),
            ),
            ImageTooLarge { path, width, height } => lang.pick(
                format!("ảnh \"{path}\" quá lớn ({width} × {height} điểm ảnh)"),
                format!("the photo \"{path}\" is too large ({width} × {height} pixels)"),
            ),
            ExternalImage { url } => lang.pick(
                format!("ảnh \"{url}\" nằm trên trang web khác nên không được hiển thị"),
                format!("the image \"{url}\" is on another site and is not shown"),
            ),
            UnsafeLink { url } => lang.pick(
                format!("liên kết \"{url}\" không an toàn và đã bị bỏ"),
                format!("the link \"{url}\" is unsafe and was dropped"),
            ),
            SlugCollision { url, other } => lang.pick(
                format!("trang {url} trùng địa chỉ với trang của \"{other}\""),
                format!("the page {url} has the same address as the page of \"{other}\""),
            ),
            CertificateExpired { valid_until } => lang.pick(
                format!("giấy chứng nhận OCOP đã hết hạn ngày {valid_until}"),
                format!("the OCOP certificate expired on {valid_until}"),
            ),
            MissingDescription => lang.pick(
                "chưa có phần mô tả".into(),
                "there is no description".into(),
            ),
            NoPhotos => lang.pick(
                "sản phẩm chưa có ảnh".into(),
                "the product has no photos".into(),
            ),
            InvalidBaseUrl { found } => lang.pick(
                format!("\"base_url\" phải là địa chỉ đầy đủ bắt đầu bằng https:// hoặc http://, không phải \"{found}\""),
                format!("\"base_url\" must be a full address starting with https:// or http://, not \"{found}\""),
            ),
            InvalidCmsSetting { field, found } => lang.pick(
                format!("\"cms: {field}\" không dùng được: \"{found}\""),
                format!("\"cms: {field}\" cannot be used: \"{found}\""),
            ),
            InvalidPageSize { found } => lang.pick(
                format!("\"page_size\" phải là số từ 1 đến 1000, không phải {found}"),
                format!("\"page_size\" must be a number from 1 to 1000, not {found}"),
            ),
            InvalidLanguage { found } => lang.pick(
                format!("ngôn ngữ \"{found}\" chưa được hỗ trợ"),
                format!("the language \"{found}\" is not supported"),
            ),
            UnknownTheme { name } => lang.pick(
                format!("không có giao diện \"{name}\" trong thư mục themes/"),
                format!("there is no theme \"{name}\" in the themes/ folder"),
            ),
            InvalidReference { detail } => lang.pick(
                format!("dữ liệu tham chiếu không hợp lệ: {detail}"),
                format!("invalid reference data: {detail}"),
            ),
            NoProducers => lang.pick(
                "chưa có chủ thể nào trong content/producers/".into(),
                "there are no producers in content/producers/".into(),
            ),
            ContentMissing => lang.pick(
                "không có thư mục content/ ở đây".into(),
                "there is no content/ folder here".into(),
            ),
            SymlinkNotAllowed => lang.pick(
                "không dùng liên kết tượng trưng (symbolic link) trong thư mục nội dung".into(),
                "symbolic links are not allowed in the content folder".into(),
            ),
            DescriptionTwice => lang.pick(
                "tệp .md có cả trường \"description\" và phần nội dung sau khai báo".into(),
                "the .md file has both a \"description\" field and a body after the front matter".into(),
            ),
            SiteFileMissing => lang.pick(
                "thiếu tệp content/site.yaml".into(),
                "content/site.yaml is missing".into(),
            ),
            InvalidPhotoSetting { found } => lang.pick(
                format!("cấu hình ảnh \"{found}\" không hợp lệ"),
                format!("the photo setting \"{found}\" is not valid"),
            ),
            MissingAltText { path } => lang.pick(
                format!("ảnh \"{path}\" chưa có mô tả (alt) cho người không nhìn thấy ảnh"),
                format!("the photo \"{path}\" has no alt text for people who cannot see it"),
            ),
            MoreProblems { count } => lang.pick(
                format!("và {count} lỗi khác trong tệp này"),
                format!("and {count} more problems in this file"),
            ),
            ForbiddenCharacter { code } => lang.pick(
                format!("văn bản có ký tự điều khiển ẩn U+{code:04X}{}", character_name(*code, lang)),
                format!("the text holds the hidden control character U+{code:04X}{}", character_name(*code, lang)),
            ),
            NestingTooDeep { limit } => lang.pick(
                format!("cấu trúc YAML lồng nhau quá {limit} cấp"),
                format!("the YAML nests deeper than {limit} levels"),
            ),
            LinkedFileNotAllowed { path } => lang.pick(
                format!("không đăng được tệp \"{path}\": chỉ đăng tệp {}", LINKABLE_NAMES),
                format!("the file \"{path}\" cannot be published: only {} files can be linked", LINKABLE_NAMES),
            ),
            LinkedFileMismatch { path, kind } => lang.pick(
                format!("tệp \"{path}\" không phải tệp {kind} thật (nội dung không khớp với đuôi tên tệp)"),
                format!("the file \"{path}\" is not really a {kind} file (its contents do not match its name)"),
            ),
            LinkedFileTooLarge { path, size, limit } => lang.pick(
                format!("tệp \"{path}\" quá lớn ({}), giới hạn là {}", human_size(*size), human_size(*limit)),
                format!("the file \"{path}\" is too large ({}); the limit is {}", human_size(*size), human_size(*limit)),
            ),
            TooManyPhotos { count, limit, producer } => match producer {
                false => lang.pick(
                    format!("sản phẩm có {count} ảnh, tối đa là {limit}"),
                    format!("the product has {count} photos; at most {limit} are allowed"),
                ),
                true => lang.pick(
                    format!("chủ thể và các sản phẩm có tổng cộng {count} ảnh, tối đa là {limit}"),
                    format!("the producer and its products have {count} photos in all; at most {limit} are allowed"),
                ),
            },
            ImageNeedsTooMuchMemory { path, bytes, limit } => lang.pick(
                format!("ảnh \"{path}\" cần {} bộ nhớ để mở, giới hạn là {}", human_size(*bytes), human_size(*limit)),
                format!("the photo \"{path}\" needs {} of memory to open; the limit is {}", human_size(*bytes), human_size(*limit)),
            ),
            PhotoVeryLarge { path, bytes, width, height } => lang.pick(
                format!(
                    "ảnh \"{path}\" rất lớn ({}, {width} × {height} điểm ảnh)",
                    human_size(*bytes)
                ),
                format!(
                    "the photo \"{path}\" is very large ({}, {width} × {height} pixels)",
                    human_size(*bytes)
                ),
            ),
        }
    }
}

/// The kinds of file a description may link to, as messages name them.
pub const LINKABLE_NAMES: &str = "PDF, JPEG, PNG, WebP";

/// The name of a forbidden character, when it has a well-known one.
fn character_name(code: u32, lang: Lang) -> String {
    let name = match code {
        0 => lang.pick("NUL", "NUL"),
        0x1B => lang.pick("ESC", "ESC"),
        0x202E => lang.pick("đảo chiều chữ phải sang trái", "right-to-left override"),
        0x202D => lang.pick("đảo chiều chữ trái sang phải", "left-to-right override"),
        0x200E | 0x200F | 0x061C => lang.pick("dấu chiều chữ", "direction mark"),
        0x202A..=0x202C | 0x2066..=0x2069 => lang.pick("điều khiển chiều chữ", "direction control"),
        _ => return String::new(),
    };
    format!(" ({name})")
}

pub(super) fn human_size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.0} KB", bytes as f64 / (1u64 << 10) as f64)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_translated() {
        let problem = Problem::InvalidStars { found: "6".into() };
        assert!(problem.message(Lang::Vi).contains("3, 4 hoặc 5"));
        assert!(problem.message(Lang::En).contains("3, 4 or 5"));
        assert!(problem.help(Lang::Vi).is_some());
    }

    #[test]
    fn sizes_are_readable() {
        assert_eq!(human_size(52_428_800), "50.0 MB");
        assert_eq!(human_size(2048), "2 KB");
    }
}
