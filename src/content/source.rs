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
    let file = std::fs::File::open(path).map_err(|e| {
        fail(Problem::ReadFailed {
            reason: e.to_string(),
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
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
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
