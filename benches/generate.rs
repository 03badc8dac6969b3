//! Writes a national-scale OCOP catalogue for load tests:
//!
//! ```sh
//! cargo bench --bench generate -- --products 20000 --producers 10000 --out /tmp/national
//! target/release/ocop build --root /tmp/national --timings
//! ```
//!
//! Arguments: `--products N` (default 20000), `--producers M` (default 10000),
//! `--seed S` (default 1), `--out DIR` (required; `DIR/content` must not
//! exist yet), `--photos` (also write tiny photos). The same arguments give
//! the same bytes. See `benches/support/generate.rs` for what is generated.
//! `--hugo DIR` also writes the same catalogue as a Hugo site into `DIR`
//! (`benches/support/hugo.rs`), for `benches/versus_hugo.py`.

#[path = "support/generate.rs"]
mod generate;
#[path = "support/hugo.rs"]
mod hugo;

use generate::{Spec, generate};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo bench --bench generate -- [--products N] [--producers M] \
                     [--seed S] [--photos] [--hugo DIR] --out DIR";

struct Arguments {
    spec: Spec,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Arguments, String> {
    let mut spec = Spec::default();
    let mut out = None;
    let mut hugo = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let number = |name: &str, text: String| {
            text.parse::<u64>()
                .map_err(|_| format!("{name}: not a number: {text}"))
        };
        match arg.as_str() {
            "--bench" => {} // added by `cargo bench`
            "--products" => spec.products = number(arg, value(arg)?)? as usize,
            "--producers" => spec.producers = number(arg, value(arg)?)? as usize,
            "--seed" => spec.seed = number(arg, value(arg)?)?,
            "--out" => out = Some(PathBuf::from(value(arg)?)),
            "--photos" => spec.photos = true,
            "--hugo" => hugo = Some(PathBuf::from(value(arg)?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    Ok(Arguments { spec, out, hugo })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().all(|a| a == "--bench") {
        // Run without arguments (`cargo bench`, `cargo test --benches`): nothing to do.
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let Arguments { spec, out, hugo } = match parse(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match generate(&out, &spec) {
        Ok(summary) => {
            println!(
                "Generated {} (seed {}) in {:.2} s",
                out.join("content").display(),
                spec.seed,
                started.elapsed().as_secs_f64()
            );
            println!("{summary}");
        }
        Err(error) => {
            eprintln!("cannot generate into {}: {error}", out.display());
            return ExitCode::FAILURE;
        }
    }
    match hugo.map(|dir| write_hugo(&out, &dir)) {
        Some(Err(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Loads the catalogue just generated in `root` as `ocop build` would and
/// writes it as a Hugo site into `dir`.
fn write_hugo(root: &Path, dir: &Path) -> Result<(), String> {
    let started = Instant::now();
    let options = ocop::content::LoadOptions::default();
    let (catalogue, _, _) =
        ocop::pipeline::load_catalogue(root, &options, &ocop::cancel::Cancel::new()).map_err(
            |diagnostics| format!("the generated catalogue does not load: {diagnostics:?}"),
        )?;
    let summary = hugo::write_site(&catalogue, dir)
        .map_err(|error| format!("cannot write the Hugo site into {}: {error}", dir.display()))?;
    println!(
        "Wrote the Hugo site {} ({} products, {} producers, {} files) in {:.2} s",
        dir.display(),
        summary.products,
        summary.producers,
        summary.files,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
