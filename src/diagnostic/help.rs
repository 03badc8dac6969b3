//! How to fix each problem, in words a producer who is not a programmer
//! can follow.

use super::problem::quote_list;
use super::{Problem, ValueKind};
use crate::lang::Lang;

impl Problem {
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
            ProducerNotFolder { folder, .. } => lang.pick(
                format!("sửa thành `producer: {folder}`, hoặc xóa dòng `producer` (sản phẩm thuộc thư mục chứa nó); muốn chuyển sản phẩm sang chủ thể khác thì chuyển tệp sang thư mục products/ của chủ thể đó"),
                format!("write `producer: {folder}`, or delete the `producer` line (a product belongs to the folder it is in); to move the product to another producer, move the file to that producer's products/ folder"),
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
            InvalidCmsSetting { .. } => lang.pick(
                "ví dụ: cms: {repo: so-nong-nghiep/ocop, branch: main, base_url: https://ocop-auth.example.workers.dev}".into(),
                "for example: cms: {repo: so-nong-nghiep/ocop, branch: main, base_url: https://ocop-auth.example.workers.dev}".into(),
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
            ForbiddenCharacter { .. } => lang.pick(
                "xóa ký tự đó (gõ lại đoạn chữ quanh vị trí báo lỗi); ký tự ẩn làm người duyệt không thấy được văn bản thật".into(),
                "delete it (retype the text around the position given); hidden characters keep reviewers from seeing the real text".into(),
            ),
            NestingTooDeep { .. } => lang.pick(
                "tệp nội dung chỉ cần vài cấp; kiểm tra các dấu [ và { chưa đóng".into(),
                "content files need only a few levels; look for [ and { that are never closed".into(),
            ),
            LinkedFileNotAllowed { .. } => lang.pick(
                "lưu tài liệu thành PDF rồi liên kết tới tệp .pdf; ảnh thì chèn bằng ![mô tả](ảnh.jpg)".into(),
                "save the document as a PDF and link the .pdf file; put photos in with ![description](photo.jpg)".into(),
            ),
            LinkedFileMismatch { .. } => lang.pick(
                "xuất lại tệp từ chương trình gốc với đúng định dạng, không chỉ đổi đuôi tên tệp".into(),
                "export the file again from its program in the right format; renaming it is not enough".into(),
            ),
            LinkedFileTooLarge { .. } => lang.pick(
                "nén tệp PDF (ví dụ in ra PDF với chất lượng ảnh thấp hơn) hoặc chia thành nhiều tệp".into(),
                "compress the PDF (print it to PDF with lower image quality, say) or split it".into(),
            ),
            TooManyPhotos { .. } => lang.pick(
                "giữ lại những ảnh đẹp nhất; người mua xem vài ảnh là đủ".into(),
                "keep the best photos; a few are enough for a buyer".into(),
            ),
            ImageNeedsTooMuchMemory { .. } => lang.pick(
                "lưu lại ảnh dạng JPEG 8 bit, khoảng 3000 điểm ảnh chiều dài".into(),
                "save the photo again as an 8-bit JPEG of about 3000 pixels on the long side".into(),
            ),
            _ => return None,
        })
    }
}
