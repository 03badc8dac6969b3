//! A bar of files and bytes on a terminal; nothing otherwise (the summary
//! line says what was done).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for `files` uploads of `bytes` in all, if stderr is a terminal
    /// and `show` is set.
    pub fn new(files: usize, bytes: u64, show: bool) -> Progress {
        if !show || !std::io::stderr().is_terminal() || files == 0 {
            return Progress { bar: None };
        }
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} [{bar:30}] {bytes}/{total_bytes} {msg} ({bytes_per_sec}, {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(format!("0/{files} files"));
        Progress { bar: Some(bar) }
    }

    pub fn uploaded(&self, done: usize, files: usize, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!("{done}/{files} files"));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
