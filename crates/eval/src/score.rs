//! score.py's `main`, figure for figure.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::fields::{Fields, Tally};
use crate::{py, Error, Gold, GoldQuote, Prediction, Predictions};

/// Which claims count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Track {
    /// Every claim: direct, mixed and indirect.
    #[default]
    All,
    /// Direct and mixed claims only: gold of other types is dropped, and so are predictions
    /// whose non-empty `kind` is neither `direct` nor `mixed`.
    Quoted,
}

impl Track {
    /// The name score.py prints: `all` or `quoted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Track::All => "all",
            Track::Quoted => "quoted",
        }
    }
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When a prediction's span matches a gold span.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum MatchMode {
    /// Dice coefficient `2|g∩p| / (|g|+|p|) >= 0.5`; better pairs first.
    #[default]
    Dice,
    /// For gold that marks a key phrase of each claim: the prediction holds at least 80% of the
    /// gold span and is at most `max(3|g|, |g|+300)` long; pairs with a larger share of the
    /// prediction covered first.
    Contain,
}

/// What to score and how.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Which claims count.
    pub track: Track,
    /// The span match.
    pub mode: MatchMode,
    /// How many missed and how many spurious claims to keep in the report; with speaker-field
    /// gold, also how many mismatches of each field and how many malformed speakers.
    pub errors: usize,
}

/// Precision, recall and F1 in percent, rounded to one decimal as score.py rounds them.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

/// The raw counts behind a [`Report`], score.py's `c`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Required gold claims.
    pub gold: usize,
    /// Predictions, less those that only match optional gold.
    pub pred: usize,
    /// Dice (or contain) matches with required gold.
    pub tp: usize,
    /// Matches at GGT overlap > 0.3.
    pub ggt30: usize,
    /// Matches at GGT overlap > 0.8.
    pub ggt80: usize,
    /// Matches with equal trimmed spans.
    pub exact: usize,
    /// Span matches whose speaker is right.
    pub joint: usize,
    /// Matched gold with a source span, and how many predicted mentions overlap it.
    pub spk: (usize, usize),
    /// Matched gold with a speaker key, and how many predicted speakers contain one.
    pub res: (usize, usize),
    /// Matched gold with a cue (when the predictions have a cue column), and how many overlap.
    pub cue: (usize, usize),
    /// Matched gold with a role, and how many predictions share half its words.
    pub role: (usize, usize),
    /// Matched gold with an outlet, and how many predictions name it.
    pub outlet: (usize, usize),
}

/// A missed or spurious claim, for `--errors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The article.
    pub article_id: String,
    /// The claim's text, `text[start:end]` with Python's slicing.
    pub text: String,
}

/// The figures score.py prints, with the same names. Serialises to score.py's `--json` keys.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    /// The track scored.
    #[serde(serialize_with = "track_str")]
    pub track: Track,
    /// Gold articles.
    pub articles: usize,
    /// Required gold claims.
    pub gold: usize,
    /// Predictions counted (see [`Counts::pred`]).
    pub pred: usize,
    /// Prediction rows whose `article_id` is not a gold article.
    pub unknown_article_rows: usize,
    /// Span match.
    pub span: Prf,
    /// GGT-style overlap > 0.3.
    pub ggt30: Prf,
    /// GGT-style overlap > 0.8.
    pub ggt80: Prf,
    /// Exact match after trimming quote marks, punctuation and spaces.
    pub exact: Prf,
    /// Span match and right speaker.
    pub joint: Prf,
    /// Speaker mention accuracy on matched claims; `None` when `spk_n` is 0.
    pub spk_acc: Option<f64>,
    /// Matched claims with a gold source span.
    pub spk_n: usize,
    /// Resolved speaker accuracy.
    pub res_acc: Option<f64>,
    /// Matched claims with a gold speaker key.
    pub res_n: usize,
    /// Cue accuracy.
    pub cue_acc: Option<f64>,
    /// Matched claims with a gold cue.
    pub cue_n: usize,
    /// Role accuracy.
    pub role_acc: Option<f64>,
    /// Matched claims with a gold role.
    pub role_n: usize,
    /// Outlet accuracy.
    pub outlet_acc: Option<f64>,
    /// Matched claims with a gold outlet.
    pub outlet_n: usize,
    /// The raw counts.
    #[serde(skip)]
    pub counts: Counts,
    /// Required gold claims no prediction matched, at most [`Options::errors`].
    #[serde(skip)]
    pub missed: Vec<Claimed>,
    /// Predictions that matched no required gold, at most [`Options::errors`]. As in score.py,
    /// these include predictions that matched optional gold.
    #[serde(skip)]
    pub spurious: Vec<Claimed>,
    /// whosaid's own figures on the speaker fields, when the gold carries them; score.py has
    /// none. In `--json`, the object `whosaid` after score.py's keys.
    #[serde(rename = "whosaid", skip_serializing_if = "Option::is_none")]
    pub fields: Option<Fields>,
}

fn track_str<S: serde::Serializer>(track: &Track, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(track.as_str())
}

/// The characters trimmed from both ends of a span before the exact comparison.
const TRIM: &str = " \t\r\n\u{a0}\"'“”‘’«»„‟‹›.,;:!?—–-()[]";

/// A half-open range in characters, which predictions may give backwards or negative.
type Range = (i64, i64);

fn inter(a: Range, b: Range) -> i64 {
    (a.1.min(b.1) - a.0.max(b.0)).max(0)
}

fn gold_range(g: &GoldQuote) -> Range {
    (g.start as i64, g.end as i64)
}

/// score.py's `trim`: Python indexing, so `None` where it raises `IndexError`.
fn trim(chars: &[char], (mut s, mut e): Range) -> Option<Range> {
    let trimmed = |k: i64| py::index(chars, k).map(|c| TRIM.contains(c));
    while s < e && trimmed(s)? {
        s += 1;
    }
    while e > s && trimmed(e - 1)? {
        e -= 1;
    }
    Some((s, e))
}

/// score.py's `match`: every pair with a score, best first, ties broken by the larger gold
/// index, then the larger prediction index; each gold and prediction used once.
fn greedy(
    n_gold: usize,
    n_pred: usize,
    score: impl Fn(usize, usize) -> Option<f64>,
) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for i in 0..n_gold {
        for j in 0..n_pred {
            if let Some(sc) = score(i, j) {
                cands.push((sc, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let (mut gi, mut pj) = (vec![false; n_gold], vec![false; n_pred]);
    let mut pairs = Vec::new();
    for (_, i, j) in cands {
        if gi[i] || pj[j] {
            continue;
        }
        gi[i] = true;
        pj[j] = true;
        pairs.push((i, j));
    }
    pairs
}

/// A prediction with valid offsets, score.py's `_s` and `_e`.
struct Pred<'p> {
    row: &'p Prediction,
    span: Range,
}

fn is_quoted(kind: Option<&str>) -> bool {
    matches!(kind, Some("direct" | "mixed"))
}

/// Whether the predicted speaker contains one of `keys` (`surname|alias`), ignoring case.
pub(crate) fn speaker_key_ok(speaker: &str, keys: &str) -> bool {
    let p = speaker.to_lowercase();
    keys.split('|')
        .map(py::strip)
        .filter(|k| !k.is_empty())
        .any(|k| p.contains(&k.to_lowercase()))
}

/// Whether the prediction shares at least half the words of the gold `role`; a role may be
/// split across the title, role and organisation columns.
pub(crate) fn role_ok(role: &str, p: &Prediction) -> bool {
    let gt = py::tokens(role);
    let mut pt = py::tokens(p.role.as_deref().unwrap_or(""));
    pt.extend(py::tokens(p.organisation.as_deref().unwrap_or("")));
    pt.extend(py::tokens(p.title.as_deref().unwrap_or("")));
    let shared = gt.intersection(&pt).count();
    shared * 2 >= gt.len() && !pt.is_empty()
}

/// Whether the predicted outlet is the gold `outlet`, ignoring case and surrounding space.
pub(crate) fn outlet_ok(outlet: &str, p: &Prediction) -> bool {
    let predicted = py::strip(p.outlet.as_deref().unwrap_or("")).to_lowercase();
    predicted == py::strip(outlet).to_lowercase()
}

fn prf(tp: usize, npred: usize, ngold: usize) -> Prf {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf {
        p: py::round1(100.0 * p),
        r: py::round1(100.0 * r),
        f1: py::round1(100.0 * f),
    }
}

pub(crate) fn accuracy((n, ok): (usize, usize)) -> Option<f64> {
    (n > 0).then(|| py::round1((100 * ok) as f64 / n as f64))
}

/// Scores predictions against gold with the definitions of score.py.
///
/// # Errors
///
/// [`Error::OffsetOutOfRange`] when a prediction's offsets lie beyond its article's text in
/// an article with required gold, where score.py fails with an `IndexError`.
pub fn score(gold: &Gold, preds: &Predictions, options: &Options) -> Result<Report, Error> {
    let track = options.track;
    let ids: HashSet<&str> = gold.articles.iter().map(|a| a.id.as_str()).collect();
    let mut by_article: HashMap<&str, Vec<Pred<'_>>> = HashMap::new();
    let mut unknown = 0;
    for row in &preds.rows {
        let Some(aid) = row.article_id.as_deref().filter(|a| ids.contains(a)) else {
            unknown += 1;
            continue;
        };
        let kind = row.kind.as_deref().filter(|k| !k.is_empty());
        if track == Track::Quoted && kind.is_some() && !is_quoted(kind) {
            continue;
        }
        let (Some(s), Some(e)) = (row.start, row.end) else {
            continue;
        };
        if e <= s {
            continue;
        }
        by_article
            .entry(aid)
            .or_default()
            .push(Pred { row, span: (s, e) });
    }

    let mut c = Counts::default();
    let mut tally = gold
        .has_speaker_fields()
        .then(|| Tally::new(options.errors, preds.has_speaker_type));
    let (mut missed, mut spurious) = (Vec::new(), Vec::new());
    for article in &gold.articles {
        let ps: &[Pred<'_>] = by_article
            .get(article.id.as_str())
            .map_or(&[], Vec::as_slice);
        let quotes = article
            .quotes
            .iter()
            .filter(|q| track == Track::All || is_quoted(q.kind.as_deref()));
        let (opt, req): (Vec<&GoldQuote>, Vec<&GoldQuote>) = quotes.partition(|q| q.optional);
        c.gold += req.len();

        let dice = |g: &GoldQuote, p: &Pred<'_>| {
            let i = inter(gold_range(g), p.span);
            let (gl, pl) = (g.end as i64 - g.start as i64, p.span.1 - p.span.0);
            match options.mode {
                MatchMode::Contain => {
                    let ok = i as f64 >= 0.8 * gl as f64 && pl <= (3 * gl).max(gl + 300);
                    ok.then(|| i as f64 / pl as f64)
                }
                MatchMode::Dice => {
                    let d = (2 * i) as f64 / (gl + pl) as f64;
                    (d >= 0.5).then_some(d)
                }
            }
        };
        let pairs = greedy(req.len(), ps.len(), |i, j| dice(req[i], &ps[j]));
        let mut used = vec![false; ps.len()];
        for &(_, j) in &pairs {
            used[j] = true;
        }
        // Predictions that only match optional gold are neither right nor wrong.
        let rest: Vec<usize> = (0..ps.len()).filter(|&j| !used[j]).collect();
        let opt_pairs = greedy(opt.len(), rest.len(), |i, j| dice(opt[i], &ps[rest[j]]));
        c.pred += ps.len() - opt_pairs.len();
        if let Some(tally) = &mut tally {
            // In gold order, so that mismatches list in the article's order.
            let mut by_gold = pairs.clone();
            by_gold.sort_unstable();
            for (i, j) in by_gold {
                tally.pair(&article.id, req[i], ps[j].row);
            }
            let mut counted = vec![true; ps.len()];
            for &(_, j) in &opt_pairs {
                counted[rest[j]] = false;
            }
            for (p, _) in ps.iter().zip(counted).filter(|(_, counted)| *counted) {
                tally.prediction(&article.id, p.row, p.span);
            }
        }
        c.tp += pairs.len();
        for (t, count) in [(0.3, &mut c.ggt30), (0.8, &mut c.ggt80)] {
            let ggt = |i: usize, j: usize| {
                let g = req[i];
                let r = inter(gold_range(g), ps[j].span) as f64
                    / (g.end as i64 - g.start as i64).max(1) as f64;
                (r > t).then_some(r)
            };
            *count += greedy(req.len(), ps.len(), ggt).len();
        }

        // Characters are needed for the exact match and the error lists only.
        let chars: Vec<char> = if (!req.is_empty() && !ps.is_empty()) || options.errors > 0 {
            article.text.chars().collect()
        } else {
            Vec::new()
        };
        if !req.is_empty() && !ps.is_empty() {
            let gt: Vec<Range> = req
                .iter()
                .map(|g| trim(&chars, gold_range(g)).expect("gold spans were checked on reading"))
                .collect();
            let pt = ps
                .iter()
                .map(|p| {
                    trim(&chars, p.span).ok_or_else(|| Error::OffsetOutOfRange {
                        article: article.id.clone(),
                        start: p.span.0,
                        end: p.span.1,
                        len: chars.len(),
                    })
                })
                .collect::<Result<Vec<Range>, Error>>()?;
            c.exact += greedy(req.len(), ps.len(), |i, j| (gt[i] == pt[j]).then_some(1.0)).len();
        }

        let mut matched = vec![false; req.len()];
        for &(i, j) in &pairs {
            let (g, p) = (req[i], ps[j].row);
            matched[i] = true;
            let mut spk_ok = None;
            if let (Some(gs), Some(ge)) = (g.speaker_start, g.speaker_end) {
                c.spk.0 += 1;
                let ok = match (p.speaker_start, p.speaker_end) {
                    (Some(s), Some(e)) => inter((gs, ge), (s, e)) > 0,
                    _ => false,
                };
                c.spk.1 += usize::from(ok);
                spk_ok = Some(ok);
            }
            if let Some(keys) = g.speaker_key.as_deref().filter(|k| !k.is_empty()) {
                c.res.0 += 1;
                let ok = speaker_key_ok(p.speaker.as_deref().unwrap_or(""), keys);
                c.res.1 += usize::from(ok);
                spk_ok = Some(spk_ok.unwrap_or(false) || ok);
            }
            // Gold without a source is right when the prediction names none.
            let spk_ok =
                spk_ok.unwrap_or_else(|| py::strip(p.speaker.as_deref().unwrap_or("")).is_empty());
            c.joint += usize::from(spk_ok);
            if let (Some(gs), Some(ge), true) = (g.cue_start, g.cue_end, preds.has_cue) {
                c.cue.0 += 1;
                let ok = match (p.cue_start, p.cue_end) {
                    (Some(s), Some(e)) => inter((gs, ge), (s, e)) > 0,
                    _ => false,
                };
                c.cue.1 += usize::from(ok);
            }
            if let Some(role) = g.role.as_deref().filter(|r| !r.is_empty()) {
                c.role.0 += 1;
                c.role.1 += usize::from(role_ok(role, p));
            }
            if let Some(outlet) = g.outlet.as_deref().filter(|o| !o.is_empty()) {
                c.outlet.0 += 1;
                c.outlet.1 += usize::from(outlet_ok(outlet, p));
            }
        }
        if options.errors > 0 {
            let claimed = |s: i64, e: i64| Claimed {
                article_id: article.id.clone(),
                text: py::slice(&chars, s, e),
            };
            for (i, g) in req.iter().enumerate() {
                if !matched[i] && missed.len() < options.errors {
                    missed.push(claimed(g.start as i64, g.end as i64));
                }
            }
            for (j, p) in ps.iter().enumerate() {
                if !used[j] && spurious.len() < options.errors {
                    spurious.push(claimed(p.span.0, p.span.1));
                }
            }
        }
    }

    Ok(Report {
        track,
        articles: gold.articles.len(),
        gold: c.gold,
        pred: c.pred,
        unknown_article_rows: unknown,
        span: prf(c.tp, c.pred, c.gold),
        ggt30: prf(c.ggt30, c.pred, c.gold),
        ggt80: prf(c.ggt80, c.pred, c.gold),
        exact: prf(c.exact, c.pred, c.gold),
        joint: prf(c.joint, c.pred, c.gold),
        spk_acc: accuracy(c.spk),
        spk_n: c.spk.0,
        res_acc: accuracy(c.res),
        res_n: c.res.0,
        cue_acc: accuracy(c.cue),
        cue_n: c.cue.0,
        role_acc: accuracy(c.role),
        role_n: c.role.0,
        outlet_acc: accuracy(c.outlet),
        outlet_n: c.outlet.0,
        counts: c,
        missed,
        spurious,
        fields: tally.map(Tally::finish),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One article, `text`, with gold quotes given as JSON objects.
    fn gold(text: &str, quotes: &[&str]) -> Gold {
        let line = format!(
            "{{\"id\": \"a\", \"text\": {}, \"quotes\": [{}]}}",
            serde_json::to_string(text).unwrap(),
            quotes.join(", ")
        );
        Gold::from_jsonl(line.as_bytes(), "gold.jsonl").unwrap()
    }

    fn preds(csv: &str) -> Predictions {
        Predictions::from_csv(csv.as_bytes(), "pred.csv").unwrap()
    }

    fn run(gold: &Gold, csv: &str, track: Track, mode: MatchMode) -> Report {
        let options = Options {
            track,
            mode,
            errors: 10,
        };
        score(gold, &preds(csv), &options).unwrap()
    }

    fn all(gold: &Gold, csv: &str) -> Report {
        run(gold, csv, Track::All, MatchMode::Dice)
    }

    const TEXT: &str = "0123456789012345678901234567890123456789012345678901234567890123456789";

    #[test]
    fn dice_threshold_is_inclusive() {
        let g = gold(TEXT, &[r#"{"start": 0, "end": 10}"#]);
        // 2*5/(10+10) = 0.5 matches; 2*4/(10+10) = 0.4 does not.
        assert_eq!(all(&g, "article_id,start,end\na,5,15\n").counts.tp, 1);
        assert_eq!(all(&g, "article_id,start,end\na,6,16\n").counts.tp, 0);
    }

    #[test]
    fn best_pairs_first() {
        // p0 overlaps g0 a little and g1 well; p1 overlaps g0 well.
        let g = gold(
            TEXT,
            &[r#"{"start": 0, "end": 10}"#, r#"{"start": 10, "end": 20}"#],
        );
        let r = all(&g, "article_id,start,end\na,4,20\na,0,9\n");
        assert_eq!(r.counts.tp, 2);
    }

    #[test]
    fn ties_go_to_the_larger_gold_then_prediction_index() {
        let g = gold(
            TEXT,
            &[r#"{"start": 0, "end": 10}"#, r#"{"start": 0, "end": 10}"#],
        );
        let r = all(&g, "article_id,start,end\na,0,10\n");
        assert_eq!(r.counts.tp, 1);
        assert_eq!(greedy(2, 1, |_, _| Some(1.0)), [(1, 0)]);
        assert_eq!(greedy(1, 2, |_, _| Some(1.0)), [(0, 1)]);
        assert_eq!(
            greedy(2, 2, |i, j| Some(if i == j { 0.5 } else { 0.9 })),
            [(1, 0), (0, 1)]
        );
    }

    #[test]
    fn optional_gold_is_neither_right_nor_wrong() {
        let g = gold(
            TEXT,
            &[
                r#"{"start": 0, "end": 10}"#,
                r#"{"start": 20, "end": 30, "optional": true}"#,
            ],
        );
        let r = all(&g, "article_id,start,end\na,0,10\na,20,30\na,40,50\n");
        assert_eq!((r.gold, r.pred, r.counts.tp), (1, 2, 1));
        assert_eq!(
            r.span,
            Prf {
                p: 50.0,
                r: 100.0,
                f1: 66.7
            }
        );
        // Listed as spurious all the same, as score.py lists it.
        assert_eq!(r.spurious.len(), 2);
    }

    #[test]
    fn required_gold_takes_a_prediction_before_optional_gold() {
        let g = gold(
            TEXT,
            &[
                r#"{"start": 0, "end": 10, "optional": 1}"#,
                r#"{"start": 0, "end": 12}"#,
            ],
        );
        let r = all(&g, "article_id,start,end\na,0,10\n");
        assert_eq!((r.gold, r.pred, r.counts.tp), (1, 1, 1));
    }

    #[test]
    fn ggt_overlaps_are_strict_and_independent() {
        let g = gold(TEXT, &[r#"{"start": 0, "end": 10}"#]);
        // 3/10 is not > 0.3; 4/10 is.
        let r = all(&g, "article_id,start,end\na,7,40\n");
        assert_eq!((r.counts.tp, r.counts.ggt30, r.counts.ggt80), (0, 0, 0));
        let r = all(&g, "article_id,start,end\na,6,60\n");
        assert_eq!((r.counts.tp, r.counts.ggt30, r.counts.ggt80), (0, 1, 0));
        let r = all(&g, "article_id,start,end\na,0,9\n");
        assert_eq!((r.counts.ggt30, r.counts.ggt80), (1, 1));
    }

    #[test]
    fn exact_match_trims_marks_and_punctuation() {
        let text = "He said: “We will win.” — and left.";
        let g = gold(text, &[r#"{"start": 9, "end": 23}"#]);
        assert_eq!(all(&g, "article_id,start,end\na,10,21\n").counts.exact, 1);
        assert_eq!(all(&g, "article_id,start,end\na,7,25\n").counts.exact, 1);
        assert_eq!(all(&g, "article_id,start,end\na,10,20\n").counts.exact, 0);
    }

    #[test]
    fn out_of_range_prediction_is_an_error_where_score_py_fails() {
        let g = gold("short text", &[r#"{"start": 0, "end": 5}"#]);
        let err = score(
            &g,
            &preds("article_id,start,end\na,0,50\n"),
            &Options::default(),
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                Error::OffsetOutOfRange {
                    start: 0,
                    end: 50,
                    len: 10,
                    ..
                }
            ),
            "{err}"
        );
        // Negative offsets index from the end, as in Python.
        let r = all(&g, "article_id,start,end\na,-10,5\n");
        assert_eq!(r.counts.exact, 0);
        // No required gold: nothing is trimmed, nothing fails.
        let g = gold(
            "short text",
            &[r#"{"start": 0, "end": 5, "optional": true}"#],
        );
        assert_eq!(all(&g, "article_id,start,end\na,0,50\n").pred, 1);
    }

    #[test]
    fn unknown_articles_and_bad_offsets() {
        let g = gold(TEXT, &[r#"{"start": 0, "end": 10}"#]);
        let r = all(
            &g,
            "article_id,start,end\nzz,0,10\n,0,10\na,,10\na,x,10\na,5,5\na,9,3\na,0,10\n",
        );
        assert_eq!((r.unknown_article_rows, r.pred, r.counts.tp), (2, 1, 1));
        let r = all(&g, "start,end\n0,10\n");
        assert_eq!((r.unknown_article_rows, r.pred), (1, 0));
    }

    #[test]
    fn quoted_track_filters_kinds() {
        let g = gold(
            TEXT,
            &[
                r#"{"start": 0, "end": 10, "type": "direct"}"#,
                r#"{"start": 20, "end": 30, "type": "indirect"}"#,
                r#"{"start": 40, "end": 50, "type": "mixed"}"#,
                r#"{"start": 60, "end": 70}"#,
            ],
        );
        let csv = "article_id,kind,start,end\na,direct,0,10\na,indirect,20,30\na,,40,50\na,Direct,60,70\nzz,indirect,0,1\n";
        let r = run(&g, csv, Track::Quoted, MatchMode::Dice);
        assert_eq!(
            (r.gold, r.pred, r.counts.tp, r.unknown_article_rows),
            (2, 2, 2, 1)
        );
        let r = run(&g, csv, Track::All, MatchMode::Dice);
        assert_eq!((r.gold, r.pred, r.counts.tp), (4, 4, 4));
    }

    #[test]
    fn contain_mode() {
        let g = gold(&TEXT.repeat(10), &[r#"{"start": 10, "end": 20}"#]);
        // Holds 8 of 10 gold characters and is at most 310 long.
        assert_eq!(
            run(
                &g,
                "article_id,start,end\na,12,40\n",
                Track::All,
                MatchMode::Contain
            )
            .counts
            .tp,
            1
        );
        assert_eq!(
            run(
                &g,
                "article_id,start,end\na,13,40\n",
                Track::All,
                MatchMode::Contain
            )
            .counts
            .tp,
            0
        );
        assert_eq!(
            run(
                &g,
                "article_id,start,end\na,0,310\n",
                Track::All,
                MatchMode::Contain
            )
            .counts
            .tp,
            1
        );
        assert_eq!(
            run(
                &g,
                "article_id,start,end\na,0,311\n",
                Track::All,
                MatchMode::Contain
            )
            .counts
            .tp,
            0
        );
    }

    #[test]
    fn speaker_by_span_by_key_or_by_absence() {
        let g = gold(
            TEXT,
            &[
                r#"{"start": 0, "end": 10, "speaker_start": 30, "speaker_end": 35}"#,
                r#"{"start": 10, "end": 20, "speaker_key": "Smith| Jo Ann "}"#,
                r#"{"start": 20, "end": 30, "speaker_start": 50, "speaker_end": 55, "speaker_key": "Lee"}"#,
                r#"{"start": 40, "end": 50}"#,
                r#"{"start": 50, "end": 60}"#,
            ],
        );
        let csv = "article_id,start,end,speaker,speaker_start,speaker_end\n\
                   a,0,10,,34,40\n\
                   a,10,20,JO ANN SMYTHE,,\n\
                   a,20,30,Kim Lee,0,1\n\
                   a,40,50,\u{a0} ,,\n\
                   a,50,60,Someone,,\n";
        let r = all(&g, csv);
        assert_eq!((r.counts.spk, r.counts.res), ((2, 1), (2, 2)));
        assert_eq!(r.counts.joint, 4);
    }

    #[test]
    fn cue_needs_a_cue_column() {
        let g = gold(
            TEXT,
            &[r#"{"start": 0, "end": 10, "cue_start": 12, "cue_end": 16}"#],
        );
        assert_eq!(all(&g, "article_id,start,end\na,0,10\n").counts.cue, (0, 0));
        assert_eq!(
            all(&g, "article_id,start,end,cue_start,cue_end\na,0,10,,\n")
                .counts
                .cue,
            (1, 0)
        );
        assert_eq!(
            all(&g, "article_id,start,end,cue_start,cue_end\na,0,10,15,20\n")
                .counts
                .cue,
            (1, 1)
        );
    }

    macro_rules! roles {
        ($($name:ident: $role:expr, [$title:expr, $prole:expr, $org:expr] => $ok:expr;)*) => {$(
            #[test]
            fn $name() {
                let q = format!(r#"{{"start": 0, "end": 10, "role": {}}}"#, serde_json::to_string($role).unwrap());
                let g = gold(TEXT, &[&q]);
                let csv = format!("article_id,start,end,title,role,organisation\na,0,10,\"{}\",\"{}\",\"{}\"\n", $title, $prole, $org);
                assert_eq!(all(&g, &csv).counts.role, (1, usize::from($ok)));
            }
        )*};
    }

    roles! {
        role_split_over_columns: "commander of the Anbar police", ["Brig. Gen.", "commander", "Anbar police"] => true;
        role_half_the_words: "spokesman for the ministry", ["", "spokesman", "ministry"] => true;
        role_too_few_words: "deputy head of the provincial council", ["", "deputy", ""] => false;
        role_case_and_unicode: "Ministre de l'Économie", ["", "ministre", "ÉCONOMIE"] => true;
        role_without_words_needs_a_prediction: "—", ["", "", ""] => false;
        role_without_words: "—", ["", "x", ""] => true;
    }

    #[test]
    fn outlet_ignores_case_and_spaces() {
        let g = gold(
            TEXT,
            &[
                r#"{"start": 0, "end": 10, "outlet": "Diyaruna"}"#,
                r#"{"start": 20, "end": 30, "outlet": "AFP"}"#,
            ],
        );
        let r = all(
            &g,
            "article_id,start,end,outlet\na,0,10, DIYARUNA\na,20,30,Reuters\n",
        );
        assert_eq!(r.counts.outlet, (2, 1));
    }

    #[test]
    fn prints_like_score_py() {
        let g = gold(
            TEXT,
            &[
                r#"{"start": 0, "end": 10, "speaker_start": 30, "speaker_end": 35}"#,
                r#"{"start": 20, "end": 30}"#,
                r#"{"start": 40, "end": 50}"#,
            ],
        );
        let r = all(&g, "article_id,start,end,speaker_start,speaker_end\na,0,10,30,31\na,21,30,,\na,60,61,,\nb,1,2,,\n");
        assert_eq!(
            r.to_string(),
            "track=all articles=1 gold=3 pred=3 (rows for unknown articles: 1)\n\
             \x20 span   P  66.7  R  66.7  F1  66.7\n\
             \x20 ggt30  P  66.7  R  66.7  F1  66.7\n\
             \x20 ggt80  P  66.7  R  66.7  F1  66.7\n\
             \x20 exact  P  33.3  R  33.3  F1  33.3\n\
             \x20 joint  P  66.7  R  66.7  F1  66.7\n\
             \x20 spk    accuracy on matched 100.0  (n=1)\n"
        );
        assert_eq!(
            r.to_json(),
            r#"{"track": "all", "articles": 1, "gold": 3, "pred": 3, "unknown_article_rows": 1, "span": {"p": 66.7, "r": 66.7, "f1": 66.7}, "ggt30": {"p": 66.7, "r": 66.7, "f1": 66.7}, "ggt80": {"p": 66.7, "r": 66.7, "f1": 66.7}, "exact": {"p": 33.3, "r": 33.3, "f1": 33.3}, "joint": {"p": 66.7, "r": 66.7, "f1": 66.7}, "spk_acc": 100.0, "spk_n": 1, "res_acc": null, "res_n": 0, "cue_acc": null, "cue_n": 0, "role_acc": null, "role_n": 0, "outlet_acc": null, "outlet_n": 0}"#
        );
        assert_eq!(
            r.error_lines(),
            ["MISSED   a: '0123456789'", "SPURIOUS a: '0'"]
        );
    }

    #[test]
    fn empty_gold_and_predictions() {
        let r = all(&Gold::default(), "article_id,start,end\n");
        assert_eq!(r.span, Prf::default());
        assert_eq!(r.to_string().lines().count(), 6);
    }
}
