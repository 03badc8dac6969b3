//! Reading content files: size limit, UTF-8 check, BOM and CRLF tolerance.

use crate::diagnostic::{Diagnostic, Location, Problem};
use std::io::Read;
use std::path::Path;

/// Content files are short texts; anything larger is a mistake (a pasted
/// export, a photo saved as .yaml) and must not exhaust memory.
pub const MAX_CONTENT_FILE: u64 = 1 << 20;

/// Reads a content file as text. `display` is the path shown in errors.
pub fn read_text(path: &Path, display: &Path) -> Result<String, Box<Diagnostic>> {
    let fail = |problem| Box::new(Diagnostic::error(display, None, problem));
    let file = open_no_link(path).map_err(|e| {
        fail(match e {
            OpenError::Link => Problem::SymlinkNotAllowed,
            OpenError::Io(e) => Problem::ReadFailed {
                reason: e.to_string(),
            },
        })
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_CONTENT_FILE {
        return Err(fail(Problem::FileTooLarge {
            size,
            limit: MAX_CONTENT_FILE,
        }));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_CONTENT_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            fail(Problem::ReadFailed {
                reason: e.to_string(),
            })
        })?;
    if bytes.len() as u64 > MAX_CONTENT_FILE {
        return Err(fail(Problem::FileTooLarge {
            size: bytes.len() as u64,
            limit: MAX_CONTENT_FILE,
        }));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            // Everything before the bad byte is valid UTF-8.
            let before = std::str::from_utf8(valid).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[line_start..].chars().count() + 1;
            let location = Location::in_text(before, line, column, 1);
            return Err(Box::new(Diagnostic::error(
                display,
                Some(location),
                Problem::NotUtf8,
            )));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    // Old Mac files end lines with CR alone; counting them as line ends
    // keeps every reported line number where an editor shows it.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if let Some((at, found)) = text
        .char_indices()
        .find(|&(_, c)| crate::text::is_hidden_control(c))
    {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        return Err(Box::new(Diagnostic::error(
            display,
            Some(Location::in_text(&text, line, column, 1)),
            Problem::ForbiddenCharacter {
                code: u32::from(found),
            },
        )));
    }
    Ok(text)
}

enum OpenError {
    Link,
    Io(std::io::Error),
}

/// Opens `path` unless it is a symbolic link: a link's target is invisible
/// in a diff, and reading through one would publish whatever it points at.
/// On Linux the open itself refuses a link, with no extra call per file.
fn open_no_link(path: &Path) -> Result<std::fs::File, OpenError> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
            .map_err(|e| match e.raw_os_error() {
                Some(libc::ELOOP) => OpenError::Link,
                _ => OpenError::Io(e),
            })
    }
    #[cfg(not(target_os = "linux"))]
    {
        if path
            .symlink_metadata()
            .is_ok_and(|meta| meta.file_type().is_symlink())
        {
            return Err(OpenError::Link);
        }
        std::fs::File::open(path).map_err(OpenError::Io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.yaml");
        std::fs::write(&path, bytes).unwrap();
        read_text(&path, Path::new("x.yaml"))
    }

    #[test]
    fn refuses_control_and_direction_characters_where_they_are() {
        for (text, code, line, column) in [
            ("name: a\u{0}b\n", 0, 1, 8),
            ("a: b\nname: \u{1b}[31mred\n", 0x1b, 2, 7),
            ("a: b\nname: x\u{202e}fdp.exe\n", 0x202e, 2, 8),
            ("a: \u{85}\n", 0x85, 1, 4),
        ] {
            let error = read(text.as_bytes()).unwrap_err();
            assert_eq!(
                error.problem,
                Problem::ForbiddenCharacter { code },
                "{text:?}"
            );
            let location = error.location.unwrap();
            assert_eq!((location.line, location.column), (line, column), "{text:?}");
        }
        assert!(read("a:\tb\n  c\n".as_bytes()).is_ok());
    }

    #[test]
    fn cr_only_line_ends_count_as_lines() {
        let error = read(b"a: b\rc: d\rname: \x01\r").unwrap_err();
        assert_eq!(error.location.unwrap().line, 3);
        assert_eq!(read(b"a: b\rc: d\r").unwrap(), "a: b\nc: d\n");
    }

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(
            read("\u{feff}name: A\r\nkind: b\r\n".as_bytes()).unwrap(),
            "name: A\nkind: b\n"
        );
    }

    #[test]
    fn reports_the_position_of_invalid_utf8() {
        let error = read(b"name: A\nprovince: S\xf3c Tr\xe3ng\n").unwrap_err();
        assert_eq!(error.problem, Problem::NotUtf8);
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column), (2, 12));
    }

    #[test]
    fn refuses_huge_files() {
        let error = read(&vec![b'a'; (MAX_CONTENT_FILE + 10) as usize]).unwrap_err();
        assert!(matches!(error.problem, Problem::FileTooLarge { .. }));
    }
}
