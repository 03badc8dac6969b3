//! Any bytes as a product or producer file, YAML or Markdown: the parser
//! must never panic, hang or run out of memory, must locate every problem
//! inside the file, and a file it accepts must not carry markup into the
//! rendered description.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ocop::content::{ProducerFolder, check_producer_text, check_product_text};
use ocop::model::Date;
use ocop::reference::Reference;
use std::sync::OnceLock;

struct Setup {
    _dir: tempfile::TempDir,
    folder: ProducerFolder,
    reference: Reference,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("products")).expect("products dir");
        let folder = ProducerFolder::new(dir.path().to_path_buf()).expect("folder");
        Setup { _dir: dir, folder, reference: Reference::builtin() }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let setup = setup();
    let markdown = selector & 1 == 1;
    let line_count = text.split('\n').count();
    let diagnostics = if selector & 2 == 0 {
        let today = Date::new(2026, 11, 26).expect("date");
        let (product, diagnostics) = check_product_text(text, markdown, &setup.folder, &setup.reference, today);
        if let Some(description) = product.and_then(|p| p.description) {
            let html = ocop::markdown::render(&description.markdown, &|_| None);
            assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
        }
        diagnostics
    } else {
        check_producer_text(text, markdown, &setup.folder, &setup.reference).1
    };
    for diagnostic in diagnostics {
        if let Some(location) = diagnostic.location {
            assert!(location.line >= 1 && location.line <= line_count, "line {} of {line_count}", location.line);
            assert!(location.column >= 1);
        }
        // Messages must be printable in both languages.
        let _ = diagnostic.problem.message(ocop::lang::Lang::Vi);
        let _ = diagnostic.problem.help(ocop::lang::Lang::En);
    }
});
