//! Writing the corpus speakers table as CSV or JSON lines.

use std::io::Write;

use crate::{neutralise, CorpusRow, Error, Format, WriterOptions};

/// The corpus speakers table's header: [`CorpusRow`]'s field names in column order.
pub const CORPUS_HEADER: [&str; 14] = [
    "speaker_id",
    "name",
    "type",
    "variants",
    "titles",
    "roles",
    "organisations",
    "claims",
    "articles",
    "direct",
    "mixed",
    "indirect",
    "ids",
    "note",
];

/// Writes [`CorpusRow`]s as CSV (the header first, even for no rows; text fields
/// [neutralised](neutralise) unless turned off) or as JSON lines (never altered). Call
/// [`finish`](CorpusWriter::finish) to see the errors of the final flush.
///
/// ```
/// use whosaid_export::{CorpusRow, CorpusWriter, WriterOptions};
///
/// let mut out = CorpusWriter::new(Vec::new(), WriterOptions::default()).unwrap();
/// out.write(&CorpusRow { name: "=Jo".into(), ..CorpusRow::default() }).unwrap();
/// let csv = String::from_utf8(out.finish().unwrap()).unwrap();
/// assert!(csv.starts_with("speaker_id,name,type,variants,"));
/// assert!(csv.contains(",'=Jo,"));
/// ```
pub struct CorpusWriter<W: Write> {
    out: Out<W>,
    sanitize: bool,
}

enum Out<W: Write> {
    /// Boxed: a CSV writer is much larger than a plain one.
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
}

impl<W: Write> CorpusWriter<W> {
    /// Wraps `out`; writes a CSV's header at once.
    ///
    /// # Errors
    ///
    /// When writing the header fails.
    pub fn new(out: W, options: WriterOptions) -> Result<CorpusWriter<W>, Error> {
        let out = match options.format {
            Format::Csv => {
                let mut csv = csv::WriterBuilder::new()
                    .has_headers(false)
                    .buffer_capacity(1 << 16)
                    .from_writer(out);
                csv.write_record(CORPUS_HEADER)?;
                Out::Csv(Box::new(csv))
            }
            Format::Jsonl => Out::Jsonl(out),
        };
        Ok(CorpusWriter {
            out,
            sanitize: options.sanitize,
        })
    }

    /// Writes one row.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn write(&mut self, row: &CorpusRow) -> Result<(), Error> {
        let csv = match &mut self.out {
            Out::Csv(csv) => csv,
            Out::Jsonl(out) => {
                serde_json::to_writer(&mut *out, row)?;
                out.write_all(b"\n")?;
                return Ok(());
            }
        };
        let CorpusRow {
            speaker_id,
            name,
            speaker_type,
            variants,
            titles,
            roles,
            organisations,
            claims,
            articles,
            direct,
            mixed,
            indirect,
            ids,
            note,
        } = row;
        // Destructured so that a new field is a compile error here rather than a silently
        // missing column.
        let sanitize = self.sanitize;
        let text = |s: &str| -> String {
            if sanitize {
                neutralise(s).into_owned()
            } else {
                s.to_string()
            }
        };
        let number = |n: &u64| n.to_string();
        csv.write_record([
            text(speaker_id),
            text(name),
            text(speaker_type),
            text(variants),
            text(titles),
            text(roles),
            text(organisations),
            number(claims),
            number(articles),
            number(direct),
            number(mixed),
            number(indirect),
            text(ids),
            text(note),
        ])?;
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    ///
    /// # Errors
    ///
    /// When the final flush fails.
    pub fn finish(self) -> Result<W, Error> {
        match self.out {
            Out::Csv(csv) => (*csv).into_inner().map_err(|e| {
                Error::Io(std::io::Error::new(e.error().kind(), e.error().to_string()))
            }),
            Out::Jsonl(mut out) => {
                out.flush()?;
                Ok(out)
            }
        }
    }
}
