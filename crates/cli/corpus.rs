//! `whosaid speakers`: one row per person, organisation or group across claims files (the
//! shards of a cluster job), and the table file that it and `whosaid extract
//! --corpus-speakers` write. The merging is whosaid-export's [`Corpus`].

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use whosaid::{is_stdin, total_size, STDIN_NAME};
use whosaid_export::{ClaimsReader, Corpus, CorpusSummary, CorpusWriter, Format, WriterOptions};

use crate::args::{OutputFormat, SpeakersArgs};
use crate::output::{same_file, Output, Outputs};
use crate::report::Reporter;

/// Runs `whosaid speakers` and returns the exit status: 0, or 1 when some claims files could
/// not be read (each is reported; the table counts the others).
///
/// # Errors
///
/// Fatal errors: no input, an output that is an input or cannot be written.
pub fn run(args: &SpeakersArgs) -> anyhow::Result<i32> {
    let paths = if args.paths.is_empty() {
        if io::stdin().is_terminal() {
            bail!("no input: give CLAIMS files to read, or - to read standard input (see --help)");
        }
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let options = WriterOptions {
        format: match args.format {
            OutputFormat::Csv => Format::Csv,
            OutputFormat::Jsonl => Format::Jsonl,
            OutputFormat::Xlsx => {
                bail!("whosaid speakers writes CSV or JSON lines; --format xlsx is for extract")
            }
        },
        sanitize: !args.no_sanitize,
    };
    let target = Outputs::new(&paths).open("-o", args.output.as_deref())?;
    let reporter = Reporter::new(args.quiet);
    if let (Some(set_total), Some(total)) = (reporter.total_setter(), total_size(&paths)) {
        set_total(total);
    }

    let mut corpus = Corpus::new();
    let (mut read, mut failed) = (0, 0);
    for (k, path) in paths.iter().enumerate() {
        if let Some(earlier) = paths[..k].iter().find(|p| same_file(p, path)) {
            reporter.warn(&format!(
                "{} is the same file as {}; read once",
                path.display(),
                earlier.display()
            ));
            continue;
        }
        let label = format!("file {} of {}", k + 1, paths.len());
        match read_file(path, &label, &reporter) {
            Ok(file) => {
                corpus.absorb(file);
                read += 1;
            }
            Err(err) => {
                reporter.error(&format!("{err:#}"));
                failed += 1;
            }
        }
    }
    if read == 0 && failed > 0 {
        reporter.finish();
        if let Output::File { path, .. } = &target {
            reporter.error(&format!(
                "no claims file could be read; {} is left as it was",
                path.display()
            ));
        }
        return Ok(1);
    }
    let (rows, summary) = corpus.finish();
    let name = target.name();
    write_table(target, &rows, options)?;
    let secs = reporter.elapsed().as_secs_f64();
    let mut line = format!("{read} of {} claims files read", read + failed);
    if failed > 0 {
        line.push_str(&format!(", {failed} could not be"));
    }
    line.push_str(&format!(
        ": {}; {} speakers written to {name} in {secs:.2} s",
        describe(&summary),
        summary.speakers
    ));
    reporter.summary(&line);
    Ok(i32::from(failed > 0))
}

/// Reads one claims file into a table of its own, so that a file that fails half-way counts
/// for nothing.
fn read_file(path: &Path, label: &str, reporter: &Reporter) -> anyhow::Result<Corpus> {
    let (input, name): (Box<dyn Read>, String) = if is_stdin(path) {
        (Box::new(io::stdin().lock()), STDIN_NAME.to_string())
    } else {
        let name = path.display().to_string();
        let file = File::open(path).with_context(|| format!("cannot open {name}"))?;
        (Box::new(file), name)
    };
    let input = Counted {
        inner: input,
        label,
        reporter,
    };
    let mut corpus = Corpus::new();
    for record in ClaimsReader::new(input, &name)? {
        corpus.add(&record?);
    }
    Ok(corpus)
}

/// A reader that advances the progress bar by the bytes read.
struct Counted<'a, R> {
    inner: R,
    label: &'a str,
    reporter: &'a Reporter,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.reporter.advance(n as u64, self.label);
        Ok(n)
    }
}

/// What the summary says of the claims: "84435 rows, 60210 claims in 2000 articles (2400
/// with no named speaker, 120 of them anonymous), 21897 speaker ids; 35 surnames merged into
/// a full name, 12 ambiguous".
fn describe(s: &CorpusSummary) -> String {
    format!(
        "{} rows, {} claims in {} articles ({} with no named speaker, {} of them anonymous), \
         {} speaker ids; {} surnames merged into a full name, {} ambiguous",
        s.rows, s.claims, s.articles, s.unnamed, s.anonymous, s.ids, s.merged, s.ambiguous
    )
}

/// Writes a corpus table to `out` and commits it: a file is renamed into place only when
/// complete, so a run that fails leaves it as it was.
///
/// # Errors
///
/// When writing or renaming fails.
pub fn write_table(
    out: Output,
    rows: &[whosaid_export::CorpusRow],
    options: WriterOptions,
) -> anyhow::Result<()> {
    let name = out.name();
    write_rows(out, rows, options)
        .with_context(|| format!("cannot write to {name}"))?
        .commit()
}

fn write_rows<W: Write>(
    out: W,
    rows: &[whosaid_export::CorpusRow],
    options: WriterOptions,
) -> anyhow::Result<W> {
    let mut writer = CorpusWriter::new(out, options)?;
    for row in rows {
        writer.write(row)?;
    }
    let mut out = writer.finish()?;
    out.flush()?;
    Ok(out)
}
