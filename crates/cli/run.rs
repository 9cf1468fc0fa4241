//! `whosaid extract`: read articles in chunks, process the chunks in parallel, write the
//! results in input order.
//!
//! With `-j1` one thread does everything, a chunk at a time. Otherwise a reader thread walks
//! the inputs and sends chunks of at most [`CHUNK_ITEMS`] articles or
//! [`CHUNK_BYTES`] of text through a channel that holds [`CHUNKS_AHEAD`] of them, so memory is
//! bounded by a few chunks whatever the input size. The reader only cuts JSONL into lines; the
//! workers parse them. The main thread gives each chunk to one worker of a rayon pool of `-j`,
//! keeping [`CHUNKS_IN_FLIGHT`] per worker going, and writes the finished chunks in input
//! order while the workers go on, making the checks that need input order ([`Checks`]) as it
//! goes; the output is the same for any number of threads.
//!
//! A chunk stays on one worker from its JSON to its rows: splitting its articles among the
//! workers left a quarter of the second core idle and made each article's memory pass between
//! threads (#4).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Once};

use anyhow::{bail, Context};
use whosaid::{
    is_stdin, read_raw, total_size, Checks, Failure, Item, Location, Pipeline, Raw, ReadOptions,
    Stop, CHUNK_BYTES,
};
use whosaid_export::{
    neutralise, Format, RecordWriter, RowEncoder, Rows, SpeakerRow, WriterOptions,
};

use crate::args::{ExtractArgs, OutputFormat};
use crate::report::Reporter;
use crate::speakers::SpeakersFile;

/// Most articles (or other items) in one chunk.
pub const CHUNK_ITEMS: usize = 256;
/// Chunks read ahead, waiting to be processed.
pub const CHUNKS_AHEAD: usize = 2;
/// Chunks being processed at once per worker, while the oldest finished one is written.
pub const CHUNKS_IN_FLIGHT: u64 = 2;

/// What happened to one item, in input order.
enum Outcome {
    /// An article was processed (or failed to be); [`Checks::article`] is still to be asked.
    Article {
        id: String,
        location: Location,
        text_len: usize,
        bytes: u64,
        /// The rows, or why the article failed.
        result: Result<(Rows, Vec<SpeakerRow>), String>,
    },
    /// A JSONL line of input `input` was not UTF-8 ([`Checks::not_utf8`] is still to be asked).
    NotUtf8 {
        input: u32,
        location: Location,
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
    /// How to parse JSONL lines.
    options: &'a ReadOptions,
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
    checks: Checks,
    stats: Stats,
}

impl Sink<'_> {
    fn take(&mut self, outcomes: Vec<Outcome>) -> anyhow::Result<()> {
        let before = self.stats.bytes;
        for outcome in outcomes {
            match outcome {
                Outcome::Article {
                    id,
                    location,
                    text_len,
                    bytes,
                    result,
                } => {
                    for warning in self.checks.article(&id, &location, text_len) {
                        self.reporter.warn(&warning);
                    }
                    self.stats.read += 1;
                    self.stats.bytes += bytes;
                    match result {
                        Ok((rows, speakers)) => {
                            if let Some(file) = &mut self.speakers {
                                file.write(&speakers)?;
                            }
                            self.stats.processed += 1;
                            self.writer
                                .write_rows(&rows)
                                .with_context(|| format!("cannot write to {}", self.out_name))?;
                            self.stats.claims += rows.len();
                        }
                        Err(reason) => {
                            self.stats.failed += 1;
                            let failure = Failure {
                                location,
                                article_id: Some(id),
                                reason,
                            };
                            self.failure(&failure)?;
                        }
                    }
                }
                Outcome::NotUtf8 { input, location } => {
                    if let Some(warning) = self.checks.not_utf8(input, &location) {
                        self.reporter.warn(&warning);
                    }
                }
                Outcome::Failed { failure, bytes } => {
                    self.stats.read += 1;
                    self.stats.failed += 1;
                    self.stats.bytes += bytes;
                    self.failure(&failure)?;
                }
                Outcome::InputError(failure) => {
                    self.stats.input_errors += 1;
                    self.failure(&failure)?;
                }
                Outcome::Warning(message) => self.reporter.warn(&message),
            }
        }
        // Flushing per chunk lets a downstream `head` see rows early and makes a closed pipe
        // stop the run at once.
        self.writer
            .flush()
            .with_context(|| format!("cannot write to {}", self.out_name))?;
        self.reporter
            .progress(self.stats.bytes - before, self.stats.read);
        Ok(())
    }

    fn failure(&mut self, failure: &Failure) -> anyhow::Result<()> {
        self.reporter.error(&failure.to_string());
        match &mut self.errors {
            Some(log) => log.write(failure),
            None => Ok(()),
        }
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
            if let Some(total) = total_size(&paths) {
                set_total(total);
            }
        });
    }

    install_panic_hook();
    let input_options = ReadOptions {
        outlet: args.outlet.clone(),
    };
    let work = Work {
        pipeline,
        options: &input_options,
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
        checks: Checks::default(),
        stats: Stats::default(),
    };
    if threads == 1 {
        run_on_this_thread(&paths, work, &mut sink)?;
    } else {
        run_in_parallel(paths, threads, work, &mut sink)?;
    }
    if let Some(warning) = sink.checks.finish() {
        reporter.warn(&warning);
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
    work: Work<'_>,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let mut chunker = Chunker::new();
    let mut failed = None;
    let mut take = |chunk: Vec<Raw>| sink.take(process_chunk(work, chunk));
    let mut emit = |raw: Raw| -> Result<(), Stop> {
        if let Some(full) = chunker.push(raw) {
            if let Err(err) = take(full) {
                failed = Some(err);
                return Err(Stop);
            }
        }
        Ok(())
    };
    let _ = read_raw(paths, work.options, &mut emit);
    match failed {
        Some(err) => Err(err),
        None => take(chunker.items),
    }
}

/// Gathers what the reader hands on into chunks of at most [`CHUNK_ITEMS`] articles or
/// [`CHUNK_BYTES`] of article text, for both ways of running.
struct Chunker {
    items: Vec<Raw>,
    articles: usize,
    text_bytes: usize,
}

impl Chunker {
    fn new() -> Chunker {
        Chunker {
            items: Vec::new(),
            articles: 0,
            text_bytes: 0,
        }
    }

    /// Adds `raw`; returns the chunk once full.
    fn push(&mut self, raw: Raw) -> Option<Vec<Raw>> {
        let (articles, text_bytes) = raw.weight();
        self.articles += articles;
        self.text_bytes += text_bytes;
        self.items.push(raw);
        if self.articles < CHUNK_ITEMS && self.text_bytes < CHUNK_BYTES {
            return None;
        }
        self.articles = 0;
        self.text_bytes = 0;
        Some(std::mem::take(&mut self.items))
    }
}

/// `-j2` and up: a reader thread sends chunks, a rayon pool of `threads` workers processes
/// them, and this thread writes them in input order.
fn run_in_parallel(
    paths: Vec<PathBuf>,
    threads: usize,
    work: Work<'_>,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("whosaid-worker-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    let (chunks, reader) = spawn_reader(paths, work.options.clone())?;
    // Up to CHUNKS_IN_FLIGHT chunks per worker are processed while the main thread writes the
    // oldest finished one, so the workers never wait for the writer; a BTreeMap puts the
    // chunks back in input order. (A long article's windows still spread over the pool.)
    pool.in_place_scope(|scope| -> anyhow::Result<()> {
        let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<Outcome>)>();
        let mut finished: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
        let mut chunks = chunks.into_iter();
        let (mut started, mut written) = (0u64, 0u64);
        loop {
            while started - written < CHUNKS_IN_FLIGHT * threads as u64 {
                let Some(chunk) = chunks.next() else { break };
                let done_tx = done_tx.clone();
                let seq = started;
                scope.spawn(move |_| {
                    let outcomes = process_chunk(work, chunk);
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
        Some(path) if !is_stdin(path) => {
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
    options: ReadOptions,
) -> anyhow::Result<(mpsc::Receiver<Vec<Raw>>, std::thread::JoinHandle<()>)> {
    let (tx, rx) = mpsc::sync_channel::<Vec<Raw>>(CHUNKS_AHEAD);
    let handle = std::thread::Builder::new()
        .name("whosaid-reader".into())
        .spawn(move || {
            let mut chunker = Chunker::new();
            let mut emit = |raw: Raw| -> Result<(), Stop> {
                if let Some(full) = chunker.push(raw) {
                    // The receiver is gone only when the run stopped (a closed output).
                    tx.send(full).map_err(|_| Stop)?;
                }
                Ok(())
            };
            if read_raw(&paths, &options, &mut emit).is_ok() && !chunker.items.is_empty() {
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

/// Processes a chunk, one article after another, and returns the outcomes in input order.
fn process_chunk(work: Work<'_>, chunk: Vec<Raw>) -> Vec<Outcome> {
    let mut out = Vec::new();
    for raw in chunk {
        match raw {
            Raw::Item(item) => out.push(process(work, item)),
            Raw::Lines(lines) => {
                for i in 0..lines.len() {
                    let line = lines.parse(i, work.options);
                    if line.not_utf8 {
                        out.push(Outcome::NotUtf8 {
                            input: lines.input(),
                            location: line.location.clone(),
                        });
                    }
                    out.extend(line.into_items().map(|item| process(work, item)));
                }
            }
        }
    }
    out
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
            let result = match result {
                Ok(Ok(rows)) => Ok(rows),
                Ok(Err(err)) => Err(format!("cannot format its rows: {err}")),
                Err(payload) => {
                    let reason = PANIC
                        .with(|p| p.borrow_mut().take())
                        .unwrap_or_else(|| payload_message(payload.as_ref()));
                    Err(format!("internal error (please report it): {reason}"))
                }
            };
            Outcome::Article {
                text_len: article.text.len(),
                id: article.id.0,
                location,
                bytes,
                result,
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

    fn finish(mut self) -> anyhow::Result<()> {
        self.csv
            .flush()
            .with_context(|| format!("cannot write to {}", self.name))
    }
}
