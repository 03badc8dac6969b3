//! The fields of each kind of content file, described once.
//!
//! Each table is the contract for its file: the reader rejects any field not
//! in it (with a "did you mean"), the JSON Schemas for editors are generated
//! from it ([`crate::schema`]), and `ocop new` writes its comments from it.
//! A field added here is therefore known to all three, and a field the
//! reader does not know cannot appear in a schema.

/// What a field holds: how the reader reads it, and so what a schema says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text (numbers and true/false are taken as written).
    Text,
    /// Markdown text of several lines.
    Markdown,
    /// An email address.
    Email,
    /// An `http://` or `https://` address.
    WebUrl,
    /// A path to a file inside the producer's folder.
    Path,
    /// A list of texts, or a single text.
    TextList,
    /// A province or city: a name (current or former) or a code.
    Province,
    /// A product category: a code or a name.
    Category,
    /// The kind of OCOP entity.
    ProducerKind,
    /// 3, 4 or 5 stars.
    Stars,
    /// true or false.
    YesNo,
    /// An amount of đồng.
    Price,
    /// A date, `2024-03-15` or `15/03/2024`.
    Date,
    /// The recognition decision: the fields of [`CERTIFICATE_FIELDS`].
    Certificate,
    /// A list of photos: paths, or the fields of [`PHOTO_FIELDS`].
    Photos,
    /// A list of links: addresses, or the fields of [`LINK_FIELDS`].
    Links,
    /// `vi` or `en`.
    Language,
    /// A list of languages: `[vi, en]`.
    Languages,
    /// Products per listing page, 1–1000.
    PageSize,
    /// Widths of photo variants, 16–8192 pixels each.
    PhotoWidths,
    /// Photo quality, 30–100.
    PhotoQuality,
    /// Where `ocop deploy` publishes: the fields of [`DEPLOY_FIELDS`].
    Deploy,
    /// The browser editor: the fields of [`CMS_FIELDS`].
    Cms,
    /// A GitHub repository, `owner/name`.
    Repo,
    /// The folder name of a producer under `content/producers/`.
    ProducerSlug,
}

/// One field of a content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The name written in the file.
    pub name: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether a file without it is an error.
    pub required: bool,
    /// What it means, in Vietnamese (for producers: schemas, scaffolds).
    pub description_vi: &'static str,
    /// What it means, in English.
    pub description_en: &'static str,
    /// An example value as written in YAML, for scaffolds and schemas.
    pub example: &'static str,
}

/// The names of the fields of a table, for the unknown-field check.
pub fn names(fields: &[FieldSpec]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

const fn field(
    name: &'static str,
    kind: FieldKind,
    required: bool,
    description_vi: &'static str,
    description_en: &'static str,
    example: &'static str,
) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        required,
        description_vi,
        description_en,
        example,
    }
}

use FieldKind::*;

#[path = "spec_cms.rs"]
mod cms;
pub use cms::CMS_FIELDS;

/// The fields of `producer.yaml` / `producer.md`.
pub const PRODUCER_FIELDS: &[FieldSpec] = &[
    field(
        "name",
        Text,
        true,
        "Tên chủ thể OCOP, như trên giấy đăng ký kinh doanh.",
        "Name of the OCOP entity, as registered.",
        "\"Hợp tác xã Chè Tân Cương\"",
    ),
    field(
        "name_en",
        Text,
        false,
        "Tên tiếng Anh, cho trang tiếng Anh (languages: [vi, en]); không có thì trang tiếng Anh dùng tên tiếng Việt.",
        "English name, for the English pages (languages: [vi, en]); without it they show the Vietnamese name.",
        "\"Tan Cuong Tea Cooperative\"",
    ),
    field(
        "kind",
        ProducerKind,
        false,
        "Loại chủ thể: doanh-nghiep (doanh nghiệp), hop-tac-xa (hợp tác xã), to-hop-tac (tổ hợp tác) hoặc ho-kinh-doanh (hộ kinh doanh).",
        "Kind of entity: doanh-nghiep (enterprise), hop-tac-xa (cooperative), to-hop-tac (cooperative group) or ho-kinh-doanh (household business).",
        "hop-tac-xa",
    ),
    field(
        "province",
        Province,
        true,
        "Tỉnh, thành phố: tên hiện nay (34 đơn vị từ 1/7/2025), tên trước sáp nhập (trang sẽ ghi \"nay thuộc ...\") hoặc mã tỉnh.",
        "Province or city: its current name (34 units since 1 July 2025), a former name (pages say \"now part of ...\") or its code.",
        "\"Thái Nguyên\"",
    ),
    field(
        "address",
        Text,
        false,
        "Địa chỉ liên hệ.",
        "Postal address.",
        "\"Xóm Hồng Thái 2, xã Tân Cương\"",
    ),
    field(
        "phone",
        Text,
        false,
        "Số điện thoại, đặt trong ngoặc kép.",
        "Telephone number, in double quotes.",
        "\"0912 345 678\"",
    ),
    field(
        "email",
        Email,
        false,
        "Địa chỉ email.",
        "Email address.",
        "lienhe@example.vn",
    ),
    field(
        "website",
        WebUrl,
        false,
        "Trang web, bắt đầu bằng https:// hoặc http://.",
        "Web site, starting with https:// or http://.",
        "https://example.vn",
    ),
    field(
        "representative",
        Text,
        false,
        "Người đại diện.",
        "The person who represents the entity.",
        "\"Nguyễn Văn A\"",
    ),
    field(
        "logo",
        Path,
        false,
        "Đường dẫn tới ảnh logo trong thư mục của chủ thể.",
        "Path to the logo image inside the producer's folder.",
        "photos/logo.png",
    ),
    field(
        "description",
        Markdown,
        false,
        "Câu chuyện của chủ thể (Markdown); với tệp producer.md, viết sau dòng --- thứ hai.",
        "The producer's story (Markdown); in producer.md, write it after the second --- line.",
        "|\n  Hợp tác xã thành lập năm 2010, trồng chè trên đồi Tân Cương.",
    ),
    field(
        "description_en",
        Markdown,
        false,
        "Câu chuyện bằng tiếng Anh (Markdown), cho trang tiếng Anh; không có thì dùng bản tiếng Việt.",
        "The story in English (Markdown), for the English pages; without it they show the Vietnamese one.",
        "|\n  Founded in 2010, the cooperative grows tea on the Tan Cuong hills.",
    ),
    field(
        "maintainers",
        TextList,
        false,
        "Tài khoản GitHub của những người phụ trách thư mục này: họ duyệt các thay đổi trong thư mục (xem ocop codeowners).",
        "Git-hosting accounts of the people who look after this folder: they approve changes to it (see ocop codeowners).",
        "[ten-tai-khoan]",
    ),
];

/// The fields of a product file.
pub const PRODUCT_FIELDS: &[FieldSpec] = &[
    field(
        "producer",
        ProducerSlug,
        false,
        "Tên thư mục của chủ thể (trong content/producers/) chứa tệp này; trình sửa nội dung trên web dùng nó để đặt sản phẩm mới vào đúng thư mục. Nếu có, phải đúng thư mục chứa tệp.",
        "The folder name of the producer (under content/producers/) this file is in; the browser editor uses it to put a new product in that folder. When present it must be the folder the file is in.",
        "che-tan-cuong",
    ),
    field(
        "name",
        Text,
        true,
        "Tên sản phẩm, như trong quyết định công nhận.",
        "Product name, as in the recognition decision.",
        "\"Chè búp Tân Cương\"",
    ),
    field(
        "name_en",
        Text,
        false,
        "Tên tiếng Anh, cho trang tiếng Anh (languages: [vi, en]); không có thì trang tiếng Anh dùng tên tiếng Việt.",
        "English name, for the English pages (languages: [vi, en]); without it they show the Vietnamese name.",
        "\"Tan Cuong green tea\"",
    ),
    field(
        "category",
        Category,
        true,
        "Nhóm sản phẩm: mã theo Quyết định 148/QĐ-TTg (ví dụ I.4.a) hoặc tên nhóm.",
        "Product category: a code of Decision 148/QĐ-TTg (e.g. I.4.a) or its name.",
        "I.3.a",
    ),
    field(
        "stars",
        Stars,
        true,
        "Số sao OCOP: 3, 4 hoặc 5.",
        "OCOP star level: 3, 4 or 5.",
        "4",
    ),
    field(
        "potential_5_star",
        YesNo,
        false,
        "true khi sản phẩm 4 sao được tỉnh chấm 5 sao, đang chờ Trung ương đánh giá.",
        "true for a 4-star product scored 5-star by the province, awaiting national evaluation.",
        "true",
    ),
    field(
        "certificate",
        Certificate,
        false,
        "Quyết định công nhận: decision (số quyết định), date (ngày ký, bắt buộc), issuer (cơ quan ban hành), valid_until (hạn, mặc định 36 tháng).",
        "Recognition decision: decision (number), date (signed, required), issuer, valid_until (defaults to 36 months).",
        "\n  decision: 858/QĐ-UBND\n  date: 2024-03-15\n  issuer: UBND tỉnh Thái Nguyên",
    ),
    field(
        "photos",
        Photos,
        false,
        "Ảnh sản phẩm (ảnh đầu tiên là ảnh chính): đường dẫn src và mô tả alt cho người không nhìn thấy ảnh.",
        "Product photos, the first being the main one: a path (src) and a description (alt) for people who cannot see it.",
        "\n  - src: ../photos/san-pham-1.jpg\n    alt: Hộp chè 200 g",
    ),
    field(
        "price",
        Price,
        false,
        "Giá bán, tính bằng đồng.",
        "Price in đồng.",
        "150000",
    ),
    field(
        "unit",
        Text,
        false,
        "Giá bán cho đơn vị nào.",
        "What the price buys.",
        "\"hộp 200 g\"",
    ),
    field(
        "description",
        Markdown,
        false,
        "Mô tả, câu chuyện sản phẩm (Markdown); với tệp .md, viết sau dòng --- thứ hai.",
        "Description or story (Markdown); in a .md file, write it after the second --- line.",
        "|\n  Chè được hái một tôm hai lá, sao bằng chảo gang.",
    ),
    field(
        "description_en",
        Markdown,
        false,
        "Mô tả bằng tiếng Anh (Markdown), cho trang tiếng Anh; không có thì dùng bản tiếng Việt.",
        "Description in English (Markdown), for the English pages; without it they show the Vietnamese one.",
        "|\n  Hand-picked buds, roasted in cast-iron pans.",
    ),
    field(
        "province",
        Province,
        false,
        "Tỉnh, thành phố của sản phẩm, chỉ khi khác nơi của chủ thể.",
        "The product's province or city, only when it differs from the producer's.",
        "\"Cần Thơ\"",
    ),
    field(
        "standards",
        TextList,
        false,
        "Tiêu chuẩn chất lượng.",
        "Quality standards.",
        "[VietGAP, HACCP]",
    ),
    field(
        "ingredients",
        Text,
        false,
        "Thành phần.",
        "Ingredients.",
        "\"Chè búp tươi\"",
    ),
    field(
        "shelf_life",
        Text,
        false,
        "Hạn sử dụng.",
        "Shelf life.",
        "\"12 tháng\"",
    ),
    field(
        "packaging",
        Text,
        false,
        "Quy cách đóng gói.",
        "Packaging and net content.",
        "\"Hộp giấy, túi hút chân không\"",
    ),
    field(
        "links",
        Links,
        false,
        "Liên kết: cửa hàng trực tuyến, trang truy xuất nguồn gốc.",
        "Links: online shops, traceability pages.",
        "\n  - label: Cửa hàng\n    url: https://example.vn/cua-hang",
    ),
];

/// The fields of `certificate:` in a product file.
pub const CERTIFICATE_FIELDS: &[FieldSpec] = &[
    field(
        "decision",
        Text,
        false,
        "Số quyết định công nhận.",
        "Decision number.",
        "858/QĐ-UBND",
    ),
    field(
        "date",
        Date,
        true,
        "Ngày ký quyết định.",
        "Date of the decision.",
        "2024-03-15",
    ),
    field(
        "issuer",
        Text,
        false,
        "Cơ quan ban hành.",
        "Issuing body.",
        "UBND tỉnh Thái Nguyên",
    ),
    field(
        "valid_until",
        Date,
        false,
        "Ngày hết hạn; mặc định 36 tháng sau ngày ký.",
        "Last day of validity; 36 months after the decision by default.",
        "2027-03-15",
    ),
];

/// The fields of a photo written as a group.
pub const PHOTO_FIELDS: &[FieldSpec] = &[
    field(
        "src",
        Path,
        true,
        "Đường dẫn tới ảnh, tính từ tệp đang sửa.",
        "Path to the photo, relative to this file.",
        "../photos/san-pham-1.jpg",
    ),
    field(
        "alt",
        Text,
        false,
        "Mô tả ảnh cho người không nhìn thấy ảnh.",
        "What the photo shows, for people who cannot see it.",
        "\"Hộp chè 200 g\"",
    ),
];

/// The fields of a link written as a group.
pub const LINK_FIELDS: &[FieldSpec] = &[
    field(
        "label",
        Text,
        false,
        "Tên liên kết.",
        "What the link is.",
        "\"Cửa hàng\"",
    ),
    field(
        "url",
        WebUrl,
        true,
        "Địa chỉ, bắt đầu bằng https:// hoặc http://.",
        "The address, starting with https:// or http://.",
        "https://example.vn/cua-hang",
    ),
];

/// The fields of `content/site.yaml`.
pub const SITE_FIELDS: &[FieldSpec] = &[
    field(
        "title",
        Text,
        true,
        "Tên danh mục.",
        "Name of the catalogue.",
        "\"Danh mục sản phẩm OCOP\"",
    ),
    field(
        "description",
        Text,
        false,
        "Một hai câu giới thiệu cho trang chủ và máy tìm kiếm.",
        "One or two sentences for the home page and search engines.",
        "\"Sản phẩm OCOP của tỉnh\"",
    ),
    field(
        "base_url",
        WebUrl,
        true,
        "Địa chỉ trang web được đăng, ví dụ https://ocop.example.vn/ (--base-url thay thế giá trị này).",
        "Where the site is published, e.g. https://ocop.example.vn/ (--base-url overrides it).",
        "https://ocop.example.vn/",
    ),
    field(
        "language",
        Language,
        false,
        "Ngôn ngữ: vi (mặc định) hoặc en.",
        "Language: vi (default) or en.",
        "vi",
    ),
    field(
        "languages",
        Languages,
        false,
        "Các ngôn ngữ của trang: [vi, en] tạo thêm bản tiếng Anh dưới /en/. Ngôn ngữ đầu tiên ở gốc (mặc định [vi]).",
        "Languages the site is built in: [vi, en] adds English pages under /en/. The first is at the root (default [vi]).",
        "[vi, en]",
    ),
    field(
        "theme",
        Text,
        false,
        "Thư mục giao diện trong themes/ (mặc định: giao diện có sẵn).",
        "A theme folder under themes/ (default: the built-in theme).",
        "default",
    ),
    field(
        "page_size",
        PageSize,
        false,
        "Số sản phẩm mỗi trang danh sách, 1–1000 (mặc định 48).",
        "Products per listing page, 1–1000 (default 48).",
        "48",
    ),
    field(
        "reviewers",
        TextList,
        false,
        "Tài khoản git của người duyệt thay đổi (xem ocop codeowners).",
        "Git-hosting names of reviewers (see ocop codeowners).",
        "[so-nong-nghiep]",
    ),
    field(
        "publisher",
        Text,
        false,
        "Cơ quan đăng danh mục, hiện ở chân trang.",
        "The office publishing the catalogue, shown in the footer.",
        "\"Văn phòng Điều phối nông thôn mới tỉnh\"",
    ),
    field(
        "photo_widths",
        PhotoWidths,
        false,
        "Độ rộng các bản ảnh được tạo, 16–8192 điểm ảnh.",
        "Widths of the photo variants made, 16–8192 pixels.",
        "[400, 800, 1600]",
    ),
    field(
        "photo_quality",
        PhotoQuality,
        false,
        "Chất lượng nén ảnh, 30–100.",
        "Photo compression quality, 30–100.",
        "80",
    ),
    field(
        "deploy",
        Deploy,
        false,
        "Nơi `ocop deploy` đăng trang web (kho lưu trữ S3).",
        "Where `ocop deploy` publishes the site (S3 object storage).",
        "\n  to: s3://ocop-site",
    ),
    field(
        "cms",
        Cms,
        false,
        "Trình soạn thảo trên trình duyệt (Decap CMS) tại /admin/: kho GitHub chứa nội dung, nhánh, địa chỉ máy chủ đăng nhập.",
        "The browser editor (Decap CMS) at /admin/: the GitHub repository of the content, its branch, the sign-in proxy.",
        "\n  repo: so-nong-nghiep/ocop",
    ),
];

/// The fields of `deploy:` in `site.yaml`.
pub const DEPLOY_FIELDS: &[FieldSpec] = &[field(
    "to",
    Text,
    true,
    "Bucket S3 và thư mục trong đó: s3://BUCKET hoặc s3://BUCKET/THƯ-MỤC (máy chủ và khóa lấy từ biến môi trường AWS_*).",
    "The S3 bucket and folder: s3://BUCKET or s3://BUCKET/PREFIX (server and keys come from the AWS_* variables).",
    "s3://ocop-site",
)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_described() {
        for table in [
            PRODUCER_FIELDS,
            PRODUCT_FIELDS,
            CERTIFICATE_FIELDS,
            PHOTO_FIELDS,
            LINK_FIELDS,
            SITE_FIELDS,
            DEPLOY_FIELDS,
            CMS_FIELDS,
        ] {
            let mut seen = std::collections::HashSet::new();
            for field in table {
                assert!(seen.insert(field.name), "{} twice", field.name);
                assert!(!field.description_vi.is_empty() && !field.description_en.is_empty());
            }
        }
    }
}
