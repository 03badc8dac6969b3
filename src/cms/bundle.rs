//! The Decap CMS script, a pinned release embedded in the binary (see
//! `vendor/decap-cms/SOURCE.md`), so the admin page loads nothing from
//! other hosts.

use std::io::Read;

/// The version of `decap-cms` vendored.
pub const DECAP_VERSION: &str = "3.16.3";

/// sha256 of `dist/decap-cms.js` of that release, uncompressed.
pub const DECAP_SHA256: &str = "7c1efd6b616b4786e279aeef194dd21649a72058d3bc8d1f78901b574610dfb8";

/// The script, gzipped.
pub const DECAP_GZ: &[u8] = include_bytes!("../../vendor/decap-cms/decap-cms.js.gz");

/// The licence of Decap CMS, published next to the script.
pub const DECAP_LICENSE: &str = include_str!("../../vendor/decap-cms/LICENSE");

/// The licences of the libraries inside the script.
pub const DECAP_THIRD_PARTY: &str = include_str!("../../vendor/decap-cms/decap-cms.js.LICENSE.txt");

/// The script, uncompressed.
pub fn decap_js() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(5_300_000);
    flate2::read::GzDecoder::new(DECAP_GZ).read_to_end(&mut out)?;
    Ok(out)
}

/// Lower-case hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_script_is_the_pinned_release() {
        let js = decap_js().unwrap();
        assert_eq!(sha256_hex(&js), DECAP_SHA256);
        let source = include_str!("../../vendor/decap-cms/SOURCE.md");
        assert!(source.contains(DECAP_SHA256) && source.contains(DECAP_VERSION));
        assert!(DECAP_LICENSE.contains("MIT License"));
    }
}
