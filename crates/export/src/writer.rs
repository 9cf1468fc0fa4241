use std::io::{self, Write};

use crate::sanitize::neutralise_in_place;
use crate::Record;

/// What a column holds, for readers that declare types up front (the Python package's
/// DataFrames, Spark's schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text, empty when there is nothing to say.
    Text,
    /// A character offset, always present.
    Offset,
    /// A character offset, absent (JSON `null`, an empty CSV field) when there is no such span.
    OptionalOffset,
    /// A number between 0 and 1 (a float), always present.
    Number,
}

impl ColumnType {
    /// `text`, `offset` or `optional_offset`.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Offset => "offset",
            ColumnType::OptionalOffset => "optional_offset",
            ColumnType::Number => "number",
        }
    }
}

/// [`Record`]'s fields in column order, with their types: the one list that the CSV header,
/// the Python package's DataFrames and Spark's schema are made from.
pub const COLUMNS: [(&str, ColumnType); 22] = {
    use ColumnType::{Number, Offset, OptionalOffset, Text};
    [
        ("article_id", Text),
        ("claim_id", Text),
        ("kind", Text),
        ("quote", Text),
        ("start", Offset),
        ("end", Offset),
        ("speaker", Text),
        ("speaker_type", Text),
        ("speaker_id", Text),
        ("title", Text),
        ("role", Text),
        ("organisation", Text),
        ("outlet", Text),
        ("cue", Text),
        ("speaker_mention", Text),
        ("speaker_start", OptionalOffset),
        ("speaker_end", OptionalOffset),
        ("cue_start", OptionalOffset),
        ("cue_end", OptionalOffset),
        ("resolution", Text),
        ("rule", Text),
        ("confidence", Number),
    ]
};

/// The CSV header: [`Record`]'s field names in column order ([`COLUMNS`]' names).
///
/// Written even when no record follows, so that an empty result is still a valid table.
pub const HEADER: [&str; COLUMNS.len()] = {
    let mut names = [""; COLUMNS.len()];
    let mut i = 0;
    while i < COLUMNS.len() {
        names[i] = COLUMNS[i].0;
        i += 1;
    }
    names
};

/// The columns of [`HEADER`] that hold character offsets (numbers, or empty): the columns of
/// [`COLUMNS`] that are offsets.
pub const OFFSET_COLUMNS: [&str; 6] = {
    let mut names = [""; 6];
    let (mut i, mut n) = (0, 0);
    while i < COLUMNS.len() {
        if matches!(
            COLUMNS[i].1,
            ColumnType::Offset | ColumnType::OptionalOffset
        ) {
            // A seventh offset column fails the build here: the array's length must follow.
            names[n] = COLUMNS[i].0;
            n += 1;
        }
        i += 1;
    }
    assert!(
        n == names.len(),
        "OFFSET_COLUMNS' length is the number of offset columns"
    );
    names
};

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

/// Formats records as the rows of the output, in memory: CSV rows without the header, or JSON
/// lines. Worker threads format their own articles, so that the thread that keeps the input
/// order only copies bytes.
///
/// ```
/// use whosaid_export::{RecordWriter, RowEncoder, WriterOptions};
/// # let records: Vec<whosaid_export::Record> = Vec::new();
///
/// let rows = RowEncoder::new(WriterOptions::default()).encode(records).unwrap();
/// let mut out = RecordWriter::new(Vec::new(), WriterOptions::default()).unwrap();
/// out.write_rows(&rows).unwrap();
/// assert_eq!(out.written(), rows.len());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowEncoder {
    options: WriterOptions,
}

/// Rows formatted by a [`RowEncoder`], ready for [`RecordWriter::write_rows`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// Kept in the pieces they were formatted in, so that adding rows never copies the rows
    /// before them.
    pieces: Vec<Vec<u8>>,
    count: u64,
}

impl Rows {
    /// Appends `more` after these rows.
    pub fn extend(&mut self, more: Rows) {
        self.pieces.extend(more.pieces);
        self.count += more.count;
    }

    /// Number of rows.
    pub fn len(&self) -> u64 {
        self.count
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The formatted rows, in pieces.
    pub fn pieces(&self) -> impl Iterator<Item = &[u8]> {
        self.pieces.iter().map(Vec::as_slice)
    }
}

impl RowEncoder {
    /// An encoder for `options`.
    pub fn new(options: WriterOptions) -> RowEncoder {
        RowEncoder { options }
    }

    /// Formats `records`, neutralising CSV fields first when the options ask for it (which is
    /// why the records are taken by value).
    ///
    /// # Errors
    ///
    /// When a record cannot be serialised.
    pub fn encode<'a>(&self, records: impl IntoIterator<Item = Record<'a>>) -> Result<Rows, Error> {
        let mut count = 0;
        let bytes = match self.options.format {
            Format::Csv => {
                // The writer's own buffer only batches copies into the Vec: a small one spares
                // zeroing the default 8 KiB for every article.
                let mut csv = csv::WriterBuilder::new()
                    .has_headers(false)
                    .buffer_capacity(1 << 10)
                    .from_writer(Vec::new());
                for mut record in records {
                    if self.options.sanitize {
                        neutralise_in_place(&mut record);
                    }
                    csv.serialize(&record)?;
                    count += 1;
                }
                csv.into_inner().map_err(|e| {
                    Error::Io(io::Error::new(e.error().kind(), e.error().to_string()))
                })?
            }
            Format::Jsonl => {
                let mut out = Vec::new();
                for record in records {
                    serde_json::to_writer(&mut out, &record)?;
                    out.push(b'\n');
                    count += 1;
                }
                out
            }
        };
        let mut bytes = bytes;
        if bytes.capacity() - bytes.len() > 1 << 16 {
            // A buffer that grew by doubling can be twice its rows; an article's rows in many
            // pieces would hold that slack for each one.
            bytes.shrink_to_fit();
        }
        Ok(Rows {
            pieces: vec![bytes],
            count,
        })
    }
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
    out: W,
    encoder: RowEncoder,
    written: u64,
}

impl<W: Write> RecordWriter<W> {
    /// Wraps `out`; for CSV, writes the header at once.
    ///
    /// # Errors
    ///
    /// When writing the header fails.
    pub fn new(mut out: W, options: WriterOptions) -> Result<RecordWriter<W>, Error> {
        if options.format == Format::Csv {
            let mut csv = csv::Writer::from_writer(&mut out);
            csv.write_record(HEADER)?;
            csv.flush()?;
        }
        Ok(RecordWriter {
            out,
            encoder: RowEncoder::new(options),
            written: 0,
        })
    }

    /// Writes one record. CSV fields are neutralised first when the options ask for it, which
    /// is why the record is taken by value.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn write(&mut self, record: Record) -> Result<(), Error> {
        let rows = self.encoder.encode([record])?;
        self.write_rows(&rows)
    }

    /// Writes rows formatted by a [`RowEncoder`] with the same options.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn write_rows(&mut self, rows: &Rows) -> Result<(), Error> {
        for piece in rows.pieces() {
            self.out.write_all(piece)?;
        }
        self.written += rows.count;
        Ok(())
    }

    /// Number of records written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes the underlying writer.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn flush(&mut self) -> Result<(), Error> {
        self.out.flush()?;
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    ///
    /// # Errors
    ///
    /// When the final flush fails.
    pub fn finish(mut self) -> Result<W, Error> {
        self.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn record(text: &str) -> Record<'_> {
        Record {
            article_id: text.into(),
            claim_id: text.into(),
            kind: "direct",
            quote: text.into(),
            start: 0,
            end: 3,
            speaker: text.into(),
            speaker_type: "person",
            speaker_id: "".into(),
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
            confidence: whosaid_core::Confidence::CERTAIN,
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
    fn column_types_match_record_fields() {
        // A record without any optional span, and one with every span: each column's values
        // must be of its declared type, or a DataFrame schema made from COLUMNS would reject
        // real rows.
        let without = record("x");
        let mut with = record("x");
        with.speaker_start = Some(1);
        with.speaker_end = Some(2);
        with.cue_start = Some(3);
        with.cue_end = Some(4);
        for r in [without, with] {
            let value = serde_json::to_value(&r).unwrap();
            for (name, kind) in COLUMNS {
                let v = &value[name];
                let ok = match kind {
                    ColumnType::Text => v.is_string(),
                    ColumnType::Offset => v.is_u64(),
                    ColumnType::OptionalOffset => v.is_u64() || v.is_null(),
                    ColumnType::Number => v.as_f64().is_some_and(|x| (0.0..=1.0).contains(&x)),
                };
                assert!(ok, "{name} is {v}, declared {}", kind.as_str());
            }
        }
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
    fn rows_encoded_together_are_the_rows_written_one_by_one() {
        for format in [Format::Csv, Format::Jsonl] {
            let options = WriterOptions {
                format,
                sanitize: true,
            };
            let records = vec![record("=a"), record("b, \"c\"\nd")];
            let rows = RowEncoder::new(options).encode(records.clone()).unwrap();
            assert_eq!(rows.len(), 2);
            let mut out = RecordWriter::new(Vec::new(), options).unwrap();
            out.write_rows(&rows).unwrap();
            assert_eq!(out.written(), 2);
            let together = String::from_utf8(out.finish().unwrap()).unwrap();
            assert_eq!(together, write(options, records), "{format:?}");
        }
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
        // The CSV header is written at once, so the closed pipe shows there.
        let err = RecordWriter::new(Closed, WriterOptions::default()).err();
        assert!(err.unwrap().is_broken_pipe());
    }
}
