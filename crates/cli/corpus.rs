//! `whosaid speakers`: one row per person, organisation or group across claims files (the
//! shards of a cluster job), and the table file that it and `whosaid extract
//! --corpus-speakers` write. The merging is whosaid-export's [`Corpus`].

use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use tempfile::NamedTempFile;
use whosaid::{is_stdin, total_size, STDIN_NAME};
use whosaid_export::{ClaimsReader, Corpus, CorpusSummary, CorpusWriter, Format, WriterOptions};

use crate::args::{OutputFormat, SpeakersArgs};
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
    let target = TableFile::open(args.output.as_deref(), &paths, "an input")?;
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
        if let TableFile::File { path, .. } = &target {
            reporter.error(&format!(
                "no claims file could be read; {} is left as it was",
                path.display()
            ));
        }
        return Ok(1);
    }
    let (rows, summary) = corpus.finish();
    let name = target.name();
    target.write(&rows, options)?;
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

/// Where a table goes: standard output, or a file that is written beside its place and
/// renamed into it once complete, so that a run that fails leaves the file as it was.
pub enum TableFile {
    /// Standard output.
    Stdout,
    /// A file.
    File {
        /// The file to replace.
        path: PathBuf,
        /// The temporary file beside it.
        temp: NamedTempFile,
    },
}

impl TableFile {
    /// The table's destination: `path`, or standard output for none or `-`. Refuses a path
    /// that is the same file as one of `inputs` (the same path, or the same device and inode
    /// through another name or a link), called `what` in the message. Creates the temporary
    /// file now, so that a directory that cannot be written fails the run before it starts.
    ///
    /// # Errors
    ///
    /// When the path is an input, or the temporary file cannot be created.
    pub fn open(path: Option<&Path>, inputs: &[PathBuf], what: &str) -> anyhow::Result<TableFile> {
        let Some(path) = path.filter(|p| !is_stdin(p)) else {
            return Ok(TableFile::Stdout);
        };
        if let Some(input) = inputs.iter().find(|input| same_file(path, input)) {
            bail!(
                "{} is {what} ({}); refusing to overwrite it: choose another output file",
                path.display(),
                input.display()
            );
        }
        Ok(TableFile::File {
            path: path.to_path_buf(),
            temp: temp_beside(path)?,
        })
    }

    /// The destination's name for messages.
    pub fn name(&self) -> String {
        match self {
            TableFile::Stdout => "standard output".to_string(),
            TableFile::File { path, .. } => path.display().to_string(),
        }
    }

    /// Writes the table and, for a file, renames it into place, keeping the permissions of
    /// the file it replaces.
    ///
    /// # Errors
    ///
    /// When writing or renaming fails; the file is then left as it was.
    pub fn write(
        self,
        rows: &[whosaid_export::CorpusRow],
        options: WriterOptions,
    ) -> anyhow::Result<()> {
        let mut staged = self.stage();
        let name = staged.name.clone();
        write_rows(&mut staged.out, rows, options)
            .with_context(|| format!("cannot write to {name}"))?;
        staged.finish()
    }

    /// A writer to the destination, for an output written as the run goes; [`Staged::finish`]
    /// completes it.
    pub fn stage(self) -> Staged {
        let name = self.name();
        let (dest, path) = match self {
            TableFile::Stdout => (Dest::Stdout(io::stdout()), None),
            TableFile::File { path, temp } => (Dest::Temp(temp), Some(path)),
        };
        Staged {
            name,
            out: BufWriter::with_capacity(1 << 16, dest),
            path,
        }
    }
}

/// An output being written: to standard output, or to a temporary file that
/// [`Staged::finish`] renames into place, so that a run that fails leaves the file it was to
/// replace as it was.
pub struct Staged {
    /// The destination's name for messages.
    pub name: String,
    /// Where to write.
    pub out: BufWriter<Dest>,
    /// The file to replace, for a file.
    path: Option<PathBuf>,
}

/// Standard output or the temporary file of a [`Staged`] output.
pub enum Dest {
    /// Standard output.
    Stdout(io::Stdout),
    /// The temporary file beside the output.
    Temp(NamedTempFile),
}

impl Write for Dest {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Dest::Stdout(out) => out.write(buf),
            Dest::Temp(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Dest::Stdout(out) => out.flush(),
            Dest::Temp(file) => file.flush(),
        }
    }
}

impl Staged {
    /// Flushes the output and, for a file, syncs it and renames it into place, keeping the
    /// permissions of the file it replaces.
    ///
    /// # Errors
    ///
    /// When writing or renaming fails; the file is then left as it was.
    pub fn finish(self) -> anyhow::Result<()> {
        let name = self.name;
        let dest = self
            .out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write to {name}"))?;
        let (Dest::Temp(temp), Some(path)) = (dest, self.path) else {
            return Ok(());
        };
        temp.as_file()
            .sync_all()
            .with_context(|| format!("cannot write to {name}"))?;
        if let Ok(old) = fs::metadata(&path) {
            // Not fatal: the output is complete either way.
            let _ = fs::set_permissions(temp.path(), old.permissions());
        }
        temp.persist(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot replace {name}"))?;
        Ok(())
    }
}

/// A temporary file in the directory of `path`, to be renamed to it when complete.
///
/// # Errors
///
/// When the directory cannot be written.
pub fn temp_beside(path: &Path) -> anyhow::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".whosaid-").suffix(".tmp");
    // The file gets the permissions an ordinary new file would (the umask applies), rather
    // than the temporary file's owner-only ones.
    #[cfg(unix)]
    let permissions = <fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o666);
    #[cfg(unix)]
    builder.permissions(permissions);
    builder.tempfile_in(dir).with_context(|| {
        format!(
            "cannot create a file in {} for {}",
            dir.display(),
            path.display()
        )
    })
}

fn write_rows<W: Write>(
    out: W,
    rows: &[whosaid_export::CorpusRow],
    options: WriterOptions,
) -> anyhow::Result<()> {
    let mut writer = CorpusWriter::new(out, options)?;
    for row in rows {
        writer.write(row)?;
    }
    writer.finish()?.flush()?;
    Ok(())
}

/// True when `a` and `b` name the same file: the same path, or (on Unix) the same device and
/// inode, through another name, a hard link or a symbolic link. Standard input is no file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if is_stdin(a) || is_stdin(b) {
        return false;
    }
    if a == b {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) else {
            return false;
        };
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
    }
}
