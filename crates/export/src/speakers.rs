use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::{neutralise, Error, Record};

/// The speakers CSV header: [`SpeakerRow`]'s field names in column order.
pub const SPEAKERS_HEADER: [&str; 11] = [
    "article_id",
    "speaker",
    "title",
    "role",
    "organisation",
    "claims",
    "direct",
    "indirect",
    "first_mention_start",
    "first_mention_end",
    "mentions",
];

/// One row of the speakers table: one resolved speaker of one article.
///
/// Built from an article's claim [`Record`]s by [`SpeakerRow::from_records`]:
///
/// - a speaker is a distinct non-empty `speaker` name; claims without a speaker have no row;
/// - rows come in the order of each speaker's first row in the claims table, which is text
///   order, so for any number of threads the table is the same;
/// - `title`, `role` and `organisation` are the first non-empty value among the speaker's
///   claims, field by field;
/// - `claims` counts distinct `claim_id`s: a quote split by its cue is two rows of the claims
///   table but one claim;
/// - `direct` counts claims all of whose pieces are direct, `indirect` those all of whose
///   pieces are indirect; **mixed claims** (reported speech with a partial quotation, or a
///   claim whose pieces differ in kind) **count as neither**, so
///   `claims - direct - indirect` is the number of mixed claims;
/// - `first_mention_start..first_mention_end` is the earliest speaker mention (character
///   offsets, end exclusive, like [`Record`]), empty when no claim has a mention (a lone
///   continuation quote);
/// - `mentions` lists the distinct surface forms of the speaker mentions, whitespace runs
///   collapsed, compared without case, in order of first appearance in the text, joined with
///   `"; "` ("Kamal al-Tikriti; he; al-Tikriti").
///
/// ```
/// use whosaid_export::{Record, SpeakerRow};
///
/// # fn rec<'a>(id: &'a str, kind: &'static str, mention: &'a str, at: usize) -> Record<'a> {
/// #     Record { article_id: "a1".into(), claim_id: id.into(), kind, quote: "…".into(),
/// #         start: 0, end: 1, speaker: "Kamal al-Tikriti".into(), speaker_type: "person",
/// #         speaker_id: "".into(), title: "".into(),
/// #         role: "council member".into(), organisation: "".into(), outlet: "".into(),
/// #         cue: "said".into(), speaker_mention: mention.into(), speaker_start: Some(at),
/// #         speaker_end: Some(at + mention.chars().count()), cue_start: None, cue_end: None,
/// #         resolution: "explicit", rule: "".into(),
/// #         confidence: whosaid_core::Confidence::CERTAIN }
/// # }
/// let records = [
///     rec("a1#1", "direct", "Kamal al-Tikriti", 40),
///     rec("a1#2", "indirect", "he", 90),
///     rec("a1#3", "mixed", "He", 150),
/// ];
/// let rows = SpeakerRow::from_records(&records);
/// assert_eq!(rows.len(), 1);
/// assert_eq!((rows[0].claims, rows[0].direct, rows[0].indirect), (3, 1, 1));
/// assert_eq!(rows[0].mentions, "Kamal al-Tikriti; he");
/// assert_eq!(rows[0].first_mention_start, Some(40));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerRow {
    /// The article's id.
    pub article_id: String,
    /// The resolved speaker: full name, organisation or group.
    pub speaker: String,
    /// The speaker's title ("Brig. Gen.").
    pub title: String,
    /// The speaker's role.
    pub role: String,
    /// The speaker's organisation.
    pub organisation: String,
    /// Distinct claims (claim ids) attributed to the speaker.
    pub claims: usize,
    /// Claims entirely in quotation marks.
    pub direct: usize,
    /// Claims in reported speech without quotation marks; mixed claims are not counted.
    pub indirect: usize,
    /// Character offset of the earliest speaker mention; empty when there is none.
    pub first_mention_start: Option<usize>,
    /// Character offset one past the earliest speaker mention.
    pub first_mention_end: Option<usize>,
    /// The distinct surface forms of the mentions, in text order, joined with `"; "`.
    pub mentions: String,
}

/// What is known of one claim (one claim id) of a speaker while aggregating.
#[derive(Default)]
struct ClaimKinds {
    direct: bool,
    indirect: bool,
    mixed: bool,
}

/// One speaker being aggregated.
struct Acc<'r> {
    row: SpeakerRow,
    /// Claim ids in first-seen order, with the kinds of their pieces.
    claims: Vec<(&'r str, ClaimKinds)>,
    /// Mentions as (start, end, text).
    mentions: Vec<(usize, usize, &'r str)>,
}

impl SpeakerRow {
    /// Aggregates one article's claim records into one row per speaker, in the order of each
    /// speaker's first record. Records of several articles are kept apart by `article_id`.
    pub fn from_records(records: &[Record]) -> Vec<SpeakerRow> {
        let mut accs: Vec<Acc<'_>> = Vec::new();
        let mut by_key: HashMap<(&str, &str), usize> = HashMap::new();
        for r in records {
            if r.speaker.is_empty() {
                continue;
            }
            let k = *by_key
                .entry((r.article_id.as_ref(), r.speaker.as_ref()))
                .or_insert_with(|| {
                    accs.push(Acc {
                        row: SpeakerRow {
                            article_id: r.article_id.to_string(),
                            speaker: r.speaker.to_string(),
                            title: String::new(),
                            role: String::new(),
                            organisation: String::new(),
                            claims: 0,
                            direct: 0,
                            indirect: 0,
                            first_mention_start: None,
                            first_mention_end: None,
                            mentions: String::new(),
                        },
                        claims: Vec::new(),
                        mentions: Vec::new(),
                    });
                    accs.len() - 1
                });
            let acc = &mut accs[k];
            for (field, value) in [
                (&mut acc.row.title, &r.title),
                (&mut acc.row.role, &r.role),
                (&mut acc.row.organisation, &r.organisation),
            ] {
                if field.is_empty() {
                    value.as_ref().clone_into(field);
                }
            }
            // A speaker has a handful of claims: a linear search keeps first-seen order.
            let kinds = match acc.claims.iter().position(|(id, _)| *id == r.claim_id) {
                Some(i) => &mut acc.claims[i].1,
                None => {
                    acc.claims.push((&r.claim_id, ClaimKinds::default()));
                    &mut acc.claims.last_mut().expect("just pushed").1
                }
            };
            match r.kind {
                "direct" => kinds.direct = true,
                "indirect" => kinds.indirect = true,
                _ => kinds.mixed = true,
            }
            if let (Some(start), Some(end)) = (r.speaker_start, r.speaker_end) {
                acc.mentions.push((start, end, &r.speaker_mention));
            }
        }
        accs.into_iter().map(Acc::finish).collect()
    }
}

impl Acc<'_> {
    fn finish(mut self) -> SpeakerRow {
        let row = &mut self.row;
        row.claims = self.claims.len();
        for (_, k) in &self.claims {
            match (k.direct, k.indirect, k.mixed) {
                (true, false, false) => row.direct += 1,
                (false, true, false) => row.indirect += 1,
                _ => {}
            }
        }
        // Text order; a mention shared by two pieces of a claim appears once per piece.
        self.mentions.sort_unstable();
        if let Some(&(start, end, _)) = self.mentions.first() {
            row.first_mention_start = Some(start);
            row.first_mention_end = Some(end);
        }
        let mut seen: Vec<String> = Vec::new();
        let mut forms: Vec<String> = Vec::new();
        for (_, _, text) in &self.mentions {
            let form = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let key = form.to_lowercase();
            if !form.is_empty() && !seen.contains(&key) {
                seen.push(key);
                forms.push(form);
            }
        }
        row.mentions = forms.join("; ");
        self.row
    }
}

/// Writes [`SpeakerRow`]s as CSV, header first; text fields are [neutralised](neutralise)
/// against spreadsheet formulas when asked, as the claims CSV is.
///
/// Call [`SpeakerWriter::finish`] at the end: it flushes and reports the error that dropping
/// a buffered writer would swallow.
///
/// ```
/// use whosaid_export::SpeakerWriter;
///
/// let out = SpeakerWriter::new(Vec::new(), true).unwrap().finish().unwrap();
/// assert!(out.starts_with(b"article_id,speaker,title,role,organisation,claims,"));
/// ```
pub struct SpeakerWriter<W: Write> {
    csv: csv::Writer<W>,
    sanitize: bool,
}

impl<W: Write> SpeakerWriter<W> {
    /// Wraps `out` and writes the header at once.
    ///
    /// # Errors
    ///
    /// When writing the header fails.
    pub fn new(out: W, sanitize: bool) -> Result<SpeakerWriter<W>, Error> {
        let mut csv = csv::WriterBuilder::new()
            .has_headers(false)
            .buffer_capacity(1 << 16)
            .from_writer(out);
        csv.write_record(SPEAKERS_HEADER)?;
        Ok(SpeakerWriter { csv, sanitize })
    }

    /// Writes one row.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn write(&mut self, row: &SpeakerRow) -> Result<(), Error> {
        let SpeakerRow {
            article_id,
            speaker,
            title,
            role,
            organisation,
            claims,
            direct,
            indirect,
            first_mention_start,
            first_mention_end,
            mentions,
        } = row;
        // Destructured so that a new field is a compile error here rather than a silently
        // missing column.
        let number = |n: &usize| n.to_string();
        let offset = |n: &Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
        let text = |s: &str| -> String {
            if self.sanitize {
                neutralise(s).into_owned()
            } else {
                s.to_string()
            }
        };
        self.csv.write_record([
            text(article_id),
            text(speaker),
            text(title),
            text(role),
            text(organisation),
            number(claims),
            number(direct),
            number(indirect),
            offset(first_mention_start),
            offset(first_mention_end),
            text(mentions),
        ])?;
        Ok(())
    }

    /// Flushes buffered rows to the underlying writer and flushes that too.
    ///
    /// # Errors
    ///
    /// When the underlying writer fails.
    pub fn flush(&mut self) -> Result<(), Error> {
        self.csv.flush()?;
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    ///
    /// # Errors
    ///
    /// When the final flush fails.
    pub fn finish(self) -> Result<W, Error> {
        self.csv
            .into_inner()
            .map_err(|e| Error::Io(std::io::Error::new(e.error().kind(), e.error().to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of article `a` by `speaker`, with a mention at `at`.
    fn rec(
        id: &str,
        kind: &'static str,
        speaker: &str,
        mention: Option<(&str, usize)>,
    ) -> Record<'static> {
        Record {
            claim_id: id.to_string().into(),
            kind,
            quote: "q".into(),
            end: 1,
            cue: "said".into(),
            speaker_mention: mention.map_or("", |m| m.0).to_string().into(),
            speaker_start: mention.map(|m| m.1),
            speaker_end: mention.map(|m| m.1 + m.0.chars().count()),
            rule: "r".into(),
            ..crate::record::test_record(speaker)
        }
    }

    /// (speaker, claims, direct, indirect, first mention, mentions) of each row.
    fn summary(
        records: &[Record<'_>],
    ) -> Vec<(String, usize, usize, usize, Option<usize>, String)> {
        SpeakerRow::from_records(records)
            .into_iter()
            .map(|r| {
                (
                    r.speaker,
                    r.claims,
                    r.direct,
                    r.indirect,
                    r.first_mention_start,
                    r.mentions,
                )
            })
            .collect()
    }

    macro_rules! aggregates {
        ($name:ident, [$($rec:expr),* $(,)?], [$(($sp:expr, $c:expr, $d:expr, $i:expr, $first:expr, $m:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let records = vec![$($rec),*];
                let want: Vec<(String, usize, usize, usize, Option<usize>, String)> =
                    vec![$(($sp.to_string(), $c, $d, $i, $first, $m.to_string())),*];
                assert_eq!(summary(&records), want);
            }
        };
    }

    aggregates!(empty, [], []);

    aggregates!(
        unresolved_claims_have_no_row,
        [rec("a#1", "direct", "", Some(("he", 5)))],
        []
    );

    aggregates!(
        one_speaker_kinds_counted,
        [
            rec("a#1", "direct", "Ann Lee", Some(("Ann Lee", 10))),
            rec("a#2", "indirect", "Ann Lee", Some(("she", 50))),
            rec("a#3", "mixed", "Ann Lee", Some(("Lee", 90))),
        ],
        [("Ann Lee", 3, 1, 1, Some(10), "Ann Lee; she; Lee")]
    );

    // A quote split by its cue is two rows with one claim id: one claim, one mention.
    aggregates!(
        split_quote_is_one_claim,
        [
            rec("a#1", "direct", "Ann Lee", Some(("she", 30))),
            rec("a#1", "direct", "Ann Lee", Some(("she", 30))),
        ],
        [("Ann Lee", 1, 1, 0, Some(30), "she")]
    );

    // Pieces of different kinds (a direct quote continued in reported speech) make a mixed
    // claim, which counts as neither direct nor indirect.
    aggregates!(
        pieces_of_different_kinds_are_mixed,
        [
            rec("a#4", "direct", "Ann Lee", Some(("Lee", 30))),
            rec("a#4", "indirect", "Ann Lee", Some(("Lee", 30))),
        ],
        [("Ann Lee", 1, 0, 0, Some(30), "Lee")]
    );

    // Rows follow first appearance in the records; mentions follow the text, not the records
    // (a nested claim's record can come after one whose mention is later).
    aggregates!(
        speakers_in_record_order_mentions_in_text_order,
        [
            rec("a#1", "indirect", "Bo Chen", Some(("Chen", 80))),
            rec("a#2", "indirect", "Ann Lee", Some(("Ann Lee", 20))),
            rec("a#3", "direct", "Bo Chen", Some(("Bo Chen", 10))),
        ],
        [
            ("Bo Chen", 2, 1, 1, Some(10), "Bo Chen; Chen"),
            ("Ann Lee", 1, 0, 1, Some(20), "Ann Lee")
        ]
    );

    // "He" and "he" are one form; a mention broken over a line is one form with a space.
    aggregates!(
        mentions_deduplicated_without_case_and_with_whitespace_collapsed,
        [
            rec("a#1", "direct", "Ann Lee", Some(("Ann\n Lee", 0))),
            rec("a#2", "direct", "Ann Lee", Some(("He", 40))),
            rec("a#3", "direct", "Ann Lee", Some(("Ann Lee", 60))),
            rec("a#4", "direct", "Ann Lee", Some(("he", 80))),
        ],
        [("Ann Lee", 4, 4, 0, Some(0), "Ann Lee; He")]
    );

    // A continuation quote has no mention of its own.
    aggregates!(
        no_mention_leaves_offsets_empty,
        [rec("a#1", "direct", "Ann Lee", None)],
        [("Ann Lee", 1, 1, 0, None, "")]
    );

    #[test]
    fn title_role_and_organisation_are_the_first_non_empty_values() {
        let mut a = rec("a#1", "direct", "Ann Lee", None);
        a.role = "spokeswoman".into();
        let mut b = rec("a#2", "direct", "Ann Lee", None);
        b.role = "a spokeswoman for the ministry".into();
        b.title = "Dr.".into();
        b.organisation = "Ministry".into();
        let row = &SpeakerRow::from_records(&[a, b])[0];
        assert_eq!(
            (
                row.title.as_str(),
                row.role.as_str(),
                row.organisation.as_str()
            ),
            ("Dr.", "spokeswoman", "Ministry")
        );
    }

    #[test]
    fn same_name_in_two_articles_is_two_rows() {
        let a = rec("a#1", "direct", "Ann Lee", None);
        let mut b = a.clone();
        b.article_id = "b".into();
        b.claim_id = "b#1".into();
        let rows = SpeakerRow::from_records(&[a, b]);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].article_id.as_str(), rows[1].article_id.as_str()),
            ("a", "b")
        );
    }

    #[test]
    fn offsets_are_characters_like_records() {
        use whosaid_core::{Article, Attribution, Claim, ClaimKind, Resolution, RuleId, Span};
        // "“€5,” said Ann Lee." — the mention starts after a 3-byte quote and a 3-byte euro.
        let text = "“€5,” said Ann Lee.";
        let article = Article::new("a", text);
        let mention = Span::new(text.find("Ann").unwrap(), text.find('.').unwrap());
        let attribution = Attribution {
            claim: Claim {
                kind: ClaimKind::Direct,
                span: Span::new(3, text.find('”').unwrap()),
                group: 0,
                paragraph: 0,
                cue: Some(Span::new(
                    text.find("said").unwrap(),
                    text.find(" Ann").unwrap(),
                )),
                source: Some(mention),
                recipient: None,
                rule: RuleId("detect/test"),
                continuation: false,
                confidence: whosaid_core::Confidence::CERTAIN,
            },
            speaker: Some(whosaid_core::Speaker {
                name: "Ann Lee".into(),
                ..Default::default()
            }),
            mention: Some(mention),
            resolution: Resolution::Explicit,
            outlet: None,
            chain: vec![],
            rule: RuleId("attribute/test"),
        };
        let rows = SpeakerRow::from_records(&Record::from_attributions(&article, &[attribution]));
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (
            rows[0].first_mention_start.unwrap(),
            rows[0].first_mention_end.unwrap(),
        );
        assert_eq!(chars[s..e].iter().collect::<String>(), "Ann Lee");
    }

    #[test]
    fn csv_has_header_and_neutralised_fields() {
        let mut row =
            SpeakerRow::from_records(&[rec("a#1", "direct", "=cmd", Some(("=cmd", 0)))]).remove(0);
        row.role = "-1".into();
        let mut w = SpeakerWriter::new(Vec::new(), true).unwrap();
        w.write(&row).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let mut lines = out.lines();
        assert_eq!(lines.next().unwrap(), SPEAKERS_HEADER.join(","));
        assert_eq!(lines.next().unwrap(), "a,'=cmd,,'-1,,1,1,0,0,4,'=cmd");
        let mut w = SpeakerWriter::new(Vec::new(), false).unwrap();
        w.write(&row).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(out.lines().nth(1).unwrap(), "a,=cmd,,-1,,1,1,0,0,4,=cmd");
    }

    #[test]
    fn header_matches_field_order() {
        let row = SpeakerRow::from_records(&[rec("a#1", "direct", "X", None)]).remove(0);
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.serialize(&row).unwrap();
        let out = String::from_utf8(csv.into_inner().unwrap()).unwrap();
        assert_eq!(out.lines().next().unwrap(), SPEAKERS_HEADER.join(","));
    }
}
