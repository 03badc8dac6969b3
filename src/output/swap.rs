//! Swapping the new site in with no moment where the output is missing.
//!
//! Two renames (the old site aside, the new one in) leave a gap in which
//! a web server serving the output finds no `index.html` and answers 404.
//! Linux exchanges two paths in one step (`renameat2` with
//! `RENAME_EXCHANGE`, since 3.15, on the common file systems); elsewhere,
//! or where the file system cannot, the caller falls back to the renames.

use std::io;
use std::path::Path;

/// Exchanges the folders `a` and `b` (both existing) in one step. `Ok(false)`
/// when the system or the file system cannot, and nothing was changed.
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        const RENAME_EXCHANGE: libc::c_uint = 1 << 1;
        let path = |p: &Path| {
            CString::new(p.as_os_str().as_bytes())
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL in a path"))
        };
        let (a, b) = (path(a)?, path(b)?);
        // The system call rather than glibc's wrapper: the wrapper is
        // missing from glibc before 2.28 and from older musl.
        // SAFETY: both pointers are to NUL-terminated strings that live
        // until the call returns; the call reads them and nothing else.
        let result = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                RENAME_EXCHANGE,
            )
        };
        if result == 0 {
            return Ok(true);
        }
        let error = io::Error::last_os_error();
        match error.raw_os_error() {
            // No such call (old kernel, some sandboxes), or not on this
            // file system.
            Some(libc::ENOSYS | libc::EINVAL | libc::EOPNOTSUPP | libc::EPERM) => Ok(false),
            _ => Err(error),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchanges_two_folders_or_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("index.html"), b"new").unwrap();
        std::fs::write(b.join("index.html"), b"old").unwrap();
        let exchanged = exchange(&a, &b).unwrap();
        let (in_a, in_b) = if exchanged {
            (&b"old"[..], &b"new"[..])
        } else {
            (&b"new"[..], &b"old"[..])
        };
        assert_eq!(std::fs::read(a.join("index.html")).unwrap(), in_a);
        assert_eq!(std::fs::read(b.join("index.html")).unwrap(), in_b);
        #[cfg(target_os = "linux")]
        assert!(exchanged, "a temporary folder on Linux can exchange");
        assert!(exchange(&a, &dir.path().join("missing")).is_err() || !exchanged);
    }
}
