use std::io::{self, Write};

use crate::sanitize::neutralise_in_place;
use crate::Record;

/// The CSV header: [`Record`]'s field names in column order.
///
/// Written even when no record follows, so that an empty result is still a valid table.
pub const HEADER: [&str; 19] = [
    "article_id",
    "claim_id",
    "kind",
    "quote",
    "start",
    "end",
    "speaker",
    "title",
    "role",
    "organisation",
    "outlet",
    "cue",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "resolution",
    "rule",
];

/// An output format for records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    #[default]
    Csv,
    /// One JSON object per line, fields in column order.
    Jsonl,
}

/// How a [`RecordWriter`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterOptions {
    /// The format.
    pub format: Format,
    /// Neutralise CSV fields that a spreadsheet would run as a formula (see [`neutralise`]).
    /// Has no effect on JSON lines, which are never altered.
    ///
    /// [`neutralise`]: crate::neutralise
    pub sanitize: bool,
}

impl Default for WriterOptions {
    fn default() -> WriterOptions {
        WriterOptions {
            format: Format::Csv,
            sanitize: true,
        }
    }
}

/// An error while writing records.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The underlying writer failed (a closed pipe, a full disk).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A record could not be serialised.
    #[error("cannot serialise a record: {0}")]
    Serialise(String),
}

impl Error {
    /// True when the reader of the output went away (`whosaid ... | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<csv::Error> for Error {
    fn from(err: csv::Error) -> Error {
        if err.is_io_error() {
            match err.into_kind() {
                csv::ErrorKind::Io(e) => Error::Io(e),
                other => Error::Serialise(format!("{other:?}")),
            }
        } else {
            Error::Serialise(err.to_string())
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Error {
        match err.io_error_kind() {
            Some(kind) => Error::Io(io::Error::new(kind, err)),
            None => Error::Serialise(err.to_string()),
        }
    }
}

enum Inner<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
}

/// Writes records as CSV (with a header) or JSON lines.
///
/// Call [`RecordWriter::finish`] at the end: it flushes and reports the error that dropping a
/// buffered writer would swallow.
///
/// ```
/// use whosaid_export::{Format, RecordWriter, WriterOptions};
///
/// let mut out = RecordWriter::new(Vec::new(), WriterOptions::default()).unwrap();
/// let bytes = out.finish().unwrap();
/// assert!(bytes.starts_with(b"article_id,claim_id,kind,quote,start,end,"));
/// ```
pub struct RecordWriter<W: Write> {
    inner: Inner<W>,
    sanitize: bool,
    written: u64,
}

impl<W: Write> RecordWriter<W> {
    /// Wraps `out`; for CSV, writes the header at once.
    ///
    /// # Errors
    ///
    /// When writing the header fails.
    pub fn new(out: W, options: WriterOptions) -> Result<RecordWriter<W>, Error> {
        let inner = match options.format {
            Format::Csv => {
                let mut csv = csv::WriterBuilder::new()
                    .has_headers(false)
                    .buffer_capacity(1 << 16)
                    .from_writer(out);
                csv.write_record(HEADER)?;
                Inner::Csv(Box::new(csv))
            }
            Format::Jsonl => Inner::Jsonl(out),
        };
        Ok(RecordWriter {
            inner,
            sanitize: options.sanitize,
            written: 0,
        })
    }

    /// Writes one record. CSV fields are neutralised first when the options ask for it, which
    /// is why the record is taken by value.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn write(&mut self, mut record: Record) -> Result<(), Error> {
        match &mut self.inner {
            Inner::Csv(csv) => {
                if self.sanitize {
                    neutralise_in_place(&mut record);
                }
                csv.serialize(&record)?;
            }
            Inner::Jsonl(out) => {
                serde_json::to_writer(&mut *out, &record)?;
                out.write_all(b"\n")?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Number of records written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes buffered rows to the underlying writer and flushes that too.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn flush(&mut self) -> Result<(), Error> {
        match &mut self.inner {
            Inner::Csv(csv) => csv.flush()?,
            Inner::Jsonl(out) => out.flush()?,
        }
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    ///
    /// # Errors
    ///
    /// When the final flush fails.
    pub fn finish(mut self) -> Result<W, Error> {
        self.flush()?;
        match self.inner {
            Inner::Csv(csv) => csv
                .into_inner()
                .map_err(|e| Error::Io(io::Error::new(e.error().kind(), e.error().to_string()))),
            Inner::Jsonl(out) => Ok(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn record(text: &str) -> Record {
        Record {
            article_id: text.into(),
            claim_id: text.into(),
            kind: "direct",
            quote: text.into(),
            start: 0,
            end: 3,
            speaker: text.into(),
            title: text.into(),
            role: text.into(),
            organisation: text.into(),
            outlet: text.into(),
            cue: text.into(),
            speaker_mention: text.into(),
            speaker_start: Some(1),
            speaker_end: None,
            cue_start: None,
            cue_end: Some(2),
            resolution: "explicit",
            rule: text.into(),
        }
    }

    fn write(options: WriterOptions, records: Vec<Record>) -> String {
        let mut w = RecordWriter::new(Vec::new(), options).unwrap();
        for r in records {
            w.write(r).unwrap();
        }
        String::from_utf8(w.finish().unwrap()).unwrap()
    }

    #[test]
    fn header_matches_record_field_order() {
        // If a field is added to Record, HEADER must follow, or the CSV header would lie.
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.serialize(record("x")).unwrap();
        let out = String::from_utf8(csv.into_inner().unwrap()).unwrap();
        assert_eq!(out.lines().next().unwrap(), HEADER.join(","));
    }

    #[test]
    fn empty_csv_still_has_header() {
        let out = write(WriterOptions::default(), vec![]);
        assert_eq!(out, format!("{}\n", HEADER.join(",")));
    }

    #[test]
    fn empty_jsonl_is_empty() {
        let options = WriterOptions {
            format: Format::Jsonl,
            sanitize: true,
        };
        assert_eq!(write(options, vec![]), "");
    }

    #[test]
    fn csv_neutralises_every_text_field_by_default() {
        let out = write(WriterOptions::default(), vec![record("=1+2")]);
        let row = out.lines().nth(1).unwrap();
        assert_eq!(row.matches("'=1+2").count(), 11, "{row}");
        assert!(!row.split(',').any(|f| f.starts_with('=')), "{row}");
    }

    #[test]
    fn csv_without_sanitize_keeps_text() {
        let options = WriterOptions {
            format: Format::Csv,
            sanitize: false,
        };
        let out = write(options, vec![record("=1+2")]);
        assert!(!out.contains('\''), "{out}");
    }

    #[test]
    fn jsonl_is_never_altered() {
        let options = WriterOptions {
            format: Format::Jsonl,
            sanitize: true,
        };
        let out = write(options, vec![record("=1+2")]);
        let value: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(value["quote"], "=1+2");
        assert_eq!(value["speaker_end"], serde_json::Value::Null);
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        // serde_json's map sorts keys; compare as sets, the order is checked on the raw line.
        assert_eq!(keys.len(), HEADER.len());
        assert!(out.starts_with("{\"article_id\":"), "{out}");
    }

    #[test]
    fn broken_pipe_is_recognised() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let w = RecordWriter::new(Closed, WriterOptions::default()).unwrap();
        assert!(w.finish().err().unwrap().is_broken_pipe());
    }
}
