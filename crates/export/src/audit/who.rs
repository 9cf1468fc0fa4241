//! Who a claim's speaker is, as the report groups, filters and colours speakers.
//!
//! The report groups a speaker's claims by identity, the `speaker_id` column, so that a
//! speaker written two ways ("Barack Obama", "BARACK OBAMA") is one entry of the speaker
//! filter and one colour. Colours are given per article, in order of first appearance: the
//! first speakers take a palette of hues chosen to be far apart, later ones hues a golden
//! angle apart, so that no two speakers of an article share one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use whosaid_core::SpeakerKind;

use crate::{speaker_id, Record, SpeakerRow};

/// The values of the type filter, in its order: the `speaker_type` column's values,
/// `untyped` for a speaker read from a claims CSV without that column, and `none` for claims
/// without a speaker.
pub(crate) const TYPES: [&str; 7] = [
    "person",
    "organisation",
    "group",
    "document",
    "anonymous",
    "untyped",
    "none",
];

/// The position of a [`TYPES`] value.
///
/// # Panics
///
/// When `kind` is not one: the values come from [`who`] and [`kind_of`].
pub(crate) fn type_index(kind: &str) -> usize {
    TYPES
        .iter()
        .position(|&t| t == kind)
        .expect("a value of TYPES")
}

/// A claim's speaker as the report knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Who<'r> {
    /// What the speaker's claims are grouped by: the `speaker_id`; for a speaker that has
    /// none, the type and the name (or, for an unnamed source, its description).
    pub key: Cow<'r, str>,
    /// The name to show.
    pub name: Cow<'r, str>,
    /// A [`TYPES`] value other than `none`.
    pub kind: &'static str,
}

/// The speaker of a claim; `None` when it has none.
pub(crate) fn who<'r>(record: &'r Record<'_>) -> Option<Who<'r>> {
    let kind = if record.speaker_type.is_empty() {
        "untyped"
    } else {
        record.speaker_type
    };
    if !record.speaker.is_empty() {
        let key = if record.speaker_id.is_empty() {
            Cow::Owned(format!("{kind}:{}", record.speaker))
        } else {
            Cow::Borrowed(record.speaker_id.as_ref())
        };
        return Some(Who {
            key,
            name: Cow::Borrowed(record.speaker.as_ref()),
            kind,
        });
    }
    // An unnamed source ("a source", "officials who asked not to be named") has a type and
    // is described by its role.
    if record.speaker_type.is_empty() {
        return None;
    }
    let key = match speaker_id(SpeakerKind::parse(kind), &record.role) {
        id if id.is_empty() => kind.to_string(),
        id => id,
    };
    let name = if record.role.is_empty() {
        Cow::Owned(format!("({kind} source)"))
    } else {
        Cow::Borrowed(record.role.as_ref())
    };
    Some(Who {
        key: Cow::Owned(key),
        name,
        kind,
    })
}

/// The type filter's value for a claim: its speaker's type, or `none`.
pub(crate) fn kind_of(record: &Record) -> &'static str {
    who(record).map_or("none", |w| w.kind)
}

/// Hues (degrees of OKLCH) of the first speakers of an article: neighbours in the list are
/// far apart on the colour wheel, and no two are closer than 25°.
const PALETTE: [u16; 12] = [255, 145, 25, 95, 315, 195, 60, 345, 120, 225, 285, 170];

/// The golden angle in hundredths of a degree. It is prime to 36,000, so 36,000 speakers
/// past the palette have distinct hues; nearby ones are far apart.
const GOLDEN: u32 = 13_751;

/// A speaker's colour: a hue and a tone. Tone 0 is the palette's lightness; the generated
/// colours alternate tones 1 and 2, darker, so that they also differ from the palette's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Swatch {
    /// Hundredths of a degree, below 36,000.
    hue: u32,
    tone: u8,
}

impl Swatch {
    /// The colour of the `k`-th speaker (0-based) of an article.
    pub(crate) fn nth(k: usize) -> Swatch {
        if let Some(&hue) = PALETTE.get(k) {
            return Swatch {
                hue: u32::from(hue) * 100,
                tone: 0,
            };
        }
        let j = k - PALETTE.len();
        // Reduced before multiplying, so that no number of speakers overflows.
        let step = u32::try_from(j % 36_000).expect("below 36,000");
        Swatch {
            hue: (1_300 + step * GOLDEN) % 36_000,
            tone: 1 + u8::from(j % 2 == 1),
        }
    }
}

/// The CSS custom properties of the colour, for a `style` attribute: `--h:137.51;--t:1`.
impl fmt::Display for Swatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--h:{}", self.hue / 100)?;
        if !self.hue.is_multiple_of(100) {
            write!(f, ".{:02}", self.hue % 100)?;
        }
        if self.tone != 0 {
            write!(f, ";--t:{}", self.tone)?;
        }
        Ok(())
    }
}

/// One speaker of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Speaker {
    /// [`Who::key`].
    pub key: String,
    /// The name in the speaker's first claim of the article.
    pub name: String,
    /// A [`TYPES`] value.
    pub kind: &'static str,
    /// Counts, title, role and organisation; its `speaker` is the key.
    pub row: SpeakerRow,
    pub swatch: Swatch,
}

/// The speakers of an article in order of first appearance in the text, each with its
/// colour.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cast {
    pub speakers: Vec<Speaker>,
    by_key: HashMap<String, usize>,
}

impl Cast {
    /// The speakers of an article's claims.
    pub(crate) fn new<'r>(records: impl IntoIterator<Item = &'r Record<'static>>) -> Cast {
        let mut keyed: Vec<Record> = Vec::new();
        // Key -> (name, kind, earliest start).
        let mut seen: HashMap<String, (String, &'static str, usize)> = HashMap::new();
        for r in records {
            let Some(w) = who(r) else { continue };
            let key = w.key.into_owned();
            seen.entry(key.clone())
                .and_modify(|e| e.2 = e.2.min(r.start))
                .or_insert_with(|| (w.name.into_owned(), w.kind, r.start));
            let mut keyed_row = r.clone();
            keyed_row.speaker = Cow::Owned(key);
            keyed.push(keyed_row);
        }
        let mut rows = SpeakerRow::from_records(&keyed);
        // Stable: speakers that start together stay in claims-table order.
        rows.sort_by_key(|row| seen[&row.speaker].2);
        let speakers: Vec<Speaker> = rows
            .into_iter()
            .enumerate()
            .map(|(k, row)| {
                let (name, kind, _) = seen.remove(&row.speaker).expect("seen above");
                Speaker {
                    key: row.speaker.clone(),
                    name,
                    kind,
                    row,
                    swatch: Swatch::nth(k),
                }
            })
            .collect();
        let by_key = speakers
            .iter()
            .enumerate()
            .map(|(k, s)| (s.key.clone(), k))
            .collect();
        Cast { speakers, by_key }
    }

    /// The colour of a claim's speaker; `None` when it has none.
    pub(crate) fn swatch(&self, record: &Record) -> Option<Swatch> {
        let w = who(record)?;
        self.by_key
            .get(w.key.as_ref())
            .map(|&k| self.speakers[k].swatch)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn record(speaker: &str, kind: &'static str, start: usize) -> Record<'static> {
        Record {
            claim_id: format!("a#{start}").into(),
            start,
            end: start + 1,
            speaker_type: kind,
            speaker_id: speaker_id(SpeakerKind::parse(kind), speaker).into(),
            ..crate::audit::test_record(speaker)
        }
    }

    #[test]
    fn swatches_are_distinct_for_many_speakers() {
        let all: HashSet<Swatch> = (0..5_000).map(Swatch::nth).collect();
        assert_eq!(all.len(), 5_000);
        assert_eq!(Swatch::nth(0).to_string(), "--h:255");
        assert_eq!(Swatch::nth(12).to_string(), "--h:13;--t:1");
        assert_eq!(Swatch::nth(13).to_string(), "--h:150.51;--t:2");
        assert!(Swatch::nth(usize::MAX).hue < 36_000);
    }

    #[test]
    fn palette_hues_are_far_apart() {
        let mut hues = PALETTE.to_vec();
        hues.sort_unstable();
        let gaps = hues.windows(2).map(|w| w[1] - w[0]);
        assert!(gaps.chain([360 + hues[0] - hues[11]]).all(|g| g >= 25));
    }

    #[test]
    fn one_identity_is_one_speaker_with_one_colour() {
        let records = [
            record("Ann Lee", "person", 50),
            record("officials", "group", 10),
            record("ANN LEE", "person", 90),
            record("Ann Lee", "organisation", 95),
        ];
        let cast = Cast::new(&records);
        let keys: Vec<&str> = cast.speakers.iter().map(|s| s.key.as_str()).collect();
        // In order of first appearance in the text, not of the table.
        assert_eq!(
            keys,
            ["group:officials", "person:ann-lee", "organisation:ann-lee"]
        );
        assert_eq!(cast.speakers[1].name, "Ann Lee");
        assert_eq!(cast.speakers[1].row.claims, 2);
        assert_eq!(cast.swatch(&records[0]), cast.swatch(&records[2]));
        assert_ne!(cast.swatch(&records[0]), cast.swatch(&records[3]));
        assert_eq!(cast.swatch(&records[1]), Some(Swatch::nth(0)));
    }

    #[test]
    fn speakers_without_an_id() {
        let mut untyped = record("Ann Lee", "", 0);
        untyped.speaker_id = "".into();
        let w = who(&untyped).unwrap();
        assert_eq!((w.key.as_ref(), w.kind), ("untyped:Ann Lee", "untyped"));

        let mut source = record("", "anonymous", 0);
        source.role = "a senior official".into();
        let w = who(&source).unwrap();
        assert_eq!(w.key, "anonymous:a-senior-official");
        assert_eq!(w.name, "a senior official");
        source.role = "".into();
        assert_eq!(who(&source).unwrap().key, "anonymous");

        let nobody = record("", "", 0);
        assert_eq!(who(&nobody), None);
        assert_eq!(kind_of(&nobody), "none");
    }
}
