//! Embeds the default theme in the binary, so `ocop` works on any folder
//! holding only `content/`; and tells the tests which outside tools are
//! missing, so that a test needing one is reported as ignored rather than
//! passing without running (on CI, `CI=true`, nothing is ignored: the test
//! runs and fails).

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

/// Whether `program` runs with `args` and prints a version whose first
/// number is at least `major`.
fn runs(program: &Path, args: &[&str], major: u32) -> bool {
    let Ok(output) = std::process::Command::new(program).args(args).output() else {
        return false;
    };
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let first_number = text
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .and_then(|n| n.parse::<u32>().ok());
    output.status.success() && first_number.is_some_and(|n| n >= major)
}

/// The first of `names` found on `PATH`.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Sets `ocop_missing="<tool>"` for each tool the tests need that is not
/// here. Cargo runs this again when `PATH`, `CI` or a tool's variable
/// changes; a tool installed into an unchanged `PATH` needs
/// `touch build.rs`.
fn probe_tools(root: &Path) {
    let tools = ["chromium", "node", "java", "weed", "userns"];
    let values: Vec<String> = tools.iter().map(|t| format!("{t:?}")).collect();
    println!(
        "cargo::rustc-check-cfg=cfg(ocop_missing, values({}))",
        values.join(", ")
    );
    for variable in ["CI", "PATH", "CHROMIUM", "OCOP_WEED"] {
        println!("cargo:rerun-if-env-changed={variable}");
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        return;
    }
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let weed = std::env::var_os("OCOP_WEED")
        .map(PathBuf::from)
        .or_else(|| Some(root.join(".venv/bin/weed")).filter(|p| p.is_file()))
        .or_else(|| on_path(&["weed"]));
    let present = [
        chromium.is_file(),
        // playwright-core needs Node.js 20, and npm installs it.
        runs(Path::new("node"), &["--version"], 20) && on_path(&["npm"]).is_some(),
        runs(Path::new("java"), &["-version"], 11),
        weed.is_some_and(|w| runs(&w, &["version"], 0)),
        // A full disk is made as a small tmpfs in a user namespace.
        std::process::Command::new("unshare")
            .args(["-Urm", "true"])
            .output()
            .is_ok_and(|o| o.status.success()),
    ];
    for (tool, present) in tools.iter().zip(present) {
        if !present {
            println!("cargo:rustc-cfg=ocop_missing={tool:?}");
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
    probe_tools(&root);
}
