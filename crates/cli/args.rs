//! The command line: clap's derive API, with help text that documents every flag.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::{audit, eval};

/// Extracts who said what from news articles: quotes, reported speech, speakers and exact
/// offsets, one CSV row per claim.
#[derive(Debug, Parser)]
#[command(name = "whosaid", version, about, propagate_version = true)]
#[command(after_help = "\
Examples:
  whosaid extract data/samples -o claims.csv
  whosaid extract articles.jsonl --outlet Reuters --format jsonl > claims.jsonl
  cat articles.jsonl | whosaid extract - | head
  whosaid audit data/samples -o report.html

Exit status: 0 when every article was processed, 1 when some articles failed (each is reported
on stderr), 2 on a usage or fatal error.")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// Also report beliefs that nobody in the text holds, as PolNeAR annotates them: `<X>
    /// seemed to <claim>`, `<X> is expected to <claim>`, each as two pieces (the subject, and
    /// what is believed of it) with no speaker. Off by default: they are the writer's hedges,
    /// not anyone's claim.
    #[arg(long, global = true)]
    pub beliefs: bool,
}

/// whosaid's subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reads articles and writes one row per claim (CSV by default).
    Extract(ExtractArgs),
    /// Scores whosaid against an annotated corpus.
    Eval(eval::EvalArgs),
    /// Writes an HTML report that shows every claim in its article, coloured by speaker, for
    /// checking attributions by eye.
    Audit(audit::AuditArgs),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Comma-separated values with a header row; text fields are neutralised against
    /// spreadsheet formulas unless --no-sanitize is given.
    Csv,
    /// One JSON object per line, same fields in the same order; never altered.
    Jsonl,
}

/// Options of `whosaid extract`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Inputs:
  FILE.txt     one article; its id is the file stem (business/001.txt -> 001)
  DIR          every *.txt below DIR, recursively, in sorted order; id = the path below DIR
               without the extension, with / separators (business/001)
  FILE.jsonl   one article per line: {\"id\": ..., \"text\": ..., \"outlet\"?, \"title\"?, \"url\"?,
               \"date\"?}; the id may be a string or a number; a line without one gets FILE:LINE
  -            JSONL on standard input (also the default when no PATH is given); so is a pipe
               such as <(zcat news.jsonl.gz)

Text files may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark, or a
legacy single-byte encoding such as Windows-1252, which is detected and decoded with a warning.
Offsets always refer to the decoded text. Binary files are skipped and reported.

Offsets (start, end, speaker_start, ...) are character offsets, end exclusive, so that Python's
text[start:end] == quote. CSV output neutralises fields that a spreadsheet would run as a formula
(starting with = + - @, tab or CR) by prefixing them with ': such a quote then differs from
text[start:end] by that one character. Use --no-sanitize or --format jsonl for exact text.

Examples:
  whosaid extract data/samples -o claims.csv
  whosaid extract news.jsonl -j 2 --errors failed.csv -o claims.csv
  whosaid extract 2024/ --outlet \"Diyaruna\" --format jsonl | jq .speaker
  zcat archive.jsonl.gz | whosaid extract - -q > claims.csv")]
pub struct ExtractArgs {
    /// Articles to read: .txt files, directories of .txt files, .jsonl files, or - for JSONL on
    /// standard input. [default: -]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the claims to FILE instead of standard output. [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Csv)]
    pub format: OutputFormat,

    /// Outlet for articles that name none (JSONL "outlet"); claims told to or reported by an
    /// outlet named in the text keep that one. [default: none]
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,

    /// Number of threads: 1 reads, extracts and writes on one thread (one core); N > 1 adds a
    /// reader thread and N extraction workers to the writing thread; 0 means one worker per
    /// CPU core. Output is identical for any value. [default: one per CPU core]
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Also write every failed article to FILE as CSV (source,line,article_id,reason).
    /// [default: failures only on standard error]
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,

    /// Also write the speakers table to FILE as CSV: one row per speaker per article
    /// (article_id, speaker, title, role, organisation, claims, direct, indirect,
    /// first_mention_start, first_mention_end, mentions), in input order. [default: none]
    #[arg(long, value_name = "FILE")]
    pub speakers: Option<PathBuf>,

    /// Write CSV fields exactly as they are, without the leading ' that stops spreadsheets from
    /// running fields starting with = + - @, tab or CR as formulas. Unsafe to open in a
    /// spreadsheet; gives exact `text[start:end]` quotes. [default: neutralise]
    #[arg(long)]
    pub no_sanitize: bool,

    /// No progress bar, warnings or summary; errors are still reported. [default: progress
    /// bar when standard error is a terminal, summary always]
    #[arg(short, long)]
    pub quiet: bool,
}

impl ExtractArgs {
    /// The number of worker threads to use.
    pub fn thread_count(&self) -> usize {
        match self.threads {
            Some(n) if n > 0 => n,
            _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_flag_says_its_default() {
        let cli = Cli::command();
        let extract = cli.find_subcommand("extract").expect("extract exists");
        for arg in extract.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" {
                continue;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            let has_default = !arg.get_default_values().is_empty();
            assert!(
                has_default || help.contains("[default:"),
                "--{id} does not say its default: {help}"
            );
        }
    }
}
