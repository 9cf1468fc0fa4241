//! `whosaid audit`: an HTML report to check attributions by eye.
//!
//! Articles are read in pages of `--per-page`; each page is processed in parallel (or matched
//! with the rows of `--claims`), rendered and written before the next is read, so memory holds
//! two pages whatever the input size. A report that fits in one page is the one file `-o`;
//! a longer one is `-o` as an index page plus `STEM-0001.html`, `STEM-0002.html`, ... next
//! to it, each self-contained.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use rayon::prelude::*;
use whosaid::{is_stdin, read, Item, Pipeline, ReadOptions, Stop, STDIN_NAME};
use whosaid_core::Article;
use whosaid_export::{AuditArticle, ClaimsByArticle, Page, PageNav, Record, ReportIndex};

use crate::args::AuditArgs;
use crate::report::Reporter;

/// Runs `whosaid audit` and returns the exit status: 0, 1 when some articles failed, 2 when
/// an input could not be read at all.
///
/// # Errors
///
/// Fatal errors: an unreadable or malformed claims CSV, a report that cannot be written.
pub fn run(args: &AuditArgs, pipeline: &Pipeline) -> anyhow::Result<i32> {
    let paths = if !args.paths.is_empty() {
        args.paths.clone()
    } else if io::stdin().is_terminal() {
        bail!("no input: give PATHs to read, or - to read JSONL from standard input (see --help)");
    } else {
        vec![PathBuf::from("-")]
    };
    let reporter = Reporter::new(args.quiet);
    let mut claims = match &args.claims {
        Some(path) if is_stdin(path) && paths.iter().any(|p| is_stdin(p)) => {
            bail!("--claims - and articles on standard input cannot both be read from it")
        }
        Some(path) => Some(read_claims(path)?),
        None => None,
    };
    let threads = match args.threads {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("whosaid-worker-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    let title = args.title.clone().unwrap_or_else(|| default_title(args));
    let per_page = usize::try_from(args.per_page).unwrap_or(usize::MAX);

    let mut report = Report::new(&args.output, title);
    let mut stats = Stats::default();
    let mut batch: Vec<Article> = Vec::new();
    let mut fatal: Option<anyhow::Error> = None;
    let options = ReadOptions {
        outlet: args.outlet.clone(),
    };
    let mut page = |batch: Vec<Article>, stats: &mut Stats, report: &mut Report| {
        let rows: Vec<Option<Vec<Record<'static>>>> = batch
            .iter()
            .map(|a| {
                claims
                    .as_mut()
                    .map(|c| c.remove(&a.id.0).unwrap_or_default())
            })
            .collect();
        let done: Vec<Result<AuditArticle, String>> = pool.install(|| {
            batch
                .par_iter()
                .zip(rows)
                .map(|(article, rows)| audit_article(pipeline, article, rows))
                .collect()
        });
        let mut articles = Vec::with_capacity(done.len());
        for (article, result) in batch.iter().zip(done) {
            match result {
                Ok(a) => {
                    for problem in &a.problems {
                        reporter.warn(&format!("article {:?}: {problem}", a.id));
                    }
                    stats.claims += a.claims.len();
                    stats.weak += a.claims.iter().filter(|c| c.weak.is_some()).count();
                    articles.push(a);
                }
                Err(reason) => {
                    stats.failed += 1;
                    reporter.error(&format!(
                        "article {:?}: internal error (please report it): {reason}",
                        article.id.0
                    ));
                }
            }
        }
        report.page(articles)
    };
    let _ = read(&paths, &options, &mut |item| {
        match item {
            Item::Article { article, .. } => {
                stats.read += 1;
                batch.push(article);
                if batch.len() >= per_page {
                    if let Err(e) = page(std::mem::take(&mut batch), &mut stats, &mut report) {
                        fatal = Some(e);
                        return Err(Stop);
                    }
                }
            }
            Item::Failed { failure, .. } => {
                stats.read += 1;
                stats.failed += 1;
                reporter.error(&failure.to_string());
            }
            Item::InputError(failure) => {
                stats.input_errors += 1;
                reporter.error(&failure.to_string());
            }
            Item::Warning(message) => reporter.warn(&message),
        }
        Ok(())
    });
    if let Some(e) = fatal {
        return Err(e);
    }
    if !batch.is_empty() {
        page(batch, &mut stats, &mut report)?;
    }
    let written = report.finish()?;

    if let Some(left) = claims.filter(|c| !c.is_empty()) {
        let rows: usize = left.values().map(Vec::len).sum();
        let first = left.keys().min().expect("not empty");
        reporter.warn(&format!(
            "{}: {rows} claims of {} articles have no text among the PATHs (such as {first:?}); \
             they are not in the report",
            args.claims.as_deref().unwrap_or(Path::new("-")).display(),
            left.len()
        ));
    }
    reporter.summary(&format!(
        "{} articles read, {} failed, {} claims ({} to review) in {}",
        stats.read, stats.failed, stats.claims, stats.weak, written
    ));
    Ok(if stats.input_errors > 0 {
        2
    } else if stats.failed > 0 {
        1
    } else {
        0
    })
}

#[derive(Debug, Default)]
struct Stats {
    read: u64,
    failed: u64,
    input_errors: u64,
    claims: usize,
    weak: usize,
}

fn default_title(args: &AuditArgs) -> String {
    let inputs: Vec<String> = if args.paths.is_empty() {
        vec![STDIN_NAME.to_string()]
    } else {
        args.paths.iter().map(|p| p.display().to_string()).collect()
    };
    let mut title = format!("whosaid audit · {}", inputs.join(", "));
    if let Some(claims) = &args.claims {
        title.push_str(&format!(" · {}", claims.display()));
    }
    title
}

/// Builds one article's part of the report: from a run of the pipeline, or from the rows of
/// a claims CSV (`rows`), with the segmentation only. A panic fails the article.
fn audit_article(
    pipeline: &Pipeline,
    article: &Article,
    rows: Option<Vec<Record<'static>>>,
) -> Result<AuditArticle, String> {
    panic::catch_unwind(AssertUnwindSafe(|| {
        let processed = pipeline.process(article);
        match rows {
            Some(rows) => AuditArticle::from_records(article, &processed.paragraphs, rows),
            None => AuditArticle::from_attributions(
                article,
                &processed.paragraphs,
                &processed.attributions,
            ),
        }
    }))
    .map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// Writes pages as they come. The latest page is held back until the next one arrives, so
/// that it knows whether it has a next page and whether the report is a single file.
struct Report {
    output: PathBuf,
    title: String,
    index: ReportIndex,
    /// The page held back and the number of articles before it.
    held: Option<(Vec<AuditArticle>, usize)>,
    /// Page files written.
    written: usize,
    /// Articles in pages so far.
    articles: usize,
}

impl Report {
    fn new(output: &Path, title: String) -> Report {
        Report {
            output: output.to_path_buf(),
            title,
            index: ReportIndex::new(),
            held: None,
            written: 0,
            articles: 0,
        }
    }

    /// The file name of page `n` (1-based): `report.html` -> `report-0001.html`.
    fn page_name(&self, n: usize) -> String {
        let stem = self
            .output
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report".to_string());
        format!("{stem}-{n:04}.html")
    }

    fn page(&mut self, articles: Vec<AuditArticle>) -> anyhow::Result<()> {
        let number = self.written + usize::from(self.held.is_some()) + 1;
        let name = self.page_name(number);
        for (k, article) in articles.iter().enumerate() {
            self.index.add(article, &href(&name), self.articles + k + 1);
        }
        let first = self.articles;
        self.articles += articles.len();
        if let Some((held, held_first)) = self.held.replace((articles, first)) {
            self.write_page(&held, held_first, true)?;
        }
        Ok(())
    }

    fn write_page(
        &mut self,
        articles: &[AuditArticle],
        first: usize,
        has_next: bool,
    ) -> anyhow::Result<()> {
        let n = self.written + 1;
        let index_name = self
            .output
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let nav = PageNav {
            index: href(&index_name),
            prev: (n > 1).then(|| href(&self.page_name(n - 1))),
            next: has_next.then(|| href(&self.page_name(n + 1))),
            label: format!("page {n}"),
        };
        let path = self.output.with_file_name(self.page_name(n));
        let page = Page {
            title: &format!("{} · page {n}", self.title),
            articles,
            first,
            nav: Some(&nav),
        };
        write_file(&path, |out| page.write(out))?;
        self.written += 1;
        Ok(())
    }

    /// Writes what is left: the single page, or the last page and the index. Returns what was
    /// written, for the summary.
    fn finish(mut self) -> anyhow::Result<String> {
        let held = self.held.take();
        if self.written == 0 {
            let articles = held.map(|(a, _)| a).unwrap_or_default();
            let page = Page {
                title: &self.title,
                articles: &articles,
                first: 0,
                nav: None,
            };
            write_file(&self.output, |out| page.write(out))?;
            return Ok(self.output.display().to_string());
        }
        if let Some((articles, first)) = held {
            self.write_page(&articles, first, false)?;
        }
        write_file(&self.output, |out| self.index.write(&self.title, out))?;
        Ok(format!(
            "{} (index) and {} pages beside it",
            self.output.display(),
            self.written
        ))
    }
}

fn write_file(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = BufWriter::new(file);
    write(&mut out).with_context(|| format!("cannot write to {}", path.display()))
}

/// A file name as a relative URL: everything but unreserved characters percent-encoded.
fn href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reads a claims CSV, or standard input for `-`.
fn read_claims(path: &Path) -> anyhow::Result<ClaimsByArticle> {
    if is_stdin(path) {
        return Ok(whosaid_export::read_claims(io::stdin().lock(), STDIN_NAME)?);
    }
    let name = path.display().to_string();
    let file = File::open(path).with_context(|| format!("cannot open {name}"))?;
    Ok(whosaid_export::read_claims(file, &name)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_percent_encoded() {
        assert_eq!(href("report-0001.html"), "report-0001.html");
        assert_eq!(href("my report#1.html"), "my%20report%231.html");
        assert_eq!(href("é.html"), "%C3%A9.html");
    }

    #[test]
    fn page_names_follow_the_output() {
        let r = Report::new(Path::new("out/audit.html"), String::new());
        assert_eq!(r.page_name(3), "audit-0003.html");
    }
}
