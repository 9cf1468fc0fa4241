//! whosaid's own figures on the speaker fields, for gold that carries them (the speakers check
//! set, tests/fixtures/speakers). score.py has no such figures: they print after its block,
//! labelled as whosaid's, and only when the gold carries the keys, so that the output on the
//! referee's own gold stays score.py's to the character.

use std::fmt;

use crate::report::write_accuracy;
use crate::shape::{malformed, Shape};
use crate::{py, GoldQuote, Prediction};

/// A speaker field compared with gold, for error lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The resolved name.
    Name,
    /// An anonymous source that was given a name.
    Anon,
    /// The speaker type.
    Type,
    /// The title, or a title where gold has none.
    Title,
    /// The organisation.
    Org,
}

impl Field {
    const ALL: [Field; 5] = [
        Field::Name,
        Field::Anon,
        Field::Type,
        Field::Title,
        Field::Org,
    ];

    /// The figure's name: name, anon, type, title or org.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Anon => "anon",
            Field::Type => "type",
            Field::Title => "title",
            Field::Org => "org",
        }
    }
}

/// A matched claim whose speaker field differs from gold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Which field.
    pub field: Field,
    /// The article.
    pub article_id: String,
    /// The gold claim's span, in characters.
    pub start: usize,
    /// One past its end.
    pub end: usize,
    /// The gold value.
    pub gold: String,
    /// The predicted value.
    pub predicted: String,
}

/// A predicted speaker with a malformed shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// The article.
    pub article_id: String,
    /// The prediction's span, in characters.
    pub start: i64,
    /// One past its end.
    pub end: i64,
    /// The predicted speaker.
    pub speaker: String,
    /// What is wrong with it.
    pub shape: Shape,
}

/// whosaid's own figures on the speaker fields, for gold whose quotes carry `speaker_name`,
/// `speaker_type`, `title` or `organisation`. Accuracies are in percent, rounded as score.py
/// rounds, `None` when measured on no claim; `--json` prints them as the object `whosaid` after
/// score.py's keys.
///
/// Every figure is measured on span-matched claims, the pairs of the joint and speaker figures
/// (so optional gold is left out as score.py leaves it out), over the gold claims the field
/// applies to:
///
/// - `name`: the predicted `speaker` equals gold `speaker_name` once both are normalised (case,
///   whitespace, a leading "the", a Mr./Mrs./Ms./Dr. prefix, a trailing possessive); over gold
///   with a non-empty name.
/// - `anon`: gold of type `anonymous` (whose name is empty) with an empty predicted speaker. A
///   figure of its own rather than "empty equals empty" in `name`, so that `name` says only how
///   often a named speaker is named right.
/// - `type`: the predicted `speaker_type` equals gold's; over gold with a non-empty type. Not
///   measured when the predictions have no `speaker_type` column.
/// - `title`: the predicted title equals gold's, case, whitespace and a trailing period aside;
///   over gold with a title. Spurious titles: predicted titles where the gold key is present and
///   empty ("Mr." before a name, say).
/// - `org`: the predicted organisation equals gold's, normalised as names are; over gold with one.
/// - malformed: predicted speakers with a shape no name has ([`crate::malformed`]), on matched
///   claims and over every prediction score.py counts.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Fields {
    /// Name accuracy.
    pub name_acc: Option<f64>,
    /// Matched gold with a name.
    pub name_n: usize,
    /// Share of matched anonymous gold with no predicted speaker.
    pub anon_acc: Option<f64>,
    /// Matched anonymous gold.
    pub anon_n: usize,
    /// Whether the predictions have a `speaker_type` column.
    pub type_measured: bool,
    /// Type accuracy; `None` when not measured.
    pub type_acc: Option<f64>,
    /// Matched gold with a type.
    pub type_n: usize,
    /// Title accuracy.
    pub title_acc: Option<f64>,
    /// Matched gold with a title.
    pub title_n: usize,
    /// Predicted titles where gold has none.
    pub title_spurious: usize,
    /// Matched gold that says its speaker has no title.
    pub title_none_n: usize,
    /// Organisation accuracy.
    pub org_acc: Option<f64>,
    /// Matched gold with an organisation.
    pub org_n: usize,
    /// Malformed predicted speakers on matched claims.
    pub malformed_matched: usize,
    /// Non-empty predicted speakers on matched claims.
    pub matched_speakers: usize,
    /// Malformed predicted speakers over the predictions counted.
    pub malformed_pred: usize,
    /// Non-empty predicted speakers over the predictions counted.
    pub pred_speakers: usize,
    /// The first mismatches of each field, at most [`crate::Options::errors`] each, by field.
    #[serde(skip)]
    pub mismatches: Vec<Mismatch>,
    /// The first malformed speakers, at most [`crate::Options::errors`].
    #[serde(skip)]
    pub malformed: Vec<Malformed>,
}

/// Counts while scoring; [`Tally::finish`] turns them into [`Fields`].
pub(crate) struct Tally {
    errors: usize,
    has_type: bool,
    /// (claims, right) per field, indexed by [`Field`].
    acc: [(usize, usize); 5],
    listed: [usize; 5],
    fields: Fields,
}

fn strip(s: Option<&str>) -> &str {
    py::strip(s.unwrap_or(""))
}

/// A name or organisation as compared: lowercase, single spaces, without a leading "the", a
/// Mr./Mrs./Ms./Dr. prefix or a trailing possessive.
pub(crate) fn name_key(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    if words.len() > 1 && ["mr", "mrs", "ms", "dr"].contains(&words[0].trim_end_matches('.')) {
        words.remove(0);
    }
    let joined = words.join(" ");
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|p| joined.strip_suffix(p))
        .unwrap_or(&joined)
        .to_string()
}

/// A title as compared: lowercase, single spaces, without a trailing period.
pub(crate) fn title_key(s: &str) -> String {
    let lower = s.to_lowercase();
    let joined = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_end_matches('.').to_string()
}

impl Tally {
    pub(crate) fn new(errors: usize, has_type: bool) -> Tally {
        Tally {
            errors,
            has_type,
            acc: [(0, 0); 5],
            listed: [0; 5],
            fields: Fields {
                type_measured: has_type,
                ..Fields::default()
            },
        }
    }

    /// Scores the fields of a span-matched pair of required gold and prediction.
    pub(crate) fn pair(&mut self, article_id: &str, g: &GoldQuote, p: &Prediction) {
        let at = (article_id, g);
        let speaker = strip(p.speaker.as_deref());
        let name = strip(g.speaker_name.as_deref());
        if !name.is_empty() {
            let ok = name_key(speaker) == name_key(name);
            self.compare(at, Field::Name, name, speaker, ok);
        }
        let kind = strip(g.speaker_type.as_deref());
        if kind == "anonymous" {
            self.compare(at, Field::Anon, "", speaker, speaker.is_empty());
        }
        if !kind.is_empty() {
            if self.has_type {
                let predicted = strip(p.speaker_type.as_deref());
                self.compare(at, Field::Type, kind, predicted, predicted == kind);
            } else {
                self.fields.type_n += 1;
            }
        }
        let predicted = strip(p.title.as_deref());
        match g.title.as_deref().map(py::strip) {
            Some("") => {
                self.fields.title_none_n += 1;
                if !predicted.is_empty() {
                    self.fields.title_spurious += 1;
                    self.list(at, Field::Title, "", predicted);
                }
            }
            Some(title) => {
                let ok = title_key(predicted) == title_key(title);
                self.compare(at, Field::Title, title, predicted, ok);
            }
            None => {}
        }
        let org = strip(g.organisation.as_deref());
        if !org.is_empty() {
            let predicted = strip(p.organisation.as_deref());
            let ok = name_key(predicted) == name_key(org);
            self.compare(at, Field::Org, org, predicted, ok);
        }
        if !speaker.is_empty() {
            self.fields.matched_speakers += 1;
            self.fields.malformed_matched += usize::from(malformed(speaker).is_some());
        }
    }

    /// Counts a comparison, and lists it when it failed.
    fn compare(
        &mut self,
        at: (&str, &GoldQuote),
        field: Field,
        gold: &str,
        predicted: &str,
        ok: bool,
    ) {
        let (n, right) = &mut self.acc[field as usize];
        *n += 1;
        *right += usize::from(ok);
        if !ok {
            self.list(at, field, gold, predicted);
        }
    }

    /// Lists a mismatch, up to `errors` of each field.
    fn list(
        &mut self,
        (article_id, g): (&str, &GoldQuote),
        field: Field,
        gold: &str,
        predicted: &str,
    ) {
        if self.listed[field as usize] < self.errors {
            self.listed[field as usize] += 1;
            self.fields.mismatches.push(Mismatch {
                field,
                article_id: article_id.to_string(),
                start: g.start,
                end: g.end,
                gold: gold.to_string(),
                predicted: predicted.to_string(),
            });
        }
    }

    /// Checks the shape of a prediction's speaker; `span` is its claim's.
    pub(crate) fn prediction(&mut self, article_id: &str, p: &Prediction, span: (i64, i64)) {
        let speaker = strip(p.speaker.as_deref());
        if speaker.is_empty() {
            return;
        }
        self.fields.pred_speakers += 1;
        if let Some(shape) = malformed(speaker) {
            self.fields.malformed_pred += 1;
            if self.fields.malformed.len() < self.errors {
                self.fields.malformed.push(Malformed {
                    article_id: article_id.to_string(),
                    start: span.0,
                    end: span.1,
                    speaker: speaker.to_string(),
                    shape,
                });
            }
        }
    }

    pub(crate) fn finish(self) -> Fields {
        let acc = |field: Field| crate::score::accuracy(self.acc[field as usize]);
        let n = |field: Field| self.acc[field as usize].0;
        let mut f = self.fields;
        (f.name_acc, f.name_n) = (acc(Field::Name), n(Field::Name));
        (f.anon_acc, f.anon_n) = (acc(Field::Anon), n(Field::Anon));
        if self.has_type {
            (f.type_acc, f.type_n) = (acc(Field::Type), n(Field::Type));
        }
        (f.title_acc, f.title_n) = (acc(Field::Title), n(Field::Title));
        (f.org_acc, f.org_n) = (acc(Field::Org), n(Field::Org));
        f.mismatches.sort_by_key(|m| m.field);
        f
    }
}

impl Fields {
    /// The `--errors` lines: the mismatches of each field, then the malformed speakers, each
    /// `FIELD ARTICLE START..END: ...` with Python's `repr` of the values.
    pub fn error_lines(&self) -> Vec<String> {
        let mismatches = self.mismatches.iter().map(|m| {
            format!(
                "{:8} {} {}..{}: gold {}, predicted {}",
                m.field.as_str().to_uppercase(),
                m.article_id,
                m.start,
                m.end,
                py::repr(&m.gold),
                py::repr(&m.predicted)
            )
        });
        let malformed = self.malformed.iter().map(|m| {
            format!(
                "MALFORMED {} {}..{}: {} ({})",
                m.article_id,
                m.start,
                m.end,
                py::repr(&m.speaker),
                m.shape
            )
        });
        mismatches.chain(malformed).collect()
    }
}

impl fmt::Display for Fields {
    /// The lines after score.py's block, each indented as its figures are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "  whosaid's own figures, not score.py's: speaker fields on span-matched claims"
        )?;
        for field in Field::ALL {
            let (acc, n) = match field {
                Field::Name => (self.name_acc, self.name_n),
                Field::Anon => (self.anon_acc, self.anon_n),
                Field::Type if !self.type_measured && self.type_n > 0 => {
                    writeln!(
                        f,
                        "  type   not measured: the predictions have no speaker_type column"
                    )?;
                    continue;
                }
                Field::Type => (self.type_acc, self.type_n),
                Field::Title => (self.title_acc, self.title_n),
                Field::Org => (self.org_acc, self.org_n),
            };
            write_accuracy(f, field.as_str(), acc, n)?;
            if field == Field::Title && self.title_none_n > 0 {
                writeln!(
                    f,
                    "  spurious titles {}  (of n={} whose gold speaker has no title)",
                    self.title_spurious, self.title_none_n
                )?;
            }
        }
        writeln!(
            f,
            "  malformed speakers {} of {} on matched claims, {} of {} predicted",
            self.malformed_matched, self.matched_speakers, self.malformed_pred, self.pred_speakers
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! keys {
        ($($name:ident: $key:ident($a:expr) == $b:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!($key($a), $key($b), "{:?} and {:?}", $a, $b);
            }
        )*};
    }

    keys! {
        name_case_and_spaces: name_key(" barack  OBAMA ") == "Barack Obama";
        name_leading_the: name_key("the Commerce Department") == "Commerce Department";
        name_possessive: name_key("United Airlines'") == "United Airlines";
        name_curly_possessive: name_key("Trump’s") == "Trump";
        name_honorific: name_key("Mrs. Clinton") == "Clinton";
        name_honorific_without_period: name_key("Dr Jo Lee") == "Jo Lee";
        title_period: title_key("Sen") == "sen.";
        title_spaces: title_key("Brig.  Gen.") == "brig. gen";
    }

    #[test]
    fn keys_keep_what_differs() {
        assert_ne!(name_key("Obama"), name_key("Barack Obama"));
        assert_ne!(name_key("President Obama"), name_key("Barack Obama"));
        // "The" alone, or a title alone, is kept rather than compared as empty.
        assert_eq!(name_key("the"), "the");
        assert_eq!(name_key("Dr."), "dr.");
        assert_ne!(title_key("Minister"), title_key("Health Minister"));
    }
}
