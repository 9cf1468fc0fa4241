use std::collections::HashMap;
use std::error::Error as StdError;
use std::io::Read;

use crate::sanitize::unneutralise;
use whosaid_core::SpeakerKind;

use crate::Record;

/// Why a claims CSV could not be read: what is wrong and where (`claims.csv:7: empty start`).
/// The CSV or number error behind it, if any, is its [source](StdError::source), so that a
/// caller printing the chain of causes prints it once.
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

/// Reads a claims CSV, as a [`RecordWriter`](crate::RecordWriter) writes it, back into records
/// by article id. `name` names the input in error messages.
///
/// Columns are found by name, so that a CSV with columns added, left out or moved still reads;
/// `article_id`, `claim_id`, `kind`, `start` and `end` must be there. Fields that were
/// [neutralised](crate::neutralise) are restored, so that a quote is `text[start..end]` again.
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
/// When the CSV is malformed, lacks a required column, or has a row with an offset that is not
/// a number, an empty `start` or `end`, or an unknown `kind` or `resolution`; the message
/// names `name` and the line.
pub fn read_claims(reader: impl Read, name: &str) -> Result<ClaimsByArticle, ReadError> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| ReadError::caused_by(format!("{name}: cannot read the header"), e))?
        .clone();
    let column = |want: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == want)
    };
    for required in ["article_id", "claim_id", "kind", "start", "end"] {
        if column(required).is_none() {
            return Err(ReadError::new(format!(
                "{name}: no {required:?} column; is it a claims CSV from `whosaid extract`?"
            )));
        }
    }
    let mut by_article = ClaimsByArticle::new();
    for row in csv.records() {
        let row = row.map_err(|e| ReadError::caused_by(format!("{name}: malformed CSV"), e))?;
        let line = row.position().map_or(0, |p| p.line());
        let field = |c: &str| {
            column(c)
                .and_then(|k| row.get(k))
                .map(|f| unneutralise(f).to_string())
                .unwrap_or_default()
        };
        let number = |c: &str| -> Result<Option<usize>, ReadError> {
            let s = field(c);
            if s.is_empty() {
                return Ok(None);
            }
            s.parse().map(Some).map_err(|e| {
                ReadError::caused_by(format!("{name}:{line}: {c} is not an offset: {s:?}"), e)
            })
        };
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
        let record = Record {
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
        };
        by_article
            .entry(record.article_id.to_string())
            .or_default()
            .push(record);
    }
    Ok(by_article)
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
