//! Stable names of problems, for tools: `ocop check --format json` and
//! GitHub annotations carry them so scripts can match a kind of problem
//! without parsing a message in one language or the other.

use super::Problem;

impl Problem {
    /// A stable kebab-case name of the kind of problem (`unknown-field`).
    /// Names never change once published; a new variant gets a new name.
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            ReadFailed { .. } => "read-failed",
            NotUtf8 => "not-utf8",
            FileTooLarge { .. } => "file-too-large",
            YamlSyntax { .. } => "yaml-syntax",
            FrontMatterUnclosed => "front-matter-unclosed",
            FrontMatterMissing => "front-matter-missing",
            NotFields { .. } => "not-fields",
            ProducerFileMissing => "producer-file-missing",
            DuplicateFile { .. } => "duplicate-file",
            InvalidSlug { .. } => "invalid-slug",
            IgnoredFile => "ignored-file",
            UnknownField { .. } => "unknown-field",
            MissingField { .. } => "missing-field",
            WrongType { .. } => "wrong-type",
            EmptyField { .. } => "empty-field",
            UnknownProvince { .. } => "unknown-province",
            UnknownCategory { .. } => "unknown-category",
            AmbiguousCategory { .. } => "ambiguous-category",
            InvalidStars { .. } => "invalid-stars",
            InvalidKind { .. } => "invalid-kind",
            PotentialFiveStarNotFour { .. } => "potential-five-star-not-four",
            InvalidDate { .. } => "invalid-date",
            ValidUntilBeforeDate { .. } => "valid-until-before-date",
            ProducerNotFolder { .. } => "producer-not-folder",
            InvalidPrice { .. } => "invalid-price",
            InvalidUrl { .. } => "invalid-url",
            InvalidEmail { .. } => "invalid-email",
            PathOutsideFolder { .. } => "path-outside-folder",
            FileNotFound { .. } => "file-not-found",
            NotAnImage { .. } => "not-an-image",
            UnsupportedImageFormat { .. } => "unsupported-image-format",
            ImageTooLarge { .. } => "image-too-large",
            ExternalImage { .. } => "external-image",
            UnsafeLink { .. } => "unsafe-link",
            SlugCollision { .. } => "slug-collision",
            CertificateExpired { .. } => "certificate-expired",
            MissingDescription => "missing-description",
            NoPhotos => "no-photos",
            InvalidBaseUrl { .. } => "invalid-base-url",
            InvalidPageSize { .. } => "invalid-page-size",
            InvalidCmsSetting { .. } => "invalid-cms-setting",
            InvalidLanguage { .. } => "invalid-language",
            UnknownTheme { .. } => "unknown-theme",
            InvalidReference { .. } => "invalid-reference",
            NoProducers => "no-producers",
            ContentMissing => "content-missing",
            SymlinkNotAllowed => "symlink-not-allowed",
            DescriptionTwice => "description-twice",
            SiteFileMissing => "site-file-missing",
            InvalidPhotoSetting { .. } => "invalid-photo-setting",
            MissingAltText { .. } => "missing-alt-text",
            PhotoVeryLarge { .. } => "photo-very-large",
            ForbiddenCharacter { .. } => "forbidden-character",
            MoreProblems { .. } => "more-problems",
            NestingTooDeep { .. } => "nesting-too-deep",
            LinkedFileNotAllowed { .. } => "linked-file-not-allowed",
            LinkedFileMismatch { .. } => "linked-file-mismatch",
            LinkedFileTooLarge { .. } => "linked-file-too-large",
            TooManyPhotos { .. } => "too-many-photos",
            ImageNeedsTooMuchMemory { .. } => "image-needs-too-much-memory",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_kebab_case() {
        let problem = Problem::UnknownField {
            field: "prise".into(),
            suggestion: None,
            allowed: vec![],
        };
        assert_eq!(problem.code(), "unknown-field");
        assert_eq!(
            Problem::PotentialFiveStarNotFour { stars: 3 }.code(),
            "potential-five-star-not-four"
        );
        assert_eq!(Problem::NotUtf8.code(), "not-utf8");
    }
}
