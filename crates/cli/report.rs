//! Everything whosaid tells people, on standard error: warnings, failures, progress, summary.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Writes messages to standard error, around the progress bar when there is one.
#[derive(Debug)]
pub struct Reporter {
    quiet: bool,
    bar: Option<ProgressBar>,
    started: Instant,
}

// Decimal units (MB, MB/s), as in the summary line.
const KNOWN_SIZE: &str = "{spinner} {elapsed_precise} [{wide_bar}] {decimal_bytes}/\
                          {decimal_total_bytes} {decimal_bytes_per_sec}, {msg}, ETA {eta}";
const UNKNOWN_SIZE: &str =
    "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec}, {msg}";

impl Reporter {
    /// A reporter; the progress bar shows only when standard error is a terminal and the user
    /// did not ask for quiet.
    pub fn new(quiet: bool) -> Reporter {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(style(UNKNOWN_SIZE));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Reporter {
            quiet,
            bar,
            started: Instant::now(),
        }
    }

    /// A handle to set the total size from another thread once it is known.
    pub fn total_setter(&self) -> Option<impl Fn(u64) + Send + 'static> {
        let bar = self.bar.clone()?;
        Some(move |total: u64| {
            bar.set_length(total);
            bar.set_style(style(KNOWN_SIZE));
        })
    }

    /// Advances the progress bar.
    pub fn progress(&self, bytes: u64, articles: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{articles} articles ({:.0}/s)",
                articles as f64 / secs
            ));
        }
    }

    /// Advances the progress bar by `bytes`, with `message` beside it ("file 2 of 5"), for a
    /// command that reads something other than articles.
    pub fn advance(&self, bytes: u64, message: &str) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            if bar.message() != message {
                bar.set_message(message.to_string());
            }
        }
    }

    /// A warning: loses nothing, hidden by `--quiet`.
    pub fn warn(&self, message: &str) {
        if !self.quiet {
            self.print(message);
        }
    }

    /// An error: always shown.
    pub fn error(&self, message: &str) {
        self.print(message);
    }

    /// The end-of-run summary: hidden by `--quiet`; removes the progress bar.
    pub fn summary(&self, message: &str) {
        self.finish();
        if !self.quiet {
            self.print(message);
        }
    }

    /// Time since the reporter was made.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Removes the progress bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn print(&self, message: &str) {
        // A closed standard error must not turn a finished run into a panic, so write errors
        // are ignored rather than going through eprintln!.
        let write = || {
            let _ = writeln!(std::io::stderr().lock(), "whosaid: {message}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).expect("progress templates are valid")
}

impl Drop for Reporter {
    fn drop(&mut self) {
        // An error ends the run early: the bar must not stay on screen above the message.
        self.finish();
    }
}
