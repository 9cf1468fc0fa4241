//! `whosaid extract`: the claims of every article, written in input order as CSV or JSON lines,
//! with the speakers tables and the `--errors` file beside them. The reading, the workers and
//! the order are [`crate::run`]'s; this module makes each article's rows on the workers
//! ([`RowsOf`]) and writes them ([`Written`]).

use anyhow::Context;
use whosaid::{Failure, Pipeline, ReadOptions};
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

    let options = WriterOptions {
        format: match args.format {
            OutputFormat::Csv => Format::Csv,
            OutputFormat::Jsonl => Format::Jsonl,
        },
        sanitize: !args.no_sanitize,
    };
    // Every output is checked against the inputs and the others before any is created, and
    // each replaces its file only when the run completes.
    let mut outputs = Outputs::new(&paths);
    let out = outputs.open("-o", args.output.as_deref())?;
    let mut open = |flag, path: &Option<std::path::PathBuf>| {
        path.as_deref()
            .map(|path| outputs.open(flag, Some(path)))
            .transpose()
    };
    let speakers = open("--speakers", &args.speakers)?;
    let errors = open("--errors", &args.errors)?;
    let corpus = open("--corpus-speakers", &args.corpus_speakers)?;
    // Nothing is written before every output is open, not even a header to standard output.
    let out_name = out.name();
    let writer =
        RecordWriter::new(out, options).with_context(|| format!("cannot write to {out_name}"))?;
    let speakers = speakers
        .map(|out| SpeakersFile::create(out, options.sanitize))
        .transpose()?;
    let errors = errors
        .map(|out| ErrorLog::create(out, options.sanitize))
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
        parallel: threads > 1,
    };
    let mut output = Written {
        writer,
        out_name,
        errors,
        speakers,
        corpus: corpus.map(|file| (file, Corpus::new())),
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
    // A run that could not read one of its inputs at all (a mistyped path) failed: its files
    // keep what they held.
    let failed = counts.input_errors > 0;
    let (claims, corpus) = output.finish(!failed)?;
    if failed {
        reporter.error(&format!(
            "the output files are left as they were: {} could not be read",
            if counts.input_errors == 1 {
                "an input"
            } else {
                "inputs"
            }
        ));
    }
    let mut line = summary(&counts, claims, reporter.elapsed().as_secs_f64());
    if let Some((name, speakers)) = corpus {
        line.push_str(&format!("; {speakers} corpus speakers written to {name}"));
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
    /// Whether the work runs in a rayon pool that a long article's windows may share.
    parallel: bool,
}

/// An article's claim rows, its rows of the speakers table, and its speakers for the corpus
/// table.
type Done = (Rows, Vec<SpeakerRow>, Option<CorpusArticle>);

impl run::Work for RowsOf<'_> {
    type Done = Done;

    fn article(&self, article: &Article) -> Result<Done, String> {
        let failed = |err: whosaid_export::Error| format!("cannot format its rows: {err}");
        if !self.corpus {
            let (rows, speakers) = self
                .pipeline
                .rows(article, &self.encoder, self.speakers, self.parallel)
                .map_err(failed)?;
            return Ok((rows, speakers, None));
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
        Ok((rows, speakers, Some(corpus)))
    }
}

/// Where the rows go, in input order: the claims to the output, the speakers table and the
/// failures to their files.
struct Written {
    writer: RecordWriter<Output>,
    out_name: String,
    errors: Option<ErrorLog>,
    speakers: Option<SpeakersFile>,
    /// The corpus table's file, and the table.
    corpus: Option<(Output, Corpus)>,
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
        let (rows, speakers, corpus) = match result {
            Ok(done) => done,
            Err(reason) => return Ok(Err(reason)),
        };
        if let (Some((_, table)), Some(article)) = (&mut self.corpus, corpus) {
            table.add_article(article);
        }
        if let Some(file) = &mut self.speakers {
            file.write(&speakers)?;
        }
        self.writer
            .write_rows(&rows)
            .with_context(|| format!("cannot write to {}", self.out_name))?;
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
        self.writer
            .flush()
            .with_context(|| format!("cannot write to {}", self.out_name))
    }
}

impl Written {
    /// Flushes and closes every output, reporting the errors a drop would swallow, and writes
    /// the corpus table; then, with `commit`, renames the files into place. Returns the number
    /// of claim rows written, and the corpus table's file name and number of rows.
    fn finish(self, commit: bool) -> anyhow::Result<(u64, Option<(String, u64)>)> {
        let out_name = self.out_name;
        // Everything is written and flushed before the first file replaces its old one.
        let claims = self
            .writer
            .finish()
            .with_context(|| format!("cannot write to {out_name}"))?
            .close()?;
        let speakers = self.speakers.map(SpeakersFile::finish).transpose()?;
        let errors = self.errors.map(ErrorLog::finish).transpose()?;
        let corpus = match self.corpus {
            Some((out, table)) if commit => {
                let name = out.name();
                let (rows, _) = table.finish();
                write_table(out, &rows, self.options)?;
                Some((name, rows.len() as u64))
            }
            _ => None,
        };
        if !commit {
            return Ok((self.claims, None));
        }
        claims.commit()?;
        for closed in speakers.into_iter().chain(errors) {
            closed.commit()?;
        }
        Ok((self.claims, corpus))
    }
}

/// The summary line: counts, claims and rates.
fn summary(counts: &Counts, claims: u64, secs: f64) -> String {
    let secs_for_rates = secs.max(1e-3);
    let mut line = format!(
        "{} articles read, {} processed, {} failed, {claims} claims written in {secs:.2} s \
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
    fn create(out: Output, sanitize: bool) -> anyhow::Result<ErrorLog> {
        let name = out.name();
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
