//! The command line: clap's derive API, with help text that documents every flag. Every
//! command's options are here, so that the commands depend on this module and it on none of
//! them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
  whosaid speakers shards/*.csv -o speakers.csv
  whosaid check known-quotes.csv data/samples --junit known-quotes.xml

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

    /// The rules alone, without the learned tagger (every row has confidence 1). This is the
    /// default; the flag says so explicitly.
    #[arg(long, global = true, conflicts_with_all = ["tagger", "model"])]
    pub rules_only: bool,

    /// Also run the bundled learned tagger (trained on PolNeAR train), which adds reported
    /// speech the rules miss, with a confidence below 1. Opt-in: it finds more on PolNeAR
    /// (joint F1 65.1 against 62.7) for 1.4 times the instructions (README, "Learned tagger").
    #[arg(long, global = true)]
    pub tagger: bool,

    /// A tagger model written by `whosaid train`, used beside the rules instead of the
    /// bundled one (implies --tagger).
    #[arg(long, global = true, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// The confidence (0 to 1) a claim of the tagger needs to be reported (with --tagger or
    /// --model). [default: the model's own, chosen on PolNeAR dev for the bundled one]
    #[arg(long, global = true, value_name = "P", value_parser = probability)]
    pub min_confidence: Option<f32>,
}

/// A number from 0 to 1.
fn probability(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

/// whosaid's subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reads articles and writes one row per claim (CSV by default).
    Extract(ExtractArgs),
    /// Scores whosaid against an annotated corpus.
    Eval(EvalArgs),
    /// Checks a list of known quotes: PASS or FAIL for each, with the reason; for CI.
    Check(CheckArgs),
    /// Writes an HTML report that shows every claim in its article, coloured by speaker, for
    /// checking attributions by eye.
    Audit(AuditArgs),
    /// Reads claims files and writes one row per person, organisation or group across them,
    /// with the spellings of each merged ("Pres. Obama", "Barack Obama").
    Speakers(SpeakersArgs),
    /// Trains a tagger model on gold attributions, for `--model`.
    Train(TrainArgs),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Comma-separated values with a header row; text fields are neutralised against
    /// spreadsheet formulas unless --no-sanitize is given.
    Csv,
    /// One JSON object per line, same fields in the same order; never altered.
    Jsonl,
    /// An Excel workbook (extract only, needs -o FILE): every cell text except the offsets,
    /// which are numbers, so no formula can run and quotes stay exact; header row frozen; past
    /// 1,048,576 rows the rows go on in a sheet "claims 2".
    Xlsx,
}

/// Options of `whosaid extract`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Inputs:
  FILE.txt     one article; its id is the file stem (business/001.txt -> 001)
  FILE.html    one web page (also .htm): its article text is extracted (navigation, related
               links, comments, scripts and footers left out, paragraphs kept); its title and
               site name become the title and outlet; id = the file stem
  DIR          every *.txt, *.html and *.htm below DIR, recursively, in sorted order; id = the
               path below DIR without the extension, with / separators (business/001)
  FILE.jsonl   one article per line: {\"id\": ..., \"text\": ..., \"outlet\"?, \"title\"?, \"url\"?,
               \"date\"?}, or \"html\" instead of \"text\" for a page to extract; the id may be a
               string or a number; a line without one gets FILE:LINE (also FILE.json of lines)
  FILE.warc    every HTML response record of a crawl (also .warc.gz, gzipped per record): id =
               its WARC-Target-URI; other records are skipped and counted; a record that cannot
               be read is reported with its number
  -            JSONL on standard input (also the default when no PATH is given); so is a pipe
               such as <(zcat news.jsonl.gz)

Text files may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark, or a
legacy single-byte encoding such as Windows-1252, which is detected and decoded with a warning.
Offsets always refer to the decoded text (for pages, the extracted text: see --texts). Binary
files, and files that are not articles (a CSV table such as a claims file, JSON that is not JSON
lines, images, spreadsheets, PDFs), are refused, reported by name and counted as failed.

Offsets (start, end, speaker_start, ...) are character offsets, end exclusive, so that Python's
text[start:end] == quote. CSV output neutralises fields that a spreadsheet would run as a formula
(starting with = + - @, tab or CR) by prefixing them with ': such a quote then differs from
text[start:end] by that one character. Use --no-sanitize or --format jsonl for exact text.

Examples:
  whosaid extract data/samples -o claims.csv
  whosaid extract news.jsonl -j 2 --errors failed.csv -o claims.csv
  whosaid extract 2024/ --outlet \"Diyaruna\" --format jsonl | jq .speaker
  whosaid extract crawl.warc.gz --format xlsx -o claims.xlsx --texts texts.jsonl
  whosaid extract news.jsonl --bom -o claims.csv          # opens right in Excel by double-click
  zcat archive.jsonl.gz | whosaid extract - -q > claims.csv")]
pub struct ExtractArgs {
    /// Articles to read: .txt and .html files, directories of them, .jsonl files, .warc or
    /// .warc.gz crawls, or - for JSONL on standard input. [default: -]
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
    /// CPU core. Output is identical for any value. At most 4 per CPU core.
    /// [default: one per CPU core]
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Follow symbolic links to directories when walking an input directory (links to files
    /// are always read). Without it they are skipped, as ripgrep does; a link back to a
    /// directory above is reported and not followed. [default: off]
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// Also write every failed article to FILE as CSV (source,line,article_id,reason).
    /// [default: failures only on standard error]
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,

    /// Also write the speakers table to FILE as CSV: one row per speaker per article
    /// (article_id, speaker, title, role, organisation, claims, direct, indirect,
    /// first_mention_start, first_mention_end, mentions), in input order. [default: none]
    #[arg(long, value_name = "FILE")]
    pub speakers: Option<PathBuf>,

    /// Also write the corpus speakers table to FILE, as `whosaid speakers` would make it from
    /// the claims written: one row per person, organisation or group across all articles
    /// (see `whosaid speakers --help`), in the --format of the claims. FILE is replaced once
    /// the run is complete and may not be an input or the claims output. [default: none]
    #[arg(long, value_name = "FILE")]
    pub corpus_speakers: Option<PathBuf>,

    /// Write CSV fields exactly as they are, without the leading ' that stops spreadsheets from
    /// running fields starting with = + - @, tab or CR as formulas. Unsafe to open in a
    /// spreadsheet; gives exact `text[start:end]` quotes. [default: neutralise]
    #[arg(long)]
    pub no_sanitize: bool,

    /// Start CSV output with a UTF-8 byte order mark, so that Excel and LibreOffice opened by
    /// double-click read it as UTF-8 rather than garbling every non-ASCII character (the
    /// claims, --speakers and --errors files). [default: no byte order mark]
    #[arg(long)]
    pub bom: bool,

    /// Also write the text that was analysed, one JSON line per article: {"id", "text",
    /// "title"?, "url"?, "date"?}. Offsets refer to this text (for an HTML page, the text
    /// extracted from it), so Python's text[start:end] == quote can be checked against it.
    /// FILE is replaced once the run is complete. [default: none]
    #[arg(long, value_name = "FILE")]
    pub texts: Option<PathBuf>,

    /// No progress bar, warnings or summary; errors are still reported. [default: progress
    /// bar when standard error is a terminal, summary always]
    #[arg(short, long)]
    pub quiet: bool,
}

/// Options of `whosaid audit`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The report shows each article's text with every claim highlighted in its speaker's colour (the
same colour for a name on every page and in every run), the speaker mention underlined and the
cue dotted. Hovering over a claim, or moving to it with Tab, shows its speaker, title, role,
organisation, outlet, cue, resolution, rule and resolution chain (\"he\" -> \"al-Samarmad\" ->
...). Paragraphs set aside as page furniture (headline, section header, byline, captions,
comments, paywall lines) are shown greyed with a label. Above the articles: an index of
articles and a table of speakers with claim counts, and filters by speaker, by resolution and
for claims that need review. Everything is in the file: no network, no external scripts or
fonts; the filters and details use a little inline JavaScript.

Needs review (a red outline and a ! badge): no speaker; a speaker found through a description
(\"the ministry\") or as the continuation of the previous quote; or a pronoun whose antecedent
is more than 2 body paragraphs back, or not in the text before it.

Large inputs: at most --per-page articles go on one page. When there are more, -o FILE becomes
an index page (speakers table and every article, linking to its page, with the same filters)
and the articles go to FILE-0001.html, FILE-0002.html, ... beside it (the .html extension of
FILE replaced), each self-contained, with links to the previous and next page and the index.
Filters chosen on one page are carried to the pages it links to.

With --claims, the report shows the rows of an existing claims CSV (as written by `whosaid
extract`) instead of extracting again; the PATHs still give the article texts, matched to rows
by article_id. A claims CSV does not record resolution chains. Rows whose offsets or quote do
not fit the text are reported on standard error and in the report.

Examples:
  whosaid audit data/samples -o report.html
  whosaid audit news.jsonl -o audit/report.html --per-page 100
  whosaid extract news.jsonl -o claims.csv && whosaid audit news.jsonl --claims claims.csv -o report.html")]
pub struct AuditArgs {
    /// Articles to read, as for `whosaid extract`: .txt and .html files, directories of them,
    /// .jsonl files, .warc crawls, or - for JSONL on standard input; pages are shown as the
    /// text extracted from them. [default: -]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the report to FILE (the index page when it needs several pages). [default: none,
    /// required]
    #[arg(short, long, value_name = "FILE", required = true)]
    pub output: PathBuf,

    /// Show the claims of this claims CSV (from `whosaid extract`) rather than extracting them
    /// again; rows are matched to the PATHs' articles by article_id. [default: extract]
    #[arg(long, value_name = "CSV")]
    pub claims: Option<PathBuf>,

    /// Most articles on one page; with more, the report is split into pages and an index.
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub per_page: u64,

    /// The report's title. [default: "whosaid audit" and the inputs]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Outlet for articles that name none (JSONL "outlet"). [default: none]
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,

    /// Number of worker threads; 0 means one per CPU core. The report is identical for any
    /// value. At most 4 per CPU core.
    /// [default: one per CPU core]
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Follow symbolic links to directories when walking an input directory (links to files
    /// are always read). Without it they are skipped, as ripgrep does; a link back to a
    /// directory above is reported and not followed. [default: off]
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// No warnings or summary; errors are still reported. [default: summary on standard error]
    #[arg(short, long)]
    pub quiet: bool,
}

/// Options of `whosaid speakers`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Reads claims tables written by `whosaid extract`, CSV or JSON lines (told apart by their first
character), such as the shards of a cluster job, and writes one row per person, organisation or
group across all of them:

  speaker_id     the id of the row's fullest name, without titles (person:barack-obama)
  name           its most frequent spelling, without titles (Barack Obama)
  type           person, organisation, group or document
  variants       every speaker string merged into the row, most frequent first, \"; \" between
  titles, roles, organisations
                 distinct values, most frequent first, at most 10 of each
  claims         distinct claims (article_id, claim_id): a quote split in two rows counts once
  articles       distinct articles
  direct, mixed, indirect
                 claims by the kind of their first row
  ids            every speaker_id of the claims merged into the row: the join to claims rows
  note           for a surname that several full names end with: ambiguous: and their ids

Merging: a person's name without the titles and premodifiers before it (Pres., Mr.,
Republican, former, ...) is its core; spellings with the same core are one person. A surname
(\"Obama\", \"Pres. Obama\", \"bin Laden\") merges into the one full name of the corpus that
ends with it (\"Barack Obama\"); when several do (\"George Bush\", \"Jeb Bush\"), it stays a row
of its own and its note lists them. Different full names never merge. Organisations, groups
and documents merge only on the same speaker_id. Claims with no speaker or an anonymous one are
in no row; the summary counts them. Rows are sorted by claims, most first, then speaker_id.

The rows of an article must come together, as `whosaid extract` writes them. A file that is not
a claims table, or has a bad row, is reported and left out; the others are counted.

Exit status: 0, 1 when some CLAIMS could not be read, 2 on a usage or fatal error (such as an
output that is one of the CLAIMS).

Examples:
  whosaid speakers claims.csv -o speakers.csv
  whosaid speakers shards/*.csv -o speakers.csv
  whosaid extract news.jsonl -q | whosaid speakers --format jsonl | jq .name")]
pub struct SpeakersArgs {
    /// Claims tables from `whosaid extract`, CSV or JSON lines, or - for standard input.
    /// [default: -]
    #[arg(value_name = "CLAIMS")]
    pub paths: Vec<PathBuf>,

    /// Write the table to FILE instead of standard output. FILE is replaced once the table is
    /// complete, and may not be one of the CLAIMS. [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Csv)]
    pub format: OutputFormat,

    /// Write CSV fields exactly as they are, without the leading ' that stops spreadsheets from
    /// running fields starting with = + - @, tab or CR as formulas. [default: neutralise]
    #[arg(long)]
    pub no_sanitize: bool,

    /// No progress bar, warnings or summary; errors are still reported. [default: progress
    /// bar when standard error is a terminal, summary always]
    #[arg(short, long)]
    pub quiet: bool,
}

/// Options of `whosaid eval`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Gold formats:
  FILE.jsonl   one article per line: {\"id\", \"text\", \"quotes\": [{\"start\", \"end\", \"type\",
               \"speaker_start\", \"speaker_end\", \"cue_start\", \"cue_end\", \"speaker_key\"?,
               \"role\"?, \"outlet\"?, \"optional\"?}]}, character offsets, end exclusive (the
               format of ../shared/eval/polnear); quotes may also carry \"speaker_name\",
               \"speaker_type\", \"title\" and \"organisation\" (tests/fixtures/speakers)
  FILE.csv     known quotes, written by hand: article_id,quote,speaker[,role,outlet,kind]; each
               quote is found in its article's text (given as ARTICLES) exactly, or else ignoring
               quote-mark style and whitespace; speaker is a name the predicted speaker must
               contain (surname|alias for alternatives). Scoring takes the list to be all the
               claims there are; for a partial list, `whosaid check` passes or fails each quote
               with its reason instead

Figures (P, R, F1 and accuracies in percent) have the definitions of ../shared/eval/score.py and
print in its format: span (dice >= 0.5, or --match contain), ggt30 and ggt80 (share of the gold
span covered > 0.3 / > 0.8), exact (equal after trimming quote marks, punctuation and spaces),
joint (span and speaker right); then speaker, resolved speaker, cue, role and outlet accuracy on
matched claims. The all track counts every claim, the quoted track direct and mixed ones.

When the gold carries speaker fields, whosaid's own figures (not score.py's) follow, on the same
matched claims: name (speaker equals speaker_name, ignoring case, spaces, a leading \"the\", a
possessive and Mr./Mrs./Ms./Dr.), anon (no speaker for an anonymous source), type (speaker_type),
title (ignoring case and a final period; plus spurious titles where the gold has none), org
(organisation), and how many predicted speakers are malformed by shape (a pronoun, a possessive,
\"And Smith\", digits, no letters, a lowercase fragment with a verb, \"Republican Donald
Trump\", more than 6 words).

Exit status: 0, or 1 when a figure is below a --min-* threshold (checked on every track printed),
2 on a usage or fatal error.

Examples:
  whosaid eval --gold ../shared/eval/polnear/dev.jsonl
  whosaid eval --gold ../shared/eval/polnear/dev.jsonl --pred claims.csv --track quoted --errors 20
  whosaid eval --gold known_quotes.csv data/samples --track all --errors 5
  scripts/eval-speakers.sh --errors 10     # speaker fields, on tests/fixtures/speakers")]
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

    /// Print each track as one JSON object per line, with score.py's --json keys (and, with
    /// speaker-field gold, whosaid's own figures as the object "whosaid"). [default: text]
    #[arg(long)]
    pub json: bool,

    /// List N missed and N spurious claims per track on standard error, with article id and text;
    /// with speaker-field gold, also N mismatches of each field and N malformed speakers.
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

/// Options of `whosaid check`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
KNOWN is a CSV with a header and the columns article_id, quote, speaker, and optionally role,
outlet and kind (direct, mixed or indirect). Each quote is found in its article's text (from
ARTICLES) exactly, or else ignoring quote-mark style and whitespace; a quote written twice takes
the next occurrence. speaker is a name the speaker whosaid finds must contain, ignoring case
(Smith|Jo Ann for alternatives); an empty speaker means the quote should have none. The list
need not be complete: claims it does not mention are no failure.

One line per row, in file order:
  PASS KNOWN:LINE article \"ID\": \"QUOTE\": SPEAKER (claim ID#N)
  FAIL KNOWN:LINE article \"ID\": \"QUOTE\": not found
  FAIL KNOWN:LINE article \"ID\": \"QUOTE\": speaker \"X\" instead of \"Y\" (claim ID#N, characters S..E)
  FAIL KNOWN:LINE: quote not found in article \"ID\": ...   (and every other problem of a row:
                   an unknown article id, an empty quote, a malformed row)
A quote is found when a claim's pieces cover it with a Dice coefficient of at least 0.5, as in
`whosaid eval`. Role, outlet and kind are checked when the row gives them, as eval scores them.
Then a summary: rows checked, passed, failed, and recall (the share of the rows found at all).

Exit status: 0 when every row passes, 1 when any fails, 2 on a usage or fatal error (KNOWN
cannot be read or lacks a column; no ARTICLES).

Examples:
  whosaid check known.csv data/samples
  whosaid check known.csv news.jsonl --junit known-quotes.xml")]
pub struct CheckArgs {
    /// The known quotes: a CSV with the columns article_id, quote, speaker[, role, outlet,
    /// kind]. [default: none, required]
    #[arg(value_name = "KNOWN")]
    pub known: PathBuf,

    /// The articles the quotes are in, as for `whosaid extract`: .txt, .html, .warc files,
    /// directories, .jsonl, or - for JSONL on standard input. [default: none, required]
    #[arg(value_name = "ARTICLES", required = true)]
    pub articles: Vec<PathBuf>,

    /// Also write the results as JUnit XML to FILE, one test case per row, for CI systems that
    /// show tests one by one. FILE is replaced once complete. [default: none]
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,

    /// Print only the FAIL lines and the summary. [default: every line]
    #[arg(short, long)]
    pub quiet: bool,
}

/// `whosaid train`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The gold is JSONL in the format of `whosaid eval --gold` (../shared/eval/polnear): one article
per line, {\"id\", \"text\", \"quotes\": [{\"start\", \"end\", \"speaker_start\", \"speaker_end\",
\"cue_start\", \"cue_end\", ...}]}, character offsets. Each body paragraph is one training
sequence, its tokens labelled source, cue or content from the gold spans.

The model holds hashed feature weights only, no text of the gold. The same gold, options and
seed give the same bytes. It is written to a temporary file beside OUTPUT and renamed into
place; OUTPUT may not be the gold file.

Examples:
  whosaid train --gold ../shared/eval/polnear/train.jsonl -o model.bin
  whosaid extract --model model.bin news.jsonl -o claims.csv
  scripts/train-model.sh      # rebuilds data/model/tagger.bin, the compiled-in model")]
pub struct TrainArgs {
    /// Gold attributions, JSONL.
    #[arg(long, value_name = "GOLD")]
    pub gold: PathBuf,

    /// Where to write the model.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// Passes over the gold.
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,

    /// Seed of the order in which each pass visits the sequences.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// The model has 2^BITS feature buckets of 16 bytes each (18: 4 MB).
    #[arg(long, default_value_t = 18, value_parser = clap::value_parser!(u32).range(8..=24))]
    pub bits: u32,

    /// The confidence the model's claims need by default (`--min-confidence` overrides it).
    #[arg(long, default_value_t = whosaid_tagger::DEFAULT_THRESHOLD, value_parser = probability)]
    pub threshold: f32,

    /// The tagger reads only sentences that may hold reported speech: with a word of the cue
    /// list, "according", a quotation mark or a colon, or a word that is in at least N gold
    /// cue spans (and in cue spans in a tenth of its uses). The model keeps these words as
    /// hashes. 0: the cue list only.
    #[arg(long, value_name = "N", default_value_t = whosaid_tagger::DEFAULT_GATE_MIN)]
    pub gate_min: u32,

    /// Print nothing on standard error. [default: a line of figures]
    #[arg(short, long)]
    pub quiet: bool,
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
        for command in ["extract", "speakers", "check", "train"] {
            every_flag_of_says_its_default(cli.find_subcommand(command).expect("it exists"));
        }
    }

    fn every_flag_of_says_its_default(command: &clap::Command) {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || arg.is_required_set() {
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
