//! `whosaid audit`: an HTML report to check attributions by eye.
//!
//! Articles are read and processed as `whosaid extract` does it ([`crate::run`]), and gathered
//! in input order into pages of `--per-page` (matched with the rows of `--claims` there); each
//! page is rendered and written once the next is full, so memory holds two pages and a few
//! chunks whatever the input size. A report that fits in one page is the one file `-o`;
//! a longer one is `-o` as an index page plus `STEM-0001.html`, `STEM-0002.html`, ... next
//! to it, each self-contained.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use whosaid::{is_stdin, Pipeline, ReadOptions, STDIN_NAME};
use whosaid_core::{Article, Paragraph};
use whosaid_export::{AuditArticle, ClaimsByArticle, Page, PageNav, ReportIndex};

use crate::args::AuditArgs;
use crate::output::{Closed, Output, Outputs};
use crate::report::Reporter;
use crate::run;

/// Runs `whosaid audit` and returns the exit status: 0, 1 when some articles failed, 2 when
/// an input could not be read at all.
///
/// # Errors
///
/// Fatal errors: an unreadable or malformed claims CSV, a report that cannot be written.
pub fn run(args: &AuditArgs, pipeline: &Pipeline) -> anyhow::Result<i32> {
    let paths = run::input_paths(&args.paths)?;
    let reporter = Reporter::new(args.quiet);
    let claims = match &args.claims {
        Some(path) if is_stdin(path) && paths.iter().any(|p| is_stdin(p)) => {
            bail!("--claims - and articles on standard input cannot both be read from it")
        }
        Some(path) => Some(read_claims(path)?),
        None => None,
    };
    let threads = run::thread_count(args.threads);
    let title = args.title.clone().unwrap_or_else(|| default_title(args));
    let options = ReadOptions {
        outlet: args.outlet.clone(),
        follow_links: args.follow,
    };
    let work = AuditWork {
        pipeline,
        with_claims: claims.is_some(),
    };
    // The report and its pages replace no input (the articles, `--claims`); they are written
    // to temporary files and renamed into place when the run completes.
    let mut inputs = paths.clone();
    inputs.extend(args.claims.clone());
    let outputs = Outputs::new(&inputs);
    outputs.refuse_pages("-o", &args.output)?;
    let mut pages = Pages {
        report: Report::new(&args.output, title, outputs),
        reporter: &reporter,
        claims,
        per_page: usize::try_from(args.per_page).unwrap_or(usize::MAX),
        read: 0,
        articles: Vec::new(),
        claim_count: 0,
        weak: 0,
    };
    let counts = run::process_inputs(&paths, threads, &options, &work, &mut pages, &reporter)?;
    if pages.read > 0 {
        let articles = std::mem::take(&mut pages.articles);
        pages.report.page(articles)?;
    }
    // A run that could not read one of its inputs at all (a mistyped path) failed: the report's
    // files keep what they held.
    let written = pages.report.finish(counts.input_errors == 0)?;

    if let Some(left) = pages.claims.filter(|c| !c.is_empty()) {
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
        counts.read, counts.failed, pages.claim_count, pages.weak, written
    ));
    Ok(counts.exit_status())
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

/// What a worker makes of an article: its part of the report, from a run of the pipeline; or,
/// with `--claims`, the article and its segmentation, to be matched with its rows in input
/// order (the first article with an id takes that id's rows).
struct AuditWork<'a> {
    pipeline: &'a Pipeline,
    with_claims: bool,
}

/// A worker's result for [`AuditWork`].
enum Audited {
    /// The article's part of the report.
    Ready(AuditArticle),
    /// What its part is made of once its rows are known.
    AwaitingRows {
        article: Article,
        paragraphs: Vec<Paragraph>,
    },
}

impl run::Work for AuditWork<'_> {
    type Done = Audited;

    fn article(&self, article: &Article) -> Result<Audited, String> {
        let processed = self.pipeline.process(article);
        Ok(if self.with_claims {
            Audited::AwaitingRows {
                article: article.clone(),
                paragraphs: processed.paragraphs,
            }
        } else {
            Audited::Ready(AuditArticle::from_attributions(
                article,
                &processed.paragraphs,
                &processed.attributions,
            ))
        })
    }
}

/// Gathers the articles of each page in input order and hands full pages to the [`Report`].
struct Pages<'a> {
    report: Report,
    reporter: &'a Reporter,
    /// The rows of `--claims` not yet matched with an article, by article id.
    claims: Option<ClaimsByArticle>,
    per_page: usize,
    /// Articles read for the page being gathered, failed ones included: a page is cut every
    /// `--per-page` articles read, and shows those that did not fail.
    read: usize,
    articles: Vec<AuditArticle>,
    claim_count: usize,
    /// Claims that need review.
    weak: usize,
}

impl run::Sink<Audited> for Pages<'_> {
    fn article(
        &mut self,
        id: &str,
        result: Result<Audited, String>,
    ) -> anyhow::Result<Result<(), String>> {
        // Taken even when the article failed, so that its rows are not reported as left over.
        let rows = self
            .claims
            .as_mut()
            .map(|c| c.remove(id).unwrap_or_default());
        let result = result.and_then(|audited| match audited {
            Audited::Ready(article) => Ok(article),
            Audited::AwaitingRows {
                article,
                paragraphs,
            } => run::catch(|| {
                AuditArticle::from_records(&article, &paragraphs, rows.unwrap_or_default())
            }),
        });
        self.read += 1;
        let result = result.map(|article| {
            for problem in &article.problems {
                self.reporter
                    .warn(&format!("article {:?}: {problem}", article.id));
            }
            self.claim_count += article.claims.len();
            self.weak += article.claims.iter().filter(|c| c.weak.is_some()).count();
            self.articles.push(article);
        });
        if self.read >= self.per_page {
            self.read = 0;
            self.report.page(std::mem::take(&mut self.articles))?;
        }
        Ok(result)
    }
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
    /// The outputs of the run, each page opened as one.
    outputs: Outputs,
    /// Pages written, renamed into place with the index when the report is complete.
    done: Vec<Closed>,
}

impl Report {
    fn new(output: &Path, title: String, outputs: Outputs) -> Report {
        Report {
            output: output.to_path_buf(),
            title,
            index: ReportIndex::new(),
            held: None,
            written: 0,
            articles: 0,
            outputs,
            done: Vec::new(),
        }
    }

    /// Writes one file of the report, to be renamed into place with the others.
    fn write_file(
        &mut self,
        path: &Path,
        write: impl FnOnce(&mut Output) -> io::Result<()>,
    ) -> anyhow::Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let mut out = self.outputs.open("-o", Some(path))?;
        write(&mut out).with_context(|| format!("cannot write to {}", path.display()))?;
        self.done.push(out.close()?);
        Ok(())
    }

    /// Renames every file of the report into place.
    fn commit(&mut self) -> anyhow::Result<()> {
        for page in self.done.drain(..) {
            page.commit()?;
        }
        Ok(())
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
        self.write_file(&path, |out| page.write(out))?;
        self.written += 1;
        Ok(())
    }

    /// Writes what is left: the single page, or the last page and the index, and renames them
    /// all into place; without `commit`, deletes what was written. Returns what was written,
    /// for the summary.
    fn finish(mut self, commit: bool) -> anyhow::Result<String> {
        if !commit {
            return Ok(format!(
                "no report ({} is left as it was)",
                self.output.display()
            ));
        }
        let held = self.held.take();
        if self.written == 0 {
            let articles = held.map(|(a, _)| a).unwrap_or_default();
            let title = self.title.clone();
            let page = Page {
                title: &title,
                articles: &articles,
                first: 0,
                nav: None,
            };
            let output = self.output.clone();
            self.write_file(&output, |out| page.write(out))?;
            self.commit()?;
            return Ok(self.output.display().to_string());
        }
        if let Some((articles, first)) = held {
            self.write_page(&articles, first, false)?;
        }
        let (output, index, title) = (
            self.output.clone(),
            std::mem::take(&mut self.index),
            self.title.clone(),
        );
        self.write_file(&output, |out| index.write(&title, out))?;
        self.commit()?;
        Ok(format!(
            "{} (index) and {} pages beside it",
            self.output.display(),
            self.written
        ))
    }
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
        let r = Report::new(
            Path::new("out/audit.html"),
            String::new(),
            Outputs::new(&[]),
        );
        assert_eq!(r.page_name(3), "audit-0003.html");
    }
}
