//! `ocop import`: producer and product files from a spreadsheet.

use ocop::lang::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Create or update producer and product files from a CSV with the
/// columns of data/products.csv (docs/data.md).
#[derive(clap::Args)]
pub struct Args {
    /// The CSV file (UTF-8, with or without BOM; `,` or `;` separated).
    file: PathBuf,
    /// The site folder, holding content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Report what would change without writing anything.
    #[arg(long)]
    dry_run: bool,
    /// Import the rows that can be used even when others cannot (by
    /// default, one refused row means no file is written).
    #[arg(long)]
    skip_invalid: bool,
}

/// `ocop import`: prints every problem of every refused row and what
/// changed. Exit status 0 when every row was used, 1 when some were refused
/// (then nothing is written, unless `--skip-invalid` imports the others), 2
/// when nothing could be read or written.
pub fn run(args: Args, lang: Lang) -> ExitCode {
    let dry_run = args.dry_run;
    let options = ocop::data::ImportOptions {
        file: args.file,
        root: args.root,
        dry_run,
        skip_invalid: args.skip_invalid,
    };
    let report = match ocop::data::import(&options) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("{}: {error}", lang.pick("lỗi", "error"));
            return ExitCode::from(2);
        }
    };
    for problem in &report.problems {
        let column = problem
            .column
            .as_deref()
            .map(|c| format!(", {} {c}", lang.pick("cột", "column")))
            .unwrap_or_default();
        eprintln!(
            "{}:{}{column}: {}",
            options.file.display(),
            problem.row,
            lang.pick(&problem.message.0, &problem.message.1)
        );
    }
    if !report.problems.is_empty() && !options.skip_invalid {
        let refused = report.refused_rows();
        eprintln!(
            "{}",
            lang.pick(
                format!(
                    "{refused} dòng có lỗi nên chưa ghi tệp nào. Sửa các lỗi trên rồi chạy lại, \
                     hoặc thêm --skip-invalid để nhập các dòng còn lại."
                ),
                format!(
                    "{refused} rows have problems, so no file was written. Fix the problems above and run again, \
                     or add --skip-invalid to import the other rows."
                ),
            )
        );
        return ExitCode::from(1);
    }
    let verb = |vi: &'static str, en: &'static str| lang.pick(vi, en);
    for (files, vi, en) in [
        (&report.created, "tạo", "create"),
        (&report.updated, "cập nhật", "update"),
    ] {
        for path in files {
            println!("{} {}", verb(vi, en), path.display());
        }
    }
    let summary = match lang {
        Lang::Vi => format!(
            "{}{} dòng dùng được, {} dòng bị bỏ qua; {} tệp tạo mới, {} tệp cập nhật, {} tệp không đổi",
            if dry_run {
                "(chạy thử, chưa ghi gì) "
            } else {
                ""
            },
            report.rows,
            report.refused_rows(),
            report.created.len(),
            report.updated.len(),
            report.unchanged.len()
        ),
        Lang::En => format!(
            "{}{} rows used, {} rows refused; {} files created, {} updated, {} unchanged",
            if dry_run {
                "(dry run, nothing written) "
            } else {
                ""
            },
            report.rows,
            report.refused_rows(),
            report.created.len(),
            report.updated.len(),
            report.unchanged.len()
        ),
    };
    println!("{summary}");
    if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
