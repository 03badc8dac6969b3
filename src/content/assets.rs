//! Files that content refers to (photos, logos, linked documents): the path
//! is resolved against the file that names it and must stay inside the
//! producer's folder, whether by `..`, an absolute path or a symbolic link.

use crate::diagnostic::Problem;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// A producer's folder, the boundary for every path its files name.
#[derive(Debug, Clone)]
pub struct ProducerFolder {
    /// The folder on disk.
    pub dir: PathBuf,
    /// The same folder with symbolic links resolved, to check containment.
    pub canonical: PathBuf,
}

impl ProducerFolder {
    /// The folder at `dir`.
    pub fn new(dir: PathBuf) -> std::io::Result<ProducerFolder> {
        let canonical = dir.canonicalize()?;
        Ok(ProducerFolder { dir, canonical })
    }

    /// Resolves `written`, as found in a file in `from` (a folder relative to
    /// this one), to a file inside this folder. Returns the file on disk and
    /// its path relative to the folder with `/` separators.
    pub fn resolve(&self, from: &Path, written: &str) -> Result<(PathBuf, String), Problem> {
        let written = written.trim();
        let outside = || Problem::PathOutsideFolder {
            path: written.to_string(),
        };
        if written.contains("://") || written.starts_with("data:") {
            return Err(Problem::ExternalImage {
                url: written.to_string(),
            });
        }
        let unified = written.replace('\\', "/");
        // `C:/...` and `/...` name places outside whatever folder the site is in.
        let has_drive = unified.len() >= 2
            && unified.as_bytes()[1] == b':'
            && unified.as_bytes()[0].is_ascii_alphabetic();
        if unified.starts_with('/') || has_drive {
            return Err(outside());
        }
        let mut parts: Vec<String> = Vec::new();
        let start = from.components().chain(Path::new(&unified).components());
        for component in start {
            match component {
                Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
                Component::CurDir => {}
                Component::ParentDir => {
                    if parts.pop().is_none() {
                        return Err(outside());
                    }
                }
                Component::RootDir | Component::Prefix(_) => return Err(outside()),
            }
        }
        if parts.is_empty() {
            return Err(outside());
        }
        let relative = parts.join("/");
        let path = self.dir.join(&relative);
        let canonical = path.canonicalize().map_err(|_| Problem::FileNotFound {
            path: written.to_string(),
        })?;
        if !canonical.starts_with(&self.canonical) {
            return Err(outside());
        }
        if !canonical.is_file() {
            return Err(Problem::FileNotFound {
                path: written.to_string(),
            });
        }
        Ok((path, relative))
    }
}

/// Photos above this many pixels are refused: decoding one would take
/// gigabytes of memory (a 100,000 × 100,000 "photo" is 40 GB).
pub const MAX_PIXELS: u64 = 50_000_000;

/// Checks that `path` is a photo browsers can show and returns its displayed
/// size (after EXIF orientation). Reads only the header.
pub fn probe_image(path: &Path, written: &str) -> Result<(u32, u32), Problem> {
    let not_image = |reason: String| Problem::NotAnImage {
        path: written.to_string(),
        reason,
    };
    let mut head = [0u8; 32];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| not_image(e.to_string()))?;
    if let Some(format) = iso_media_format(&head[..read]) {
        return Err(Problem::UnsupportedImageFormat {
            path: written.to_string(),
            format: format.to_string(),
        });
    }
    let reader = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| not_image(e.to_string()))?;
    match reader.format() {
        Some(image::ImageFormat::Jpeg | image::ImageFormat::Png | image::ImageFormat::WebP) => {}
        Some(other) => {
            return Err(Problem::UnsupportedImageFormat {
                path: written.to_string(),
                format: format!("{other:?}").to_uppercase(),
            });
        }
        None => return Err(not_image("unknown format".into())),
    }
    use image::ImageDecoder;
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
    let turned = matches!(
        decoder.orientation(),
        Ok(image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH)
    );
    Ok(if turned {
        (height, width)
    } else {
        (width, height)
    })
}

/// HEIC and AVIF files are ISO media files: `ftyp` at byte 4, then the brand.
fn iso_media_format(head: &[u8]) -> Option<&'static str> {
    if head.len() < 12 || &head[4..8] != b"ftyp" {
        return None;
    }
    match &head[8..12] {
        b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" => Some("HEIC"),
        b"avif" | b"avis" => Some("AVIF"),
        _ => Some("ISO media"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, ProducerFolder) {
        let dir = tempfile::tempdir().unwrap();
        let producer = dir.path().join("producers/a");
        std::fs::create_dir_all(producer.join("photos")).unwrap();
        std::fs::create_dir_all(producer.join("products")).unwrap();
        std::fs::write(producer.join("photos/x.jpg"), b"x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"s").unwrap();
        let folder = ProducerFolder::new(producer).unwrap();
        (dir, folder)
    }

    #[test]
    fn resolves_relative_to_the_naming_file() {
        let (_dir, folder) = folder();
        let (_, relative) = folder
            .resolve(Path::new("products"), "../photos/x.jpg")
            .unwrap();
        assert_eq!(relative, "photos/x.jpg");
        let (_, relative) = folder.resolve(Path::new(""), "./photos/x.jpg").unwrap();
        assert_eq!(relative, "photos/x.jpg");
        let (_, relative) = folder
            .resolve(Path::new("products"), "..\\photos\\x.jpg")
            .unwrap();
        assert_eq!(relative, "photos/x.jpg");
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let (_dir, folder) = folder();
        for written in [
            "../../secret.txt",
            "/etc/passwd",
            "C:\\x.jpg",
            "../../../x",
            "../photos/../../secret.txt",
            "..",
        ] {
            let error = folder.resolve(Path::new("products"), written);
            assert!(
                matches!(error, Err(Problem::PathOutsideFolder { .. })),
                "{written}: {error:?}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symbolic_links_out_of_the_folder() {
        let (dir, folder) = folder();
        std::os::unix::fs::symlink(
            dir.path().join("secret.txt"),
            folder.dir.join("photos/link.jpg"),
        )
        .unwrap();
        let error = folder.resolve(Path::new(""), "photos/link.jpg");
        assert!(
            matches!(error, Err(Problem::PathOutsideFolder { .. })),
            "{error:?}"
        );
    }

    #[test]
    fn reports_missing_files_and_urls() {
        let (_dir, folder) = folder();
        assert!(matches!(
            folder.resolve(Path::new(""), "photos/y.jpg"),
            Err(Problem::FileNotFound { .. })
        ));
        assert!(matches!(
            folder.resolve(Path::new(""), "photos"),
            Err(Problem::FileNotFound { .. })
        ));
        assert!(matches!(
            folder.resolve(Path::new(""), "https://e.com/a.jpg"),
            Err(Problem::ExternalImage { .. })
        ));
    }

    #[test]
    fn probes_images_and_rejects_impostors() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("a.png");
        image::RgbImage::new(30, 20).save(&png).unwrap();
        assert_eq!(probe_image(&png, "a.png").unwrap(), (30, 20));
        let text = dir.path().join("b.jpg");
        std::fs::write(&text, "not an image").unwrap();
        assert!(matches!(
            probe_image(&text, "b.jpg"),
            Err(Problem::NotAnImage { .. })
        ));
        let heic = dir.path().join("c.jpg");
        std::fs::write(&heic, b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").unwrap();
        assert!(matches!(
            probe_image(&heic, "c.jpg"),
            Err(Problem::UnsupportedImageFormat { .. })
        ));
    }

    #[test]
    fn refuses_giant_dimensions_from_the_header() {
        // A PNG header claiming 100,000 × 100,000 pixels, with no pixel data.
        let mut png = Vec::new();
        png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(b"IHDR");
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(&ihdr);
        png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.png");
        std::fs::write(&path, png).unwrap();
        let error = probe_image(&path, "bomb.png");
        assert!(
            matches!(
                error,
                Err(Problem::ImageTooLarge { .. } | Problem::NotAnImage { .. })
            ),
            "{error:?}"
        );
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
