//! Making the variants of one decoded photo: responsive widths in WebP and
//! JPEG, the social-sharing crop, and the placeholder colour. Nothing of the
//! original file (EXIF, GPS, ICC, comments) is carried over: every output
//! is encoded from pixels alone.

use super::settings::PhotoSettings;
use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::DynamicImage;

/// One encoded variant.
pub struct Encoded {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// JPEG bytes.
    pub jpeg: Vec<u8>,
    /// WebP bytes (`None` for the sharing image, which is JPEG only: chat
    /// apps that unfurl links read JPEG everywhere).
    pub webp: Option<Vec<u8>>,
}

/// Pixels in a layout both the resizer and the encoders take.
struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    data: Vec<u8>,
}

impl Pixels {
    fn from_image(image: &DynamicImage) -> Pixels {
        let alpha = image.color().has_alpha();
        let data = if alpha {
            image.to_rgba8().into_raw()
        } else {
            image.to_rgb8().into_raw()
        };
        Pixels {
            width: image.width(),
            height: image.height(),
            alpha,
            data,
        }
    }

    fn pixel_type(&self) -> PixelType {
        if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        }
    }

    fn resize(
        &self,
        width: u32,
        height: u32,
        crop: Option<(f64, f64, f64, f64)>,
    ) -> Result<Pixels, String> {
        let source = ImageRef::new(self.width, self.height, &self.data, self.pixel_type())
            .map_err(|e| e.to_string())?;
        let mut target = Image::new(width, height, self.pixel_type());
        let mut options =
            ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        if let Some((left, top, w, h)) = crop {
            options = options.crop(left, top, w, h);
        }
        Resizer::new()
            .resize(&source, &mut target, &options)
            .map_err(|e| e.to_string())?;
        Ok(Pixels {
            width,
            height,
            alpha: self.alpha,
            data: target.into_vec(),
        })
    }

    /// RGB without transparency, over white (JPEG has no alpha).
    fn rgb(&self) -> std::borrow::Cow<'_, [u8]> {
        if !self.alpha {
            return std::borrow::Cow::Borrowed(&self.data);
        }
        let mut rgb = Vec::with_capacity(self.data.len() / 4 * 3);
        for px in self.data.chunks_exact(4) {
            let a = u16::from(px[3]);
            for &c in &px[..3] {
                rgb.push(((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
            }
        }
        std::borrow::Cow::Owned(rgb)
    }

    fn jpeg(&self, quality: u8) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
        encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
        // Optimised Huffman tables save a few per cent, but zune-jpeg (the
        // image crate's decoder) misreads them with 4:2:0 sampling although
        // libjpeg-turbo reads them well: files every decoder reads come first.
        encoder.set_optimized_huffman_tables(false);
        encoder
            .encode(
                &self.rgb(),
                self.width as u16,
                self.height as u16,
                jpeg_encoder::ColorType::Rgb,
            )
            .map_err(|e| e.to_string())?;
        Ok(out)
    }

    fn webp(&self, quality: u8, method: i32) -> Result<Vec<u8>, String> {
        let encoder = if self.alpha {
            webp::Encoder::from_rgba(&self.data, self.width, self.height)
        } else {
            webp::Encoder::from_rgb(&self.data, self.width, self.height)
        };
        let mut config =
            webp::WebPConfig::new().map_err(|()| "libwebp configuration".to_string())?;
        config.quality = f32::from(quality);
        config.method = method;
        config.alpha_compression = 1;
        let memory = encoder
            .encode_advanced(&config)
            .map_err(|e| format!("{e:?}"))?;
        Ok(memory.to_vec())
    }
}

fn scaled_height(width: u32, original: (u32, u32)) -> u32 {
    ((u64::from(original.1) * u64::from(width) + u64::from(original.0) / 2) / u64::from(original.0))
        .max(1) as u32
}

/// The widths to make for a photo `available` pixels wide: the configured
/// ones it can fill, or its own width alone when it is narrower than all.
pub fn widths_for(available: u32, settings: &PhotoSettings) -> Vec<u32> {
    let widths: Vec<u32> = settings
        .sorted_widths()
        .into_iter()
        .filter(|&w| w <= available)
        .collect();
    if widths.is_empty() {
        vec![available]
    } else {
        widths
    }
}

/// Makes every responsive variant, from the largest down, each resized from
/// the one before (a cascade is three times faster than resizing each from
/// the source, and as sharp).
pub fn responsive(
    image: &DynamicImage,
    original: (u32, u32),
    settings: &PhotoSettings,
) -> Result<Vec<Encoded>, String> {
    let mut current = Pixels::from_image(image);
    let mut out = Vec::new();
    for &width in widths_for(image.width().min(original.0), settings)
        .iter()
        .rev()
    {
        let height = scaled_height(width, (current.width, current.height));
        if (width, height) != (current.width, current.height) {
            current = current.resize(width, height, None)?;
        }
        out.push(Encoded {
            width,
            height,
            jpeg: current.jpeg(settings.quality)?,
            webp: Some(current.webp(settings.quality, settings.webp_method)?),
        });
    }
    out.reverse();
    Ok(out)
}

/// The social-sharing image: the centre of the photo cropped to the sharing
/// ratio, at the sharing size or smaller when the photo is smaller.
pub fn share(image: &DynamicImage, settings: &PhotoSettings) -> Result<Encoded, String> {
    let pixels = Pixels::from_image(image);
    let (target_w, target_h) = settings.share;
    let (w, h) = (f64::from(pixels.width), f64::from(pixels.height));
    let ratio = f64::from(target_w) / f64::from(target_h);
    let (crop_w, crop_h) = if w / h > ratio {
        (h * ratio, h)
    } else {
        (w, w / ratio)
    };
    let scale = (f64::from(target_w) / crop_w).min(1.0);
    let (out_w, out_h) = (
        ((crop_w * scale).round() as u32).max(1),
        ((crop_h * scale).round() as u32).max(1),
    );
    let crop = ((w - crop_w) / 2.0, (h - crop_h) / 2.0, crop_w, crop_h);
    let resized = pixels.resize(out_w, out_h, Some(crop))?;
    Ok(Encoded {
        width: out_w,
        height: out_h,
        jpeg: resized.jpeg(settings.quality)?,
        webp: None,
    })
}

/// The small square-ish thumbnail of search results: WebP, `width` wide
/// (or the photo's own width when narrower).
pub fn thumbnail(image: &DynamicImage, settings: &PhotoSettings) -> Result<Encoded, String> {
    let pixels = Pixels::from_image(image);
    let width = settings.thumbnail.min(pixels.width).max(1);
    let height = scaled_height(width, (pixels.width, pixels.height));
    let small = pixels.resize(width, height, None)?;
    Ok(Encoded {
        width,
        height,
        jpeg: Vec::new(),
        webp: Some(small.webp(settings.quality, settings.webp_method)?),
    })
}

/// The average colour of a photo, shown while it loads.
pub fn placeholder_colour(image: &DynamicImage) -> [u8; 3] {
    let small = image.thumbnail(16, 16).to_rgb8();
    let mut sum = [0u64; 3];
    for px in small.pixels() {
        for c in 0..3 {
            sum[c] += u64::from(px[c]);
        }
    }
    let n = u64::from(small.width() * small.height()).max(1);
    [(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_upscales() {
        let settings = PhotoSettings::default();
        assert_eq!(widths_for(3000, &settings), vec![400, 800, 1600]);
        assert_eq!(widths_for(900, &settings), vec![400, 800]);
        assert_eq!(widths_for(256, &settings), vec![256]);
    }

    #[test]
    fn makes_each_width_in_both_formats() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_fn(1000, 750, |x, _| {
            image::Rgb([(x / 4) as u8, 100, 50])
        }));
        let variants = responsive(&image, (1000, 750), &PhotoSettings::default()).unwrap();
        let sizes: Vec<(u32, u32)> = variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(400, 300), (800, 600)]);
        for variant in &variants {
            assert_eq!(&variant.jpeg[..2], b"\xff\xd8");
            assert_eq!(&variant.webp.as_ref().unwrap()[8..12], b"WEBP");
        }
    }

    #[test]
    fn crops_the_share_image_to_its_ratio() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::new(2000, 1500));
        let share = share(&image, &PhotoSettings::default()).unwrap();
        assert_eq!((share.width, share.height), (1200, 630));
        let small = DynamicImage::ImageRgb8(image::RgbImage::new(600, 600));
        let share = super::share(&small, &PhotoSettings::default()).unwrap();
        assert_eq!((share.width, share.height), (600, 315));
    }

    #[test]
    fn transparency_becomes_white_in_jpeg() {
        let image = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            8,
            8,
            image::Rgba([0, 0, 0, 0]),
        ));
        let variants = responsive(&image, (8, 8), &PhotoSettings::default()).unwrap();
        let decoded = image::load_from_memory(&variants[0].jpeg)
            .unwrap()
            .to_rgb8();
        assert!(decoded.pixels().all(|p| p.0.iter().all(|&c| c > 245)));
    }

    #[test]
    fn the_placeholder_is_the_average_colour() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            40,
            30,
            image::Rgb([200, 100, 50]),
        ));
        assert_eq!(placeholder_colour(&image), [200, 100, 50]);
    }
}
