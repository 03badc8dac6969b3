//! The photo pipeline's figures (issue 3), on a generated 12-megapixel
//! photo-like JPEG:
//!
//!     cargo bench --bench photos
//!
//! Prints, for one photo on one core: CPU time of the naive path (image's
//! decoder, Lanczos3 of `image::imageops`, image's JPEG encoder, libwebp at
//! method 4) and of ocop's pipeline (all variants: 3 widths × WebP + JPEG,
//! the sharing crop, the thumbnail, the placeholder), their quality as PSNR
//! against an uncompressed Lanczos3 reference, the peak memory of processing
//! 12 photos on every core, and the time of a no-op pass over 1,000 cached
//! photos. Then the same for phone-like photos (`support/phone_photo.rs`:
//! 4032 × 3024, 4:2:0, sensor noise, 3–5 MB): CPU per photo on one core and
//! the SSIM of each published width against a Lanczos3 reference.

#[path = "support/phone_photo.rs"]
mod phone_photo;

use image::{RgbImage, imageops::FilterType};
use ocop::photos::{self, PhotoCache, PhotoJob, PhotoSettings};
use std::time::Instant;

/// CPU time of this process (user + system), from /proc (Linux).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(") ")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident memory of this process, in MB (VmHWM).
fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A photo-like picture: smooth light, objects with edges, and sensor noise
/// (a flat synthetic picture would compress and resize unrealistically fast).
fn photo(width: u32, height: u32, seed: u32) -> RgbImage {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 23) as i32 - 11
    };
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let light = 0.55 + 0.45 * (fx * 3.1 + fy * 1.7).sin() * (fy * 2.3).cos();
        let inside = ((fx - 0.5).powi(2) + (fy - 0.55).powi(2)).sqrt() < 0.22;
        let stripes = ((x / 37 + y / 53) % 2) as f32 * 18.0;
        let base = if inside {
            [150.0, 90.0, 40.0]
        } else {
            [90.0 + stripes, 140.0, 170.0 - stripes]
        };
        let mut px = |c: f32| ((c * light) as i32 + noise()).clamp(0, 255) as u8;
        image::Rgb([px(base[0]), px(base[1]), px(base[2])])
    })
}

fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .expect("encode");
    out
}

fn psnr(a: &RgbImage, b: &RgbImage) -> f64 {
    let mse: f64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2))
        .sum::<f64>()
        / a.as_raw().len() as f64;
    10.0 * (255.0f64 * 255.0 / mse.max(1e-9)).log10()
}

fn naive(bytes: &[u8], widths: &[u32]) -> Vec<(u32, Vec<u8>)> {
    let image = image::load_from_memory(bytes).expect("decode").to_rgb8();
    let mut out = Vec::new();
    for &width in widths {
        let height = image.height() * width / image.width();
        let resized = image::imageops::resize(&image, width, height, FilterType::Lanczos3);
        let jpg = jpeg(&resized, 80);
        let mut config = webp::WebPConfig::new().expect("webp config");
        config.quality = 80.0;
        config.method = 4;
        let webp = webp::Encoder::from_rgb(&resized, width, height)
            .encode_advanced(&config)
            .expect("webp")
            .to_vec();
        out.push((width, jpg));
        let _ = webp;
    }
    out
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let settings = PhotoSettings::default();
    let source = photo(4000, 3000, 7);
    let bytes = jpeg(&source, 92);
    println!(
        "source: 4000 × 3000 JPEG q92, {:.1} MB",
        bytes.len() as f64 / 1e6
    );

    // One core, as the issue measures: rayon (used inside jpeg-decoder) gets one thread.
    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let runs = 5;
    let (naive_cpu, naive_out) = single.install(|| {
        let start = cpu_seconds();
        let mut out = Vec::new();
        for _ in 0..2 {
            out = naive(&bytes, &[400, 800, 1600]);
        }
        ((cpu_seconds() - start) / 2.0, out)
    });
    let (ours_cpu, ours) = single.install(|| {
        let start = cpu_seconds();
        let mut out = None;
        for _ in 0..runs {
            out = Some(photos::make_outputs(&bytes, "bench.jpg", &settings).expect("pipeline"));
        }
        ((cpu_seconds() - start) / f64::from(runs), out.expect("ran"))
    });
    println!(
        "naive path (image decode + imageops Lanczos3 + image JPEG + libwebp m4), 3 widths: {naive_cpu:.2} s CPU"
    );
    println!(
        "ocop pipeline, 3 widths × WebP + JPEG + sharing + thumbnail + placeholder: {ours_cpu:.3} s CPU ({:.1}× faster)",
        naive_cpu / ours_cpu
    );

    // Quality at 800 px against an uncompressed Lanczos3 reference of the full decode.
    let decoded = image::load_from_memory(&bytes).expect("decode").to_rgb8();
    for width in [400u32, 800, 1600] {
        let reference = image::imageops::resize(
            &decoded,
            width,
            decoded.height() * width / decoded.width(),
            FilterType::Lanczos3,
        );
        let ours_jpeg = &ours
            .1
            .iter()
            .find(|(n, _)| *n == format!("{width}.jpg"))
            .expect("variant")
            .1;
        let ours_image = image::load_from_memory(ours_jpeg).expect("ours").to_rgb8();
        let naive_jpeg = &naive_out
            .iter()
            .find(|(w, _)| *w == width)
            .expect("naive")
            .1;
        let naive_image = image::load_from_memory(naive_jpeg)
            .expect("naive")
            .to_rgb8();
        let ours_webp = &ours
            .1
            .iter()
            .find(|(n, _)| *n == format!("{width}.webp"))
            .expect("webp")
            .1;
        let webp_image = image::load_from_memory(ours_webp).expect("webp").to_rgb8();
        println!(
            "{width:>4} px: PSNR vs Lanczos3 reference: ocop JPEG {:.1} dB ({} KB), ocop WebP {:.1} dB ({} KB), naive JPEG {:.1} dB ({} KB)",
            psnr(&reference, &ours_image),
            ours_jpeg.len() / 1000,
            psnr(&reference, &webp_image),
            ours_webp.len() / 1000,
            psnr(&reference, &naive_image),
            naive_jpeg.len() / 1000
        );
    }
    drop(decoded);

    // Peak memory: 12 distinct 12 MP photos on every core, through the cache.
    let dir = tempfile::tempdir().expect("temp dir");
    let before = peak_memory_mb();
    let mut jobs = Vec::new();
    for i in 0..12 {
        let path = dir.path().join(format!("p{i}.jpg"));
        std::fs::write(&path, jpeg(&photo(4000, 3000, 100 + i), 92)).expect("write");
        jobs.push(PhotoJob {
            source: path,
            name: format!("p{i}.jpg"),
            written: format!("p{i}.jpg"),
        });
    }
    let cache = PhotoCache::open(&dir.path().join("cache"), &settings).expect("cache");
    let started = Instant::now();
    let processed = photos::process_all(
        &jobs,
        &cache,
        &settings,
        false,
        &ocop::cancel::Cancel::new(),
    );
    println!(
        "12 photos on {} cores: {:.2} s wall, {} processed; peak memory {:.0} MB (was {before:.0} MB before)",
        rayon::current_num_threads(),
        started.elapsed().as_secs_f64(),
        processed.stats.processed,
        peak_memory_mb()
    );

    // A no-op pass over 1,000 photos already processed.
    let small = dir.path().join("small");
    std::fs::create_dir_all(&small).expect("dir");
    let mut jobs = Vec::new();
    for i in 0..1000u32 {
        let path = small.join(format!("s{i}.jpg"));
        std::fs::write(&path, jpeg(&photo(200, 150, i + 1), 80)).expect("write");
        jobs.push(PhotoJob {
            source: path,
            name: format!("small/s{i}.jpg"),
            written: format!("s{i}.jpg"),
        });
    }
    let cache = PhotoCache::open(&dir.path().join("cache-small"), &settings).expect("cache");
    let first = photos::process_all(
        &jobs,
        &cache,
        &settings,
        false,
        &ocop::cancel::Cancel::new(),
    );
    let names = jobs.iter().map(|j| j.name.clone()).collect();
    cache.save(&names).expect("save");
    let cache = PhotoCache::open(&dir.path().join("cache-small"), &settings).expect("cache");
    let started = Instant::now();
    let again = photos::process_all(
        &jobs,
        &cache,
        &settings,
        false,
        &ocop::cancel::Cancel::new(),
    );
    println!(
        "no-op pass over 1,000 cached photos: {:.3} s ({} reused, {} processed; first pass processed {})",
        started.elapsed().as_secs_f64(),
        again.stats.reused,
        again.stats.processed,
        first.stats.processed
    );

    // Last: its decodes would raise the peak measured above.
    phone_photos(&settings, &single);
}

/// Three phone-like photos: their size, ocop's CPU time for each on one
/// core, and the SSIM of every published width against a Lanczos3 resize.
fn phone_photos(settings: &PhotoSettings, single: &rayon::ThreadPool) {
    use phone_photo::{PHONE_SIZE, phone_jpeg, phone_photo, ssim};
    let (width, height) = PHONE_SIZE;
    for seed in [3u32, 11, 19] {
        let bytes = phone_jpeg(&phone_photo(width, height, seed), 90);
        let runs = 3;
        let (cpu, outputs) = single.install(|| {
            let start = cpu_seconds();
            let mut out = None;
            for _ in 0..runs {
                out = Some(photos::make_outputs(&bytes, "phone.jpg", settings).expect("pipeline"));
            }
            (
                (cpu_seconds() - start) / f64::from(runs),
                out.expect("ran").1,
            )
        });
        let full = image::load_from_memory(&bytes).expect("decode").to_rgb8();
        let mut similarity = Vec::new();
        for published in [400u32, 800, 1600] {
            let reference = phone_photo::reference(&full, published);
            for format in ["jpg", "webp"] {
                let (_, encoded) = outputs
                    .iter()
                    .find(|(name, _)| *name == format!("{published}.{format}"))
                    .expect("variant");
                let variant = image::load_from_memory(encoded).expect("variant").to_rgb8();
                similarity.push(format!(
                    "{published}.{format} {:.3} ({} KB)",
                    ssim(&reference, &variant),
                    encoded.len() / 1000
                ));
            }
        }
        println!(
            "phone-like photo {seed}: {width} × {height}, {:.1} MB; ocop {cpu:.3} s CPU; SSIM vs Lanczos3: {}",
            bytes.len() as f64 / 1e6,
            similarity.join(", ")
        );
    }
}
