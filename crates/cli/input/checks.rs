//! The checks that need the articles in input order: duplicate ids, long articles and lines
//! that are not UTF-8.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::{Item, Location, Stop};
use crate::WINDOW_BYTES;

/// At most this many duplicate ids are reported one by one; the rest are counted.
const DUPLICATES_LISTED: usize = 20;

/// Marks an id first seen in a text file, whose path is not kept.
const NO_SOURCE: u32 = u32::MAX;

/// The most article ids [`Checks`] remembers to find duplicates: about 25 MB of memory. A
/// duplicate of one of them is found wherever it comes; two later articles with the same id
/// are not.
pub const IDS_REMEMBERED: usize = 1 << 19;

/// The checks that need the articles in input order: duplicate ids, articles long enough to be
/// processed in windows, and lines that are not UTF-8 (one warning per input).
#[derive(Debug, Default)]
pub struct Checks {
    /// Hash of every id seen -> where it was first seen (index into `sources`, line). Hashes
    /// keep this small; a collision could only cause a spurious warning.
    /// At most [`IDS_REMEMBERED`] of them, so that memory stays flat whatever the number of
    /// articles (#16: 6M one-line articles peaked at 339 MB).
    ids: HashMap<u64, (u32, u64)>,
    sources: Vec<Arc<str>>,
    /// Whether the warning that no more ids are remembered was given.
    ids_full: bool,
    duplicates: usize,
    /// The last input warned about for lines that are not UTF-8.
    not_utf8_input: Option<u32>,
}

impl Checks {
    /// Passes `item` to `emit`, after any warnings about it (only an article may have some).
    pub fn item(
        &mut self,
        item: Item,
        emit: &mut dyn FnMut(Item) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        if let Item::Article {
            article, location, ..
        } = &item
        {
            for warning in self.article(&article.id.0, location, article.text.len()) {
                emit(Item::Warning(warning))?;
            }
        }
        emit(item)
    }

    /// Warnings about an article, to give before it: a duplicate id, a text so long that it is
    /// processed in windows.
    pub fn article(
        &mut self,
        id: &str,
        location: &Location,
        text_len: usize,
    ) -> impl Iterator<Item = String> {
        let duplicate = self.duplicate(id, location);
        let long = (text_len > WINDOW_BYTES).then(|| {
            format!(
                "{location}: article {id} is {:.1} MB, so it is processed in windows of about \
                 {} KiB, each on its own: speakers are not resolved from one window to the next",
                text_len as f64 / 1e6,
                WINDOW_BYTES >> 10,
            )
        });
        duplicate.into_iter().chain(long)
    }

    /// The warning for a line of JSONL input `input` that was not UTF-8, for the first such
    /// line of each input.
    pub fn not_utf8(&mut self, input: u32, location: &Location) -> Option<String> {
        if self.not_utf8_input == Some(input) {
            return None;
        }
        self.not_utf8_input = Some(input);
        Some(format!(
            "{location}: not UTF-8; decoded as windows-1252 (and so is any later such line in \
             this file)"
        ))
    }

    /// The warning to give at the end, if more duplicate ids were found than were listed.
    pub fn finish(&self) -> Option<String> {
        let more = self.duplicates.checked_sub(DUPLICATES_LISTED)?;
        (more > 0).then(|| format!("{more} more duplicate ids not listed (every article was kept)"))
    }

    fn duplicate(&mut self, id: &str, location: &Location) -> Option<String> {
        let mut hasher = DefaultHasher::new();
        id.hash(&mut hasher);
        let hash = hasher.finish();
        // JSONL sources are remembered by index; a text file's own path is not kept, so that
        // memory does not grow by a path per file.
        let here = match location.line {
            Some(line) => {
                if self.sources.last() != Some(&location.source) {
                    self.sources.push(Arc::clone(&location.source));
                }
                (self.sources.len() as u32 - 1, line)
            }
            None => (NO_SOURCE, 0),
        };
        let Some(&(source, line)) = self.ids.get(&hash) else {
            if self.ids.len() < IDS_REMEMBERED {
                self.ids.insert(hash, here);
                return None;
            }
            if self.ids_full {
                return None;
            }
            self.ids_full = true;
            return Some(format!(
                "{location}: more than {IDS_REMEMBERED} articles: later ids are checked for \
                 duplicates against the first {IDS_REMEMBERED} only, so that memory stays flat"
            ));
        };
        self.duplicates += 1;
        if self.duplicates > DUPLICATES_LISTED {
            return None;
        }
        let first = match self.sources.get(source as usize) {
            Some(source) => format!(", first seen at {source}:{line}"),
            None => String::new(),
        };
        Some(format!(
            "{location}: duplicate id {id:?}{first}; both articles are kept"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// #16: every id was kept, so memory grew with the number of articles (339 MB at 6M).
    #[test]
    fn duplicate_ids_are_checked_in_bounded_memory() {
        let mut checks = Checks::default();
        let source: Arc<str> = Arc::from("big.jsonl");
        let at = |line| Location {
            source: Arc::clone(&source),
            line: Some(line),
        };
        let mut warnings = Vec::new();
        for n in 0..IDS_REMEMBERED as u64 + 1000 {
            warnings.extend(checks.article(&format!("id{n}"), &at(n + 1), 10));
        }
        assert_eq!(checks.ids.len(), IDS_REMEMBERED);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("more than 524288 articles"),
            "{warnings:?}"
        );
        // A duplicate of a remembered id is still found, after the limit too.
        let late = checks
            .article("id7", &at(9_999_999), 10)
            .collect::<Vec<_>>();
        assert_eq!(
            late,
            ["big.jsonl:9999999: duplicate id \"id7\", first seen at big.jsonl:8; both articles \
              are kept"]
        );
    }
}
