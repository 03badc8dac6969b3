//! The fields of `cms:` in `site.yaml`: the browser editor's settings.

use super::{FieldKind::*, FieldSpec, field};

/// The fields of `cms:` in `site.yaml`.
pub const CMS_FIELDS: &[FieldSpec] = &[
    field(
        "repo",
        Repo,
        true,
        "Kho GitHub chứa trang: chủ/tên.",
        "The GitHub repository of the site: owner/name.",
        "so-nong-nghiep/ocop",
    ),
    field(
        "branch",
        Text,
        false,
        "Nhánh được sửa (mặc định main).",
        "The branch edited (main by default).",
        "main",
    ),
    field(
        "base_url",
        WebUrl,
        false,
        "Địa chỉ máy chủ trung gian đăng nhập GitHub (OAuth), ví dụ một Cloudflare Worker.",
        "Address of the GitHub sign-in (OAuth) proxy, e.g. a Cloudflare Worker.",
        "https://ocop-auth.example.workers.dev",
    ),
    field(
        "languages",
        Languages,
        false,
        "Các ngôn ngữ có trường để sửa (mặc định: languages của trang).",
        "Languages whose fields the editor shows (default: the site's languages).",
        "[vi, en]",
    ),
    field(
        "open_authoring",
        YesNo,
        false,
        "true (mặc định): ai có tài khoản GitHub cũng đề xuất được thay đổi (qua bản sao và pull request).",
        "true (default): anyone with a GitHub account can propose changes (through a fork and a pull request).",
        "true",
    ),
];
