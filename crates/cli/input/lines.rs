//! Batches of JSONL lines as read ([`Lines`]), which worker threads parse ([`Lines::parse`])
//! into articles ([`Line`]), so that an article's text is made, used and freed on one thread.

use std::sync::{Arc, Mutex};

use whosaid_core::Article;

use super::json::parse_line;
use super::{overlong_line, Failure, Item, Location, ReadOptions};
use crate::decode::decode_legacy_line;
use crate::{CHUNK_BYTES, MAX_LINE_BYTES};

/// A batch of JSONL lines as read, for [`Lines::parse`].
#[derive(Debug)]
pub struct Lines {
    pub(super) source: Arc<str>,
    /// Which JSONL input of the run they come from.
    input: u32,
    /// The lines one after another, each with its line break.
    pub(super) buf: Vec<u8>,
    /// Where each line is in `buf`, and its 1-based line number. Blank lines are left out.
    spans: Vec<(usize, usize, u64)>,
    /// Where `buf` goes when the batch is dropped.
    spares: Spares,
}

/// Buffers of batches that were dropped, for the reader to fill again. Reusing a few buffers
/// rather than allocating one per batch keeps freed blocks from piling up in the allocator
/// (mimalloc returns freed memory to the system only after a delay) and means no buffer is
/// freed on a thread other than the one that allocated it.
#[derive(Debug, Default, Clone)]
pub(super) struct Spares(Arc<Mutex<Vec<Vec<u8>>>>);

impl Spares {
    /// At most this many buffers are kept; more are never in use at once.
    const KEPT: usize = 8;

    /// An empty buffer, reused if one is spare.
    fn take(&self) -> Vec<u8> {
        let spare = self.0.lock().ok().and_then(|mut spares| spares.pop());
        spare.unwrap_or_default()
    }

    fn give(&self, mut buf: Vec<u8>) {
        // A buffer grown for one huge article is not worth keeping.
        if buf.capacity() > 2 * CHUNK_BYTES {
            return;
        }
        if let Ok(mut spares) = self.0.lock() {
            if spares.len() < Spares::KEPT {
                buf.clear();
                spares.push(buf);
            }
        }
    }
}

impl Drop for Lines {
    fn drop(&mut self) {
        self.spares.give(std::mem::take(&mut self.buf));
    }
}

/// One parsed JSONL line.
#[derive(Debug)]
pub struct Line {
    /// Where it is.
    pub location: Location,
    /// Its size in the input, for progress.
    pub bytes: u64,
    /// It was not UTF-8, so it was decoded as windows-1252 (see
    /// [`Checks::not_utf8`](super::Checks::not_utf8)).
    pub not_utf8: bool,
    /// Fields that had to be ignored, as messages naming the line.
    pub warnings: Vec<String>,
    /// The article, or why there is none.
    pub article: Result<Article, Failure>,
}

impl Line {
    /// What the line holds as items, in order: its warnings, then its article or why there is
    /// none.
    pub fn into_items(self) -> impl Iterator<Item = Item> {
        let bytes = self.bytes;
        let last = match self.article {
            Ok(article) => Item::Article {
                article,
                location: self.location,
                bytes,
            },
            Err(failure) => Item::Failed { failure, bytes },
        };
        self.warnings
            .into_iter()
            .map(Item::Warning)
            .chain(std::iter::once(last))
    }
}

impl Lines {
    pub(super) fn new(source: Arc<str>, input: u32, spares: &Spares) -> Lines {
        Lines {
            source,
            input,
            buf: spares.take(),
            spans: Vec::new(),
            spares: spares.clone(),
        }
    }

    /// Adds the line at `start..end` of the buffer, unless it is blank.
    pub(super) fn push(&mut self, start: usize, end: usize, number: u64) {
        if !self.buf[start..end].iter().all(u8::is_ascii_whitespace) {
            self.spans.push((start, end, number));
        }
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when the batch holds no lines.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Which JSONL input of the run the lines come from, for
    /// [`Checks::not_utf8`](super::Checks::not_utf8).
    pub fn input(&self) -> u32 {
        self.input
    }

    /// Parses line `i` (0-based within the batch).
    pub fn parse(&self, i: usize, options: &ReadOptions) -> Line {
        let (start, end, number) = self.spans[i];
        let location = Location {
            source: Arc::clone(&self.source),
            line: Some(number),
        };
        let raw = &self.buf[start..end];
        let content = raw.strip_suffix(b"\n").unwrap_or(raw);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        // The reader stops a line at the limit only once it has read past it without a line
        // break; one that ended just past it is refused here.
        if content.len() > MAX_LINE_BYTES {
            return Line {
                article: Err(Failure {
                    location: location.clone(),
                    article_id: None,
                    reason: overlong_line(),
                }),
                location,
                bytes: raw.len() as u64,
                not_utf8: false,
                warnings: Vec::new(),
            };
        }
        let mut bad_bytes = None;
        let (line, not_utf8) = match std::str::from_utf8(content) {
            Ok(line) => (std::borrow::Cow::Borrowed(line), false),
            // UTF-8 with a few bad bytes (#16: one byte decoded the whole line as
            // windows-1252, "café “We" as "café â€œWe"): each bad sequence becomes U+FFFD.
            Err(_) if has_utf8_beyond_ascii(content) => {
                let line = String::from_utf8_lossy(content).into_owned();
                bad_bytes = Some(
                    content
                        .utf8_chunks()
                        .map(|c| c.invalid().len())
                        .sum::<usize>(),
                );
                (std::borrow::Cow::Owned(line), false)
            }
            Err(_) => (std::borrow::Cow::Owned(decode_legacy_line(content)), true),
        };
        let (article, warnings) = match parse_line(&line, &location, options) {
            Ok((article, warnings)) => {
                let bad = bad_bytes.map(|n| {
                    let s = if n == 1 { "" } else { "s" };
                    format!("{n} byte{s} not UTF-8, each replaced by U+FFFD")
                });
                let warnings = bad
                    .into_iter()
                    .chain(warnings)
                    .map(|warning| format!("{location}: {warning}"))
                    .collect();
                (Ok(article), warnings)
            }
            Err((article_id, reason)) => {
                let failure = Failure {
                    location: location.clone(),
                    article_id,
                    reason,
                };
                (Err(failure), Vec::new())
            }
        };
        Line {
            location,
            bytes: raw.len() as u64,
            not_utf8,
            warnings,
            article,
        }
    }
}

/// True when `bytes` hold a valid UTF-8 sequence of two or more bytes: then a byte that is not
/// UTF-8 is a stray in UTF-8 text rather than a sign of a legacy encoding.
fn has_utf8_beyond_ascii(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|c| !c.valid().is_ascii())
}
