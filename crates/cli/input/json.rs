//! One JSONL line into an article: the fields whosaid reads, and what is wrong with a line
//! that cannot be read, in words that name the field.

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;
use whosaid_core::{Article, ArticleId};

use super::html::{page_article, PageMeta};
use super::{Location, ReadOptions};

/// The fields of a JSONL line that whosaid reads, `Some` when present (even as `null`).
/// Parsing into this rather than into a map skips the other fields without storing them: the reader thread spent most of its time building maps.
#[derive(Deserialize)]
struct Fields {
    /// As written: a number id keeps its digits (#16: `123456789012345678901234567890` became
    /// `1.2345678901234568e+29`, `1e2` became `100.0`). `None` for a missing or `null` id.
    #[serde(default)]
    id: Option<Box<RawValue>>,
    #[serde(default, deserialize_with = "present")]
    text: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    html: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    outlet: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    title: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    url: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    date: Option<Value>,
}

/// A field that is there, `null` included (serde's `Option` would read `null` as absent).
fn present<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(de).map(Some)
}

/// A parse failure: the article id when it could be read, and the reason.
pub(super) type LineError = (Option<String>, String);

/// Parses one JSONL line into an article, with warnings about fields it had to ignore.
pub(super) fn parse_line(
    line: &str,
    location: &Location,
    options: &ReadOptions,
) -> Result<(Article, Vec<String>), LineError> {
    // Only an object: serde would also read an array into `Fields`, by position.
    let object = line.trim_start().starts_with('{');
    let fast = object.then(|| serde_json::from_str::<Fields>(line).ok());
    let mut fields = match fast.flatten() {
        Some(fields) => fields,
        // Not an object, bad JSON or a repeated field: the general parse says what is wrong,
        // or keeps the last of repeated fields.
        None => {
            let value: Value = serde_json::from_str(line).map_err(|e| (None, json_reason(&e)))?;
            let Value::Object(mut map) = value else {
                return Err((
                    None,
                    format!("expected a JSON object, found {}", type_name(&value)),
                ));
            };
            // The id as written again, the last of repeated ones as for the other fields.
            let mut raw: std::collections::HashMap<String, Box<RawValue>> =
                serde_json::from_str(line).map_err(|e| (None, json_reason(&e)))?;
            Fields {
                id: raw.remove("id").filter(|id| id.get() != "null"),
                text: map.remove("text"),
                html: map.remove("html"),
                outlet: map.remove("outlet"),
                title: map.remove("title"),
                url: map.remove("url"),
                date: map.remove("date"),
            }
        }
    };
    let id = match fields.id.take() {
        None => None,
        Some(raw) => id_as_written(&raw)?,
    };
    let id = id.unwrap_or_else(|| location.to_string());
    let text = match fields.text.take() {
        Some(Value::String(text)) => text,
        // A page as HTML: its article is extracted, with the line's fields as fallbacks.
        None if fields.html.is_some() => {
            let Some(Value::String(html)) = fields.html.take() else {
                let found = type_name(fields.html.as_ref().expect("checked above"));
                return Err((
                    Some(id),
                    format!("field \"html\" must be a string, found {found}"),
                ));
            };
            let string = |field: Option<Value>| match field {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
                _ => None,
            };
            let meta = PageMeta {
                id: id.clone(),
                url: string(fields.url.take()),
                date: string(fields.date.take()),
                outlet: string(fields.outlet.take()),
                default_outlet: options.outlet.clone(),
                title: string(fields.title.take()),
            };
            let article = page_article(&html, meta).map_err(|reason| (Some(id), reason))?;
            return Ok((article, Vec::new()));
        }
        None => return Err((Some(id), "missing field \"text\"".to_string())),
        Some(other) => {
            let reason = format!(
                "field \"text\" must be a string, found {}",
                type_name(&other)
            );
            return Err((Some(id), reason));
        }
    };
    let mut warnings = Vec::new();
    let mut optional = |name: &str, field: Option<Value>| match field {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            warnings.push(format!(
                "field {name:?} must be a string, found {}; ignored",
                type_name(&other)
            ));
            None
        }
    };
    let outlet = optional("outlet", fields.outlet.take()).or_else(|| options.outlet.clone());
    let title = optional("title", fields.title.take());
    // Only carried to --texts: a number is taken as written, anything else left out quietly.
    let carried = |field: Option<Value>| match field {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let (url, date) = (carried(fields.url.take()), carried(fields.date.take()));
    let article = Article {
        id: ArticleId(id),
        text,
        outlet,
        title,
        url,
        date,
    };
    Ok((article, warnings))
}

/// An id as the file writes it: a string's content, or a number's digits; `None` for an empty
/// string.
fn id_as_written(raw: &RawValue) -> Result<Option<String>, LineError> {
    let text = raw.get();
    if text.starts_with('"') {
        let s: String = serde_json::from_str(text).map_err(|e| (None, json_reason(&e)))?;
        return Ok(Some(s).filter(|s| !s.is_empty()));
    }
    if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return Ok(Some(text.to_string()));
    }
    let found = serde_json::from_str::<Value>(text).map_or("a value", |v| type_name(&v));
    Err((
        None,
        format!("field \"id\" must be a string or a number, found {found}"),
    ))
}

fn json_reason(e: &serde_json::Error) -> String {
    let message = e.to_string();
    // serde_json appends " at line 1 column N"; the line is ours to report.
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => &message,
    };
    format!("invalid JSON at column {}: {message}", e.column())
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
