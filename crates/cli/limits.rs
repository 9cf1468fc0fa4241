//! Sizes that more than one module must agree on, kept below all of them.

/// An article longer than this is processed a window of about this size at a time (see
/// [`whosaid_segment::windows`]), each window as if it were an article of its own, so that
/// memory and the time per byte stay those of an ordinary article whatever the length; reading
/// warns about such an article. News articles are a few tens of kilobytes: the longest of the
/// 22,196 in the benchmark corpus, and of PolNeAR's 928, is 34 KB.
pub const WINDOW_BYTES: usize = 1 << 18;

/// Most article text in one chunk of work; a larger single article makes a chunk of its own.
/// JSONL is read in batches of about this size, which make a chunk each.
pub const CHUNK_BYTES: usize = 128 << 10;

/// The longest JSONL line whosaid reads, 64 MiB: longer ones are reported as failed articles
/// (`FILE:LINE: line longer than 64 MiB ...`) and skipped, so that input without line breaks
/// (`< /dev/zero`) cannot take all memory (#16). A text file has no such limit.
pub const MAX_LINE_BYTES: usize = 64 << 20;
