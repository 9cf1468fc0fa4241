//! Bytes as a JSONL file, read as `whosaid extract` reads it: BOMs, UTF-16, gzip by magic
//! bytes, stray bytes in UTF-8, bad JSON, repeated and odd fields, numeric ids.
//!
//! Run with `scripts/fuzz.sh 300 jsonl`. Checks: no panic; every non-blank line gives exactly
//! one article or failure, in order; an article's id is never empty.
#![no_main]

use std::io::Write;
use std::path::PathBuf;

use whosaid::{read, Item, ReadOptions};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // One file per process, rewritten for each input: the reader takes paths.
    let path = std::env::temp_dir().join(format!("whosaid-fuzz-{}.jsonl", std::process::id()));
    std::fs::File::create(&path).unwrap().write_all(data).unwrap();
    let mut lines = Vec::new();
    let result = read(&[PathBuf::from(&path)], &ReadOptions::default(), &mut |item| {
        match item {
            Item::Article { article, location, .. } => {
                assert!(!article.id.0.is_empty());
                lines.push(location.line);
            }
            Item::Failed { failure, .. } => lines.push(failure.location.line),
            Item::InputError(_) | Item::Warning(_) => {}
        }
        Ok(())
    });
    assert!(result.is_ok());
    // Line numbers only go up: the articles come in input order.
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
});
