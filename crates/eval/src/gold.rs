use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use whosaid_core::Article;

use crate::known::read_known;
use crate::{py, Error};

/// Gold quotations for a set of articles, in the order score.py visits them.
///
/// Read from JSONL ([`Gold::from_jsonl`]) or from a known-quotes CSV ([`Gold::from_known_quotes`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gold {
    /// The articles. Ids are unique: like score.py's dict, a repeated id keeps the position of
    /// its first line and the content of its last.
    pub articles: Vec<GoldArticle>,
}

/// One article and its gold quotations.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldArticle {
    /// The id predictions refer to (`article_id`): Python's `str()` of the JSON `id`.
    pub id: String,
    /// The text that all offsets refer to.
    pub text: String,
    /// The article's outlet (`outlet` at the top of a JSONL line), handed to extraction.
    pub outlet: Option<String>,
    /// The article's headline (`title`), handed to extraction.
    pub title: Option<String>,
    /// The quotations, in file order.
    pub quotes: Vec<GoldQuote>,
}

/// One gold quotation. Offsets are character (code point) offsets, end exclusive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoldQuote {
    /// First character of the quotation.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// `type`: direct, mixed or indirect. Only direct and mixed count on the quoted track.
    pub kind: Option<String>,
    /// Start of the source mention.
    pub speaker_start: Option<i64>,
    /// End of the source mention.
    pub speaker_end: Option<i64>,
    /// Start of the cue.
    pub cue_start: Option<i64>,
    /// End of the cue; present whenever `cue_start` is.
    pub cue_end: Option<i64>,
    /// `surname|alias`: the predicted speaker is right when it contains one of these.
    pub speaker_key: Option<String>,
    /// The speaker's role, title and organisation, in words.
    pub role: Option<String>,
    /// The outlet the speaker told or that reported the claim.
    pub outlet: Option<String>,
    /// Neither rewarded nor penalised.
    pub optional: bool,
    /// The speaker's fullest name; empty for an anonymous source or none. `None` when the gold
    /// does not carry the key. This and the next three fields are whosaid's own (the speakers
    /// check set's), which score.py ignores.
    pub speaker_name: Option<String>,
    /// person, organisation, group, document, anonymous, or empty when nobody is the source.
    pub speaker_type: Option<String>,
    /// The title before the speaker's name ("Sen."); empty when the speaker has none.
    pub title: Option<String>,
    /// Whom the speaker works or speaks for; empty when the article does not say.
    pub organisation: Option<String>,
}

impl GoldArticle {
    /// The article to run extraction on.
    pub fn article(&self) -> Article {
        let mut article = Article::new(self.id.clone(), self.text.clone());
        article.outlet.clone_from(&self.outlet);
        article.title.clone_from(&self.title);
        article
    }
}

#[derive(Deserialize)]
struct RawArticle {
    id: Value,
    text: String,
    #[serde(default)]
    quotes: Vec<RawQuote>,
    #[serde(default)]
    outlet: Value,
    #[serde(default)]
    title: Value,
}

#[derive(Deserialize)]
struct RawQuote {
    start: i64,
    end: i64,
    #[serde(default, rename = "type")]
    kind: Value,
    #[serde(default)]
    speaker_start: Option<i64>,
    #[serde(default)]
    speaker_end: Option<i64>,
    #[serde(default)]
    cue_start: Option<i64>,
    #[serde(default)]
    cue_end: Option<i64>,
    #[serde(default)]
    speaker_key: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    optional: Value,
    #[serde(default)]
    speaker_name: Option<String>,
    #[serde(default)]
    speaker_type: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    organisation: Option<String>,
}

/// A string field; like `whosaid extract`'s JSONL reader, a blank one counts as absent.
fn string(v: Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s),
        _ => None,
    }
}

impl Gold {
    /// Reads gold from a file: JSONL, or a known-quotes CSV when the name ends in `.csv`, whose
    /// quotes are looked up in `articles`.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or is malformed (see [`Gold::from_jsonl`] and
    /// [`Gold::from_known_quotes`]).
    pub fn read(path: &Path, articles: &[Article]) -> Result<Gold, Error> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| Error::io(&name, e))?;
        if is_csv(path) {
            Gold::from_known_quotes(file, &name, articles)
        } else {
            Gold::from_jsonl(BufReader::new(file), &name)
        }
    }

    /// Reads JSONL gold: one article per line, `{"id", "text", "quotes": [...]}` with the
    /// quote fields of [`GoldQuote`] (`type` for its kind). Blank lines are skipped; fields
    /// score.py ignores are ignored.
    ///
    /// # Errors
    ///
    /// When a line is not JSON, lacks `id`, `text` or a quote's `start`/`end`, has a field of
    /// the wrong type, a quote span outside the text or backwards, or a `cue_start` without
    /// `cue_end`. `name` prefixes every message.
    pub fn from_jsonl<R: BufRead>(reader: R, name: &str) -> Result<Gold, Error> {
        let mut gold = Gold::default();
        let mut position: HashMap<String, usize> = HashMap::new();
        for (n, line) in reader.lines().enumerate() {
            let lineno = n as u64 + 1;
            let line = line.map_err(|e| Error::parse(name, lineno, e.to_string()))?;
            if py::strip(&line).is_empty() {
                continue;
            }
            let raw: RawArticle = serde_json::from_str(&line)
                .map_err(|e| Error::parse(name, lineno, e.to_string()))?;
            let id = py::str_of(&raw.id)
                .ok_or_else(|| Error::parse(name, lineno, "\"id\" must be a string or a number"))?;
            let len = raw.text.chars().count();
            let quotes = raw
                .quotes
                .into_iter()
                .enumerate()
                .map(|(k, q)| {
                    quote(q, len)
                        .map_err(|m| Error::parse(name, lineno, format!("quote {}: {m}", k + 1)))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let article = GoldArticle {
                id,
                text: raw.text,
                outlet: string(raw.outlet),
                title: string(raw.title),
                quotes,
            };
            gold.insert(article, &mut position);
        }
        Ok(gold)
    }

    /// Reads a known-quotes CSV: a header and the columns `article_id`, `quote`, `speaker`, and
    /// optionally `role`, `outlet` and `kind` (or `type`). Each quote is located in its article
    /// by its text: exactly first, then ignoring quote-mark style (`"` for `“”`, `'` for `’`)
    /// and whitespace differences. A quote that occurs more than once takes the first
    /// occurrence that an earlier row did not take.
    ///
    /// Every article in `articles` is gold, in that order, even when no row names it. The
    /// speaker becomes the quote's `speaker_key` (a name the predicted speaker must contain;
    /// `surname|alias` lists alternatives); an empty speaker means "no source". Without a
    /// `kind`, a quote is direct when quote marks open it or stand right before it, mixed when
    /// it holds quote marks, and indirect otherwise. Column names ignore case and surrounding
    /// spaces, and a spreadsheet's byte order mark is ignored.
    ///
    /// # Errors
    ///
    /// When a column is missing, a row names an article not in `articles`, has an empty quote,
    /// or a quote that cannot be found. `name` prefixes every message, with the row's line.
    pub fn from_known_quotes<R: Read>(
        reader: R,
        name: &str,
        articles: &[Article],
    ) -> Result<Gold, Error> {
        let mut gold = Gold::default();
        let mut position: HashMap<String, usize> = HashMap::new();
        for a in articles {
            let article = GoldArticle {
                id: a.id.0.clone(),
                text: a.text.clone(),
                outlet: a.outlet.clone(),
                title: a.title.clone(),
                quotes: Vec::new(),
            };
            gold.insert(article, &mut position);
        }
        for row in read_known(reader, name, articles)? {
            // Scoring needs the whole list: its first problem stops it.
            let known = row.map_err(|problem| problem.error)?;
            let k = position[known.article.as_str()];
            gold.articles[k].quotes.push(GoldQuote {
                start: known.start,
                end: known.end,
                kind: Some(known.kind),
                speaker_key: known.speaker,
                role: known.role,
                outlet: known.outlet,
                ..GoldQuote::default()
            });
        }
        Ok(gold)
    }

    /// Adds an article with score.py's dict semantics: a repeated id replaces the earlier
    /// article in place.
    fn insert(&mut self, article: GoldArticle, position: &mut HashMap<String, usize>) {
        match position.get(&article.id) {
            Some(&k) => self.articles[k] = article,
            None => {
                position.insert(article.id.clone(), self.articles.len());
                self.articles.push(article);
            }
        }
    }

    /// Whether any quotation carries a speaker field of whosaid's own (`speaker_name`,
    /// `speaker_type`, `title`, `organisation`), so that the fields are scored.
    pub fn has_speaker_fields(&self) -> bool {
        self.articles.iter().flat_map(|a| &a.quotes).any(|q| {
            [&q.speaker_name, &q.speaker_type, &q.title, &q.organisation]
                .iter()
                .any(|f| f.is_some())
        })
    }

    /// The number of quotations, optional ones included.
    pub fn quote_count(&self) -> usize {
        self.articles.iter().map(|a| a.quotes.len()).sum()
    }
}

/// Whether a gold file is a known-quotes CSV rather than JSONL, by its extension.
pub fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

fn quote(q: RawQuote, len: usize) -> Result<GoldQuote, String> {
    let in_text = |k: i64| usize::try_from(k).ok().filter(|&k| k <= len);
    let (Some(start), Some(end)) = (in_text(q.start), in_text(q.end)) else {
        return Err(format!(
            "span {}..{} is outside the text ({len} characters)",
            q.start, q.end
        ));
    };
    if end < start {
        return Err(format!("span {start}..{end} ends before it starts"));
    }
    if q.cue_start.is_some() && q.cue_end.is_none() {
        return Err("cue_start without cue_end".into());
    }
    Ok(GoldQuote {
        start,
        end,
        kind: match q.kind {
            Value::String(s) => Some(s),
            _ => None,
        },
        speaker_start: q.speaker_start,
        speaker_end: q.speaker_end,
        cue_start: q.cue_start,
        cue_end: q.cue_end,
        speaker_key: q.speaker_key,
        role: q.role,
        outlet: q.outlet,
        optional: py::truthy(&q.optional),
        speaker_name: q.speaker_name,
        speaker_type: q.speaker_type,
        title: q.title,
        organisation: q.organisation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(s: &str) -> Result<Gold, Error> {
        Gold::from_jsonl(s.as_bytes(), "gold.jsonl")
    }

    #[test]
    fn reads_fields_with_python_semantics() {
        let gold = jsonl(concat!(
            r#"{"id": 7, "text": "“Hi,” she said.", "outlet": "nyt", "quotes": ["#,
            r#"{"start": 1, "end": 4, "type": "direct", "speaker_start": 6, "speaker_end": 9,"#,
            r#" "cue_start": 10, "cue_end": 14, "speaker_key": "Smith|Jo", "optional": "yes"}]}"#,
            "\n\n",
            r#"{"id": "b", "text": "x"}"#,
        ))
        .unwrap();
        assert_eq!(gold.articles.len(), 2);
        let a = &gold.articles[0];
        assert_eq!((a.id.as_str(), a.outlet.as_deref()), ("7", Some("nyt")));
        let q = &a.quotes[0];
        assert_eq!((q.start, q.end, q.kind.as_deref()), (1, 4, Some("direct")));
        assert!(q.optional);
        assert!(gold.articles[1].quotes.is_empty());
    }

    #[test]
    fn repeated_id_keeps_first_position_and_last_content() {
        let gold = jsonl("{\"id\": \"a\", \"text\": \"one\"}\n{\"id\": \"b\", \"text\": \"two\"}\n{\"id\": \"a\", \"text\": \"three\"}\n").unwrap();
        let ids: Vec<_> = gold
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a.text.as_str()))
            .collect();
        assert_eq!(ids, [("a", "three"), ("b", "two")]);
    }

    #[test]
    fn errors_name_the_line() {
        let err = jsonl("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\"}\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("gold.jsonl:2: missing field `text`"),
            "{err}"
        );
        let err =
            jsonl(r#"{"id": "a", "text": "abc", "quotes": [{"start": 1, "end": 9}]}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "gold.jsonl:1: quote 1: span 1..9 is outside the text (3 characters)"
        );
    }

    #[test]
    fn offsets_are_characters() {
        let gold =
            jsonl(r#"{"id": "a", "text": "€😀 ok", "quotes": [{"start": 3, "end": 5}]}"#).unwrap();
        let q = &gold.articles[0].quotes[0];
        assert_eq!((q.start, q.end), (3, 5));
    }

    fn known(csv: &str, text: &str) -> Result<Gold, Error> {
        let articles = [Article::new("a", text), Article::new("b", "Nothing here.")];
        Gold::from_known_quotes(csv.as_bytes(), "known.csv", &articles)
    }

    #[test]
    fn known_quotes_are_located() {
        let text = "“We will win,” said Jo Smith, the mayor.\nShe said the  town\u{a0}would grow. “We  will win,” she added.";
        let gold = known(
            "\u{feff}Article_ID,Quote,Speaker,Role\na,We will win,Smith,mayor\na,\"the town would grow\",Smith,\na,\"\"\"We will win,\"\"\",Smith|Jo,\n,,,\n",
            text,
        )
        .unwrap();
        assert_eq!(gold.articles.len(), 2, "every article given is gold");
        let chars: Vec<char> = text.chars().collect();
        let q: Vec<_> = gold.articles[0]
            .quotes
            .iter()
            .map(|q| {
                (
                    chars[q.start..q.end].iter().collect::<String>(),
                    q.kind.clone().unwrap(),
                )
            })
            .collect();
        assert_eq!(q[0], ("We will win".into(), "direct".into()));
        assert_eq!(
            q[1],
            ("the  town\u{a0}would grow".into(), "indirect".into())
        );
        // Straight quotes and a single space match curly quotes and two spaces; the first
        // exact occurrence is not the one found by the normalised search.
        assert_eq!(q[2], ("“We  will win,”".into(), "direct".into()));
        let first = &gold.articles[0].quotes[0];
        assert_eq!(
            (first.speaker_key.as_deref(), first.role.as_deref()),
            (Some("Smith"), Some("mayor"))
        );
    }

    #[test]
    fn repeated_known_quotes_take_successive_occurrences() {
        let text = "He said yes. She said yes.";
        let gold = known("article_id,quote,speaker\na,yes,He\na,yes,She\n", text).unwrap();
        let spans: Vec<_> = gold.articles[0]
            .quotes
            .iter()
            .map(|q| (q.start, q.end))
            .collect();
        assert_eq!(spans, [(8, 11), (22, 25)]);
    }

    #[test]
    fn known_quote_errors_name_the_line() {
        let err = known(
            "article_id,quote,speaker\na,hello,X\na,absent words,Y\n",
            "hello",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "known.csv:3: quote not found in article \"a\": \"absent words\""
        );
        let err = known("article_id,quote,speaker\nzzz,hello,X\n", "hello").unwrap_err();
        assert_eq!(
            err.to_string(),
            "known.csv:2: article \"zzz\" is not among the articles given"
        );
        let err = known("article_id,quote\na,hello\n", "hello").unwrap_err();
        assert_eq!(err.to_string(), "known.csv: missing column \"speaker\"");
    }
}
