//! The run loop that `whosaid extract` and `whosaid audit` share: read articles in chunks,
//! process the chunks in parallel, hand the results over in input order.
//!
//! A command says what a worker does with an article ([`Work`]) and what becomes of the
//! results ([`Sink`]); [`process_inputs`] does the rest, the same way for both: the worker
//! pool, a panic in one article failing that article only ([`catch`]), the checks that need
//! input order ([`Checks`]), failures and warnings on standard error, progress, and the counts
//! behind the exit status ([`Counts::exit_status`]).
//!
//! With `-j1` one thread does everything, a chunk at a time. Otherwise a reader thread walks
//! the inputs and sends chunks of at most [`CHUNK_ITEMS`] articles or [`CHUNK_BYTES`] of text
//! through a channel that holds [`CHUNKS_AHEAD`] of them, so memory is bounded by a few chunks
//! whatever the input size. The reader only cuts JSONL into lines; the workers parse them. The
//! main thread gives each chunk to one worker of a rayon pool of `-j`, keeping
//! [`CHUNKS_IN_FLIGHT`] per worker going, and hands the finished chunks to the sink in input
//! order while the workers go on; the output is the same for any number of threads.
//!
//! A chunk stays on one worker from its JSON to its results: splitting its articles among the
//! workers left a quarter of the second core idle and made each article's memory pass between
//! threads (#4).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::{self, IsTerminal};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{mpsc, Once};

use anyhow::{bail, Context};
use whosaid::{
    read_raw, total_size, Checks, Failure, Item, Location, Raw, ReadOptions, Stop, CHUNK_BYTES,
};
use whosaid_core::Article;

use crate::report::Reporter;

/// Most articles (or other items) in one chunk.
pub const CHUNK_ITEMS: usize = 256;
/// Chunks read ahead, waiting to be processed.
pub const CHUNKS_AHEAD: usize = 2;
/// Chunks being processed at once per worker, while the oldest finished one is handed over.
pub const CHUNKS_IN_FLIGHT: u64 = 2;

/// What a command does with each article, on a worker thread.
pub trait Work: Sync {
    /// An article's result, handed to the [`Sink`] in input order.
    type Done: Send;

    /// Processes one article. `Err` fails the article with that reason; so does a panic.
    fn article(&self, article: &Article) -> Result<Self::Done, String>;
}

/// Where a command's results go, in input order, on the thread that called
/// [`process_inputs`].
pub trait Sink<D> {
    /// Takes an article's result, or the reason it failed on the worker. Returns `Ok(Ok(()))`
    /// when the article counts as processed, `Ok(Err(reason))` when it failed, on the worker
    /// or here; [`process_inputs`] reports and counts the failure.
    ///
    /// # Errors
    ///
    /// A fatal error, which ends the run (an output that cannot be written).
    fn article(
        &mut self,
        id: &str,
        result: Result<D, String>,
    ) -> anyhow::Result<Result<(), String>>;

    /// Records a failed article or unreadable input beyond standard error (`--errors`).
    ///
    /// # Errors
    ///
    /// A fatal error, which ends the run.
    fn failure(&mut self, _failure: &Failure) -> anyhow::Result<()> {
        Ok(())
    }

    /// Called after every chunk, so that what was written reaches a reader early.
    ///
    /// # Errors
    ///
    /// A fatal error, which ends the run (a closed pipe).
    fn flush(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Counts for the summary and the exit status. Every article read is either processed or
/// failed.
#[derive(Debug, Default)]
pub struct Counts {
    /// Articles read.
    pub read: u64,
    /// Articles processed.
    pub processed: u64,
    /// Articles that failed: unreadable, malformed, or failed in processing.
    pub failed: u64,
    /// Inputs that could not be read at all (no such file, a directory without articles).
    pub input_errors: u64,
    /// Input bytes read, for the rates in the summary.
    pub bytes: u64,
}

impl Counts {
    /// 0 when all went well, 1 when some articles failed, 2 when an input could not be read at
    /// all.
    pub fn exit_status(&self) -> i32 {
        if self.input_errors > 0 {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }
}

/// The inputs to read: the paths given, or standard input when there are none.
///
/// # Errors
///
/// When no path is given and standard input is a terminal, which would wait for typing.
pub fn input_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    if io::stdin().is_terminal() {
        bail!("no input: give PATHs to read, or - to read JSONL from standard input (see --help)");
    }
    Ok(vec![PathBuf::from("-")])
}

/// The most worker threads per CPU core that `-j` may ask for. More only add chunks in
/// flight and threads to start (#16: `-j 100000` on a two-line file ran for over 15 s).
pub const THREADS_PER_CORE: usize = 4;

/// The number of worker threads for `-j`: 0 or none means one per CPU core; at most
/// [`THREADS_PER_CORE`] per core.
pub fn thread_count(threads: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    match threads {
        Some(n) if n > 0 => n.min(cores * THREADS_PER_CORE),
        _ => cores,
    }
}

/// Reads `paths`, has `work` process every article on `threads` workers, and hands the results
/// to `sink` in input order, reporting failures and warnings to `reporter` as they come.
///
/// # Errors
///
/// Fatal errors: the sink's, or worker or reader threads that cannot be started.
pub fn process_inputs<W: Work>(
    paths: &[PathBuf],
    threads: usize,
    options: &ReadOptions,
    work: &W,
    sink: &mut impl Sink<W::Done>,
    reporter: &Reporter,
) -> anyhow::Result<Counts> {
    if let Some(set_total) = reporter.total_setter() {
        let paths = paths.to_vec();
        // Walking a large directory for its size takes a while; the bar gains its ETA when done.
        std::thread::spawn(move || {
            if let Some(total) = total_size(&paths) {
                set_total(total);
            }
        });
    }
    let job = Job { work, options };
    let mut in_order = InOrder {
        sink,
        reporter,
        checks: Checks::default(),
        counts: Counts::default(),
    };
    if threads == 1 {
        run_on_this_thread(paths, job, &mut in_order)?;
    } else {
        run_in_parallel(paths.to_vec(), threads, job, &mut in_order)?;
    }
    if let Some(warning) = in_order.checks.finish() {
        reporter.warn(&warning);
    }
    Ok(in_order.counts)
}

/// What happened to one item, in input order.
enum Outcome<D> {
    /// An article was processed (or failed to be); [`Checks::article`] is still to be asked.
    Article {
        id: String,
        location: Location,
        text_len: usize,
        bytes: u64,
        /// The result, or why the article failed.
        result: Result<D, String>,
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

/// What a worker needs: the command's work and how to parse JSONL lines.
struct Job<'a, W> {
    work: &'a W,
    options: &'a ReadOptions,
}

// Not derived: that would require `W: Clone`, and only the references are copied.
impl<W> Clone for Job<'_, W> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<W> Copy for Job<'_, W> {}

impl<W: Work> Job<'_, W> {
    /// Processes a chunk, one article after another, and returns the outcomes in input order.
    fn chunk(self, chunk: Vec<Raw>) -> Vec<Outcome<W::Done>> {
        let mut out = Vec::new();
        for raw in chunk {
            match raw {
                Raw::Item(item) => out.push(self.item(item)),
                Raw::Page(page) => out.push(self.item(page.into_item())),
                Raw::Lines(lines) => {
                    for i in 0..lines.len() {
                        let line = lines.parse(i, self.options);
                        if line.not_utf8 {
                            out.push(Outcome::NotUtf8 {
                                input: lines.input(),
                                location: line.location.clone(),
                            });
                        }
                        out.extend(line.into_items().map(|item| self.item(item)));
                    }
                }
            }
        }
        out
    }

    /// Runs the work on one item. A panic fails that article, not the run.
    fn item(self, item: Item) -> Outcome<W::Done> {
        match item {
            Item::Article {
                article,
                location,
                bytes,
            } => Outcome::Article {
                result: catch(|| self.work.article(&article)).and_then(|result| result),
                text_len: article.text.len(),
                id: article.id.0,
                location,
                bytes,
            },
            Item::Failed { failure, bytes } => Outcome::Failed { failure, bytes },
            Item::InputError(failure) => Outcome::InputError(failure),
            Item::Warning(message) => Outcome::Warning(message),
        }
    }
}

/// Takes processed chunks in input order: makes the checks that need that order, counts,
/// reports failures and warnings, and gives the results to the command's sink.
struct InOrder<'a, S> {
    sink: &'a mut S,
    reporter: &'a Reporter,
    checks: Checks,
    counts: Counts,
}

impl<S> InOrder<'_, S> {
    fn take<D>(&mut self, outcomes: Vec<Outcome<D>>) -> anyhow::Result<()>
    where
        S: Sink<D>,
    {
        let before = self.counts.bytes;
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
                    self.counts.read += 1;
                    self.counts.bytes += bytes;
                    match self.sink.article(&id, result)? {
                        Ok(()) => self.counts.processed += 1,
                        Err(reason) => {
                            self.counts.failed += 1;
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
                    self.counts.read += 1;
                    self.counts.failed += 1;
                    self.counts.bytes += bytes;
                    self.failure(&failure)?;
                }
                Outcome::InputError(failure) => {
                    self.counts.input_errors += 1;
                    self.failure(&failure)?;
                }
                Outcome::Warning(message) => self.reporter.warn(&message),
            }
        }
        // Flushing per chunk lets a downstream `head` see rows early and makes a closed pipe
        // stop the run at once.
        self.sink.flush()?;
        self.reporter
            .progress(self.counts.bytes - before, self.counts.read);
        Ok(())
    }

    fn failure<D>(&mut self, failure: &Failure) -> anyhow::Result<()>
    where
        S: Sink<D>,
    {
        self.reporter.error(&failure.to_string());
        self.sink.failure(failure)
    }
}

/// `-j1`: one thread reads, processes and hands over, chunk by chunk, so that the run takes
/// one core and leaves the others to other work.
fn run_on_this_thread<W: Work, S: Sink<W::Done>>(
    paths: &[PathBuf],
    job: Job<'_, W>,
    in_order: &mut InOrder<'_, S>,
) -> anyhow::Result<()> {
    let mut chunker = Chunker::new();
    let mut failed = None;
    let mut take = |chunk: Vec<Raw>| in_order.take(job.chunk(chunk));
    let mut emit = |raw: Raw| -> Result<(), Stop> {
        if let Some(full) = chunker.push(raw) {
            if let Err(err) = take(full) {
                failed = Some(err);
                return Err(Stop);
            }
        }
        Ok(())
    };
    let _ = read_raw(paths, job.options, &mut emit);
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
/// them, and this thread hands them over in input order.
fn run_in_parallel<W: Work, S: Sink<W::Done>>(
    paths: Vec<PathBuf>,
    threads: usize,
    job: Job<'_, W>,
    in_order: &mut InOrder<'_, S>,
) -> anyhow::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("whosaid-worker-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    let (chunks, reader) = spawn_reader(paths, job.options.clone())?;
    // Up to CHUNKS_IN_FLIGHT chunks per worker are processed while the main thread hands over
    // the oldest finished one, so the workers never wait for it; a BTreeMap puts the chunks
    // back in input order. (A long article's windows may still spread over the pool.)
    pool.in_place_scope(|scope| -> anyhow::Result<()> {
        let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<Outcome<W::Done>>)>();
        let mut finished: BTreeMap<u64, Vec<Outcome<W::Done>>> = BTreeMap::new();
        let mut chunks = chunks.into_iter();
        let (mut started, mut written) = (0u64, 0u64);
        loop {
            while started - written < CHUNKS_IN_FLIGHT * threads as u64 {
                let Some(chunk) = chunks.next() else { break };
                let done_tx = done_tx.clone();
                let seq = started;
                scope.spawn(move |_| {
                    let outcomes = job.chunk(chunk);
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
                in_order.take(outcomes)?;
                written += 1;
            }
        }
    })?;
    if reader.join().is_err() {
        bail!("the input reader stopped unexpectedly");
    }
    Ok(())
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
    /// Set while [`catch`] runs, so the panic hook records rather than prints.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The last panic's message and location on this thread.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, which processes one article, turning a panic into the reason the article failed
/// (`internal error (please report it): panicked at FILE:LINE: MESSAGE`). The panic is not
/// printed; any panic outside `catch` prints as usual.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_panic_hook();
    CATCHING.with(|c| c.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(false));
    result.map_err(|payload| {
        let reason = PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| payload_message(payload.as_ref()));
        format!("internal error (please report it): {reason}")
    })
}

/// Makes panics inside [`catch`] quiet, keeping their message and location for the failure
/// report.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_reason_with_its_location() {
        assert_eq!(catch(|| 7), Ok(7));
        let reason = catch(|| -> u8 { panic!("no {}", "luck") }).unwrap_err();
        assert!(
            reason.starts_with("internal error (please report it): panicked at "),
            "{reason}"
        );
        assert!(reason.contains("run.rs:"), "{reason}");
        assert!(reason.ends_with(": no luck"), "{reason}");
    }

    /// #16: `-j 100000` started a hundred thousand threads for a two-line file.
    #[test]
    fn threads_are_capped_per_core() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(thread_count(Some(1)), 1);
        assert_eq!(thread_count(None), cores);
        assert_eq!(thread_count(Some(0)), cores);
        assert_eq!(thread_count(Some(100_000)), cores * THREADS_PER_CORE);
    }

    #[test]
    fn exit_status_puts_unreadable_inputs_first() {
        let counts = |failed, input_errors| Counts {
            failed,
            input_errors,
            ..Counts::default()
        };
        assert_eq!(counts(0, 0).exit_status(), 0);
        assert_eq!(counts(3, 0).exit_status(), 1);
        assert_eq!(counts(3, 1).exit_status(), 2);
    }
}
