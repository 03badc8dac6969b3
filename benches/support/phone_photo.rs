//! Photos as phones take them, and a measure of how much of them a resized
//! copy keeps. Shared by the `photos` bench and the photo quality test
//! (`tests/it/photos.rs`), which include this file with `#[path]`.
//!
//! A phone's 12-megapixel JPEG is 3–5 MB: 4032 × 3024, 4:2:0 chroma, quality
//! around 90, and sensor noise in every pixel, which is what makes it large
//! (a clean synthetic picture of the same size compresses to a tenth). The
//! generated scene has what product photos have: a smooth background with
//! falling light, a product with hard edges and fine printed texture, a
//! woven surface in front, and noise in luma and, weaker, in colour.
#![allow(dead_code)]

use image::{GrayImage, RgbImage};

/// The size of a phone's 12-megapixel photo (4:3).
pub const PHONE_SIZE: (u32, u32) = (4032, 3024);

/// A phone-like photo of `width` × `height` pixels; `seed` varies the
/// scene and the noise.
pub fn phone_photo(width: u32, height: u32, seed: u32) -> RgbImage {
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    // Noise with a standard deviation of about `sigma`: a sum of four
    // uniform values is close enough to a normal distribution.
    let mut noise = move |sigma: f32| {
        let sum: f32 = (0..4).map(|_| (random() % 1024) as f32 / 1024.0).sum();
        (sum - 2.0) * sigma * 1.73
    };
    let shift = (seed % 7) as f32 * 0.05;
    let (w, h) = (width as f32, height as f32);
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / w, y as f32 / h);
        let light = 0.6 + 0.4 * (1.0 - ((fx - 0.3 - shift).powi(2) + (fy - 0.2).powi(2)).sqrt());
        // A bottle: a rounded body with a printed label of fine lines.
        let body = (fx - 0.5).abs() < 0.16 && fy > 0.18 && fy < 0.86;
        let label = body && fy > 0.45 && fy < 0.7;
        // A woven mat in the foreground.
        let mat = fy > 0.8;
        let base: [f32; 3] = if label {
            let print = ((x / 3 + y / 5) % 4 == 0) as u8 as f32;
            let letters = (((x as f32 * 0.21).sin() * (y as f32 * 0.17).cos()) > 0.6) as u8 as f32;
            [
                230.0 - 120.0 * letters - 40.0 * print,
                220.0 - 150.0 * letters,
                190.0 - 60.0 * print,
            ]
        } else if body {
            let round = 1.0 - ((fx - 0.5) / 0.16).powi(2);
            [
                120.0 * round + 60.0,
                70.0 * round + 30.0,
                20.0 + 30.0 * round,
            ]
        } else if mat {
            let weave = ((x / 9) % 2 == (y / 9) % 2) as u8 as f32;
            let thread = ((x as f32 * 0.9).sin() * 0.5 + 0.5) * 30.0;
            [
                150.0 + 40.0 * weave + thread,
                120.0 + 30.0 * weave,
                80.0 + thread,
            ]
        } else {
            [200.0 - 60.0 * fy, 190.0 - 40.0 * fx, 170.0 + 30.0 * fx]
        };
        let grain = noise(5.0);
        let mut channel = |c: f32| (c * light + grain + noise(2.5)).clamp(0.0, 255.0) as u8;
        image::Rgb([channel(base[0]), channel(base[1]), channel(base[2])])
    })
}

/// `image` as a phone saves it: JPEG at `quality` with 4:2:0 chroma.
pub fn phone_jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    // Encoding into memory fails only on sizes JPEG cannot hold.
    encoder
        .encode(
            image.as_raw(),
            image.width() as u16,
            image.height() as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("a phone-sized JPEG");
    out
}

/// What a published width of `full` is compared with: a Lanczos3 resize of
/// the whole decoded photo to `width`, kept uncompressed.
pub fn reference(full: &RgbImage, width: u32) -> RgbImage {
    let height = (u64::from(full.height()) * u64::from(width) / u64::from(full.width())) as u32;
    image::imageops::resize(full, width, height, image::imageops::FilterType::Lanczos3)
}

fn luma(image: &RgbImage) -> GrayImage {
    GrayImage::from_fn(image.width(), image.height(), |x, y| {
        let [r, g, b] = image.get_pixel(x, y).0;
        let y = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
        image::Luma([y.round() as u8])
    })
}

/// The structural similarity (SSIM, Wang et al. 2004) of the lightness of
/// two pictures of the same size: the mean over 8 × 8 windows, 4 pixels
/// apart, with the usual constants. 1 is identical; a resize kept
/// faithfully reads above 0.9.
pub fn ssim(a: &RgbImage, b: &RgbImage) -> f64 {
    assert_eq!(
        a.dimensions(),
        b.dimensions(),
        "SSIM needs pictures of one size"
    );
    let (a, b) = (luma(a), luma(b));
    let (c1, c2) = ((0.01f64 * 255.0).powi(2), (0.03f64 * 255.0).powi(2));
    const WINDOW: u32 = 8;
    const STEP: usize = 4;
    let (mut total, mut windows) = (0.0, 0usize);
    for top in (0..=a.height().saturating_sub(WINDOW)).step_by(STEP) {
        for left in (0..=a.width().saturating_sub(WINDOW)).step_by(STEP) {
            let (mut sa, mut sb, mut saa, mut sbb, mut sab) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for y in top..top + WINDOW {
                for x in left..left + WINDOW {
                    let p = f64::from(a.get_pixel(x, y).0[0]);
                    let q = f64::from(b.get_pixel(x, y).0[0]);
                    sa += p;
                    sb += q;
                    saa += p * p;
                    sbb += q * q;
                    sab += p * q;
                }
            }
            let n = f64::from(WINDOW * WINDOW);
            let (ma, mb) = (sa / n, sb / n);
            let (va, vb) = (saa / n - ma * ma, sbb / n - mb * mb);
            let cov = sab / n - ma * mb;
            total += ((2.0 * ma * mb + c1) * (2.0 * cov + c2))
                / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            windows += 1;
        }
    }
    total / windows.max(1) as f64
}
