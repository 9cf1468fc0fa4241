//! `whosaid extract`: read articles in chunks, process each chunk in parallel, write the
//! results in input order.
//!
//! With `-j1` one thread does everything, a chunk at a time. Otherwise a reader thread walks
//! the inputs and sends chunks of at most [`CHUNK_ITEMS`] articles or
//! [`CHUNK_BYTES`] of text through a channel that holds [`CHUNKS_AHEAD`] of them, so memory is
//! bounded by a few chunks whatever the input size. The main thread hands each chunk to a rayon
//! pool of `-j` workers, [`CHUNKS_IN_FLIGHT`] at a time, and writes the finished chunks in input
//! order while the workers go on; the output is the same for any number of threads.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Once};

use anyhow::{bail, Context};
use rayon::prelude::*;
use whosaid_export::{
    neutralise, Format, RecordWriter, RowEncoder, Rows, SpeakerRow, WriterOptions,
};

use crate::args::{ExtractArgs, OutputFormat};
use crate::input::{self, Failure, Item, Stop};
use crate::pipeline::Pipeline;
use crate::report::Reporter;
use crate::speakers::SpeakersFile;

/// Most articles (or other items) in one chunk.
pub const CHUNK_ITEMS: usize = 256;
/// Most article text in one chunk; a larger single article makes a chunk of its own.
pub const CHUNK_BYTES: usize = 4 << 20;
/// Chunks read ahead, waiting to be processed.
pub const CHUNKS_AHEAD: usize = 2;
/// Chunks being processed at once, while the oldest finished one is written.
pub const CHUNKS_IN_FLIGHT: u64 = 2;

/// What happened to one item.
enum Outcome {
    Records {
        rows: Rows,
        speakers: Vec<SpeakerRow>,
        bytes: u64,
    },
    Failed {
        failure: Failure,
        bytes: u64,
    },
    InputError(Failure),
    Warning(String),
}

/// What a worker does to an article: run the pipeline and format its rows.
#[derive(Clone, Copy)]
struct Work<'a> {
    pipeline: &'a Pipeline,
    encoder: RowEncoder,
    /// Whether to make the rows of the speakers table too.
    speakers: bool,
    /// Whether the work runs in a rayon pool that a long article's windows may share.
    parallel: bool,
}

/// Counts for the summary. Every article read is either processed or failed.
#[derive(Debug, Default)]
struct Stats {
    read: u64,
    processed: u64,
    failed: u64,
    input_errors: u64,
    claims: u64,
    bytes: u64,
}

/// Where processed chunks go, in input order: rows to the output, failures to stderr and the
/// `--errors` file, counts to the summary.
struct Sink<'a> {
    writer: &'a mut RecordWriter<Box<dyn Write>>,
    out_name: &'a str,
    errors: Option<&'a mut ErrorLog>,
    speakers: Option<&'a mut SpeakersFile>,
    reporter: &'a Reporter,
    stats: Stats,
}

impl Sink<'_> {
    fn take(&mut self, outcomes: Vec<Outcome>) -> anyhow::Result<()> {
        let stats = &mut self.stats;
        let before = stats.bytes;
        for outcome in outcomes {
            match outcome {
                Outcome::Records {
                    rows,
                    speakers,
                    bytes,
                } => {
                    if let Some(file) = &mut self.speakers {
                        file.write(&speakers)?;
                    }
                    stats.read += 1;
                    stats.processed += 1;
                    stats.bytes += bytes;
                    self.writer
                        .write_rows(&rows)
                        .with_context(|| format!("cannot write to {}", self.out_name))?;
                    stats.claims += rows.len();
                }
                Outcome::Failed { failure, bytes } => {
                    stats.read += 1;
                    stats.failed += 1;
                    stats.bytes += bytes;
                    self.reporter.error(&failure.to_string());
                    if let Some(log) = &mut self.errors {
                        log.write(&failure)?;
                    }
                }
                Outcome::InputError(failure) => {
                    stats.input_errors += 1;
                    self.reporter.error(&failure.to_string());
                    if let Some(log) = &mut self.errors {
                        log.write(&failure)?;
                    }
                }
                Outcome::Warning(message) => self.reporter.warn(&message),
            }
        }
        // Flushing per chunk lets a downstream `head` see rows early and makes a closed pipe
        // stop the run at once.
        self.writer
            .flush()
            .with_context(|| format!("cannot write to {}", self.out_name))?;
        self.reporter.progress(stats.bytes - before, stats.read);
        Ok(())
    }
}

/// Runs `whosaid extract` and returns the exit status: 0, 1 when some articles failed, 2 when
/// an input could not be read at all.
///
/// # Errors
///
/// Fatal errors: bad options, an output that cannot be created or written (a broken pipe is
/// reported as an error too; `main` turns it into success).
pub fn run(args: &ExtractArgs, pipeline: &Pipeline) -> anyhow::Result<i32> {
    let paths = input_paths(&args.paths)?;
    let threads = args.thread_count();

    let options = WriterOptions {
        format: match args.format {
            OutputFormat::Csv => Format::Csv,
            OutputFormat::Jsonl => Format::Jsonl,
        },
        sanitize: !args.no_sanitize,
    };
    let (out, out_name) = open_output(args.output.as_deref())?;
    let mut writer =
        RecordWriter::new(out, options).with_context(|| format!("cannot write to {out_name}"))?;
    let mut speakers = match &args.speakers {
        Some(path) => Some(SpeakersFile::create(path, options.sanitize)?),
        None => None,
    };
    let mut errors = match &args.errors {
        Some(path) => Some(ErrorLog::create(path, options.sanitize)?),
        None => None,
    };

    let reporter = Reporter::new(args.quiet);
    if let Some(set_total) = reporter.total_setter() {
        let paths = paths.clone();
        // Walking a large directory for its size takes a while; the bar gains its ETA when done.
        std::thread::spawn(move || {
            if let Some(total) = input::total_size(&paths) {
                set_total(total);
            }
        });
    }

    install_panic_hook();
    let work = Work {
        pipeline,
        encoder: RowEncoder::new(options),
        speakers: speakers.is_some(),
        parallel: threads > 1,
    };
    let mut sink = Sink {
        writer: &mut writer,
        out_name: &out_name,
        errors: errors.as_mut(),
        speakers: speakers.as_mut(),
        reporter: &reporter,
        stats: Stats::default(),
    };
    if threads == 1 {
        run_on_this_thread(&paths, args.outlet.clone(), work, &mut sink)?;
    } else {
        run_in_parallel(paths, args.outlet.clone(), threads, work, &mut sink)?;
    }
    let stats = sink.stats;
    writer
        .finish()
        .with_context(|| format!("cannot write to {out_name}"))?;
    if let Some(speakers) = speakers {
        speakers.finish()?;
    }
    if let Some(log) = errors {
        log.finish()?;
    }
    reporter.summary(&summary(&stats, reporter.elapsed().as_secs_f64()));
    Ok(if stats.input_errors > 0 {
        2
    } else if stats.failed > 0 {
        1
    } else {
        0
    })
}

/// `-j1`: one thread reads, extracts and writes, chunk by chunk, so that the run takes one
/// core and leaves the others to other work.
fn run_on_this_thread(
    paths: &[PathBuf],
    outlet: Option<String>,
    work: Work<'_>,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let options = input::Options { outlet };
    let mut chunker = Chunker::new();
    let mut failed = None;
    let mut emit = |item: Item| -> Result<(), Stop> {
        let text_bytes = item.text_len();
        if let Some(full) = chunker.push(process(work, item), text_bytes) {
            if let Err(err) = sink.take(full) {
                failed = Some(err);
                return Err(Stop);
            }
        }
        Ok(())
    };
    let _ = input::read(paths, &options, &mut emit);
    match failed {
        Some(err) => Err(err),
        None => sink.take(chunker.items),
    }
}

/// Gathers items into chunks of at most [`CHUNK_ITEMS`] items or [`CHUNK_BYTES`] of article
/// text, for both ways of running.
struct Chunker<T> {
    items: Vec<T>,
    text_bytes: usize,
}

impl<T> Chunker<T> {
    fn new() -> Chunker<T> {
        Chunker {
            items: Vec::with_capacity(CHUNK_ITEMS),
            text_bytes: 0,
        }
    }

    /// Adds an item that carries `text_bytes` of article text; returns the chunk once full.
    fn push(&mut self, item: T, text_bytes: usize) -> Option<Vec<T>> {
        self.text_bytes += text_bytes;
        self.items.push(item);
        if self.items.len() < CHUNK_ITEMS && self.text_bytes < CHUNK_BYTES {
            return None;
        }
        self.text_bytes = 0;
        Some(std::mem::replace(
            &mut self.items,
            Vec::with_capacity(CHUNK_ITEMS),
        ))
    }
}

/// `-j2` and up: a reader thread sends chunks, a rayon pool of `threads` workers processes
/// them, and this thread writes them in input order.
fn run_in_parallel(
    paths: Vec<PathBuf>,
    outlet: Option<String>,
    threads: usize,
    work: Work<'_>,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("whosaid-worker-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    let (chunks, reader) = spawn_reader(paths, outlet)?;
    // Up to CHUNKS_IN_FLIGHT chunks are processed while the main thread writes the oldest
    // finished one, so the workers never wait for the writer; a BTreeMap puts the chunks
    // back in input order.
    pool.in_place_scope(|scope| -> anyhow::Result<()> {
        let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<Outcome>)>();
        let mut finished: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
        let mut chunks = chunks.into_iter();
        let (mut started, mut written) = (0u64, 0u64);
        loop {
            while started - written < CHUNKS_IN_FLIGHT {
                let Some(chunk) = chunks.next() else { break };
                let done_tx = done_tx.clone();
                let seq = started;
                scope.spawn(move |_| {
                    let outcomes: Vec<Outcome> = chunk
                        .into_par_iter()
                        .map(|item| process(work, item))
                        .collect();
                    // The receiver outlives the scope; it cannot be gone.
                    let _ = done_tx.send((seq, outcomes));
                });
                started += 1;
            }
            if written == started {
                return Ok(());
            }
            let (seq, outcomes) = done_rx
                .recv()
                .expect("every started chunk sends its results");
            finished.insert(seq, outcomes);
            while let Some(outcomes) = finished.remove(&written) {
                sink.take(outcomes)?;
                written += 1;
            }
        }
    })?;
    if reader.join().is_err() {
        bail!("the input reader stopped unexpectedly");
    }
    Ok(())
}

/// The inputs to read: the paths given, or standard input when there are none.
fn input_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    if io::stdin().is_terminal() {
        bail!("no input: give PATHs to read, or - to read JSONL from standard input (see --help)");
    }
    Ok(vec![PathBuf::from("-")])
}

fn open_output(path: Option<&Path>) -> anyhow::Result<(Box<dyn Write>, String)> {
    match path {
        Some(path) if !input::is_stdin(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            Ok((
                Box::new(BufWriter::with_capacity(1 << 16, file)),
                path.display().to_string(),
            ))
        }
        _ => Ok((
            Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
            "standard output".to_string(),
        )),
    }
}

/// Starts the thread that reads the inputs and sends them in chunks.
fn spawn_reader(
    paths: Vec<PathBuf>,
    outlet: Option<String>,
) -> anyhow::Result<(mpsc::Receiver<Vec<Item>>, std::thread::JoinHandle<()>)> {
    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(CHUNKS_AHEAD);
    let handle = std::thread::Builder::new()
        .name("whosaid-reader".into())
        .spawn(move || {
            let options = input::Options { outlet };
            let mut chunker = Chunker::new();
            let mut emit = |item: Item| -> Result<(), Stop> {
                let text_bytes = item.text_len();
                if let Some(full) = chunker.push(item, text_bytes) {
                    // The receiver is gone only when the run stopped (a closed output).
                    tx.send(full).map_err(|_| Stop)?;
                }
                Ok(())
            };
            if input::read(&paths, &options, &mut emit).is_ok() && !chunker.items.is_empty() {
                let _ = tx.send(chunker.items);
            }
        })
        .context("cannot start the reader thread")?;
    Ok((rx, handle))
}

thread_local! {
    /// Set while a worker processes an article, so the panic hook records rather than prints.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The last panic's message and location on this thread.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Makes panics inside article processing quiet, keeping their message and location for the
/// failure report; any other panic prints as usual.
fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) {
                let location = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let message = payload_message(info.payload());
                PANIC.with(|p| *p.borrow_mut() = Some(format!("panicked{location}: {message}")));
            } else {
                default(info);
            }
        }));
    });
}

fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Runs the pipeline on one item. A panic in a stage fails that article, not the run.
fn process(work: Work<'_>, item: Item) -> Outcome {
    match item {
        Item::Article {
            article,
            location,
            bytes,
        } => {
            CATCHING.with(|c| c.set(true));
            let result = panic::catch_unwind(AssertUnwindSafe(|| {
                work.pipeline
                    .rows(&article, &work.encoder, work.speakers, work.parallel)
            }));
            CATCHING.with(|c| c.set(false));
            match result {
                Ok(Ok((rows, speakers))) => Outcome::Records {
                    rows,
                    speakers,
                    bytes,
                },
                Ok(Err(err)) => Outcome::Failed {
                    failure: Failure {
                        location,
                        article_id: Some(article.id.0),
                        reason: format!("cannot format its rows: {err}"),
                    },
                    bytes,
                },
                Err(payload) => {
                    let reason = PANIC
                        .with(|p| p.borrow_mut().take())
                        .unwrap_or_else(|| payload_message(payload.as_ref()));
                    let failure = Failure {
                        location,
                        article_id: Some(article.id.0),
                        reason: format!("internal error (please report it): {reason}"),
                    };
                    Outcome::Failed { failure, bytes }
                }
            }
        }
        Item::Failed { failure, bytes } => Outcome::Failed { failure, bytes },
        Item::InputError(failure) => Outcome::InputError(failure),
        Item::Warning(message) => Outcome::Warning(message),
    }
}

fn summary(stats: &Stats, secs: f64) -> String {
    let secs_for_rates = secs.max(1e-3);
    let mut line = format!(
        "{} articles read, {} processed, {} failed, {} claims written in {secs:.2} s \
         ({:.0} articles/s, {:.1} MB/s)",
        stats.read,
        stats.processed,
        stats.failed,
        stats.claims,
        stats.read as f64 / secs_for_rates,
        stats.bytes as f64 / 1e6 / secs_for_rates,
    );
    if stats.input_errors > 0 {
        let s = if stats.input_errors == 1 { "" } else { "s" };
        line.push_str(&format!(
            "; {} input{s} could not be read",
            stats.input_errors
        ));
    }
    line
}

/// The `--errors` file: one CSV row per failed article or unreadable input.
struct ErrorLog {
    csv: csv::Writer<BufWriter<File>>,
    sanitize: bool,
    name: String,
}

impl ErrorLog {
    fn create(path: &Path, sanitize: bool) -> anyhow::Result<ErrorLog> {
        let name = path.display().to_string();
        let file = File::create(path).with_context(|| format!("cannot create {name}"))?;
        let mut csv = csv::Writer::from_writer(BufWriter::new(file));
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
            failure.location.source.as_str(),
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

    fn finish(mut self) -> anyhow::Result<()> {
        self.csv
            .flush()
            .with_context(|| format!("cannot write to {}", self.name))
    }
}
