//! Decoding a photo into pixels ready for resizing: the image crate is the
//! front door (format detection, EXIF orientation, ICC profile, limits);
//! JPEGs, the common case, take a faster path that decodes at reduced scale
//! with DCT scaling when the photo is much larger than the largest variant.

use crate::diagnostic::Problem;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, metadata::Orientation};
use std::io::Cursor;

/// Photos above this many pixels are refused: decoding one would take
/// gigabytes of memory (a 100,000 × 100,000 "photo" is 40 GB).
pub const MAX_PIXELS: u64 = 50_000_000;

/// Memory one decode may allocate.
const MAX_ALLOC: u64 = 1 << 30;

/// Pixels in sRGB, upright, and the displayed size of the original.
pub struct Decoded {
    /// RGB8, or RGBA8 when the photo has transparency.
    pub image: DynamicImage,
    /// Width and height of the original as displayed (after orientation).
    pub original: (u32, u32),
    /// The memory the decode reserved, held as long as the pixels are.
    _memory: super::memory::Reservation,
}

/// HEIC and AVIF files are ISO media files: `ftyp` at byte 4, then the brand.
pub fn iso_media_format(head: &[u8]) -> Option<&'static str> {
    if head.len() < 12 || &head[4..8] != b"ftyp" {
        return None;
    }
    match &head[8..12] {
        b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" => Some("HEIC"),
        b"avif" | b"avis" => Some("AVIF"),
        _ => Some("ISO media"),
    }
}

fn turns(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Decodes `bytes` (the file `written` in content). `min_width` is the
/// displayed width the largest output needs: a JPEG much larger than that is
/// decoded at ½, ¼ or ⅛ scale, which is several times faster and loses
/// nothing the outputs would keep.
pub fn decode(bytes: &[u8], written: &str, min_width: u32) -> Result<Decoded, Problem> {
    let not_image = |reason: String| Problem::NotAnImage {
        path: written.to_string(),
        reason,
    };
    if let Some(format) = iso_media_format(bytes) {
        return Err(Problem::UnsupportedImageFormat {
            path: written.to_string(),
            format: format.to_string(),
        });
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| not_image(e.to_string()))?;
    let format = reader.format();
    match format {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        Some(other) => {
            return Err(Problem::UnsupportedImageFormat {
                path: written.to_string(),
                format: format!("{other:?}").to_uppercase(),
            });
        }
        None => return Err(not_image("unknown format".into())),
    }
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| not_image(e.to_string()))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(not_image("0 × 0".into()));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::ImageTooLarge {
            path: written.to_string(),
            width,
            height,
        });
    }
    // What the decoder allocates, and the 8-bit copy made from it when it
    // is another colour type.
    let converts = !matches!(
        decoder.color_type(),
        image::ColorType::Rgb8 | image::ColorType::Rgba8
    );
    let eight_bits = u64::from(width) * u64::from(height) * 4;
    let needed = decoder.total_bytes() + if converts { eight_bits } else { 0 };
    let Some(memory) = super::memory::reserve(needed) else {
        return Err(Problem::ImageNeedsTooMuchMemory {
            path: written.to_string(),
            bytes: needed,
            limit: super::memory::DECODE_MEMORY,
        });
    };
    if format == Some(ImageFormat::Jpeg) && !jpeg_is_complete(bytes) {
        return Err(not_image(
            "the file is cut short (no end-of-image marker after the image data)".into(),
        ));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let original = if turns(orientation) {
        (height, width)
    } else {
        (width, height)
    };

    let fast = if format == Some(ImageFormat::Jpeg) {
        decode_jpeg_scaled(bytes, original.0, min_width)
    } else {
        None
    };
    let mut image = match fast {
        Some(image) => image,
        None => {
            let image =
                DynamicImage::from_decoder(decoder).map_err(|e| not_image(e.to_string()))?;
            if image.color().has_alpha() {
                DynamicImage::ImageRgba8(image.into_rgba8())
            } else {
                DynamicImage::ImageRgb8(image.into_rgb8())
            }
        }
    };
    if let Some(profile) = icc {
        to_srgb(&mut image, &profile);
    }
    image.apply_orientation(orientation);
    memory.give_back_freed_pages();
    Ok(Decoded {
        image,
        original,
        _memory: memory,
    })
}

/// JPEG decoders quietly fill a cut-short file with grey; a photo copied
/// halfway must be an error instead. A complete JPEG has an end-of-image
/// marker after the start of its (last) scan; an EXIF thumbnail's own
/// marker comes before the main image's scan and does not count.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let last = |marker: u8| {
        bytes
            .windows(2)
            .rposition(|w| w[0] == 0xFF && w[1] == marker)
    };
    matches!((last(0xDA), last(0xD9)), (Some(scan), Some(end)) if end > scan)
}

/// The reduced-scale JPEG path; `None` means "use the general decoder"
/// (no useful reduction, or a colour model this path does not handle).
fn decode_jpeg_scaled(bytes: &[u8], display_width: u32, min_width: u32) -> Option<DynamicImage> {
    if min_width == 0 || display_width < min_width.saturating_mul(2) {
        return None;
    }
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.set_max_decoding_buffer_size(MAX_ALLOC as usize);
    decoder.read_info().ok()?;
    let info = decoder.info()?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    // Requested size in the file's own orientation, keeping the ratio.
    let factor = f64::from(min_width) / f64::from(display_width);
    let request = |side: u32| {
        (f64::from(side) * factor)
            .ceil()
            .clamp(1.0, f64::from(u16::MAX)) as u16
    };
    decoder.scale(request(w), request(h)).ok()?;
    let pixels = decoder.decode().ok()?;
    let info = decoder.info()?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => {
            image::RgbImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8)
        }
        jpeg_decoder::PixelFormat::L8 => image::GrayImage::from_raw(w, h, pixels)
            .map(|gray| DynamicImage::ImageRgb8(DynamicImage::ImageLuma8(gray).into_rgb8())),
        _ => None,
    }
}

/// Converts pixels described by an embedded ICC profile (Display P3 from
/// phones, Adobe RGB from cameras) to sRGB, the web's colour space. A
/// profile that cannot be read is ignored: the pixels are then taken as sRGB.
fn to_srgb(image: &mut DynamicImage, icc: &[u8]) {
    use moxcms::{ColorProfile, Layout, TransformOptions};
    let Ok(source) = ColorProfile::new_from_slice(icc) else {
        return;
    };
    let target = ColorProfile::new_srgb();
    let (layout, buffer): (Layout, &mut [u8]) = match image {
        DynamicImage::ImageRgb8(rgb) => (Layout::Rgb, rgb.as_mut()),
        DynamicImage::ImageRgba8(rgba) => (Layout::Rgba, rgba.as_mut()),
        _ => return,
    };
    let Ok(transform) =
        source.create_transform_8bit(layout, &target, layout, TransformOptions::default())
    else {
        return;
    };
    let input = buffer.to_vec();
    let _ = transform.transform(&input, buffer);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
            .encode_image(&image)
            .unwrap();
        bytes
    }

    #[test]
    fn decodes_large_jpegs_at_reduced_scale() {
        let decoded = decode(&jpeg(1000, 600), "a.jpg", 400).unwrap();
        assert_eq!(decoded.original, (1000, 600));
        // ½ scale is the smallest that keeps 400 px.
        assert_eq!(decoded.image.width(), 500);
        let full = decode(&jpeg(1000, 600), "a.jpg", 800).unwrap();
        assert_eq!(full.image.width(), 1000);
    }

    #[test]
    fn refuses_what_browsers_cannot_show() {
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
        assert!(matches!(
            decode(&heic, "a.heic", 400),
            Err(Problem::UnsupportedImageFormat { .. })
        ));
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
        assert!(matches!(
            decode(&gif, "a.gif", 400),
            Err(Problem::UnsupportedImageFormat { .. })
        ));
        assert!(matches!(
            decode(b"hello", "a.jpg", 400),
            Err(Problem::NotAnImage { .. })
        ));
    }

    #[test]
    fn refuses_giant_dimensions_from_the_header() {
        // A PNG claiming 100,000 × 100,000 pixels, with hardly any data.
        fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
            let mut crc = 0xffff_ffffu32;
            for &b in kind.iter().chain(data) {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 != 0 {
                        (crc >> 1) ^ 0xedb8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            let mut out = (data.len() as u32).to_be_bytes().to_vec();
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            out.extend_from_slice(&(!crc).to_be_bytes());
            out
        }
        let mut header = 100_000u32.to_be_bytes().to_vec();
        header.extend_from_slice(&100_000u32.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &header));
        png.extend(chunk(
            b"IDAT",
            &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        ));
        png.extend(chunk(b"IEND", &[]));
        let started = std::time::Instant::now();
        assert!(matches!(
            decode(&png, "bomb.png", 400),
            Err(Problem::ImageTooLarge { width: 100_000, .. })
        ));
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn reports_truncated_files() {
        let bytes = jpeg(800, 600);
        let truncated = &bytes[..bytes.len() / 3];
        assert!(
            matches!(
                decode(truncated, "a.jpg", 100),
                Err(Problem::NotAnImage { .. })
            ),
            "small decode"
        );
        assert!(
            matches!(
                decode(truncated, "a.jpg", 800),
                Err(Problem::NotAnImage { .. })
            ),
            "full decode"
        );
    }
}
