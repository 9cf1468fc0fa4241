//! `whosaid extract`: the claims of every article, written in input order as CSV or JSON lines,
//! with the speakers tables and the `--errors` file beside them. The reading, the workers and
//! the order are [`crate::run`]'s; this module makes each article's rows on the workers
//! ([`RowsOf`]) and writes them ([`Written`]).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use whosaid::{is_stdin, Failure, Pipeline, ReadOptions};
use whosaid_core::Article;
use whosaid_export::{
    neutralise, Corpus, CorpusArticle, Format, RecordWriter, RowEncoder, Rows, SpeakerRow,
    WriterOptions,
};

use crate::args::{ExtractArgs, OutputFormat};
use crate::corpus::write_table;
use crate::output::{Closed, Output, Outputs};
use crate::report::Reporter;
use crate::run::{self, Counts};
use crate::speakers::SpeakersFile;
use crate::xlsx::{Sheets, SHEET_ROWS};

/// Runs `whosaid extract` and returns the exit status: 0, 1 when some articles failed, 2 when
/// an input could not be read at all.
///
/// # Errors
///
/// Fatal errors: bad options, an output that cannot be created or written (a broken pipe is
/// reported as an error too; `main` turns it into success).
pub fn run(args: &ExtractArgs, pipeline: &Pipeline) -> anyhow::Result<i32> {
    let paths = run::input_paths(&args.paths)?;
    let threads = run::thread_count(args.threads);

    let xlsx = args.format == OutputFormat::Xlsx;
    let options = WriterOptions {
        format: match args.format {
            // A workbook is made of raw CSV rows read back into cells (see crate::xlsx).
            OutputFormat::Csv | OutputFormat::Xlsx => Format::Csv,
            OutputFormat::Jsonl => Format::Jsonl,
        },
        // Text cells run no formula, so a workbook's quotes stay exact.
        sanitize: !args.no_sanitize && !xlsx,
    };
    let bom = args.bom && args.format == OutputFormat::Csv;
    if xlsx && args.corpus_speakers.is_some() {
        anyhow::bail!(
            "--corpus-speakers is written as CSV or JSON lines, not xlsx: write the claims as \
             xlsx and run `whosaid speakers` on a CSV of them, or choose --format csv"
        );
    }
    if xlsx && args.output.as_deref().is_none_or(is_stdin) {
        anyhow::bail!(
            "--format xlsx needs -o FILE: a workbook is not written to a terminal or pipe"
        );
    }
    if args.texts.as_deref().is_some_and(is_stdin) {
        anyhow::bail!("--texts needs a FILE: standard output is for the claims");
    }
    // Every output is checked against the inputs and the others before any is created, and
    // each replaces its file only when the run completes (crate::output).
    let mut outputs = Outputs::new(&paths);
    let out = outputs.open("-o", args.output.as_deref())?;
    let mut open = |flag, path: &Option<PathBuf>| {
        path.as_deref()
            .map(|path| outputs.open(flag, Some(path)))
            .transpose()
    };
    let speakers = open("--speakers", &args.speakers)?;
    let errors = open("--errors", &args.errors)?;
    let corpus = open("--corpus-speakers", &args.corpus_speakers)?;
    let texts = open("--texts", &args.texts)?;
    // Nothing is written before every output is open, not even a header to standard output.
    let out_name = out.name();
    let writer = if xlsx {
        let (path, temp) = out.into_temp()?;
        Claims::Sheets(Box::new(Sheets::new(path, temp, SHEET_ROWS)?))
    } else {
        let mut out = out;
        if bom {
            out.write_all(BOM)
                .with_context(|| format!("cannot write to {out_name}"))?;
        }
        let writer = RecordWriter::new(out, options)
            .with_context(|| format!("cannot write to {out_name}"))?;
        Claims::Text(writer)
    };
    // The side tables stay CSV with a workbook, neutralised as ever.
    let side_sanitize = !args.no_sanitize;
    let speakers = speakers
        .map(|out| SpeakersFile::create(out, side_sanitize, args.bom))
        .transpose()?;
    let errors = errors
        .map(|out| ErrorLog::create(out, side_sanitize, args.bom))
        .transpose()?;

    let reporter = Reporter::new(args.quiet);
    let read_options = ReadOptions {
        outlet: args.outlet.clone(),
        follow_links: args.follow,
    };
    let work = RowsOf {
        pipeline,
        encoder: RowEncoder::new(options),
        speakers: speakers.is_some(),
        corpus: corpus.is_some(),
        texts: texts.is_some(),
        parallel: threads > 1,
    };
    let mut output = Written {
        writer,
        out_name,
        errors,
        speakers,
        corpus: corpus.map(|file| (file, Corpus::new())),
        texts,
        options,
        claims: 0,
    };
    let counts = run::process_inputs(
        &paths,
        threads,
        &read_options,
        &work,
        &mut output,
        &reporter,
    )?;
    let Finished {
        rows,
        corpus,
        sheets,
    } = output.finish(counts.input_errors == 0)?;
    if counts.input_errors > 0 {
        reporter.error(&format!(
            "the output files are left as they were: {} could not be read",
            if counts.input_errors == 1 {
                "an input"
            } else {
                "inputs"
            }
        ));
    }
    let mut line = summary(&counts, rows, reporter.elapsed().as_secs_f64());
    if let Some((name, speakers)) = corpus {
        line.push_str(&format!("; {speakers} corpus speakers written to {name}"));
    }
    if let Some((sheets, cut)) = sheets {
        if sheets > 1 {
            line.push_str(&format!(
                "; more rows than one sheet holds: {sheets} sheets (claims, claims 2, ...)"
            ));
        }
        if cut > 0 {
            reporter.warn(&format!(
                "{cut} cells were longer than the 32,767 characters a spreadsheet cell holds and \
                 were cut; --format csv or jsonl keeps them whole"
            ));
        }
    }
    reporter.summary(&line);
    Ok(counts.exit_status())
}

/// What a worker makes of an article: its claim rows, formatted, with `--speakers` its rows of
/// the speakers table, with `--corpus-speakers` its speakers for the corpus table.
struct RowsOf<'a> {
    pipeline: &'a Pipeline,
    encoder: RowEncoder,
    /// Whether to make the rows of the speakers table too.
    speakers: bool,
    /// Whether to count the article's speakers for the corpus table too.
    corpus: bool,
    /// Whether to make the article's line of the `--texts` file too.
    texts: bool,
    /// Whether the work runs in a rayon pool that a long article's windows may share.
    parallel: bool,
}

/// What a worker made of an article for the writing thread.
struct Done {
    /// Its claim rows.
    rows: Rows,
    /// Its rows of the speakers table.
    speakers: Vec<SpeakerRow>,
    /// Its speakers for the corpus table.
    corpus: Option<CorpusArticle>,
    /// Its line of the `--texts` file.
    text: Option<Vec<u8>>,
}

impl run::Work for RowsOf<'_> {
    type Done = Done;

    fn article(&self, article: &Article) -> Result<Done, String> {
        let text = self.texts.then(|| text_line(article));
        let mut done = self.claims(article)?;
        done.text = text;
        Ok(done)
    }
}

/// An article's line of the `--texts` file: its id, the text that was analysed, and what is
/// known of it.
fn text_line(article: &Article) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        id: &'a str,
        text: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        outlet: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        date: Option<&'a str>,
    }
    let line = Line {
        id: &article.id.0,
        text: &article.text,
        title: article.title.as_deref(),
        outlet: article.outlet.as_deref(),
        url: article.url.as_deref(),
        date: article.date.as_deref(),
    };
    let mut out = serde_json::to_vec(&line).expect("strings always serialise");
    out.push(b'\n');
    out
}

impl RowsOf<'_> {
    fn claims(&self, article: &Article) -> Result<Done, String> {
        let failed = |err: whosaid_export::Error| format!("cannot format its rows: {err}");
        if !self.corpus {
            let (rows, speakers) = self
                .pipeline
                .rows(article, &self.encoder, self.speakers, self.parallel)
                .map_err(failed)?;
            return Ok(Done {
                rows,
                speakers,
                corpus: None,
                text: None,
            });
        }
        // The corpus table counts the records that are written, here on the worker; the
        // writing thread adds the counts up in input order.
        let records = self.pipeline.records(article);
        let speakers = if self.speakers {
            SpeakerRow::from_records(&records)
        } else {
            Vec::new()
        };
        let mut corpus = CorpusArticle::new(&article.id.0);
        for record in &records {
            corpus.add(record);
        }
        let rows = self.encoder.encode(records).map_err(failed)?;
        Ok(Done {
            rows,
            speakers,
            corpus: Some(corpus),
            text: None,
        })
    }
}

/// Where the claim rows go: CSV or JSON lines, or a workbook.
enum Claims {
    Text(RecordWriter<Output>),
    Sheets(Box<Sheets>),
}

/// Where the rows go, in input order: the claims to the output, the speakers table and the
/// failures to their files.
struct Written {
    writer: Claims,
    out_name: String,
    errors: Option<ErrorLog>,
    speakers: Option<SpeakersFile>,
    /// The corpus table's file, and the table.
    corpus: Option<(Output, Corpus)>,
    /// The `--texts` file.
    texts: Option<Output>,
    /// How the corpus table is written: as the claims are.
    options: WriterOptions,
    /// Claim rows written.
    claims: u64,
}

impl run::Sink<Done> for Written {
    fn article(
        &mut self,
        _id: &str,
        result: Result<Done, String>,
    ) -> anyhow::Result<Result<(), String>> {
        let Done {
            rows,
            speakers,
            corpus,
            text,
        } = match result {
            Ok(done) => done,
            Err(reason) => return Ok(Err(reason)),
        };
        if let (Some((_, table)), Some(article)) = (&mut self.corpus, corpus) {
            table.add_article(article);
        }
        if let Some(file) = &mut self.speakers {
            file.write(&speakers)?;
        }
        if let (Some(file), Some(text)) = (&mut self.texts, text) {
            file.write_all(&text)
                .with_context(|| format!("cannot write to {}", file.name()))?;
        }
        match &mut self.writer {
            Claims::Text(writer) => writer
                .write_rows(&rows)
                .with_context(|| format!("cannot write to {}", self.out_name))?,
            Claims::Sheets(sheets) => sheets.write_rows(&rows)?,
        }
        self.claims += rows.len();
        Ok(Ok(()))
    }

    fn failure(&mut self, failure: &Failure) -> anyhow::Result<()> {
        match &mut self.errors {
            Some(log) => log.write(failure),
            None => Ok(()),
        }
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        match &mut self.writer {
            Claims::Text(writer) => writer
                .flush()
                .with_context(|| format!("cannot write to {}", self.out_name)),
            // A workbook is whole only when saved.
            Claims::Sheets(_) => Ok(()),
        }
    }
}

impl Written {
    /// Flushes and closes every output, reporting the errors a drop would swallow; then, with
    /// `commit`, writes the corpus table and renames every file into place. Without it (an
    /// input could not be read), every file keeps what it held.
    fn finish(self, commit: bool) -> anyhow::Result<Finished> {
        let out_name = self.out_name;
        let mut closed: Vec<Closed> = Vec::new();
        let sheets = match self.writer {
            Claims::Text(writer) => {
                let out = writer
                    .finish()
                    .with_context(|| format!("cannot write to {out_name}"))?;
                closed.push(out.close()?);
                None
            }
            // A workbook is saved and renamed into place by its own finish.
            Claims::Sheets(sheets) if commit => Some(sheets.finish()?),
            Claims::Sheets(_) => None,
        };
        if let Some(texts) = self.texts {
            closed.push(texts.close()?);
        }
        if let Some(speakers) = self.speakers {
            closed.push(speakers.finish()?);
        }
        if let Some(log) = self.errors {
            closed.push(log.finish()?);
        }
        let corpus = match self.corpus {
            Some((out, table)) if commit => {
                let name = out.name();
                let (rows, _) = table.finish();
                write_table(out, &rows, self.options)?;
                Some((name, rows.len() as u64))
            }
            _ => None,
        };
        if commit {
            for file in closed {
                file.commit()?;
            }
        }
        Ok(Finished {
            rows: self.claims,
            corpus,
            sheets,
        })
    }
}

/// What [`Written::finish`] reports for the summary.
struct Finished {
    /// Claim rows written.
    rows: u64,
    /// The corpus table's file name and rows.
    corpus: Option<(String, u64)>,
    /// A workbook's sheets, and cells cut to what a cell holds.
    sheets: Option<(usize, u64)>,
}

/// The UTF-8 byte order mark, which spreadsheets opened by double-click need to read a CSV as
/// UTF-8.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// The summary line: counts, rows and rates.
fn summary(counts: &Counts, rows: u64, secs: f64) -> String {
    let secs_for_rates = secs.max(1e-3);
    let mut line = format!(
        "{} articles read, {} processed, {} failed, {rows} rows written in {secs:.2} s \
         ({:.0} articles/s, {:.1} MB/s)",
        counts.read,
        counts.processed,
        counts.failed,
        counts.read as f64 / secs_for_rates,
        counts.bytes as f64 / 1e6 / secs_for_rates,
    );
    if counts.input_errors > 0 {
        let s = if counts.input_errors == 1 { "" } else { "s" };
        line.push_str(&format!(
            "; {} input{s} could not be read",
            counts.input_errors
        ));
    }
    line
}

/// The `--errors` file: one CSV row per failed article or unreadable input.
struct ErrorLog {
    csv: csv::Writer<Output>,
    sanitize: bool,
    name: String,
}

impl ErrorLog {
    fn create(mut out: Output, sanitize: bool, bom: bool) -> anyhow::Result<ErrorLog> {
        let name = out.name();
        if bom {
            out.write_all(BOM)
                .with_context(|| format!("cannot write to {name}"))?;
        }
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(["source", "line", "article_id", "reason"])
            .with_context(|| format!("cannot write to {name}"))?;
        Ok(ErrorLog {
            csv,
            sanitize,
            name,
        })
    }

    fn write(&mut self, failure: &Failure) -> anyhow::Result<()> {
        let line = failure
            .location
            .line
            .map(|l| l.to_string())
            .unwrap_or_default();
        let id = failure.article_id.as_deref().unwrap_or_default();
        let fields = [
            &failure.location.source,
            line.as_str(),
            id,
            failure.reason.as_str(),
        ];
        let result = if self.sanitize {
            self.csv
                .write_record(fields.map(neutralise).iter().map(|f| f.as_bytes()))
        } else {
            self.csv.write_record(fields)
        };
        result.with_context(|| format!("cannot write to {}", self.name))
    }

    /// Flushes the rows into the output and closes it, to be committed with the others.
    fn finish(self) -> anyhow::Result<Closed> {
        self.csv
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write to {}", self.name))?
            .close()
    }
}
