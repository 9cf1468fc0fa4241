use std::collections::HashMap;
use std::error::Error as StdError;
use std::io::{BufRead, BufReader, Read};

use serde_json::Value;
use whosaid_core::SpeakerKind;

use crate::sanitize::unneutralise;
use crate::Record;

/// Why a claims table could not be read: what is wrong and where (`claims.csv:7: empty
/// start`). The CSV, JSON or number error behind it, if any, is its
/// [source](StdError::source), so that a caller printing the chain of causes prints it once.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ReadError {
    message: String,
    #[source]
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl ReadError {
    fn new(message: String) -> ReadError {
        ReadError {
            message,
            source: None,
        }
    }

    fn caused_by(message: String, source: impl StdError + Send + Sync + 'static) -> ReadError {
        ReadError {
            message,
            source: Some(Box::new(source)),
        }
    }
}

/// Claim records by article id, each article's in file order.
pub type ClaimsByArticle = HashMap<String, Vec<Record<'static>>>;

/// The columns (CSV) or fields (JSON lines) every claims table has.
const REQUIRED: [&str; 5] = ["article_id", "claim_id", "kind", "start", "end"];

/// Reads a claims table, as a [`RecordWriter`](crate::RecordWriter) writes it, back into
/// records by article id. `name` names the input in error messages. Holds the whole table;
/// [`ClaimsReader`] reads it a record at a time.
///
/// ```
/// use whosaid_export::read_claims;
///
/// let csv = "article_id,claim_id,kind,quote,start,end,speaker\n\
///            a1,a1#1,direct,'-5 degrees,1,11,Jo Day\n";
/// let claims = read_claims(csv.as_bytes(), "claims.csv").unwrap();
/// assert_eq!(claims["a1"][0].quote, "-5 degrees");
///
/// let err = read_claims("id,text\n".as_bytes(), "claims.csv").unwrap_err();
/// assert!(err.to_string().starts_with("claims.csv: no \"article_id\" column"));
/// ```
///
/// # Errors
///
/// As [`ClaimsReader`]: a table that is malformed, lacks a required column, or has a row with
/// an offset that is not a number, an empty `start` or `end`, or an unknown `kind` or
/// `resolution`; the message names `name` and the line.
pub fn read_claims(reader: impl Read, name: &str) -> Result<ClaimsByArticle, ReadError> {
    let mut by_article = ClaimsByArticle::new();
    for record in ClaimsReader::new(reader, name)? {
        let record = record?;
        by_article
            .entry(record.article_id.to_string())
            .or_default()
            .push(record);
    }
    Ok(by_article)
}

/// Reads a claims table a record at a time, in file order: a CSV or JSON lines, as
/// [`RecordWriter`](crate::RecordWriter) writes them, told apart by the first character (`{`
/// starts JSON lines).
///
/// Columns are found by name, so that a CSV with columns added, left out or moved still reads;
/// `article_id`, `claim_id`, `kind`, `start` and `end` must be there. Fields of a CSV that
/// were [neutralised](crate::neutralise) are restored, so that a quote is `text[start..end]`
/// again. After an error the reader yields nothing more.
///
/// ```
/// use whosaid_export::ClaimsReader;
///
/// let jsonl = r#"{"article_id":"a1","claim_id":"a1#1","kind":"direct","start":1,"end":3}"#;
/// let records: Vec<_> = ClaimsReader::new(jsonl.as_bytes(), "claims.jsonl").unwrap()
///     .collect::<Result<_, _>>().unwrap();
/// assert_eq!((records[0].claim_id.as_ref(), records[0].end), ("a1#1", 3));
/// ```
pub struct ClaimsReader<R: Read> {
    name: String,
    format: Source<R>,
    done: bool,
}

/// What a [`ClaimsReader`] reads from.
enum Source<R: Read> {
    Csv {
        csv: csv::Reader<BufReader<R>>,
        /// Column number by name.
        columns: HashMap<String, usize>,
        row: csv::StringRecord,
    },
    Jsonl {
        lines: BufReader<R>,
        line: u64,
        buf: String,
    },
}

impl<R: Read> ClaimsReader<R> {
    /// Starts reading `reader`, named `name` in error messages: reads a CSV's header.
    ///
    /// # Errors
    ///
    /// When the input cannot be read, or is a CSV without one of the required columns.
    pub fn new(reader: R, name: &str) -> Result<ClaimsReader<R>, ReadError> {
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let start = reader
            .fill_buf()
            .map_err(|e| ReadError::caused_by(format!("{name}: cannot read"), e))?;
        let jsonl = String::from_utf8_lossy(start)
            .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
            .starts_with('{');
        let format = if jsonl {
            Source::Jsonl {
                lines: reader,
                line: 0,
                buf: String::new(),
            }
        } else {
            let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
            let header = csv
                .headers()
                .map_err(|e| ReadError::caused_by(format!("{name}: cannot read the header"), e))?;
            let mut columns = HashMap::new();
            for (k, h) in header.iter().enumerate() {
                columns
                    .entry(h.trim_start_matches('\u{feff}').to_string())
                    .or_insert(k);
            }
            for required in REQUIRED {
                if !columns.contains_key(required) {
                    return Err(ReadError::new(format!(
                        "{name}: no {required:?} column; is it a claims CSV from `whosaid extract`?"
                    )));
                }
            }
            Source::Csv {
                csv,
                columns,
                row: csv::StringRecord::new(),
            }
        };
        Ok(ClaimsReader {
            name: name.to_string(),
            format,
            done: false,
        })
    }

    /// The next record, `None` at the end.
    fn read(&mut self) -> Result<Option<Record<'static>>, ReadError> {
        let name = self.name.as_str();
        match &mut self.format {
            Source::Csv { csv, columns, row } => {
                let more = csv
                    .read_record(row)
                    .map_err(|e| ReadError::caused_by(format!("{name}: malformed CSV"), e))?;
                if !more {
                    return Ok(None);
                }
                let line = row.position().map_or(0, |p| p.line());
                let field = |c: &str| {
                    columns
                        .get(c)
                        .and_then(|&k| row.get(k))
                        .map(|f| unneutralise(f).to_string())
                        .unwrap_or_default()
                };
                let number = |c: &str| offset_of(name, line, c, &field(c));
                record(name, line, &field, &number).map(Some)
            }
            Source::Jsonl { lines, line, buf } => loop {
                buf.clear();
                let read = lines
                    .read_line(buf)
                    .map_err(|e| ReadError::caused_by(format!("{name}: cannot read"), e))?;
                if read == 0 {
                    return Ok(None);
                }
                *line += 1;
                let line = *line;
                let text = buf.trim_start_matches('\u{feff}').trim();
                if text.is_empty() {
                    continue;
                }
                let object = match serde_json::from_str::<Value>(text) {
                    Ok(Value::Object(object)) => object,
                    Ok(_) => {
                        return Err(ReadError::new(format!(
                            "{name}:{line}: not a JSON object; is it a claims JSONL from \
                             `whosaid extract`?"
                        )))
                    }
                    Err(e) => {
                        return Err(ReadError::caused_by(
                            format!("{name}:{line}: malformed JSON"),
                            e,
                        ))
                    }
                };
                for required in REQUIRED {
                    if !object.contains_key(required) {
                        return Err(ReadError::new(format!(
                            "{name}:{line}: no {required:?} field; is it a claims JSONL from \
                             `whosaid extract`?"
                        )));
                    }
                }
                let field = |c: &str| match object.get(c) {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Null) | None => String::new(),
                    Some(other) => other.to_string(),
                };
                let number = |c: &str| offset_of(name, line, c, &field(c));
                return record(name, line, &field, &number).map(Some);
            },
        }
    }
}

impl<R: Read> Iterator for ClaimsReader<R> {
    type Item = Result<Record<'static>, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.read().transpose();
        self.done = !matches!(next, Some(Ok(_)));
        next
    }
}

/// An offset field: `None` when empty.
fn offset_of(name: &str, line: u64, column: &str, s: &str) -> Result<Option<usize>, ReadError> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse().map(Some).map_err(|e| {
        ReadError::caused_by(
            format!("{name}:{line}: {column} is not an offset: {s:?}"),
            e,
        )
    })
}

/// The record of one row, whose fields `field` gives (empty when missing) and whose offsets
/// `number` gives; checks the fixed vocabularies.
fn record(
    name: &str,
    line: u64,
    field: &dyn Fn(&str) -> String,
    number: &dyn Fn(&str) -> Result<Option<usize>, ReadError>,
) -> Result<Record<'static>, ReadError> {
    let offset = |c: &str| -> Result<usize, ReadError> {
        number(c)?.ok_or_else(|| ReadError::new(format!("{name}:{line}: empty {c}")))
    };
    let kind = match field("kind").as_str() {
        "direct" => "direct",
        "mixed" => "mixed",
        "indirect" => "indirect",
        other => {
            return Err(ReadError::new(format!(
                "{name}:{line}: unknown kind {other:?} (direct, mixed or indirect)"
            )))
        }
    };
    let resolution = match field("resolution").as_str() {
        "explicit" => "explicit",
        "pronoun" => "pronoun",
        "surname" => "surname",
        "description" => "description",
        "continuation" => "continuation",
        "group" => "group",
        "none" | "" => "none",
        other => {
            return Err(ReadError::new(format!(
                "{name}:{line}: unknown resolution {other:?}"
            )))
        }
    };
    let speaker_type = match field("speaker_type").as_str() {
        "" => "",
        other => SpeakerKind::parse(other)
            .map(SpeakerKind::as_str)
            .ok_or_else(|| {
                ReadError::new(format!(
                    "{name}:{line}: unknown speaker_type {other:?} \
                     (person, organisation, group, document or anonymous)"
                ))
            })?,
    };
    Ok(Record {
        article_id: field("article_id").into(),
        claim_id: field("claim_id").into(),
        kind,
        quote: field("quote").into(),
        start: offset("start")?,
        end: offset("end")?,
        speaker: field("speaker").into(),
        speaker_type,
        // Files written before the column existed: the id is made from type and name.
        speaker_id: match field("speaker_id") {
            id if !id.is_empty() => id.into(),
            _ => crate::speaker_id(SpeakerKind::parse(speaker_type), &field("speaker")).into(),
        },
        title: field("title").into(),
        role: field("role").into(),
        organisation: field("organisation").into(),
        outlet: field("outlet").into(),
        cue: field("cue").into(),
        speaker_mention: field("speaker_mention").into(),
        speaker_start: number("speaker_start")?,
        speaker_end: number("speaker_end")?,
        cue_start: number("cue_start")?,
        cue_end: number("cue_end")?,
        resolution,
        rule: field("rule").into(),
        // Files written before the column existed hold rules' claims only.
        confidence: match field("confidence").as_str() {
            "" => whosaid_core::Confidence::CERTAIN,
            c => c
                .parse::<f32>()
                .ok()
                .filter(|p| (0.0..=1.0).contains(p))
                .map(whosaid_core::Confidence::from_probability)
                .ok_or_else(|| {
                    ReadError::new(format!(
                        "{name}:{line}: confidence {c:?} is not a number from 0 to 1"
                    ))
                })?,
        },
    })
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::{RecordWriter, WriterOptions};

    fn record(article: &str, n: usize, quote: &str) -> Record<'static> {
        let text = |s: &str| Cow::Owned(s.to_string());
        Record {
            article_id: text(article),
            claim_id: text(&format!("{article}#{n}")),
            kind: "direct",
            quote: text(quote),
            start: 3,
            end: 3 + quote.chars().count(),
            speaker: text("=Jo Day"),
            speaker_type: "person",
            speaker_id: text("person:jo-day"),
            title: text(""),
            role: text("minister"),
            organisation: text(""),
            outlet: text("AFP"),
            cue: text("said"),
            speaker_mention: text("he"),
            speaker_start: Some(20),
            speaker_end: Some(22),
            cue_start: None,
            cue_end: None,
            resolution: "pronoun",
            rule: text("detect/x+attribute/y"),
            confidence: whosaid_core::Confidence::CERTAIN,
        }
    }

    #[test]
    fn records_read_back_as_written() {
        let records = [
            record("a", 1, "-5 “degrees” €"),
            record("b", 1, "plain"),
            record("a", 2, "@all, \"hi\"\nthere"),
        ];
        for sanitize in [true, false] {
            let options = WriterOptions {
                sanitize,
                ..WriterOptions::default()
            };
            let mut out = RecordWriter::new(Vec::new(), options).unwrap();
            for r in &records {
                out.write(r.clone()).unwrap();
            }
            let csv = out.finish().unwrap();
            let by_article = read_claims(csv.as_slice(), "claims.csv").unwrap();
            assert_eq!(by_article["a"], [records[0].clone(), records[2].clone()]);
            assert_eq!(by_article["b"], [records[1].clone()]);
        }
    }

    #[test]
    fn json_lines_read_back_as_written() {
        let records = [record("a", 1, "=1+1 “€”"), record("b", 1, "plain")];
        let options = WriterOptions {
            format: crate::Format::Jsonl,
            ..WriterOptions::default()
        };
        let mut out = RecordWriter::new(Vec::new(), options).unwrap();
        for r in &records {
            out.write(r.clone()).unwrap();
        }
        let jsonl = out.finish().unwrap();
        let read: Vec<_> = ClaimsReader::new(jsonl.as_slice(), "claims.jsonl")
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(read, records);
    }

    #[test]
    fn bad_json_lines_name_the_line() {
        let good = r#"{"article_id":"a","claim_id":"a#1","kind":"direct","start":1,"end":3}"#;
        let cases = [
            ("{\"article_id\":", "claims.jsonl:2: malformed JSON"),
            (
                r#"{"article_id":"a","kind":"direct","start":1,"end":3}"#,
                "claims.jsonl:2: no \"claim_id\" field; is it a claims JSONL from `whosaid extract`?",
            ),
            (
                r#"{"article_id":"a","claim_id":"a#1","kind":"direct","start":"x","end":3}"#,
                "claims.jsonl:2: start is not an offset: \"x\"",
            ),
        ];
        for (bad, want) in cases {
            let jsonl = format!("{good}\n\n{bad}\n");
            let mut reader = ClaimsReader::new(jsonl.as_bytes(), "claims.jsonl").unwrap();
            assert!(reader.next().unwrap().is_ok());
            let err = reader.next().unwrap().unwrap_err();
            assert_eq!(err.to_string(), want.replace(":2:", ":3:"), "{bad}");
            assert!(reader.next().is_none(), "nothing after an error");
        }
    }

    #[test]
    fn bad_rows_name_the_line() {
        let header = "article_id,claim_id,kind,start,end,resolution\n";
        let cases = [
            (
                "a,a#1,direct,x,3,\n",
                "claims.csv:2: start is not an offset: \"x\"",
            ),
            ("a,a#1,direct,,3,\n", "claims.csv:2: empty start"),
            (
                "a,a#1,quoted,1,3,\n",
                "claims.csv:2: unknown kind \"quoted\" (direct, mixed or indirect)",
            ),
            (
                "a,a#1,direct,1,3,guess\n",
                "claims.csv:2: unknown resolution \"guess\"",
            ),
        ];
        for (row, want) in cases {
            let csv = format!("{header}{row}");
            let err = read_claims(csv.as_bytes(), "claims.csv").unwrap_err();
            assert_eq!(err.to_string(), want, "{row}");
        }
    }
}
