//! whosaid as a library: the stages in their order, and articles read as `whosaid extract`
//! reads them. The `whosaid` binary (`main.rs`) adds the command line, the run loop and the
//! output files; the tests, the benchmarks and the fuzz target use this library, so that each
//! runs the code the binary runs.
//!
//! - [`Pipeline`] runs segment, detect and attribute on an [`Article`](whosaid_core::Article),
//!   in windows when it is long ([`WINDOW_BYTES`]), and gives claim records or CSV rows.
//! - [`decode`] turns a file's bytes into text: byte order marks, UTF-8, legacy encodings,
//!   binary files.
//! - [`read`] and [`read_raw`] walk `.txt` files, directories and JSONL in input order;
//!   [`Checks`] makes the checks that need that order (duplicate ids, long articles).
//! - [`check_text`] and [`check_bytes`] assert the invariants every input must keep, for the
//!   property tests and the fuzz target.
//! - [`run_cli`] is the whole command line, for the `whosaid` binary and for the Python
//!   package's `whosaid` command, so that both run the same code.
//! - [`catch`] turns a panic while processing an article into that article's failure.
//!
//! ```
//! use whosaid::{decode, Decoded, Pipeline};
//! use whosaid_core::Article;
//!
//! let Decoded::Text { text, warning } = decode("“Hi,” she said.".as_bytes().to_vec()) else {
//!     panic!("not binary");
//! };
//! assert_eq!(warning, None);
//! let records = Pipeline::new().records(&Article::new("a1", text));
//! assert_eq!((records[0].quote.as_ref(), records[0].start), ("Hi,", 1));
//! ```
#![deny(missing_docs)]

// The command's modules name the library `whosaid`, as they did when they were the binary's.
extern crate self as whosaid;

mod args;
mod audit;
mod check;
mod cli;
mod corpus;
mod decode;
mod eval;
mod extract;
mod input;
mod known;
mod limits;
mod output;
mod pipeline;
mod report;
mod run;
mod speakers;
mod train;
mod xlsx;

pub use check::{check_bytes, check_text};
pub use cli::run_cli;
pub use decode::{decode, Decoded};
pub use input::{
    is_stdin, read, read_raw, total_size, Checks, Failure, Item, Line, Lines, Location, Page, Raw,
    ReadOptions, Stop, STDIN_NAME,
};
pub use limits::{CHUNK_BYTES, MAX_LINE_BYTES, WINDOW_BYTES};
pub use pipeline::{default_model, Pipeline, Processed, MODEL_RULE};
pub use run::catch;
