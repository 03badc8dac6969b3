//! The photo pipeline seen from outside: what `ocop build` makes of photos.

use crate::common::{base_site, build, snapshot, text, write};
use std::path::{Path, PathBuf};

/// A JPEG whose stored pixels are red on the left half and blue on the
/// right, with EXIF saying "rotate 90° clockwise to display" and a GPS
/// position, as phones write them.
fn rotated_jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&image)
        .unwrap();
    // TIFF, little endian: IFD0 with Orientation = 6 and a GPS IFD pointer.
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = tag.to_le_bytes().to_vec();
        e.extend_from_slice(&kind.to_le_bytes());
        e.extend_from_slice(&count.to_le_bytes());
        e.extend_from_slice(&value.to_le_bytes());
        e
    };
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, 6));
    let gps_offset = 8 + 2 + 2 * 12 + 4;
    tiff.extend(entry(0x8825, 4, 1, gps_offset));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD: latitude ref "N", longitude ref "E", and a marker string.
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0003, 2, 2, u32::from_le_bytes(*b"E\0\0\0")));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"GPS-SECRET-HOME");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn product_with_photo(root: &Path, photo: &[u8]) {
    write(
        &root.join("content/producers/hai-son/photos/xoay.jpg"),
        photo,
    );
    write(
        &root.join("content/producers/hai-son/products/banh-pia.yaml"),
        "name: Bánh pía\ncategory: I.3.b\nstars: 4\nphotos:\n  - src: ../photos/xoay.jpg\n    alt: Hộp bánh pía nhìn từ trên\n  - ../photos/banh-pia.png\ndescription: Bánh.\n",
    );
}

fn files_named(dir: &Path, pattern: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains(pattern))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_rotated_phone_photo_comes_out_upright_without_metadata() {
    let (_dir, root) = base_site();
    product_with_photo(&root, &rotated_jpeg_with_gps(1800, 900));
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    // Displayed 900 × 1800: variants at 400 and 800 wide, never upscaled to 1600.
    let jpegs = files_named(&output.join("anh/hai-son"), "xoay-");
    let names: Vec<String> = jpegs
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("-400.jpg"))
            && names.iter().any(|n| n.ends_with("-800.webp")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("-1600.")),
        "never upscaled: {names:?}"
    );
    let largest = jpegs
        .iter()
        .find(|p| p.to_string_lossy().ends_with("-800.jpg"))
        .unwrap();
    let image = image::open(largest).unwrap().to_rgb8();
    assert_eq!(
        (image.width(), image.height()),
        (800, 1600),
        "upright: portrait"
    );
    let top = image.get_pixel(400, 100);
    let bottom = image.get_pixel(400, 1500);
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );
    // No EXIF, no GPS in any output.
    for file in files_named(&output.join("anh"), "") {
        if file.is_file() {
            let bytes = std::fs::read(&file).unwrap();
            for needle in [&b"Exif"[..], b"GPS-SECRET-HOME", b"XMP"] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{} carries {}",
                    file.display(),
                    String::from_utf8_lossy(needle)
                );
            }
        }
    }
    // The sharing image is 1200 × 630 at most, in the ratio 1200:630.
    let share = files_named(&output.join("anh/hai-son"), "xoay-")
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("chia-se.jpg"))
        .unwrap();
    let share = image::open(share).unwrap();
    assert_eq!((share.width(), share.height()), (900, 473));
}

/// The least structural similarity (SSIM of lightness) a published width of
/// a phone's photo may have against a Lanczos3 resize of the full picture.
/// At quality 80 the variants measure 0.94–0.99 (`cargo bench --bench
/// photos`); a resize that blurs, shifts or bands falls below this.
const PHONE_PHOTO_SSIM_FLOOR: f64 = 0.90;

#[test]
fn a_phone_photo_keeps_its_likeness_in_every_published_width() {
    use crate::common::phone_photo::{PHONE_SIZE, phone_jpeg, phone_photo, reference, ssim};
    let (width, height) = PHONE_SIZE;
    let bytes = phone_jpeg(&phone_photo(width, height, 3), 90);
    assert!(
        (3_000_000..=5_000_000).contains(&bytes.len()),
        "a phone's 12 MP photo is 3–5 MB, this one {} bytes",
        bytes.len()
    );
    let (_dir, root) = base_site();
    product_with_photo(&root, &bytes);
    let output = root.join("public");
    let result = build(&root, &output, &[]);
    assert!(result.status.success(), "{:?}", text(&result));
    let full = image::load_from_memory(&bytes).unwrap().to_rgb8();
    let mut measured = Vec::new();
    for published in [400u32, 800, 1600] {
        let reference = reference(&full, published);
        for format in ["jpg", "webp"] {
            let suffix = format!("-{published}.{format}");
            let file = files_named(&output.join("anh/hai-son"), "xoay-")
                .into_iter()
                .find(|p| p.to_string_lossy().ends_with(&suffix))
                .unwrap_or_else(|| panic!("no {suffix} variant"));
            let variant = image::open(&file).unwrap().to_rgb8();
            assert_eq!(variant.dimensions(), reference.dimensions(), "{suffix}");
            let similarity = ssim(&reference, &variant);
            measured.push(format!("{suffix} {similarity:.3}"));
            assert!(
                similarity >= PHONE_PHOTO_SSIM_FLOOR,
                "{suffix}: SSIM {similarity:.3} < {PHONE_PHOTO_SSIM_FLOOR} ({measured:?})"
            );
        }
    }
    // The measure itself tells a faithful copy from a damaged one.
    let reference = reference(&full, 800);
    let blurred = image::imageops::blur(&reference, 2.0);
    assert!(ssim(&reference, &reference) > 0.999);
    assert!(
        ssim(&reference, &blurred) < PHONE_PHOTO_SSIM_FLOOR,
        "a blurred copy must fall below the floor: {:.3}",
        ssim(&reference, &blurred)
    );
}

#[test]
fn pages_use_responsive_pictures() {
    let (_dir, root) = base_site();
    product_with_photo(&root, &rotated_jpeg_with_gps(1800, 900));
    let output = root.join("public");
    assert!(build(&root, &output, &[]).status.success());
    let page =
        std::fs::read_to_string(output.join("san-pham/hai-son/banh-pia/index.html")).unwrap();
    let document = scraper::Html::parse_document(&page);
    let pictures: Vec<_> = document
        .select(&scraper::Selector::parse(".product-photos picture").unwrap())
        .collect();
    assert_eq!(pictures.len(), 2);
    let source = pictures[0]
        .select(&scraper::Selector::parse("source").unwrap())
        .next()
        .unwrap()
        .value();
    assert_eq!(source.attr("type"), Some("image/webp"));
    let srcset = source.attr("srcset").unwrap();
    assert!(
        srcset.contains("-400.webp 400w") && srcset.contains("-800.webp 800w"),
        "{srcset}"
    );
    let img = pictures[0]
        .select(&scraper::Selector::parse("img").unwrap())
        .next()
        .unwrap()
        .value();
    assert_eq!(
        img.attr("alt"),
        Some("Hộp bánh pía nhìn từ trên"),
        "alt from {{src, alt}}"
    );
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("800"), Some("1600")),
        "intrinsic size: no layout shift"
    );
    assert_eq!(img.attr("decoding"), Some("async"));
    assert_eq!(
        img.attr("fetchpriority"),
        Some("high"),
        "the main photo is not lazy"
    );
    assert!(img.attr("sizes").is_some() && img.attr("srcset").unwrap().contains("400w"));
    assert!(
        img.attr("style").unwrap().starts_with("background-color:#"),
        "placeholder colour"
    );
    let second = pictures[1]
        .select(&scraper::Selector::parse("img").unwrap())
        .next()
        .unwrap()
        .value();
    assert_eq!(
        second.attr("loading"),
        Some("lazy"),
        "photos below the fold are lazy"
    );
    assert_eq!(
        second.attr("alt"),
        Some("Bánh pía"),
        "the product name when no alt is given"
    );
    let broken = crate::common::broken_links(&output, "https://ocop.example.vn/", "/");
    assert!(broken.is_empty(), "{broken:?}");
    // No original is copied into the site.
    assert!(files_named(&output, "xoay.jpg").is_empty());
}

fn photo_summary(stdout: &str) -> String {
    stdout
        .lines()
        .find(|l| l.starts_with("Photos:"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_rebuild_reuses_the_cache_and_a_replaced_photo_gets_a_new_address() {
    let (_dir, root) = base_site();
    product_with_photo(&root, &rotated_jpeg_with_gps(1800, 900));
    let output = root.join("public");
    let first = build(&root, &output, &[]);
    let (stdout, _) = text(&first);
    assert_eq!(
        photo_summary(&stdout),
        "Photos: 4 processed, 0 reused from the cache, 0 failed",
        "{stdout}"
    );
    let page = |output: &Path| {
        std::fs::read_to_string(output.join("san-pham/hai-son/banh-pia/index.html")).unwrap()
    };
    let before = page(&output);

    // --force: an unchanged site would otherwise not be built at all.
    let second = build(&root, &output, &["--force"]);
    let (stdout, _) = text(&second);
    assert_eq!(
        photo_summary(&stdout),
        "Photos: 0 processed, 4 reused from the cache, 0 failed",
        "{stdout}"
    );
    assert_eq!(
        page(&output),
        before,
        "unchanged photos keep their addresses"
    );

    // Replace one photo: it alone is processed and gets a new address.
    let mut replaced = rotated_jpeg_with_gps(1800, 900);
    let end = replaced.len() - 2;
    replaced.insert(end, 0); // different bytes, same picture
    write(
        &root.join("content/producers/hai-son/photos/xoay.jpg"),
        replaced,
    );
    let third = build(&root, &output, &[]);
    let (stdout, _) = text(&third);
    assert_eq!(
        photo_summary(&stdout),
        "Photos: 1 processed, 3 reused from the cache, 0 failed",
        "{stdout}"
    );
    let after = page(&output);
    let address = |html: &str, name: &str| -> Vec<String> {
        html.split('"')
            .filter(|s| s.contains(name) && s.ends_with(".jpg"))
            .map(str::to_string)
            .collect()
    };
    assert_ne!(
        address(&before, "xoay-"),
        address(&after, "xoay-"),
        "a replaced photo gets a new address"
    );
    assert_eq!(
        address(&before, "banh-pia-"),
        address(&after, "banh-pia-"),
        "the other keeps its address"
    );

    // --gc deletes the cached variants of the replaced photo.
    let pruned = build(&root, &output, &["--gc"]);
    let (stdout, _) = text(&pruned);
    assert!(
        photo_summary(&stdout).contains("1 unused cache entries deleted"),
        "{stdout}"
    );
}

#[test]
fn a_broken_photo_fails_its_product_and_names_it() {
    let (_dir, root) = base_site();
    let output = root.join("public");
    assert!(build(&root, &output, &[]).status.success());
    let before = snapshot(&output);
    let good = rotated_jpeg_with_gps(800, 600);
    product_with_photo(&root, &good[..good.len() / 2]);
    let result = build(&root, &output, &[]);
    let (_, stderr) = text(&result);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "error: \"../photos/xoay.jpg\" is not a readable photo: the file is cut short"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(" --> content/producers/hai-son/products/banh-pia.yaml:5:10"),
        "{stderr}"
    );
    assert_eq!(snapshot(&output), before);
}
