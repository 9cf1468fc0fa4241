//! `whosaid eval`: score claims against gold quotations with the referee's definitions.
//!
//! The figures come from `whosaid-eval`, which reproduces ../shared/eval/score.py to the last
//! digit; this module only gathers the inputs (gold, articles, predictions), runs extraction
//! when there is no `--pred`, prints each track and checks the thresholds. Gold with speaker
//! fields adds whosaid's own figures on them after each track's block (`whosaid_eval::Fields`).

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use rayon::prelude::*;
use whosaid::{read, Item, Pipeline, ReadOptions};
use whosaid_core::Article;
use whosaid_eval::{
    is_csv, score, Gold, GoldArticle, MatchMode, Options, Predictions, Report, Track,
};
use whosaid_export::Record;

use crate::args::{EvalArgs, MatchArg, TrackArg};
use crate::report::Reporter;

/// Runs `whosaid eval` and returns the exit status: 0, or 1 when a threshold was not met.
///
/// # Errors
///
/// Fatal errors: unreadable or malformed gold, articles or predictions; a known-quotes gold
/// without ARTICLES; predictions whose offsets fall outside their article.
pub fn run(args: &EvalArgs, pipeline: &Pipeline) -> anyhow::Result<i32> {
    let reporter = Reporter::new(false);
    let known_quotes = is_csv(&args.gold);
    let articles = if args.articles.is_empty() {
        None
    } else {
        if args.pred.is_some() && !known_quotes {
            bail!("ARTICLES are not used with --pred and a JSONL gold, which holds the texts");
        }
        Some(read_articles(&args.articles, &reporter)?)
    };
    if known_quotes && articles.is_none() {
        bail!(
            "{}: a known-quotes gold needs ARTICLES, the texts its quotes are found in",
            args.gold.display()
        );
    }
    let gold = Gold::read(&args.gold, articles.as_deref().unwrap_or_default())?;

    let preds = match &args.pred {
        Some(path) => Predictions::read(path)?,
        None => {
            let articles = match articles {
                Some(articles) => {
                    if !known_quotes {
                        check_texts(&gold, &articles, &reporter);
                    }
                    articles
                }
                None => gold.articles.iter().map(GoldArticle::article).collect(),
            };
            let records = extract(&articles, pipeline, &reporter);
            Predictions::from_records(records.iter().flatten())
        }
    };
    reporter.finish();

    let tracks: &[Track] = match args.track {
        TrackArg::All => &[Track::All],
        TrackArg::Quoted => &[Track::Quoted],
        TrackArg::Both => &[Track::All, Track::Quoted],
    };
    let options = |track| Options {
        track,
        mode: match args.match_mode {
            MatchArg::Dice => MatchMode::Dice,
            MatchArg::Contain => MatchMode::Contain,
        },
        errors: args.errors,
    };
    let mut out = io::stdout().lock();
    let mut failures = Vec::new();
    for &track in tracks {
        let report = score(&gold, &preds, &options(track))?;
        if args.json {
            writeln!(out, "{}", report.to_json())?;
        } else {
            write!(out, "{report}")?;
        }
        out.flush().context("cannot write to standard output")?;
        let mut err = io::stderr().lock();
        for line in report.error_lines() {
            // As in score.py; a closed standard error loses only the list.
            let _ = writeln!(err, "{line}");
        }
        failures.extend(below_thresholds(args, &report));
    }
    for failure in &failures {
        reporter.error(failure);
    }
    Ok(if failures.is_empty() { 0 } else { 1 })
}

/// Every threshold the report misses, as a message.
fn below_thresholds(args: &EvalArgs, report: &Report) -> Vec<String> {
    let checks = [
        ("--min-joint", "joint F1", args.min_joint, report.joint.f1),
        ("--min-span", "span F1", args.min_span, report.span.f1),
        (
            "--min-precision",
            "span precision",
            args.min_precision,
            report.span.p,
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(flag, what, min, got)| {
            let min = min?;
            (got < min).then(|| {
                format!(
                    "{what} {got:.1} on the {} track is below {flag} {min}",
                    report.track
                )
            })
        })
        .collect()
}

/// Reads every article; any article or input that cannot be read is fatal, since its claims
/// would count as missed.
fn read_articles(paths: &[PathBuf], reporter: &Reporter) -> anyhow::Result<Vec<Article>> {
    let mut articles = Vec::new();
    let mut failures = Vec::new();
    let _ = read(paths, &ReadOptions::default(), &mut |item| {
        match item {
            Item::Article { article, .. } => articles.push(article),
            Item::Failed { failure, .. } | Item::InputError(failure) => failures.push(failure),
            Item::Warning(message) => reporter.warn(&message),
        }
        Ok(())
    });
    if let Some(first) = failures.first() {
        for failure in &failures[1..] {
            reporter.error(&failure.to_string());
        }
        bail!("{first}");
    }
    Ok(articles)
}

/// Warns about gold articles without a text to extract from, and about texts that differ from
/// the gold's, whose offsets would not line up.
fn check_texts(gold: &Gold, articles: &[Article], reporter: &Reporter) {
    let given: std::collections::HashMap<&str, &str> = articles
        .iter()
        .map(|a| (a.id.0.as_str(), a.text.as_str()))
        .collect();
    let mut absent = 0;
    for g in &gold.articles {
        match given.get(g.id.as_str()) {
            None => absent += 1,
            Some(&text) if text != g.text => reporter.warn(&format!(
                "article {:?}: its text differs from the gold's; offsets may not line up",
                g.id
            )),
            Some(_) => {}
        }
    }
    if absent > 0 {
        reporter.warn(&format!(
            "{absent} of {} gold articles are not among the ARTICLES given; their claims count as missed",
            gold.articles.len()
        ));
    }
}

/// Runs the pipeline on every article in parallel; results in input order.
fn extract(
    articles: &[Article],
    pipeline: &Pipeline,
    reporter: &Reporter,
) -> Vec<Vec<Record<'static>>> {
    if let Some(set_total) = reporter.total_setter() {
        set_total(articles.iter().map(|a| a.text.len() as u64).sum());
    }
    let done = std::sync::atomic::AtomicU64::new(0);
    articles
        .par_iter()
        .map(|article| {
            let records = pipeline.records(article);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            reporter.progress(article.text.len() as u64, n);
            records
        })
        .collect()
}
