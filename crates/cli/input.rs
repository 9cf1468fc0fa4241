//! Reading articles: `.txt` files, directories of them, JSONL files and standard input.
//!
//! [`read`] walks the inputs in order and hands every article, failure and warning to a callback
//! as soon as it is read, so memory does not grow with the input: a JSONL file is read line by
//! line, a directory file by file.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};
use serde_json::Value;
use whosaid_core::{Article, ArticleId};

use crate::decode::{decode, decode_legacy_line, Decoded};
use crate::pipeline::WINDOW_BYTES;

/// The name standard input goes by in messages and generated ids.
pub const STDIN_NAME: &str = "<stdin>";

/// At most this many duplicate ids are reported one by one; the rest are counted.
const DUPLICATES_LISTED: usize = 20;

/// Where an article came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (or as found below a directory), or `<stdin>`.
    pub source: String,
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
pub struct Options {
    /// The outlet of articles that name none.
    pub outlet: Option<String>,
}

/// Reads every input in order and passes each item to `emit`, stopping early when `emit`
/// returns `Err(Stop)`.
pub fn read(
    paths: &[PathBuf],
    options: &Options,
    emit: &mut dyn FnMut(Item) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let mut reader = Reader {
        options,
        emit,
        ids: HashMap::new(),
        sources: Vec::new(),
        duplicates: 0,
    };
    for path in paths {
        reader.input(path)?;
    }
    if reader.duplicates > DUPLICATES_LISTED {
        let more = reader.duplicates - DUPLICATES_LISTED;
        (reader.emit)(Item::Warning(format!(
            "{more} more duplicate ids not listed (every article was kept)"
        )))?;
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
            for entry in walk(path).filter_map(Result::ok) {
                if is_txt(entry.path()) && entry.file_type().is_file() {
                    total += entry.metadata().map_or(0, |m| m.len());
                }
            }
        } else {
            total += meta.len();
        }
    }
    Some(total)
}

fn walk(dir: &Path) -> walkdir::IntoIter {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
}

fn is_txt(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

struct Reader<'a> {
    options: &'a Options,
    emit: &'a mut dyn FnMut(Item) -> Result<(), Stop>,
    /// Hash of every id seen -> where it was first seen (index into `sources`, line). Hashes
    /// keep this small; a collision could only cause a spurious warning.
    ids: HashMap<u64, (u32, u64)>,
    sources: Vec<String>,
    duplicates: usize,
}

impl Reader<'_> {
    fn input(&mut self, path: &Path) -> Result<(), Stop> {
        let name = path.display().to_string();
        if is_stdin(path) {
            let stdin = io::stdin();
            return self.jsonl(stdin.lock(), STDIN_NAME.to_string());
        }
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => return self.input_error(name, None, io_reason(&e)),
        };
        if meta.is_dir() {
            self.directory(path)
        } else if is_jsonl(path) || !meta.is_file() {
            // A pipe (`<(zcat news.jsonl.gz)`, /dev/stdin) is a stream of articles, not one.
            match File::open(path) {
                Ok(file) => self.jsonl(file, name),
                Err(e) => self.input_error(name, None, io_reason(&e)),
            }
        } else {
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| name.clone());
            self.text_file(path, id)
        }
    }

    fn input_error(
        &mut self,
        source: String,
        line: Option<u64>,
        reason: String,
    ) -> Result<(), Stop> {
        (self.emit)(Item::InputError(Failure {
            location: Location { source, line },
            article_id: None,
            reason,
        }))
    }

    fn directory(&mut self, dir: &Path) -> Result<(), Stop> {
        let mut found = 0usize;
        let mut errors = 0usize;
        for entry in walk(dir) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    errors += 1;
                    let source = e.path().unwrap_or(dir).display().to_string();
                    let reason = match e.io_error() {
                        Some(io) => io_reason(io),
                        None => e.to_string(),
                    };
                    self.input_error(source, None, reason)?;
                    continue;
                }
            };
            if !entry.file_type().is_file() || !is_txt(entry.path()) {
                continue;
            }
            found += 1;
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            self.text_file(entry.path(), relative_id(relative))?;
        }
        if found == 0 && errors == 0 {
            let reason = "no articles: the directory holds no .txt files".to_string();
            self.input_error(dir.display().to_string(), None, reason)?;
        }
        Ok(())
    }

    fn text_file(&mut self, path: &Path, id: String) -> Result<(), Stop> {
        let location = Location {
            source: path.display().to_string(),
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
                return (self.emit)(Item::Failed { failure, bytes: 0 });
            }
        };
        let size = bytes.len() as u64;
        let text = match decode(bytes) {
            Decoded::Text { text, warning } => {
                if let Some(warning) = warning {
                    (self.emit)(Item::Warning(format!("{location}: {warning}")))?;
                }
                text
            }
            Decoded::Binary(reason) => {
                let failure = Failure {
                    location,
                    article_id: Some(id),
                    reason: reason.to_string(),
                };
                return (self.emit)(Item::Failed {
                    failure,
                    bytes: size,
                });
            }
        };
        self.check_duplicate(&id, &location)?;
        let article = Article {
            id: ArticleId(id),
            text,
            outlet: self.options.outlet.clone(),
            title: None,
        };
        self.article(article, location, size)
    }

    /// Emits an article, with a warning first when it is so long that it is processed in
    /// windows.
    fn article(&mut self, article: Article, location: Location, bytes: u64) -> Result<(), Stop> {
        if article.text.len() > WINDOW_BYTES {
            (self.emit)(Item::Warning(format!(
                "{location}: article {} is {:.1} MB, so it is processed in windows of about \
                 {} KiB, each on its own: speakers are not resolved from one window to the next",
                article.id.0,
                article.text.len() as f64 / 1e6,
                WINDOW_BYTES >> 10,
            )))?;
        }
        (self.emit)(Item::Article {
            article,
            location,
            bytes,
        })
    }

    fn jsonl(&mut self, mut input: impl Read, source: String) -> Result<(), Stop> {
        // The byte order mark, if any, is in the first three bytes.
        let mut head = [0u8; 3];
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
        if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
            // UTF-16 with a byte order mark is transcoded to UTF-8.
            let decoder = encoding_rs_io::DecodeReaderBytesBuilder::new()
                .bom_sniffing(true)
                .strip_bom(true)
                .utf8_passthru(true)
                .build(io::Cursor::new(head.to_vec()).chain(input));
            return self.jsonl_lines(BufReader::with_capacity(1 << 18, decoder), source);
        }
        // Anything else is read as it is, without a UTF-8 byte order mark, and checked line by
        // line below. (A transcoding reader in between copied every byte once more, 8 KiB at
        // a time.)
        let mut head = io::Cursor::new(head.to_vec());
        if head.get_ref().starts_with(&[0xef, 0xbb, 0xbf]) {
            head.set_position(3);
        }
        self.jsonl_lines(BufReader::with_capacity(1 << 18, head.chain(input)), source)
    }

    fn jsonl_lines(&mut self, mut input: impl BufRead, source: String) -> Result<(), Stop> {
        let mut buf = Vec::new();
        let mut line_no = 0u64;
        let mut warned_legacy = false;
        loop {
            buf.clear();
            match input.read_until(b'\n', &mut buf) {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                Err(e) => {
                    let line = Some(line_no + 1);
                    return self.input_error(
                        source,
                        line,
                        format!("cannot read: {}", io_reason(&e)),
                    );
                }
            }
            line_no += 1;
            let bytes = buf.len() as u64;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let location = Location {
                source: source.clone(),
                line: Some(line_no),
            };
            let content = buf.strip_suffix(b"\n").unwrap_or(&buf);
            let content = content.strip_suffix(b"\r").unwrap_or(content);
            let line = match std::str::from_utf8(content) {
                Ok(line) => std::borrow::Cow::Borrowed(line),
                Err(_) => {
                    if !warned_legacy {
                        warned_legacy = true;
                        (self.emit)(Item::Warning(format!(
                            "{location}: not UTF-8; decoded as windows-1252 (and so is any \
                             later such line in this file)"
                        )))?;
                    }
                    std::borrow::Cow::Owned(decode_legacy_line(content))
                }
            };
            match parse_line(&line, &location, self.options) {
                Ok((article, warnings)) => {
                    for warning in warnings {
                        (self.emit)(Item::Warning(format!("{location}: {warning}")))?;
                    }
                    self.check_duplicate(&article.id.0, &location)?;
                    self.article(article, location, bytes)?;
                }
                Err((article_id, reason)) => {
                    let failure = Failure {
                        location,
                        article_id,
                        reason,
                    };
                    (self.emit)(Item::Failed { failure, bytes })?;
                }
            }
        }
    }

    fn check_duplicate(&mut self, id: &str, location: &Location) -> Result<(), Stop> {
        let mut hasher = DefaultHasher::new();
        id.hash(&mut hasher);
        let hash = hasher.finish();
        // JSONL sources are remembered by index; a text file's own path is not kept, so that
        // memory does not grow by a path per file.
        let here = match location.line {
            Some(line) => {
                if self.sources.last() != Some(&location.source) {
                    self.sources.push(location.source.clone());
                }
                (self.sources.len() as u32 - 1, line)
            }
            None => (NO_SOURCE, 0),
        };
        let Some(&(source, line)) = self.ids.get(&hash) else {
            self.ids.insert(hash, here);
            return Ok(());
        };
        self.duplicates += 1;
        if self.duplicates > DUPLICATES_LISTED {
            return Ok(());
        }
        let first = match self.sources.get(source as usize) {
            Some(source) => format!(", first seen at {source}:{line}"),
            None => String::new(),
        };
        (self.emit)(Item::Warning(format!(
            "{location}: duplicate id {id:?}{first}; both articles are kept"
        )))
    }
}

/// Marks an id first seen in a text file, whose path is not kept.
const NO_SOURCE: u32 = u32::MAX;

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

/// The fields of a JSONL line that whosaid reads, `Some` when present (even as `null`).
/// Parsing into this rather than into a map skips the other fields ("url", "date") without
/// storing them: the reader thread spent most of its time building maps.
#[derive(Deserialize)]
struct Fields {
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    text: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    outlet: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    title: Option<Value>,
}

/// A field that is there, `null` included (serde's `Option` would read `null` as absent).
fn present<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(de).map(Some)
}

/// A parse failure: the article id when it could be read, and the reason.
type LineError = (Option<String>, String);

/// Parses one JSONL line into an article, with warnings about fields it had to ignore.
fn parse_line(
    line: &str,
    location: &Location,
    options: &Options,
) -> Result<(Article, Vec<String>), LineError> {
    // Only an object: serde would also read an array into `Fields`, by position.
    let object = line.trim_start().starts_with('{');
    let fast = object.then(|| serde_json::from_str::<Fields>(line).ok());
    let mut fields = match fast.flatten() {
        Some(fields) => fields,
        // Not an object, bad JSON or a repeated field: the general parse says what is wrong,
        // or keeps the last of repeated fields.
        None => {
            let value: Value = serde_json::from_str(line).map_err(|e| (None, json_reason(&e)))?;
            let Value::Object(mut map) = value else {
                return Err((
                    None,
                    format!("expected a JSON object, found {}", type_name(&value)),
                ));
            };
            Fields {
                id: map.remove("id"),
                text: map.remove("text"),
                outlet: map.remove("outlet"),
                title: map.remove("title"),
            }
        }
    };
    let id = match fields.id.take() {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            let reason = format!(
                "field \"id\" must be a string or a number, found {}",
                type_name(&other)
            );
            return Err((None, reason));
        }
    };
    let id = id.unwrap_or_else(|| location.to_string());
    let text = match fields.text.take() {
        Some(Value::String(text)) => text,
        None => return Err((Some(id), "missing field \"text\"".to_string())),
        Some(other) => {
            let reason = format!(
                "field \"text\" must be a string, found {}",
                type_name(&other)
            );
            return Err((Some(id), reason));
        }
    };
    let mut warnings = Vec::new();
    let mut optional = |name: &str, field: Option<Value>| match field {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            warnings.push(format!(
                "field {name:?} must be a string, found {}; ignored",
                type_name(&other)
            ));
            None
        }
    };
    let outlet = optional("outlet", fields.outlet.take()).or_else(|| options.outlet.clone());
    let title = optional("title", fields.title.take());
    let article = Article {
        id: ArticleId(id),
        text,
        outlet,
        title,
    };
    Ok((article, warnings))
}

fn json_reason(e: &serde_json::Error) -> String {
    let message = e.to_string();
    // serde_json appends " at line 1 column N"; the line is ours to report.
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => &message,
    };
    format!("invalid JSON at column {}: {message}", e.column())
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Article, String> {
        let location = Location {
            source: "in.jsonl".into(),
            line: Some(7),
        };
        let options = Options {
            outlet: Some("Default".into()),
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
        let options = Options {
            outlet: outlet.map(str::to_string),
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
