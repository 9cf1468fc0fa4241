//! `whosaid check`: a list of known quotes as regression tests. Every row of the list passes or
//! fails on its own, with the reason, so that CI names the quote that was lost or
//! misattributed; a problem of the list itself (an unknown article, a quote not in its text, a
//! malformed row) is that row's failure, and checking goes on. The locating and the matching
//! are whosaid-eval's ([`read_known`], [`check_known`]), the ones `whosaid eval` scores with.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, Write};

use anyhow::Context;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use rayon::prelude::*;
use whosaid::{read, Item, Pipeline, ReadOptions};
use whosaid_core::Article;
use whosaid_eval::{check_known, read_known, Found, KnownQuote, Prediction, Predictions, Verdict};

use crate::args::CheckArgs;
use crate::output::Outputs;
use crate::report::Reporter;

/// The longest quote shown in a line, in characters; longer ones are cut with "…".
const QUOTE_SHOWN: usize = 80;

/// Runs `whosaid check` and returns the exit status: 0 when every row passes, 1 when any
/// fails.
///
/// # Errors
///
/// Fatal errors: KNOWN cannot be read or lacks a column, the JUnit file is an input or cannot
/// be written.
pub fn run(args: &CheckArgs, pipeline: &Pipeline) -> anyhow::Result<i32> {
    let name = args.known.display().to_string();
    let file = File::open(&args.known).with_context(|| format!("cannot open {name}"))?;
    let mut inputs = args.articles.clone();
    inputs.push(args.known.clone());
    let junit = match &args.junit {
        Some(path) => Some(Outputs::new(&inputs).open("--junit", Some(path))?),
        None => None,
    };
    let reporter = Reporter::new(true);
    let articles = read_articles(args, &reporter);
    let rows = read_known(file, &name, &articles)?;

    let wanted: HashSet<&str> = rows
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|q| q.article.as_str())
        .collect();
    let predictions: HashMap<&str, Predictions> = articles
        .par_iter()
        .filter(|a| wanted.contains(a.id.0.as_str()))
        .map(|a| {
            let records = pipeline.records(a);
            (a.id.0.as_str(), Predictions::from_records(records.iter()))
        })
        .collect();

    let mut out = io::stdout().lock();
    let mut tally = Tally::default();
    let mut cases = Vec::new();
    for row in &rows {
        let (line, title, result) = match row {
            Ok(known) => {
                let preds: Vec<&Prediction> = predictions
                    .get(known.article.as_str())
                    .map(|p| p.rows.iter().collect())
                    .unwrap_or_default();
                let verdict = check_known(known, &preds);
                tally.count(&verdict);
                let title = head(&name, known);
                let result = outcome(&title, &verdict);
                (known.line, title, result)
            }
            Err(problem) => {
                tally.problems += 1;
                let line = format!("{name}:{}: {}", problem.line, problem.reason);
                (problem.line, format!("{name}:{}", problem.line), Err(line))
            }
        };
        // A test case is named by its row, not by what was found, so that CI systems follow
        // it from run to run.
        let case = match &result {
            Ok(text) => {
                if !args.quiet {
                    writeln!(out, "PASS {text}")?;
                }
                TestCase::new(title, TestCaseStatus::success())
            }
            Err(text) => {
                writeln!(out, "FAIL {text}")?;
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(text.clone());
                TestCase::new(title, status)
            }
        };
        cases.push((line, case));
    }
    writeln!(out, "{}", tally.summary(&name))?;
    out.flush().context("cannot write to standard output")?;

    if let Some(target) = junit {
        let mut suite = TestSuite::new(format!("whosaid check {name}"));
        for (line, mut case) in cases {
            case.set_classname(format!("{name}:{line}"));
            suite.add_test_case(case);
        }
        let mut report = Report::new("whosaid check");
        report.add_test_suite(suite);
        let mut target = target;
        report
            .serialize(&mut target)
            .with_context(|| format!("cannot write to {}", target.name()))?;
        target.commit()?;
    }
    Ok(if tally.failed() == 0 { 0 } else { 1 })
}

/// Every article of ARTICLES; one that cannot be read is reported, and the rows that name it
/// fail as naming an unknown article.
fn read_articles(args: &CheckArgs, reporter: &Reporter) -> Vec<Article> {
    let mut articles = Vec::new();
    let _ = read(&args.articles, &ReadOptions::default(), &mut |item| {
        match item {
            Item::Article { article, .. } => articles.push(article),
            Item::Failed { failure, .. } | Item::InputError(failure) => {
                reporter.error(&failure.to_string());
            }
            Item::Warning(message) => reporter.warn(&message),
        }
        Ok(())
    });
    articles
}

/// What names a row: the list, its line, the article and the quote.
fn head(name: &str, known: &KnownQuote) -> String {
    format!(
        "{name}:{} article {:?}: {:?}",
        known.line,
        known.article,
        shown(&known.quote)
    )
}

/// A row's line without its PASS or FAIL: `Ok` when it passes.
fn outcome(head: &str, verdict: &Verdict) -> Result<String, String> {
    let at = |c: &Found| format!("claim {}, characters {}..{}", c.claim_id, c.start, c.end);
    match verdict {
        Verdict::Pass { claim } => {
            let speaker = if claim.speaker.is_empty() {
                "no speaker"
            } else {
                &claim.speaker
            };
            Ok(format!("{head}: {speaker} ({})", at(claim)))
        }
        Verdict::NotFound => Err(format!("{head}: not found")),
        Verdict::Wrong { claim, reasons } => {
            Err(format!("{head}: {} ({})", reasons.join("; "), at(claim)))
        }
    }
}

/// The quote as shown in a line: at most [`QUOTE_SHOWN`] characters.
fn shown(quote: &str) -> String {
    match quote.char_indices().nth(QUOTE_SHOWN) {
        Some((at, _)) => format!("{}…", &quote[..at]),
        None => quote.to_string(),
    }
}

/// The counts behind the summary line.
#[derive(Debug, Default)]
struct Tally {
    passed: usize,
    not_found: usize,
    wrong: usize,
    /// Rows that could not be checked: problems of the list itself.
    problems: usize,
}

impl Tally {
    fn count(&mut self, verdict: &Verdict) {
        match verdict {
            Verdict::Pass { .. } => self.passed += 1,
            Verdict::NotFound => self.not_found += 1,
            Verdict::Wrong { .. } => self.wrong += 1,
        }
    }

    fn failed(&self) -> usize {
        self.not_found + self.wrong + self.problems
    }

    fn summary(&self, name: &str) -> String {
        let rows = self.passed + self.failed();
        let found = self.passed + self.wrong;
        let recall = if rows > 0 {
            100.0 * found as f64 / rows as f64
        } else {
            0.0
        };
        format!(
            "{name}: {rows} known quotes, {} passed, {} failed ({} not found, {} found with \
             another speaker, role, outlet or kind, {} problems in the list); recall {recall:.1} \
             ({found} of {rows} found)",
            self.passed,
            self.failed(),
            self.not_found,
            self.wrong,
            self.problems,
        )
    }
}
