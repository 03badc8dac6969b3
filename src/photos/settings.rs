//! What the photo pipeline makes of each photo, as configured by a site.

/// Bumped whenever the pipeline changes its output for the same settings,
/// so cached variants made by an older pipeline are not reused.
pub const PIPELINE_VERSION: u32 = 2;

/// The variants made of every photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSettings {
    /// Widths of the responsive variants, in pixels (never upscaled).
    pub widths: Vec<u32>,
    /// JPEG and WebP quality, 1–100.
    pub quality: u8,
    /// libwebp effort, 0 (fast) – 6 (small). 2 costs 5–7 % in size against 4
    /// and saves more than half the encoding time.
    pub webp_method: i32,
    /// Size of the image for social sharing (Open Graph), cropped to fill.
    pub share: (u32, u32),
    /// Width of the thumbnail shown beside search results (WebP only).
    pub thumbnail: u32,
}

/// The default widths: phones (400), tablets and 2× phones (800), desktops (1600).
pub const DEFAULT_WIDTHS: [u32; 3] = [400, 800, 1600];
/// The default quality: visually lossless for photos at a fraction of the size.
pub const DEFAULT_QUALITY: u8 = 80;

impl Default for PhotoSettings {
    fn default() -> Self {
        PhotoSettings {
            widths: DEFAULT_WIDTHS.to_vec(),
            quality: DEFAULT_QUALITY,
            webp_method: 2,
            share: (1200, 630),
            thumbnail: 160,
        }
    }
}

impl PhotoSettings {
    /// Widths in increasing order, without duplicates.
    pub fn sorted_widths(&self) -> Vec<u32> {
        let mut widths = self.widths.clone();
        widths.sort_unstable();
        widths.dedup();
        widths
    }

    /// A text naming everything that changes the output; part of every cache key.
    pub fn fingerprint(&self) -> String {
        format!(
            "v{PIPELINE_VERSION};w={:?};q={};m={};share={}x{};thumb={}",
            self.sorted_widths(),
            self.quality,
            self.webp_method,
            self.share.0,
            self.share.1,
            self.thumbnail
        )
    }
}
