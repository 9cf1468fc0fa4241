//! `whosaid._native`: the Rust half of the Python package `whosaid` (python/whosaid). The
//! Python half adds the docstrings, `to_pandas` and Spark; everything that makes a record is
//! here, and it is the code `whosaid extract` runs: [`Pipeline::records`] turns an article into
//! [`Record`]s, and each record becomes a dict with the keys of [`COLUMNS`], in order, the
//! columns of the CLI's CSV and JSON lines.
//!
//! - `extract` runs one article, without the GIL.
//! - `Stream` is `extract_many`'s iterator: it pulls articles from a Python iterable in
//!   batches, extracts each batch on a rayon pool without the GIL while the caller takes the
//!   previous batch's records, and hands records out in input order. At most a few batches
//!   are held at a time (`BATCHES_AHEAD`), however long the iterable.
//! - `main` is the `whosaid` command (`whosaid::run_cli`).
//! - `OPTIONS` are the keyword options that change rows, one line each.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyIterator, PyList, PyMapping, PyString};
use rayon::prelude::*;
use whosaid::{catch, Pipeline, CHUNK_BYTES};
use whosaid_core::Article;
use whosaid_export::{Record, COLUMNS};

/// The allocator of the `whosaid` binary, for the same reason (main.rs): glibc's malloc took a
/// fifth of the workers' time. It serves Rust's allocations only; Python objects keep Python's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How an option changes the pipeline, given its Python value.
type Apply = fn(Pipeline, &Bound<'_, PyAny>) -> PyResult<Pipeline>;

/// The keyword options that change rows: name, what it does (for the docstrings), and how it
/// changes the pipeline. They are the CLI's options of the same names; adding one is a line
/// here (and its type in `_native.pyi`).
const OPTIONS: &[(&str, &str, Apply)] = &[
    (
        "beliefs",
        "also report beliefs that nobody in the text holds (`X is expected to ...`), as the \
         CLI's --beliefs does",
        |pipeline, value| Ok(pipeline.with_beliefs(value.extract::<bool>()?)),
    ),
    (
        "tagger",
        "also run the bundled learned tagger, which adds claims the rules miss with a \
         confidence below 1 (opt-in: README, Learned tagger), as the CLI's --tagger does",
        |pipeline, value| {
            Ok(match value.extract::<bool>()? {
                true => pipeline.with_model(Some(whosaid::default_model())),
                false => pipeline,
            })
        },
    ),
    (
        "model",
        "a tagger model file written by `whosaid train`, used instead of the bundled one \
         (implies tagger), as the CLI's --model does",
        |pipeline, value| match value.extract::<Option<std::path::PathBuf>>()? {
            None => Ok(pipeline),
            Some(path) => Ok(pipeline.with_model(Some(Arc::new(load_model(&path)?)))),
        },
    ),
    (
        "min_confidence",
        "the confidence (0 to 1) a claim of the tagger needs, instead of the model's own, as \
         the CLI's --min-confidence does",
        |pipeline, value| match value.extract::<Option<f32>>()? {
            None => Ok(pipeline),
            Some(p) if (0.0..=1.0).contains(&p) => Ok(pipeline.with_threshold(p)),
            Some(p) => Err(PyValueError::new_err(format!(
                "{p} is not a number from 0 to 1"
            ))),
        },
    ),
    (
        "rules_only",
        "the rules alone, without the tagger: the default, said explicitly; conflicts with \
         tagger and model, as the CLI's --rules-only does",
        |pipeline, value| {
            value.extract::<bool>()?;
            Ok(pipeline)
        },
    ),
];

/// A tagger model file; a file that cannot be read or is no model is a ValueError naming it.
fn load_model(path: &std::path::Path) -> PyResult<whosaid_tagger::Model> {
    let bytes = std::fs::read(path).map_err(|err| {
        PyValueError::new_err(format!("cannot read the model {}: {err}", path.display()))
    })?;
    whosaid_tagger::Model::from_bytes(&bytes)
        .map_err(|err| PyValueError::new_err(format!("{}: {err}", path.display())))
}

/// True when the option `name` is given and true (a bool) or not None (any other value).
fn given(options: &Bound<'_, PyDict>, name: &str) -> PyResult<bool> {
    match options.get_item(name)? {
        None => Ok(false),
        Some(v) if v.is_instance_of::<PyBool>() => v.extract(),
        Some(v) => Ok(!v.is_none()),
    }
}

/// Articles pulled from the iterable at a time, at most: enough to share among the workers,
/// few enough that a batch's records are soon handed out.
const BATCH_ARTICLES: usize = 256;
/// Text pulled at a time, at most: two of the CLI's chunks, so that memory stays flat however
/// long the articles are.
const BATCH_BYTES: usize = 2 * CHUNK_BYTES;
/// Batches extracting, or extracted and waiting, while the caller takes the records of
/// another: with one, the workers sat idle whenever they finished it before the caller
/// finished the batch before (on a busy machine, most of the time).
const BATCHES_AHEAD: usize = 4;

/// Pipelines by their options, built once each: building one compiles every pattern and
/// loads every word list.
fn pipeline_for(options: Option<&Bound<'_, PyDict>>) -> PyResult<Arc<Pipeline>> {
    /// Each set of options (their names and values' reprs) and its pipeline.
    type Cache = Mutex<Vec<(String, Arc<Pipeline>)>>;
    static PIPELINES: OnceLock<Cache> = OnceLock::new();
    let mut pipeline = Pipeline::new();
    let mut key = String::new();
    if let Some(options) = options {
        if given(options, "rules_only")? && (given(options, "tagger")? || given(options, "model")?)
        {
            return Err(PyTypeError::new_err(
                "rules_only conflicts with tagger and model: the tagger is off by default",
            ));
        }
        for (name, value) in options.iter() {
            let name: String = name.extract()?;
            let Some((_, _, apply)) = OPTIONS.iter().find(|(n, _, _)| *n == name) else {
                let known: Vec<&str> = OPTIONS.iter().map(|(n, _, _)| *n).collect();
                return Err(PyTypeError::new_err(format!(
                    "unexpected keyword argument {name:?}; the options are {}",
                    known.join(", ")
                )));
            };
            pipeline = apply(pipeline, &value).map_err(|err| {
                match err.is_instance_of::<PyValueError>(value.py()) {
                    // A value of the right type that is wrong (a missing model file) stays a
                    // ValueError; it names what is wrong already.
                    true => {
                        PyValueError::new_err(format!("option {name:?}: {}", err.value(value.py())))
                    }
                    false => PyTypeError::new_err(format!("option {name:?}: {err}")),
                }
            })?;
            key.push_str(&format!("{name}={};", value.repr()?));
        }
    }
    let cache = PIPELINES.get_or_init(Mutex::default);
    let mut cache = cache
        .lock()
        .map_err(|_| PyRuntimeError::new_err("whosaid's pipeline cache is poisoned"))?;
    if let Some((_, cached)) = cache.iter().find(|(k, _)| *k == key) {
        return Ok(Arc::clone(cached));
    }
    let pipeline = Arc::new(pipeline);
    cache.push((key, Arc::clone(&pipeline)));
    Ok(pipeline)
}

/// The name of a Python value's type, for error messages.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// A Python str as Rust text; a str that is not valid Unicode (a lone surrogate) is a
/// ValueError naming the article.
fn text_of(value: &Bound<'_, PyAny>, id: &str, field: &str) -> PyResult<String> {
    let Ok(text) = value.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "article {id}: {field} must be a str, found {}",
            type_name(value)
        )));
    };
    text.to_cow().map(|t| t.into_owned()).map_err(|err| {
        PyValueError::new_err(format!("article {id}: {field} is not valid Unicode: {err}"))
    })
}

/// An optional text field (`outlet`, `title`): None and blank text are absent, as in the CLI's
/// JSON lines.
fn optional_text(
    value: Option<Bound<'_, PyAny>>,
    id: &str,
    field: &str,
) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => {
            let text = text_of(&v, id, field)?;
            Ok((!text.trim().is_empty()).then_some(text))
        }
    }
}

/// The article's id: a str, or an int written out; absent, None or empty, `default` (the
/// article's position), as the CLI gives a JSONL line without an id its line.
fn id_of(value: Option<Bound<'_, PyAny>>, default: &str) -> PyResult<String> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(default.to_string());
    };
    if value.is_instance_of::<PyBool>() {
        // bool is an int in Python, but True is no id.
    } else if let Ok(n) = value.cast::<PyInt>() {
        return Ok(n.to_string());
    } else if value.cast::<PyString>().is_ok() {
        let id = text_of(&value, default, "id")?;
        return Ok(if id.is_empty() {
            default.to_string()
        } else {
            id
        });
    }
    Err(PyTypeError::new_err(format!(
        "article {default}: id must be a str or an int, found {}",
        type_name(&value)
    )))
}

/// An article from an item of `extract_many`'s iterable: a str (the text) or a mapping with
/// `text` and optionally `id`, `outlet`, `title` (`url` and `date` are accepted and unused, as
/// by the CLI). `position` counts from 1 and is the id of an article that has none.
fn article_of(item: &Bound<'_, PyAny>, position: u64, outlet: Option<&str>) -> PyResult<Article> {
    let default_id = position.to_string();
    if item.cast::<PyString>().is_ok() {
        let text = text_of(item, &default_id, "text")?;
        let mut article = Article::new(default_id, text);
        article.outlet = outlet.map(str::to_string);
        return Ok(article);
    }
    // A dict is looked up directly; another mapping through the mapping protocol.
    let dict = item.cast::<PyDict>().ok();
    let mapping = match dict {
        Some(_) => None,
        None => Some(item.cast::<PyMapping>().map_err(|_| {
            PyTypeError::new_err(format!(
                "article {default_id}: expected a str or a dict with \"text\", found {}",
                type_name(item)
            ))
        })?),
    };
    let get = |name: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        match (dict, mapping) {
            (Some(dict), _) => dict.get_item(name),
            (None, Some(fields)) if fields.contains(name)? => Ok(Some(fields.get_item(name)?)),
            _ => Ok(None),
        }
    };
    let id = id_of(get("id")?, &default_id)?;
    let text = match get("text")? {
        Some(text) if !text.is_none() => text_of(&text, &id, "text")?,
        _ => {
            return Err(PyValueError::new_err(format!(
                "article {id}: missing field \"text\""
            )))
        }
    };
    let mut article = Article::new(id, text);
    article.outlet = optional_text(get("outlet")?, &article.id.0, "outlet")?
        .or_else(|| outlet.map(str::to_string));
    article.title = optional_text(get("title")?, &article.id.0, "title")?;
    Ok(article)
}

/// The records of one article, or why it failed (a panic, which the pipeline should never
/// give; the article is named and the interpreter goes on).
fn records(pipeline: &Pipeline, article: &Article) -> Result<Vec<Record<'static>>, String> {
    catch(|| pipeline.records(article))
        .map_err(|reason| format!("article {}: {reason}", article.id.0))
}

/// A field's value, as the CLI's JSON lines write it.
enum Value<'a> {
    Text(&'a str),
    Offset(usize),
    OptionalOffset(Option<usize>),
    /// A float, as the JSON lines' number (`1` there is `1.0` here).
    Number(f64),
}

/// A record's values in column order ([`COLUMNS`]); tests/python checks the dicts made of them
/// against the CLI's JSON lines, key by key and value by value, and each value's type against
/// its column's.
fn values<'a>(r: &'a Record<'_>) -> [Value<'a>; COLUMNS.len()] {
    use Value::{Number, Offset, OptionalOffset, Text};
    [
        Text(&r.article_id),
        Text(&r.claim_id),
        Text(r.kind),
        Text(&r.quote),
        Offset(r.start),
        Offset(r.end),
        Text(&r.speaker),
        Text(r.speaker_type),
        Text(&r.speaker_id),
        Text(&r.title),
        Text(&r.role),
        Text(&r.organisation),
        Text(&r.outlet),
        Text(&r.cue),
        Text(&r.speaker_mention),
        OptionalOffset(r.speaker_start),
        OptionalOffset(r.speaker_end),
        OptionalOffset(r.cue_start),
        OptionalOffset(r.cue_end),
        Text(r.resolution),
        Text(&r.rule),
        Number(f64::from(r.confidence.per_mille()) / 1000.0),
    ]
}

/// The column names as Python strings, made once: a record's dict reuses them rather than
/// making one new string per column (pythonize's way, which took a third of the conversion).
fn keys(py: Python<'_>) -> &[Py<PyString>] {
    static KEYS: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();
    KEYS.get_or_init(py, || {
        COLUMNS
            .iter()
            .map(|(name, _)| PyString::intern(py, name).unbind())
            .collect()
    })
}

/// A record as a dict: the CLI's JSON line of it, keys in column order.
fn to_dict(py: Python<'_>, record: &Record<'_>) -> PyResult<Py<PyAny>> {
    let dict = PyDict::new(py);
    for (key, value) in keys(py).iter().zip(values(record)) {
        let key = key.bind(py);
        match value {
            Value::Text(text) => dict.set_item(key, text)?,
            Value::Offset(n) => dict.set_item(key, n)?,
            Value::OptionalOffset(n) => dict.set_item(key, n)?,
            Value::Number(x) => dict.set_item(key, x)?,
        }
    }
    Ok(dict.into_any().unbind())
}

/// `extract(text, id, outlet, title, options)`: the records of one article, as dicts.
#[pyfunction]
#[pyo3(signature = (text, id=None, outlet=None, title=None, options=None))]
fn extract<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    id: Option<Bound<'py, PyAny>>,
    outlet: Option<Bound<'py, PyAny>>,
    title: Option<Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let pipeline = pipeline_for(options)?;
    let id = id_of(id, "1")?;
    let mut article = Article::new(id.clone(), text_of(text, &id, "text")?);
    article.outlet = optional_text(outlet, &id, "outlet")?;
    article.title = optional_text(title, &id, "title")?;
    let records = py
        .detach(|| records(&pipeline, &article))
        .map_err(PyValueError::new_err)?;
    let dicts = records
        .iter()
        .map(|r| to_dict(py, r))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, dicts)
}

/// What the stream hands out next: a record, or the error of an article (or of the
/// iterable) at that place in the input.
// Records are nearly every item: boxing them to make the rare error smaller would cost an
// allocation each.
#[allow(clippy::large_enum_variant)]
enum Out {
    Record(Record<'static>),
    Error(PyErr),
}

/// A batch on its way through the workers: what each pulled item became (an article, sent to
/// the workers, or an error kept here), and the receiver of the articles' records.
struct Batch {
    /// `None` for an article sent to the workers, in order; `Some` for an item that failed.
    slots: Vec<Option<PyErr>>,
    results: Receiver<Vec<Result<Vec<Record<'static>>, String>>>,
}

/// The state of a stream; in a mutex, so that the iterator is Sync as PyO3 asks.
struct State {
    /// The iterable's iterator; `None` once it is exhausted or has failed.
    input: Option<Py<PyIterator>>,
    /// Items pulled so far: the position of the next, less one.
    pulled: u64,
    /// Outlet of articles that name none.
    outlet: Option<String>,
    pipeline: Arc<Pipeline>,
    pool: Arc<rayon::ThreadPool>,
    /// Batches sent to the workers, oldest first.
    in_flight: VecDeque<Batch>,
    /// Records and errors ready to hand out, in input order.
    ready: VecDeque<Out>,
    /// Set after an error has been raised: the stream ends there.
    done: bool,
}

impl State {
    /// Pulls up to a batch of items from the iterable and sends its articles to the workers.
    fn pull(&mut self, py: Python<'_>) {
        let Some(mut input) = self.input.as_ref().map(|i| i.bind(py).clone()) else {
            return;
        };
        let (mut slots, mut articles, mut bytes) = (Vec::new(), Vec::new(), 0);
        while slots.len() < BATCH_ARTICLES && bytes < BATCH_BYTES {
            // An exception from the iterable ends the input at its place.
            let item = match input.next() {
                None => {
                    self.input = None;
                    break;
                }
                Some(Err(err)) => {
                    slots.push(Some(err));
                    self.input = None;
                    break;
                }
                Some(Ok(item)) => item,
            };
            self.pulled += 1;
            match article_of(&item, self.pulled, self.outlet.as_deref()) {
                Ok(article) => {
                    bytes += article.text.len();
                    articles.push(article);
                    slots.push(None);
                }
                Err(err) => slots.push(Some(err)),
            }
        }
        if slots.is_empty() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let pipeline = Arc::clone(&self.pipeline);
        self.pool.spawn(move || {
            let done = articles
                .par_iter()
                .map(|article| records(&pipeline, article))
                .collect();
            // The stream may have been dropped; then nobody wants the records.
            let _ = tx.send(done);
        });
        self.in_flight.push_back(Batch { slots, results: rx });
    }

    /// The next record or error, pulling and extracting batches as needed; `None` at the end.
    fn next(&mut self, py: Python<'_>) -> Option<Out> {
        loop {
            if let Some(out) = self.ready.pop_front() {
                return Some(out);
            }
            if self.done {
                return None;
            }
            // Keep the workers busy while the caller takes the records of this batch.
            while self.in_flight.len() <= BATCHES_AHEAD && self.input.is_some() {
                self.pull(py);
            }
            let Some(batch) = self.in_flight.pop_front() else {
                self.done = true;
                return None;
            };
            let receiver = batch.results;
            let results = py.detach(move || receiver.recv());
            let Ok(results) = results else {
                self.done = true;
                return Some(Out::Error(PyRuntimeError::new_err(
                    "whosaid: a worker thread ended without its results",
                )));
            };
            let mut results = results.into_iter();
            for slot in batch.slots {
                match slot {
                    Some(err) => self.ready.push_back(Out::Error(err)),
                    None => match results.next() {
                        Some(Ok(records)) => {
                            self.ready.extend(records.into_iter().map(Out::Record));
                        }
                        Some(Err(reason)) => {
                            self.ready
                                .push_back(Out::Error(PyValueError::new_err(reason)));
                        }
                        None => {}
                    },
                }
            }
        }
    }
}

/// `extract_many`'s iterator: records of the articles of an iterable, in input order.
#[pyclass(module = "whosaid._native")]
struct Stream {
    state: Mutex<State>,
}

#[pymethods]
impl Stream {
    #[new]
    #[pyo3(signature = (articles, threads=None, outlet=None, options=None))]
    fn new(
        articles: &Bound<'_, PyAny>,
        threads: Option<usize>,
        outlet: Option<Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Stream> {
        let pipeline = pipeline_for(options)?;
        let input = articles.try_iter()?.unbind();
        let outlet = optional_text(outlet, "(all)", "outlet")?;
        let threads = match threads {
            Some(0) | None => std::thread::available_parallelism().map_or(1, |n| n.get()),
            Some(n) => n,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("whosaid-{i}"))
            .build()
            .map_err(|err| PyRuntimeError::new_err(format!("cannot start threads: {err}")))?;
        Ok(Stream {
            state: Mutex::new(State {
                input: Some(input),
                pulled: 0,
                outlet,
                pipeline,
                pool: Arc::new(pool),
                in_flight: VecDeque::new(),
                ready: VecDeque::new(),
                done: false,
            }),
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        // Like a generator that is already running: the iterable itself asked for the next
        // record.
        let Ok(mut state) = self.state.try_lock() else {
            return Err(PyValueError::new_err(
                "whosaid.extract_many: stream already running",
            ));
        };
        match state.next(py) {
            None => Ok(None),
            Some(Out::Record(record)) => to_dict(py, &record).map(Some),
            Some(Out::Error(err)) => {
                state.done = true;
                state.ready.clear();
                state.in_flight.clear();
                state.input = None;
                Err(err)
            }
        }
    }
}

/// `main(argv)`: the `whosaid` command line, without the GIL; returns the exit status.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<OsString>) -> i32 {
    py.detach(|| whosaid::run_cli(argv))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(main, m)?)?;
    m.add_class::<Stream>()?;
    let columns: Vec<(&str, &str)> = COLUMNS.iter().map(|(n, t)| (*n, t.as_str())).collect();
    m.add("COLUMNS", columns)?;
    let options: Vec<(&str, &str)> = OPTIONS.iter().map(|(n, d, _)| (*n, *d)).collect();
    m.add("OPTIONS", options)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // How far ahead of the caller the stream reads, for the tests of its memory.
    m.add("BATCH_ARTICLES", BATCH_ARTICLES)?;
    m.add("BATCH_BYTES", BATCH_BYTES)?;
    m.add("BATCHES_AHEAD", BATCHES_AHEAD)?;
    Ok(())
}
