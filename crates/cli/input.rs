//! Reading articles: `.txt` files, directories of them, JSONL files and standard input.
//!
//! [`read`] walks the inputs in order and hands every article, failure and warning to a callback
//! as soon as it is read, so memory does not grow with the input: a JSONL file is read line by
//! line, a directory file by file.
//!
//! [`read_raw`] is the same walk without the JSON: it hands on JSONL lines in batches
//! ([`Lines`]) for worker threads to parse, so that an article's text is made, used and freed
//! on one thread. The checks that need input order (duplicate ids, the once-per-file encoding
//! warning) are then made by [`Checks`] where the results are put back in order.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use whosaid_core::{Article, ArticleId};

use crate::decode::{decode, Decoded};
use crate::{CHUNK_BYTES, MAX_LINE_BYTES};

mod checks;
mod html;
mod json;
mod kind;
mod lines;
mod warc;

pub use checks::Checks;
use html::{page_article, PageMeta};
use kind::{is_gzip, is_jsonl, is_page, not_an_article, without_gz, FileKind};
use lines::Spares;
pub use lines::{Line, Lines};

/// The name standard input goes by in messages and generated ids.
pub const STDIN_NAME: &str = "<stdin>";

/// Where an article came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (or as found below a directory), or `<stdin>`.
    pub source: Arc<str>,
    /// The 1-based line, for JSONL.
    pub line: Option<u64>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.source),
            None => f.write_str(&self.source),
        }
    }
}

/// Something that went wrong with one article or one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Where.
    pub location: Location,
    /// The article's id, when it was known.
    pub article_id: Option<String>,
    /// What went wrong, lowercase.
    pub reason: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location)?;
        // A file's location already names the article; a JSONL line's does, unless the id
        // was made from the location.
        if let (Some(id), Some(line)) = (&self.article_id, self.location.line) {
            if *id != format!("{}:{line}", self.location.source) {
                write!(f, "article {id:?}: ")?;
            }
        }
        f.write_str(&self.reason)
    }
}

/// One thing read from the inputs, in input order.
#[derive(Debug)]
pub enum Item {
    /// An article to process.
    Article {
        /// The article.
        article: Article,
        /// Where it came from.
        location: Location,
        /// Its size in the input, for progress.
        bytes: u64,
    },
    /// An article that could not be read (a bad JSONL line, a binary file): it counts as read
    /// and failed.
    Failed {
        /// What went wrong.
        failure: Failure,
        /// Its size in the input, for progress.
        bytes: u64,
    },
    /// A whole input that could not be read (no such file, a directory without articles); it
    /// holds an unknown number of articles, so it is not counted as one, and the run ends with
    /// a fatal status.
    InputError(Failure),
    /// Something the user should know that loses nothing (an encoding guess, a duplicate id).
    Warning(String),
}

impl Item {
    /// The bytes of article text it carries (0 for anything but an article).
    pub fn text_len(&self) -> usize {
        match self {
            Item::Article { article, .. } => article.text.len(),
            _ => 0,
        }
    }
}

/// The consumer went away (the output was closed); reading stops.
#[derive(Debug)]
pub struct Stop;

/// How to read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The outlet of articles that name none.
    pub outlet: Option<String>,
    /// Whether a directory walk follows symbolic links to directories (`-L`). Without it they
    /// are skipped, so that a link to `/` does not walk /proc and /sys (#16); links to files
    /// are read either way.
    pub follow_links: bool,
}

/// Reads every input in order and passes each item to `emit`, stopping early when `emit`
/// returns `Err(Stop)`.
pub fn read(
    paths: &[PathBuf],
    options: &ReadOptions,
    emit: &mut dyn FnMut(Item) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let mut checks = Checks::default();
    read_raw(paths, options, &mut |raw| match raw {
        Raw::Item(item) => checks.item(item, emit),
        Raw::Page(page) => checks.item(page.into_item(), emit),
        Raw::Lines(lines) => (0..lines.len()).try_for_each(|i| {
            let line = lines.parse(i, options);
            if line.not_utf8 {
                if let Some(warning) = checks.not_utf8(lines.input(), &line.location) {
                    emit(Item::Warning(warning))?;
                }
            }
            line.into_items()
                .try_for_each(|item| checks.item(item, emit))
        }),
    })?;
    match checks.finish() {
        Some(warning) => emit(Item::Warning(warning)),
        None => Ok(()),
    }
}

/// What [`read_raw`] hands on, in input order.
#[derive(Debug)]
pub enum Raw {
    /// An article from a text file (not yet checked for a duplicate id), a failure or a
    /// warning.
    Item(Item),
    /// JSONL lines, not yet parsed.
    Lines(Lines),
    /// An HTML page (a file, or a WARC record), its article not yet extracted; boxed to keep
    /// the other variants, one per article, small to move.
    Page(Box<Page>),
}

/// An HTML page as read, for [`Page::into_item`] to extract its article on a worker.
#[derive(Debug)]
pub struct Page {
    html: Vec<u8>,
    meta: PageMeta,
    location: Location,
    /// Its size in the input, for progress.
    bytes: u64,
    /// Its record's number in a WARC file, for messages.
    record: Option<u64>,
}

impl Page {
    /// The page's article, or why there is none (not text, no article text in it).
    pub fn into_item(self: Box<Self>) -> Item {
        let Page {
            html,
            meta,
            location,
            bytes,
            record,
        } = *self;
        let id = meta.id.clone();
        let failed = |reason: String| Item::Failed {
            failure: Failure {
                location: location.clone(),
                article_id: Some(id.clone()),
                // A WARC file's location names no record: the reason does.
                reason: match record {
                    Some(n) => format!("record {n} ({id}): {reason}"),
                    None => reason,
                },
            },
            bytes,
        };
        let html = match decode(html) {
            Decoded::Text { text, .. } => text,
            Decoded::Binary(reason) => return failed(reason.to_string()),
        };
        // The extractor is another crate's code: a panic on some page fails that page.
        let extracted = std::panic::catch_unwind(|| page_article(&html, meta))
            .unwrap_or_else(|_| Err("the HTML extractor failed on this page".to_string()));
        match extracted {
            Ok(article) => Item::Article {
                article,
                location,
                bytes,
            },
            Err(reason) => failed(reason),
        }
    }
}

impl Raw {
    /// The articles it may hold and their bytes, for cutting the input into chunks.
    pub fn weight(&self) -> (usize, usize) {
        match self {
            Raw::Item(item) => (1, item.text_len()),
            Raw::Lines(lines) => (lines.len(), lines.buf.len()),
            Raw::Page(page) => (1, page.html.len()),
        }
    }
}

/// Reads every input in order like [`read`], but hands on JSONL lines unparsed, in batches of
/// about [`CHUNK_BYTES`], and makes none of the checks of
/// [`Checks`]: the caller makes them, in input order.
pub fn read_raw(
    paths: &[PathBuf],
    options: &ReadOptions,
    emit: &mut dyn FnMut(Raw) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let mut reader = Reader {
        options,
        emit,
        inputs: 0,
        spares: Spares::default(),
    };
    for path in paths {
        reader.input(path)?;
    }
    Ok(())
}

/// True when `path` names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The total size of the inputs in bytes, when it can be known without reading them (not for
/// standard input). Walks directories, so call it off the main path.
pub fn total_size(paths: &[PathBuf]) -> Option<u64> {
    let mut total = 0;
    for path in paths {
        if is_stdin(path) {
            return None;
        }
        let meta = std::fs::metadata(path).ok()?;
        if meta.is_dir() {
            for entry in walk(path, false).filter_map(Result::ok) {
                if is_page(without_gz(entry.path())) && is_file(&entry) {
                    total += entry.metadata().map_or(0, |m| m.len());
                }
            }
        } else {
            total += meta.len();
        }
    }
    Some(total)
}

fn walk(dir: &Path, follow_links: bool) -> walkdir::IntoIter {
    walkdir::WalkDir::new(dir)
        .follow_links(follow_links)
        .sort_by_file_name()
        .into_iter()
}

/// True when a walk's entry is a file to read: a file, or a symbolic link to one.
fn is_file(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_file() || entry.path_is_symlink() && entry.path().is_file()
}

struct Reader<'a> {
    options: &'a ReadOptions,
    emit: &'a mut dyn FnMut(Raw) -> Result<(), Stop>,
    /// JSONL inputs begun so far.
    inputs: u32,
    /// Buffers for batches of lines.
    spares: Spares,
}

impl Reader<'_> {
    fn item(&mut self, item: Item) -> Result<(), Stop> {
        (self.emit)(Raw::Item(item))
    }

    fn input(&mut self, path: &Path) -> Result<(), Stop> {
        let name = path.display().to_string();
        if is_stdin(path) {
            let stdin = io::stdin();
            return self.jsonl(stdin.lock(), STDIN_NAME.into());
        }
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => return self.input_error(name.into(), None, io_reason(&e)),
        };
        if meta.is_dir() {
            self.directory(path)
        } else if is_jsonl(without_gz(path)) || !meta.is_file() {
            // A pipe (`<(zcat news.jsonl.gz)`, /dev/stdin) is a stream of articles, not one.
            match File::open(path) {
                Ok(file) => self.jsonl(file, name.into()),
                Err(e) => self.input_error(name.into(), None, io_reason(&e)),
            }
        } else {
            let id = without_gz(path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| name.clone());
            self.file(path, id)
        }
    }

    /// A file given by name or found below a directory, read as its kind says.
    fn file(&mut self, path: &Path, id: String) -> Result<(), Stop> {
        match FileKind::of(path) {
            FileKind::Text => self.text_file(path, id),
            FileKind::Html => self.html_file(path, id),
            FileKind::Warc => self.warc_file(path),
            FileKind::Json => self.json_file(path, id),
            FileKind::NotArticle(what) => self.refuse(path, id, what, 0),
        }
    }

    /// Fails a file that is not an article, saying what it is.
    fn refuse(&mut self, path: &Path, id: String, what: &str, bytes: u64) -> Result<(), Stop> {
        let failure = Failure {
            location: Location {
                source: path.display().to_string().into(),
                line: None,
            },
            article_id: Some(id),
            reason: format!(
                "not an article: {what}; whosaid reads .txt, .html, .jsonl and .warc files"
            ),
        };
        self.item(Item::Failed { failure, bytes })
    }

    /// Reads a whole file, or fails it as an article.
    fn read_file(&mut self, path: &Path, id: &str) -> Result<Option<Vec<u8>>, Stop> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) => {
                let failure = Failure {
                    location: Location {
                        source: path.display().to_string().into(),
                        line: None,
                    },
                    article_id: Some(id.to_string()),
                    reason: io_reason(&e),
                };
                self.item(Item::Failed { failure, bytes: 0 })?;
                Ok(None)
            }
        }
    }

    /// An HTML file: one article, extracted on a worker.
    fn html_file(&mut self, path: &Path, id: String) -> Result<(), Stop> {
        let Some(html) = self.read_file(path, &id)? else {
            return Ok(());
        };
        let page = Page {
            bytes: html.len() as u64,
            html,
            meta: PageMeta {
                id,
                default_outlet: self.options.outlet.clone(),
                ..PageMeta::default()
            },
            location: Location {
                source: path.display().to_string().into(),
                line: None,
            },
            record: None,
        };
        (self.emit)(Raw::Page(Box::new(page)))
    }

    /// A `.json` file: JSON lines are read as such; a JSON document is no article.
    fn json_file(&mut self, path: &Path, id: String) -> Result<(), Stop> {
        let Some(bytes) = self.read_file(path, &id)? else {
            return Ok(());
        };
        let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let first_line = first_line
            .strip_prefix(b"\xef\xbb\xbf")
            .unwrap_or(first_line);
        let is_object_line =
            serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(first_line)
                .is_ok();
        if is_object_line {
            return self.jsonl(io::Cursor::new(bytes), path.display().to_string().into());
        }
        let size = bytes.len() as u64;
        self.refuse(
            path,
            id,
            "JSON that is not JSON lines (give one article object per line, as .jsonl)",
            size,
        )
    }

    /// A WARC file: an article for every HTML response record, a failure for every record
    /// that cannot be read, a warning counting the records skipped.
    fn warc_file(&mut self, path: &Path) -> Result<(), Stop> {
        let source: Arc<str> = path.display().to_string().into();
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) => return self.input_error(source, None, io_reason(&e)),
        };
        let location = Location {
            source: Arc::clone(&source),
            line: None,
        };
        let outlet = self.options.outlet.clone();
        let skipped = warc::read_records(file, &mut |record| match record {
            warc::Record::Page {
                html,
                mut meta,
                number,
            } => {
                meta.default_outlet.clone_from(&outlet);
                let page = Page {
                    bytes: html.len() as u64,
                    html,
                    meta,
                    location: location.clone(),
                    record: Some(number),
                };
                (self.emit)(Raw::Page(Box::new(page)))
            }
            warc::Record::Broken { number, reason } => {
                let failure = Failure {
                    location: location.clone(),
                    article_id: Some(format!("record {number}")),
                    reason,
                };
                (self.emit)(Raw::Item(Item::Failed { failure, bytes: 0 }))
            }
        })?;
        if !skipped.is_empty() {
            let total: u64 = skipped.values().sum();
            let kinds: Vec<String> = skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
            let warning = format!(
                "{source}: {total} records that are not HTML pages skipped ({})",
                kinds.join(", ")
            );
            self.item(Item::Warning(warning))?;
        }
        Ok(())
    }

    fn input_error(
        &mut self,
        source: Arc<str>,
        line: Option<u64>,
        reason: String,
    ) -> Result<(), Stop> {
        self.item(Item::InputError(Failure {
            location: Location { source, line },
            article_id: None,
            reason,
        }))
    }

    fn directory(&mut self, dir: &Path) -> Result<(), Stop> {
        let mut found = 0usize;
        let mut errors = 0usize;
        for entry in walk(dir, self.options.follow_links) {
            let entry = match entry {
                Ok(entry) => entry,
                // A loop is where the walk stops, not a failure: every article is still read
                // once (#16: a loop made the run exit 2).
                Err(e) if e.loop_ancestor().is_some() => {
                    let path = e.path().unwrap_or(dir).display();
                    let ancestor = e.loop_ancestor().unwrap_or(dir).display();
                    self.item(Item::Warning(format!(
                        "{path}: a symbolic link back to {ancestor}; not followed"
                    )))?;
                    continue;
                }
                Err(e) => {
                    errors += 1;
                    let source = e.path().unwrap_or(dir).display().to_string().into();
                    let reason = match e.io_error() {
                        Some(io) => io_reason(io),
                        None => e.to_string(),
                    };
                    self.input_error(source, None, reason)?;
                    continue;
                }
            };
            if !is_file(&entry) || !is_page(without_gz(entry.path())) {
                continue;
            }
            found += 1;
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let relative =
                relative.with_file_name(without_gz(relative).file_name().unwrap_or_default());
            self.file(entry.path(), relative_id(&relative))?;
        }
        if found == 0 && errors == 0 {
            let reason = "no articles: the directory holds no .txt or .html files".to_string();
            self.input_error(dir.display().to_string().into(), None, reason)?;
        }
        Ok(())
    }

    fn text_file(&mut self, path: &Path, id: String) -> Result<(), Stop> {
        let location = Location {
            source: path.display().to_string().into(),
            line: None,
        };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                let failure = Failure {
                    location,
                    article_id: Some(id),
                    reason: io_reason(&e),
                };
                return self.item(Item::Failed { failure, bytes: 0 });
            }
        };
        let size = bytes.len() as u64;
        // Gzip, told by its first bytes (#16: a gzipped file was read as binary text).
        let bytes = if is_gzip(&bytes) {
            let mut inflated = Vec::new();
            let read = flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut inflated);
            if let Err(e) = read {
                let failure = Failure {
                    location,
                    article_id: Some(id),
                    reason: format!("cannot decompress (gzip): {}", io_reason(&e)),
                };
                return self.item(Item::Failed {
                    failure,
                    bytes: size,
                });
            }
            inflated
        } else {
            bytes
        };
        let text = match decode(bytes) {
            Decoded::Text { text, warning } => {
                if let Some(warning) = warning {
                    self.item(Item::Warning(format!("{location}: {warning}")))?;
                }
                text
            }
            Decoded::Binary(reason) => {
                let failure = Failure {
                    location,
                    article_id: Some(id),
                    reason: reason.to_string(),
                };
                return self.item(Item::Failed {
                    failure,
                    bytes: size,
                });
            }
        };
        if let Some(what) = not_an_article(&text) {
            return self.refuse(path, id, what, size);
        }
        let article = Article {
            id: ArticleId(id),
            text,
            outlet: self.options.outlet.clone(),
            title: None,
            url: None,
            date: None,
        };
        self.item(Item::Article {
            article,
            location,
            bytes: size,
        })
    }

    fn jsonl(&mut self, mut input: impl Read, source: Arc<str>) -> Result<(), Stop> {
        // The byte order mark, if any, is in the first four bytes.
        let mut head = [0u8; 4];
        let mut got = 0;
        while got < head.len() {
            match input.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let reason = format!("cannot read: {}", io_reason(&e));
                    return self.input_error(source, Some(1), reason);
                }
            }
        }
        let head = &head[..got];
        if is_gzip(head) {
            // Gzip, told by its first bytes, whatever the name (#16: a gzipped JSONL gave
            // 37,922 failed "articles"); several members one after another are one stream.
            let inflated: Box<dyn Read> = Box::new(flate2::read::MultiGzDecoder::new(
                io::Cursor::new(head.to_vec()).chain(input),
            ));
            return self.jsonl(inflated, source);
        }
        if crate::decode::utf32_bom(head).is_some() {
            let reason = "UTF-32 JSONL is not read: convert it to UTF-8 first \
                          (iconv -f UTF-32 -t UTF-8)"
                .to_string();
            return self.input_error(source, Some(1), reason);
        }
        if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
            // UTF-16 with a byte order mark is transcoded to UTF-8.
            let decoder = encoding_rs_io::DecodeReaderBytesBuilder::new()
                .bom_sniffing(true)
                .strip_bom(true)
                .utf8_passthru(true)
                .build(io::Cursor::new(head.to_vec()).chain(input));
            return self.jsonl_lines(decoder, source);
        }
        // Anything else is read as it is, without a UTF-8 byte order mark, and checked line by
        // line below. (A transcoding reader in between copied every byte once more, 8 KiB at
        // a time.)
        let mut head = io::Cursor::new(head.to_vec());
        if head.get_ref().starts_with(&[0xef, 0xbb, 0xbf]) {
            head.set_position(3);
        }
        self.jsonl_lines(head.chain(input), source)
    }

    /// Reads JSONL into batches of about [`CHUNK_BYTES`] (more when one line is longer), read
    /// straight into the batch's buffer and cut at the last line break; the lines are found
    /// here, and parsed by whoever takes the batch.
    fn jsonl_lines(&mut self, mut input: impl Read, source: Arc<str>) -> Result<(), Stop> {
        let input_no = self.inputs;
        self.inputs += 1;
        let mut lines = Lines::new(source, input_no, &self.spares);
        // The next line starts at `line_start` in the batch's buffer, and is line `line_no + 1`.
        let (mut line_start, mut line_no) = (0, 0u64);
        loop {
            let scanned = lines.buf.len();
            let room = CHUNK_BYTES.saturating_sub(scanned).max(1 << 16);
            lines.buf.reserve(room);
            let read = (&mut input).take(room as u64).read_to_end(&mut lines.buf);
            let read = match read {
                Ok(read) => read,
                Err(e) => {
                    // What was read of the line that failed is dropped; the lines before it
                    // are kept.
                    lines.buf.truncate(line_start);
                    let source = Arc::clone(&lines.source);
                    self.send(lines)?;
                    let reason = format!("cannot read: {}", io_reason(&e));
                    return self.input_error(source, Some(line_no + 1), reason);
                }
            };
            while let Some(at) = memchr::memchr(b'\n', &lines.buf[line_start.max(scanned)..]) {
                let end = line_start.max(scanned) + at + 1;
                line_no += 1;
                lines.push(line_start, end, line_no);
                line_start = end;
            }
            if lines.buf.len() - line_start > MAX_LINE_BYTES {
                line_no += 1;
                let location = Location {
                    source: Arc::clone(&lines.source),
                    line: Some(line_no),
                };
                lines.buf.truncate(line_start);
                let next = Lines::new(Arc::clone(&lines.source), input_no, &self.spares);
                self.send(std::mem::replace(&mut lines, next))?;
                line_start = 0;
                let (skipped, more) = skip_line(&mut input, &mut lines.buf);
                let failure = Failure {
                    location,
                    article_id: None,
                    reason: overlong_line(),
                };
                self.item(Item::Failed {
                    failure,
                    bytes: (MAX_LINE_BYTES as u64).saturating_add(skipped),
                })?;
                if !more {
                    return Ok(());
                }
                continue;
            }
            if read == 0 {
                // The last line may have no line break.
                let end = lines.buf.len();
                lines.push(line_start, end, line_no + 1);
                return self.send(lines);
            }
            if lines.buf.len() >= CHUNK_BYTES && line_start > 0 {
                let mut next = Lines::new(Arc::clone(&lines.source), input_no, &self.spares);
                next.buf.extend_from_slice(&lines.buf[line_start..]);
                lines.buf.truncate(line_start);
                self.send(std::mem::replace(&mut lines, next))?;
                line_start = 0;
            }
        }
    }

    /// Hands on a batch, unless it holds no lines.
    fn send(&mut self, lines: Lines) -> Result<(), Stop> {
        if lines.is_empty() {
            return Ok(());
        }
        (self.emit)(Raw::Lines(lines))
    }
}

/// Why a line longer than [`MAX_LINE_BYTES`] failed.
fn overlong_line() -> String {
    format!(
        "line longer than {} MiB, the most whosaid reads as one article; skipped",
        MAX_LINE_BYTES >> 20
    )
}

/// Reads and drops the rest of an overlong line, up to and including its line break, and puts
/// what follows it into `buf`. Returns the bytes dropped, and whether input goes on (false at
/// its end, or at a read error, which ends the line too).
fn skip_line(input: &mut impl Read, buf: &mut Vec<u8>) -> (u64, bool) {
    let mut scratch = vec![0u8; 1 << 16];
    let mut skipped = 0u64;
    loop {
        let n = match input.read(&mut scratch) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Ok(0) | Err(_) => return (skipped, false),
            Ok(n) => n,
        };
        if let Some(at) = memchr::memchr(b'\n', &scratch[..n]) {
            buf.extend_from_slice(&scratch[at + 1..n]);
            return (skipped + at as u64 + 1, true);
        }
        skipped += n as u64;
    }
}

/// The id of a file below a directory: its relative path without the extension, with `/`
/// between components on every platform.
fn relative_id(relative: &Path) -> String {
    let without_ext = relative.with_extension("");
    let parts: Vec<_> = without_ext
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// An I/O error's message, without Rust's " (os error N)" suffix, lowercased like the house's
/// other messages.
fn io_reason(e: &io::Error) -> String {
    let message = e.to_string();
    let message = match message.find(" (os error") {
        Some(at) => &message[..at],
        None => &message,
    };
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::json::parse_line;
    use super::*;

    fn parse(line: &str) -> Result<Article, String> {
        let location = Location {
            source: "in.jsonl".into(),
            line: Some(7),
        };
        let options = ReadOptions {
            outlet: Some("Default".into()),
            ..ReadOptions::default()
        };
        parse_line(line, &location, &options)
            .map(|(a, _)| a)
            .map_err(|(_, reason)| reason)
    }

    #[test]
    fn ids_strings_numbers_and_missing() {
        assert_eq!(parse(r#"{"id":"a/1","text":"x"}"#).unwrap().id.0, "a/1");
        assert_eq!(parse(r#"{"id":17,"text":"x"}"#).unwrap().id.0, "17");
        assert_eq!(parse(r#"{"id":1.5,"text":"x"}"#).unwrap().id.0, "1.5");
        // #16: numbers kept as written, not as the nearest f64.
        for id in ["123456789012345678901234567890", "1e2", "-0.50", "17"] {
            let line = format!(r#"{{"id":{id},"text":"x"}}"#);
            assert_eq!(parse(&line).unwrap().id.0, id);
            let repeated = format!(r#"{{"id":"a","id":{id},"text":"x"}}"#);
            assert_eq!(
                parse(&repeated).unwrap().id.0,
                id,
                "the last of repeated ids"
            );
        }
        assert_eq!(parse(r#"{"text":"x"}"#).unwrap().id.0, "in.jsonl:7");
        assert_eq!(
            parse(r#"{"id":null,"text":"x"}"#).unwrap().id.0,
            "in.jsonl:7"
        );
        assert_eq!(parse(r#"{"id":"","text":"x"}"#).unwrap().id.0, "in.jsonl:7");
    }

    #[test]
    fn outlet_and_title() {
        let a = parse(r#"{"text":"x","outlet":"AFP","title":"T","url":"u","date":"d"}"#).unwrap();
        assert_eq!(
            (a.outlet.as_deref(), a.title.as_deref()),
            (Some("AFP"), Some("T"))
        );
        let a = parse(r#"{"text":"x"}"#).unwrap();
        assert_eq!(a.outlet.as_deref(), Some("Default"));
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let cases = [
            (
                r#"{"id":1,"text":"x""#,
                "invalid JSON at column 18: EOF while parsing an object",
            ),
            (r#"[1,2]"#, "expected a JSON object, found an array"),
            (r#"{"id":1}"#, "missing field \"text\""),
            (
                r#"{"id":1,"text":5}"#,
                "field \"text\" must be a string, found a number",
            ),
            (
                r#"{"id":1,"text":null}"#,
                "field \"text\" must be a string, found null",
            ),
            (
                r#"{"id":[1],"text":"x"}"#,
                "field \"id\" must be a string or a number, found an array",
            ),
            (
                r#"{"id":1,"text":"x"} {}"#,
                "invalid JSON at column 21: trailing characters",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parse(line).unwrap_err(), want, "{line}");
        }
    }

    /// Reads `paths` and returns each item as `id @ location` or `! message`.
    fn items(paths: &[PathBuf], outlet: Option<&str>) -> Vec<String> {
        let options = ReadOptions {
            outlet: outlet.map(str::to_string),
            ..ReadOptions::default()
        };
        let mut out = Vec::new();
        read(paths, &options, &mut |item| {
            out.push(match item {
                Item::Article {
                    article, location, ..
                } => format!(
                    "{} @ {} outlet={:?}",
                    article.id,
                    location.line.map_or(String::new(), |l| l.to_string()),
                    article.outlet.unwrap_or_default()
                ),
                Item::Failed { failure, .. } => format!("failed {}", failure.reason),
                Item::InputError(failure) => format!("error {}", failure.reason),
                Item::Warning(w) => format!("warning {}", w.split(": ").last().unwrap()),
            });
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn directory_ids_are_sorted_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b.txt",
            "a/z.txt",
            "a/b/c.txt",
            "a-b.txt",
            "A.TXT",
            "x.md",
            "a/y.jsonl",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text").unwrap();
        }
        let got = items(&[dir.path().to_path_buf()], Some("Gazette"));
        let want: Vec<String> = ["A", "a/b/c", "a/z", "a-b", "b"]
            .iter()
            .map(|id| format!("{id} @  outlet=\"Gazette\""))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn jsonl_ids_lines_and_outlets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        let lines = concat!(
            "{\"id\": \"x\", \"text\": \"a\", \"outlet\": \"AFP\"}\r\n",
            "\n",
            "{\"id\": 7, \"text\": \"b\"}\n",
            "{\"text\": \"c\"}",
        );
        std::fs::write(&path, lines).unwrap();
        let name = path.display().to_string();
        assert_eq!(
            items(&[path], Some("Gazette")),
            [
                "x @ 1 outlet=\"AFP\"".to_string(),
                "7 @ 3 outlet=\"Gazette\"".to_string(),
                format!("{name}:4 @ 4 outlet=\"Gazette\""),
            ]
        );
    }

    #[test]
    fn relative_ids_use_slashes_and_drop_the_extension() {
        assert_eq!(relative_id(Path::new("business/001.txt")), "business/001");
        assert_eq!(relative_id(Path::new("a.b.txt")), "a.b");
    }

    #[test]
    fn io_reasons_are_lowercase_without_os_error() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(io_reason(&e), "entity not found");
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(io_reason(&e), "no such file or directory");
    }
}
