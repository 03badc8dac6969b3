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
            | Problem::FileNotFound { path }
            | Problem::PathOutsideFolder { path } => *path = written.to_string(),
            _ => {}
        }
        problem
    }
}

fn quote_list(items: &[String], lang: Lang) -> String {
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

    /// How to fix it, when there is something useful to say.
    pub fn help(&self, lang: Lang) -> Option<String> {
        use Problem::*;
        Some(match self {
            NotUtf8 => lang.pick(
                "lưu lại tệp với bảng mã UTF-8 (trong trình soạn thảo: Save with encoding → UTF-8)".into(),
                "save the file again with UTF-8 encoding (in the editor: Save with encoding → UTF-8)".into(),
            ),
            FileTooLarge { .. } => lang.pick(
                "tách nội dung dài thành nhiều sản phẩm, hoặc bỏ phần dữ liệu dán nhầm vào tệp".into(),
                "split long content, or remove data pasted into the file by mistake".into(),
            ),
            YamlSyntax { .. } => lang.pick(
                "kiểm tra dấu hai chấm, thụt lề bằng dấu cách (không dùng tab) và đặt văn bản có dấu `:` hoặc `#` trong ngoặc kép".into(),
                "check the colons, indent with spaces (not tabs), and put text containing `:` or `#` in double quotes".into(),
            ),
            FrontMatterUnclosed => lang.pick(
                "thêm một dòng chỉ có `---` sau trường cuối cùng".into(),
                "add a line holding only `---` after the last field".into(),
            ),
            FrontMatterMissing => lang.pick(
                "thêm dòng `---`, các trường như `name: ...`, rồi một dòng `---` ở đầu tệp".into(),
                "start the file with a `---` line, the fields such as `name: ...`, and another `---` line".into(),
            ),
            NotFields { .. } => lang.pick(
                "mỗi dòng viết theo dạng `tên-trường: giá trị`, ví dụ `name: Nước mắm Phú Quốc`".into(),
                "write each line as `field: value`, for example `name: Nước mắm Phú Quốc`".into(),
            ),
            ProducerFileMissing => lang.pick(
                "tạo tệp producer.yaml với ít nhất các trường `name` và `province`".into(),
                "create producer.yaml with at least the fields `name` and `province`".into(),
            ),
            DuplicateFile { .. } => lang.pick(
                "giữ một tệp và xóa tệp còn lại".into(),
                "keep one of the files and delete the other".into(),
            ),
            InvalidSlug { suggestion, .. } if !suggestion.is_empty() => lang.pick(
                format!("đổi tên thành \"{suggestion}\" (chữ thường không dấu, số và dấu gạch ngang)"),
                format!("rename it to \"{suggestion}\" (lower-case letters without accents, digits and hyphens)"),
            ),
            InvalidSlug { .. } => lang.pick(
                "dùng chữ thường không dấu, số và dấu gạch ngang".into(),
                "use lower-case letters without accents, digits and hyphens".into(),
            ),
            IgnoredFile => lang.pick(
                "nếu đây là ảnh, đặt nó vào thư mục photos/ của chủ thể".into(),
                "if this is a photo, put it in the producer's photos/ folder".into(),
            ),
            UnknownField { suggestion: Some(s), .. } => lang.pick(
                format!("có phải ý bạn là \"{s}\"?"),
                format!("did you mean \"{s}\"?"),
            ),
            UnknownField { allowed, .. } => lang.pick(
                format!("các trường được dùng: {}", allowed.join(", ")),
                format!("the fields are: {}", allowed.join(", ")),
            ),
            MissingField { field } => lang.pick(
                format!("thêm một dòng `{field}: ...`"),
                format!("add a line `{field}: ...`"),
            ),
            WrongType { expected: ValueKind::Text, .. } => lang.pick(
                "đặt giá trị trong ngoặc kép, ví dụ \"0912 345 678\"".into(),
                "put the value in double quotes, for example \"0912 345 678\"".into(),
            ),
            WrongType { expected: ValueKind::List, .. } => lang.pick(
                "viết mỗi mục trên một dòng bắt đầu bằng `- `".into(),
                "write each item on its own line starting with `- `".into(),
            ),
            WrongType { expected: ValueKind::YesNo, .. } => lang.pick(
                "viết true (có) hoặc false (không)".into(),
                "write true or false".into(),
            ),
            WrongType { .. } => return None,
            EmptyField { field } => lang.pick(
                format!("điền giá trị sau `{field}:` hoặc xóa dòng này nếu trường không bắt buộc"),
                format!("write a value after `{field}:`, or delete the line if the field is optional"),
            ),
            UnknownProvince { suggestions, .. } if !suggestions.is_empty() => lang.pick(
                format!("có phải ý bạn là {}?", quote_list(suggestions, lang)),
                format!("did you mean {}?", quote_list(suggestions, lang)),
            ),
            UnknownProvince { .. } => lang.pick(
                "viết tên tỉnh, thành phố (hiện nay hoặc trước 1/7/2025) hoặc mã tỉnh, ví dụ \"Cần Thơ\", \"Sóc Trăng\", \"92\"".into(),
                "write a province or city name (current, or from before 1 July 2025) or its code, e.g. \"Cần Thơ\", \"Sóc Trăng\", \"92\"".into(),
            ),
            UnknownCategory { suggestions, .. } if !suggestions.is_empty() => lang.pick(
                format!("có phải ý bạn là {}?", quote_list(suggestions, lang)),
                format!("did you mean {}?", quote_list(suggestions, lang)),
            ),
            UnknownCategory { .. } => lang.pick(
                "viết mã nhóm theo Quyết định 148/QĐ-TTg (ví dụ \"I.4.a\") hoặc tên nhóm".into(),
                "write a group code of Decision 148/QĐ-TTg (e.g. \"I.4.a\") or the group's name".into(),
            ),
            AmbiguousCategory { choices, .. } => lang.pick(
                format!("chọn một trong: {}", quote_list(choices, lang)),
                format!("choose one of: {}", quote_list(choices, lang)),
            ),
            InvalidStars { .. } => lang.pick(
                "sản phẩm 1 và 2 sao không phải sản phẩm OCOP; viết `stars: 3`, `stars: 4` hoặc `stars: 5`".into(),
                "1- and 2-star products are not OCOP-certified; write `stars: 3`, `stars: 4` or `stars: 5`".into(),
            ),
            InvalidKind { suggestion: Some(s), .. } => lang.pick(
                format!("có phải ý bạn là \"{s}\"? Các loại: doanh-nghiep, hop-tac-xa, to-hop-tac, ho-kinh-doanh"),
                format!("did you mean \"{s}\"? The kinds are: doanh-nghiep, hop-tac-xa, to-hop-tac, ho-kinh-doanh"),
            ),
            InvalidKind { .. } => lang.pick(
                "các loại: doanh-nghiep, hop-tac-xa, to-hop-tac, ho-kinh-doanh".into(),
                "the kinds are: doanh-nghiep, hop-tac-xa, to-hop-tac, ho-kinh-doanh".into(),
            ),
            PotentialFiveStarNotFour { .. } => lang.pick(
                "xóa dòng `potential_5_star` hoặc sửa số sao thành 4".into(),
                "delete the `potential_5_star` line or set the stars to 4".into(),
            ),
            InvalidDate { .. } => lang.pick(
                "viết ngày theo dạng 2024-03-15 hoặc 15/03/2024".into(),
                "write the date as 2024-03-15 or 15/03/2024".into(),
            ),
            ValidUntilBeforeDate { .. } => lang.pick(
                "kiểm tra lại hai ngày; nếu không rõ, xóa `valid_until` (mặc định là 36 tháng sau ngày ký)".into(),
                "check both dates; if unsure, delete `valid_until` (it defaults to 36 months after the decision)".into(),
            ),
            InvalidPrice { .. } => lang.pick(
                "viết giá bằng số đồng, ví dụ `price: 150000`, và đơn vị trong `unit`".into(),
                "write the price as a number of đồng, e.g. `price: 150000`, and the unit in `unit`".into(),
            ),
            InvalidUrl { .. } => lang.pick(
                "viết địa chỉ đầy đủ, ví dụ https://example.com/cua-hang".into(),
                "write the full address, e.g. https://example.com/shop".into(),
            ),
            InvalidEmail { .. } => lang.pick(
                "viết dạng ten@ten-mien.vn".into(),
                "write it as name@domain.vn".into(),
            ),
            PathOutsideFolder { .. } => lang.pick(
                "đặt ảnh trong thư mục của chủ thể (ví dụ photos/) và viết đường dẫn tương đối tới tệp đang sửa".into(),
                "keep photos inside the producer's folder (e.g. photos/) and write the path relative to this file".into(),
            ),
            FileNotFound { .. } => lang.pick(
                "kiểm tra tên tệp (kể cả chữ hoa, chữ thường và phần mở rộng) và đường dẫn tương đối tới tệp đang sửa".into(),
                "check the file name (including upper/lower case and extension) and that the path is relative to this file".into(),
            ),
            NotAnImage { .. } => lang.pick(
                "dùng ảnh JPEG, PNG hoặc WebP; nếu tệp bị hỏng, chép lại từ điện thoại hoặc máy ảnh".into(),
                "use a JPEG, PNG or WebP photo; if the file is damaged, copy it again from the phone or camera".into(),
            ),
            UnsupportedImageFormat { .. } => lang.pick(
                "xuất ảnh sang JPEG (trên iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất)".into(),
                "export the photo as JPEG (on iPhone: Settings → Camera → Formats → Most Compatible)".into(),
            ),
            ImageTooLarge { .. } => lang.pick(
                "thu nhỏ ảnh xuống dưới 50 triệu điểm ảnh (ví dụ 8000 × 6000)".into(),
                "scale the photo down below 50 megapixels (for example 8000 × 6000)".into(),
            ),
            ExternalImage { .. } => lang.pick(
                "chép ảnh vào thư mục của chủ thể và dẫn tới nó bằng đường dẫn tương đối".into(),
                "copy the image into the producer's folder and refer to it by a relative path".into(),
            ),
            UnsafeLink { .. } => lang.pick(
                "chỉ dùng liên kết http://, https://, mailto: hoặc tel:".into(),
                "use only http://, https://, mailto: or tel: links".into(),
            ),
            SlugCollision { .. } => lang.pick(
                "đổi tên một trong hai thư mục hoặc tệp".into(),
                "rename one of the two folders or files".into(),
            ),
            CertificateExpired { .. } => lang.pick(
                "nếu sản phẩm đã được công nhận lại, cập nhật `certificate` theo quyết định mới".into(),
                "if the product has been re-certified, update `certificate` with the new decision".into(),
            ),
            MissingDescription => lang.pick(
                "thêm `description:` hoặc viết câu chuyện sản phẩm sau phần khai báo của tệp .md".into(),
                "add `description:`, or write the story after the front matter of a .md file".into(),
            ),
            NoPhotos => lang.pick(
                "thêm `photos:` với ít nhất một ảnh".into(),
                "add `photos:` with at least one photo".into(),
            ),
            InvalidBaseUrl { .. } => lang.pick(
                "ví dụ: base_url: https://ocop.example.vn/".into(),
                "for example: base_url: https://ocop.example.vn/".into(),
            ),
            InvalidLanguage { .. } => lang.pick(
                "dùng `language: vi` hoặc `language: en`".into(),
                "use `language: vi` or `language: en`".into(),
            ),
            NoProducers => lang.pick(
                "tạo thư mục content/producers/<tên-chủ-thể>/ với tệp producer.yaml".into(),
                "create content/producers/<producer-name>/ with a producer.yaml".into(),
            ),
            ContentMissing => lang.pick(
                "chạy lệnh trong thư mục của kho nội dung, hoặc dùng --root <thư mục>".into(),
                "run the command in the content repository, or pass --root <folder>".into(),
            ),
            SymlinkNotAllowed => lang.pick(
                "chép tệp thật vào thư mục thay cho liên kết".into(),
                "copy the real file into the folder instead of linking to it".into(),
            ),
            DescriptionTwice => lang.pick(
                "giữ phần nội dung sau dòng `---` và xóa trường `description`".into(),
                "keep the body after the `---` line and delete the `description` field".into(),
            ),
            SiteFileMissing => lang.pick(
                "tạo content/site.yaml với `title:` và `base_url:`".into(),
                "create content/site.yaml with `title:` and `base_url:`".into(),
            ),
            MissingAltText { path } => lang.pick(
                format!("viết ảnh dạng `- src: {path}` và thêm dòng `alt: ...` mô tả ảnh, ví dụ \"Hộp chè búp 200 g\""),
                format!("write the photo as `- src: {path}` and add a line `alt: ...` describing it, e.g. \"Box of green tea, 200 g\""),
            ),
            PhotoVeryLarge { .. } => lang.pick(
                "ảnh trên 8 MB hoặc 40 triệu điểm ảnh làm kho nội dung nặng và tạo trang chậm; thu nhỏ còn khoảng 3000 điểm ảnh chiều dài".into(),
                "photos over 8 MB or 40 megapixels make the repository heavy and builds slow; scale it to about 3000 pixels on the long side".into(),
            ),
            InvalidPhotoSetting { .. } => lang.pick(
                "photo_widths là danh sách độ rộng từ 16 đến 8192 điểm ảnh, ví dụ [400, 800, 1600]; photo_quality từ 30 đến 100".into(),
                "photo_widths is a list of widths from 16 to 8192 pixels, e.g. [400, 800, 1600]; photo_quality is 30 to 100".into(),
            ),
            _ => return None,
        })
    }
}

fn human_size(bytes: u64) -> String {
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
