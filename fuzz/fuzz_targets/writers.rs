//! The claims of any text, and any article id and outlet, written as CSV and JSON lines and
//! read back as `whosaid speakers` and `whosaid audit --claims` read them.
//!
//! Run with `scripts/fuzz.sh 300 writers`. Checks: JSONL and the raw CSV (`--no-sanitize`)
//! give back exactly the records written; the neutralised CSV gives back as many records with
//! the same offsets; nothing panics.
#![no_main]

use whosaid::Pipeline;
use whosaid_core::Article;
use whosaid_export::{ClaimsReader, Format, Record, RecordWriter, WriterOptions};

fn round_trip(records: &[Record<'static>], format: Format, sanitize: bool) -> Vec<Record<'static>> {
    let mut writer = RecordWriter::new(Vec::new(), WriterOptions { format, sanitize }).unwrap();
    for record in records {
        writer.write(record.clone()).unwrap();
    }
    let bytes = writer.finish().unwrap();
    ClaimsReader::new(&bytes[..], "fuzz")
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line, if any, also serves as the article id and the outlet.
    let (head, _) = text.split_once('\n').unwrap_or(("", &text));
    let id = if head.trim().is_empty() { "a" } else { head };
    let mut article = Article::new(id, text.to_string());
    article.outlet = Some(head.to_string()).filter(|o| !o.is_empty());
    let records = Pipeline::new().records(&article);
    if records.is_empty() {
        return;
    }
    for format in [Format::Jsonl, Format::Csv] {
        assert_eq!(round_trip(&records, format, false), records, "{format:?}");
    }
    let sanitized = round_trip(&records, Format::Csv, true);
    let offsets = |r: &[Record]| r.iter().map(|r| (r.start, r.end)).collect::<Vec<_>>();
    assert_eq!(offsets(&sanitized), offsets(&records));
});
