//! `whosaid eval`: score claims against gold quotations with the referee's definitions.
//!
//! The figures come from `whosaid-eval`, which reproduces ../shared/eval/score.py to the last
//! digit; this module only gathers the inputs (gold, articles, predictions), runs extraction
//! when there is no `--pred`, prints each track and checks the thresholds.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::ValueEnum;
use rayon::prelude::*;
use whosaid::{read, Item, Pipeline, ReadOptions};
use whosaid_core::Article;
use whosaid_eval::{
    is_csv, score, Gold, GoldArticle, MatchMode, Options, Predictions, Report, Track,
};
use whosaid_export::Record;

use crate::report::Reporter;

/// Options of `whosaid eval`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Gold formats:
  FILE.jsonl   one article per line: {\"id\", \"text\", \"quotes\": [{\"start\", \"end\", \"type\",
               \"speaker_start\", \"speaker_end\", \"cue_start\", \"cue_end\", \"speaker_key\"?,
               \"role\"?, \"outlet\"?, \"optional\"?}]}, character offsets, end exclusive (the
               format of ../shared/eval/polnear)
  FILE.csv     known quotes, written by hand: article_id,quote,speaker[,role,outlet,kind]; each
               quote is found in its article's text (given as ARTICLES) exactly, or else ignoring
               quote-mark style and whitespace; speaker is a name the predicted speaker must
               contain (surname|alias for alternatives)

Figures (P, R, F1 and accuracies in percent) have the definitions of ../shared/eval/score.py and
print in its format: span (dice >= 0.5, or --match contain), ggt30 and ggt80 (share of the gold
span covered > 0.3 / > 0.8), exact (equal after trimming quote marks, punctuation and spaces),
joint (span and speaker right); then speaker, resolved speaker, cue, role and outlet accuracy on
matched claims. The all track counts every claim, the quoted track direct and mixed ones.

Exit status: 0, or 1 when a figure is below a --min-* threshold (checked on every track printed),
2 on a usage or fatal error.

Examples:
  whosaid eval --gold ../shared/eval/polnear/dev.jsonl
  whosaid eval --gold ../shared/eval/polnear/dev.jsonl --pred claims.csv --track quoted --errors 20
  whosaid eval --gold known_quotes.csv data/samples --min-joint 80")]
pub struct EvalArgs {
    /// Gold quotations: JSONL, or a known-quotes CSV (by the .csv extension).
    #[arg(long, value_name = "GOLD")]
    pub gold: PathBuf,

    /// Articles to extract from (.txt files, directories, .jsonl), and the texts a known-quotes
    /// CSV refers to. [default: the texts in the JSONL gold]
    #[arg(value_name = "ARTICLES")]
    pub articles: Vec<PathBuf>,

    /// Score this claims CSV (as written by `whosaid extract`; - for standard input) instead of
    /// running extraction. [default: extract]
    #[arg(long, value_name = "CSV")]
    pub pred: Option<PathBuf>,

    /// Which claims count: all, quoted (direct and mixed), or both, one after the other.
    #[arg(long, value_enum, default_value_t = TrackArg::Both)]
    pub track: TrackArg,

    /// Print each track as one JSON object per line, with score.py's --json keys. [default:
    /// text]
    #[arg(long)]
    pub json: bool,

    /// List N missed and N spurious claims per track on standard error, with article id and text.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,

    /// How a predicted span matches a gold span.
    #[arg(long = "match", value_name = "MODE", value_enum, default_value_t = MatchArg::Dice)]
    pub match_mode: MatchArg,

    /// Exit with status 1 when joint F1 (percent) is below F1. [default: no threshold]
    #[arg(long, value_name = "F1")]
    pub min_joint: Option<f64>,

    /// Exit with status 1 when span F1 (percent) is below F1. [default: no threshold]
    #[arg(long, value_name = "F1")]
    pub min_span: Option<f64>,

    /// Exit with status 1 when span precision (percent) is below P. [default: no threshold]
    #[arg(long, value_name = "P")]
    pub min_precision: Option<f64>,
}

/// Which tracks to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrackArg {
    /// Every claim: direct, mixed and indirect.
    All,
    /// Direct and mixed claims only.
    Quoted,
    /// The all track, then the quoted track.
    Both,
}

/// Span match modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchArg {
    /// Dice coefficient of the two spans >= 0.5.
    Dice,
    /// For gold that marks a key phrase: the prediction holds >= 80% of the gold span and is at
    /// most max(3x, +300 characters) its length.
    Contain,
}

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
