//! Known quotes: a hand-written list of quotes a team knows (article, quote, speaker), each
//! located in its article by its text, and checked one by one against the claims whosaid finds
//! (`whosaid check`). Unlike scoring, a list is not taken to be complete: a claim it does not
//! mention is no error, and a problem in one row is that row's failure, not the list's.

use std::collections::HashMap;
use std::io::Read;

use whosaid_core::Article;

use crate::locate::{infer_kind, Locator};
use crate::pred::Prediction;
use crate::score::{outlet_ok, role_ok, speaker_key_ok};
use crate::{py, Error};

/// One row of a known-quotes CSV, located in its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownQuote {
    /// The row's line in the CSV, counted from 1 (the header is line 1).
    pub line: u64,
    /// The article it names.
    pub article: String,
    /// The quote as written in the row, trimmed.
    pub quote: String,
    /// Its character span in the article, end exclusive.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// `direct`, `mixed` or `indirect`: the row's `kind`, else inferred from the quote marks.
    pub kind: String,
    /// Whether the row gave the kind, so that a different predicted kind is a failure.
    pub kind_given: bool,
    /// A name the predicted speaker must contain (`surname|alias` for alternatives); `None`
    /// for "no speaker".
    pub speaker: Option<String>,
    /// Words of the speaker's role, title or organisation, when the row gives them.
    pub role: Option<String>,
    /// The outlet, when the row gives one.
    pub outlet: Option<String>,
}

/// A row of a known-quotes CSV that could not be made a [`KnownQuote`].
#[derive(Debug)]
pub struct RowProblem {
    /// The row's line in the CSV (0 when the CSV reader could not tell).
    pub line: u64,
    /// What is wrong, in the words of the matching [`Error`] without the file and line.
    pub reason: String,
    /// The error `whosaid eval` stops on for this row.
    pub error: Error,
}

/// Reads a known-quotes CSV (see [`crate::Gold::from_known_quotes`] for the columns and how
/// quotes are located) into its rows, in file order: each a located quote or the problem that
/// row has (an article not in `articles`, an empty quote, a quote not in its article, a row
/// the CSV reader rejects).
///
/// # Errors
///
/// Only what spoils the whole list: a file that cannot be read, or a missing column.
pub fn read_known<R: Read>(
    reader: R,
    name: &str,
    articles: &[Article],
) -> Result<Vec<Result<KnownQuote, RowProblem>>, Error> {
    let position: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(k, a)| (a.id.0.as_str(), k))
        .collect();
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = csv.headers().map_err(|e| Error::csv(name, &e))?.clone();
    let column = |want: &[&str]| {
        header
            .iter()
            .position(|h| want.iter().any(|w| h.trim().eq_ignore_ascii_case(w)))
    };
    let required = |c: &'static str| {
        column(&[c]).ok_or(Error::MissingColumn {
            path: name.to_string(),
            column: c,
        })
    };
    let (id_col, quote_col, speaker_col) = (
        required("article_id")?,
        required("quote")?,
        required("speaker")?,
    );
    let (role_col, outlet_col, kind_col) = (
        column(&["role"]),
        column(&["outlet"]),
        column(&["kind", "type"]),
    );
    let problem = |error: Error| {
        let (line, reason) = match &error {
            Error::Parse { line, message, .. } => (*line, message.clone()),
            Error::UnknownArticle { line, article, .. } => (
                *line,
                format!("article {article:?} is not among the articles given"),
            ),
            Error::QuoteNotFound {
                line,
                article,
                quote,
                ..
            } => (
                *line,
                format!("quote not found in article {article:?}: {quote:?}"),
            ),
            other => (0, other.to_string()),
        };
        Err(RowProblem {
            line,
            reason,
            error,
        })
    };
    let mut locators: HashMap<usize, Locator> = HashMap::new();
    let mut rows = Vec::new();
    for row in csv.records() {
        let row = match row {
            Ok(row) => row,
            // A file that stops being readable ends the list; a bad row is that row's problem.
            Err(e) if e.is_io_error() => return Err(Error::csv(name, &e)),
            Err(e) => {
                rows.push(problem(Error::csv(name, &e)));
                continue;
            }
        };
        let line = row.position().map_or(0, csv::Position::line);
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |c: Option<usize>| c.and_then(|c| row.get(c)).map(str::trim).unwrap_or("");
        let id = field(Some(id_col));
        let text = field(Some(quote_col));
        let Some(&k) = position.get(id) else {
            rows.push(problem(Error::UnknownArticle {
                path: name.to_string(),
                line,
                article: id.to_string(),
            }));
            continue;
        };
        if text.is_empty() {
            rows.push(problem(Error::parse(name, line, "empty quote")));
            continue;
        }
        let locator = locators
            .entry(k)
            .or_insert_with(|| Locator::new(&articles[k].text));
        let Some((start, end)) = locator.locate(text) else {
            rows.push(problem(Error::QuoteNotFound {
                path: name.to_string(),
                line,
                article: id.to_string(),
                quote: text.to_string(),
            }));
            continue;
        };
        let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let given_kind = non_empty(field(kind_col)).map(|k| k.to_lowercase());
        let kind_given = given_kind.is_some();
        let kind =
            given_kind.unwrap_or_else(|| infer_kind(locator.chars(), start, end).to_string());
        rows.push(Ok(KnownQuote {
            line,
            article: id.to_string(),
            quote: text.to_string(),
            start,
            end,
            kind,
            kind_given,
            speaker: non_empty(field(Some(speaker_col))),
            role: non_empty(field(role_col)),
            outlet: non_empty(field(outlet_col)),
        }));
    }
    Ok(rows)
}

/// What became of one known quote.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Found with the right speaker (and role, outlet and kind where the row gives them).
    Pass {
        /// The claim that matched it.
        claim: Found,
    },
    /// No claim covers it: no claim's pieces have a Dice coefficient of 0.5 with it.
    NotFound,
    /// Found, but something differs: each reason says what, and what was found instead.
    Wrong {
        /// The claim that matched it.
        claim: Found,
        /// What differs, one reason each ("speaker \"X\" instead of \"Y\"").
        reasons: Vec<String>,
    },
}

/// The predicted claim that a known quote matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Its claim id (`ARTICLE#N`), or the article id when the predictions have none.
    pub claim_id: String,
    /// Its span: the first piece's start to the last piece's end.
    pub start: i64,
    /// End of its span.
    pub end: i64,
    /// Its speaker, empty for none.
    pub speaker: String,
}

/// The least Dice coefficient at which a claim counts as the known quote, as in scoring.
const MIN_DICE: f64 = 0.5;

/// Checks one known quote against the predicted rows of its article: the claim whose pieces
/// overlap it best (Dice ≥ 0.5 over all pieces of a claim id, so that a quote split by its cue
/// is one claim) is the one found; its speaker must contain the row's speaker (`surname|alias`
/// for alternatives; an empty one wants no speaker), and its role, outlet and kind must agree
/// where the row gives them, by the rules of scoring.
pub fn check_known(known: &KnownQuote, article_rows: &[&Prediction]) -> Verdict {
    // Pieces grouped by claim id, in order of first appearance.
    let mut claims: Vec<(&str, Vec<&Prediction>)> = Vec::new();
    for p in article_rows {
        let id = p.claim_id.as_deref().unwrap_or("");
        match claims.iter_mut().find(|(c, _)| *c == id && !id.is_empty()) {
            Some((_, pieces)) => pieces.push(p),
            None => claims.push((id, vec![p])),
        }
    }
    let (ks, ke) = (known.start as i64, known.end as i64);
    let dice = |pieces: &[&Prediction]| {
        let (mut overlap, mut len) = (0i64, 0i64);
        for p in pieces {
            if let (Some(s), Some(e)) = (p.start, p.end) {
                overlap += (e.min(ke) - s.max(ks)).max(0);
                len += (e - s).max(0);
            }
        }
        let total = (ke - ks) + len;
        if total > 0 {
            2.0 * overlap as f64 / total as f64
        } else {
            0.0
        }
    };
    let best = claims
        .iter()
        .map(|(id, pieces)| (dice(pieces), *id, pieces))
        .filter(|(d, _, _)| *d >= MIN_DICE)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let Some((_, id, pieces)) = best else {
        return Verdict::NotFound;
    };
    let first = pieces[0];
    let text = |f: &Option<String>| f.as_deref().map(py::strip).unwrap_or("").to_string();
    let claim = Found {
        claim_id: if id.is_empty() {
            text(&first.article_id)
        } else {
            id.to_string()
        },
        start: pieces.iter().filter_map(|p| p.start).min().unwrap_or(0),
        end: pieces.iter().filter_map(|p| p.end).max().unwrap_or(0),
        speaker: text(&first.speaker),
    };
    let mut reasons = Vec::new();
    let speaker_right = match &known.speaker {
        Some(keys) => speaker_key_ok(&claim.speaker, keys),
        None => claim.speaker.is_empty(),
    };
    if !speaker_right {
        let found = if claim.speaker.is_empty() {
            "no speaker".to_string()
        } else {
            format!("speaker {:?}", claim.speaker)
        };
        let wanted = match &known.speaker {
            Some(keys) => format!("{keys:?}"),
            None => "none".to_string(),
        };
        reasons.push(format!("{found} instead of {wanted}"));
    }
    if let Some(role) = &known.role {
        if !role_ok(role, first) {
            let found: Vec<String> = [&first.title, &first.role, &first.organisation]
                .into_iter()
                .map(text)
                .filter(|s| !s.is_empty())
                .collect();
            reasons.push(format!("role {:?} instead of {role:?}", found.join(", ")));
        }
    }
    if let Some(outlet) = &known.outlet {
        if !outlet_ok(outlet, first) {
            reasons.push(format!(
                "outlet {:?} instead of {outlet:?}",
                text(&first.outlet)
            ));
        }
    }
    if known.kind_given {
        let kind = text(&first.kind);
        if !kind.eq_ignore_ascii_case(&known.kind) {
            reasons.push(format!("kind {kind:?} instead of {:?}", known.kind));
        }
    }
    if reasons.is_empty() {
        Verdict::Pass { claim }
    } else {
        Verdict::Wrong { claim, reasons }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“We will win,” Jo Smith said. Officials said the plan was sound.";

    fn rows(csv: &str) -> Vec<Result<KnownQuote, RowProblem>> {
        read_known(csv.as_bytes(), "known.csv", &[Article::new("a", TEXT)]).unwrap()
    }

    fn pred(claim: &str, start: i64, end: i64, speaker: &str) -> Prediction {
        Prediction {
            article_id: Some("a".into()),
            claim_id: Some(claim.into()),
            kind: Some("direct".into()),
            start: Some(start),
            end: Some(end),
            speaker: Some(speaker.into()),
            speaker_type: None,
            speaker_start: None,
            speaker_end: None,
            cue_start: None,
            cue_end: None,
            title: None,
            role: Some("spokesman".into()),
            organisation: None,
            outlet: None,
        }
    }

    #[test]
    fn every_row_problem_is_kept_and_reading_goes_on() {
        let got = rows(
            "article_id,quote,speaker\nzzz,hi,X\na,,X\na,absent words,X\na,We will win,Smith\n",
        );
        let reasons: Vec<String> = got
            .iter()
            .map(|r| match r {
                Ok(q) => format!("{}: ok {}..{}", q.line, q.start, q.end),
                Err(p) => format!("{}: {}", p.line, p.reason),
            })
            .collect();
        assert_eq!(
            reasons,
            [
                "2: article \"zzz\" is not among the articles given",
                "3: empty quote",
                "4: quote not found in article \"a\": \"absent words\"",
                "5: ok 1..12",
            ]
        );
    }

    #[test]
    fn a_missing_column_spoils_the_list() {
        let err = read_known("article_id,quote\n".as_bytes(), "k.csv", &[]).unwrap_err();
        assert_eq!(err.to_string(), "k.csv: missing column \"speaker\"");
    }

    #[test]
    fn pass_wrong_speaker_and_not_found() {
        let q = rows("article_id,quote,speaker\na,We will win,Smith\n")
            .remove(0)
            .unwrap();
        let right = pred("a#1", 1, 12, "Jo Smith");
        assert!(matches!(check_known(&q, &[&right]), Verdict::Pass { .. }));
        let wrong = pred("a#1", 1, 12, "Bob Lee");
        match check_known(&q, &[&wrong]) {
            Verdict::Wrong { claim, reasons } => {
                assert_eq!(claim.claim_id, "a#1");
                assert_eq!(reasons, ["speaker \"Bob Lee\" instead of \"Smith\""]);
            }
            other => panic!("{other:?}"),
        }
        // Overlapping a quarter of it is not finding it.
        let elsewhere = pred("a#2", 9, 20, "Jo Smith");
        assert_eq!(check_known(&q, &[&elsewhere]), Verdict::NotFound);
    }

    #[test]
    fn the_pieces_of_one_claim_are_found_together() {
        let q = rows("article_id,quote,speaker\na,We will win,Smith\n")
            .remove(0)
            .unwrap();
        // Neither piece alone reaches a Dice of 0.5; together they cover the quote.
        let (p1, p2) = (
            pred("a#1", 1, 4, "Jo Smith"),
            pred("a#1", 4, 12, "Jo Smith"),
        );
        assert!(matches!(check_known(&q, &[&p1]), Verdict::NotFound));
        assert!(matches!(check_known(&q, &[&p1, &p2]), Verdict::Pass { .. }));
    }

    #[test]
    fn role_outlet_and_kind_are_checked_where_given() {
        let q = rows(
            "article_id,quote,speaker,role,outlet,kind\na,We will win,Smith,minister,AFP,indirect\n",
        )
        .remove(0)
        .unwrap();
        let p = pred("a#1", 1, 12, "Jo Smith");
        let Verdict::Wrong { reasons, .. } = check_known(&q, &[&p]) else {
            panic!("role, outlet and kind differ");
        };
        assert_eq!(
            reasons,
            [
                "role \"spokesman\" instead of \"minister\"",
                "outlet \"\" instead of \"AFP\"",
                "kind \"direct\" instead of \"indirect\"",
            ]
        );
    }

    #[test]
    fn an_empty_speaker_wants_none() {
        let q = rows("article_id,quote,speaker\na,the plan was sound,\n")
            .remove(0)
            .unwrap();
        let p = pred("a#2", 45, 63, "");
        assert!(matches!(check_known(&q, &[&p]), Verdict::Pass { .. }));
        let p = pred("a#2", 45, 63, "officials");
        let Verdict::Wrong { reasons, .. } = check_known(&q, &[&p]) else {
            panic!("a speaker where none is wanted");
        };
        assert_eq!(reasons, ["speaker \"officials\" instead of none"]);
    }
}
