//! Embeds the default theme in the binary, so `ocop` works on any folder
//! holding only `content/`.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let theme = root.join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut paths = Vec::new();
    files(&theme, &mut paths);
    let mut code = String::from(
        "/// The files of the default theme: path inside the theme, contents.\npub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n",
    );
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path
            .strip_prefix(&theme)
            .expect("inside theme")
            .to_string_lossy()
            .replace('\\', "/");
        let _ = writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("default_theme.rs");
    std::fs::write(out, code).expect("write default_theme.rs");
}
