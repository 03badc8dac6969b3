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

#[path = "support/generate.rs"]
mod generate;

use generate::{Spec, generate};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo bench --bench generate -- [--products N] [--producers M] \
                     [--seed S] [--photos] --out DIR";

fn parse(args: &[String]) -> Result<(Spec, PathBuf), String> {
    let mut spec = Spec::default();
    let mut out = None;
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
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    Ok((spec, out))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().all(|a| a == "--bench") {
        // Run without arguments (`cargo bench`, `cargo test --benches`): nothing to do.
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let (spec, out) = match parse(&args) {
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
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot generate into {}: {error}", out.display());
            ExitCode::FAILURE
        }
    }
}
