use std::fs::File;
use std::io::Read;
use std::path::Path;

use whosaid_export::Record;

use crate::{py, Error};

/// One predicted claim: the columns of a claims CSV that score.py reads.
///
/// `None` stands for Python's `None`: a column the CSV lacks, or a row too short to reach it.
/// Offsets hold `int(field)`, `None` where Python's `int` raises.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prediction {
    /// The article the claim belongs to.
    pub article_id: Option<String>,
    /// The claim's id (`ARTICLE#N`): the pieces of one claim share it. Not scored; named by
    /// `whosaid check` when it reports a row.
    pub claim_id: Option<String>,
    /// direct, mixed or indirect. Empty or absent: kept on the quoted track.
    pub kind: Option<String>,
    /// Character offset of the claim's start.
    pub start: Option<i64>,
    /// Character offset one past its end.
    pub end: Option<i64>,
    /// The resolved speaker.
    pub speaker: Option<String>,
    /// What the speaker is: person, organisation, group, document or anonymous.
    pub speaker_type: Option<String>,
    /// Start of the speaker mention.
    pub speaker_start: Option<i64>,
    /// End of the speaker mention.
    pub speaker_end: Option<i64>,
    /// Start of the cue.
    pub cue_start: Option<i64>,
    /// End of the cue.
    pub cue_end: Option<i64>,
    /// The speaker's title.
    pub title: Option<String>,
    /// The speaker's role.
    pub role: Option<String>,
    /// The speaker's organisation.
    pub organisation: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
}

/// Predicted claims, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Predictions {
    /// The rows.
    pub rows: Vec<Prediction>,
    /// Whether there is a `cue_start` column: without one, cue accuracy is not measured.
    pub has_cue: bool,
    /// Whether there is a `speaker_type` column: without one, the type is not measured.
    pub has_speaker_type: bool,
}

impl Predictions {
    /// Reads a claims CSV from a file; `-` reads standard input.
    ///
    /// # Errors
    ///
    /// See [`Predictions::from_csv`].
    pub fn read(path: &Path) -> Result<Predictions, Error> {
        if path == Path::new("-") {
            return Predictions::from_csv(std::io::stdin().lock(), "<stdin>");
        }
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| Error::io(&name, e))?;
        Predictions::from_csv(file, &name)
    }

    /// Reads a claims CSV with a header, as Python's `csv.DictReader` does: columns by name
    /// (the last of a repeated name wins), rows of any length, blank lines skipped. Only
    /// `article_id`, `start` and `end` matter for the span figures; see [`Prediction`] for the
    /// others. One difference: a UTF-8 byte order mark before the header is ignored, where
    /// score.py would read it into the first column's name and find no `article_id`.
    ///
    /// # Errors
    ///
    /// When the CSV is malformed or not UTF-8, naming `name` and the line.
    pub fn from_csv<R: Read>(reader: R, name: &str) -> Result<Predictions, Error> {
        let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let header = csv.headers().map_err(|e| Error::csv(name, &e))?.clone();
        let column = |want: &str| {
            header
                .iter()
                .enumerate()
                .filter(|(_, h)| *h == want)
                .last()
                .map(|(k, _)| k)
        };
        let [article_id, claim_id, kind, start, end, speaker, speaker_type, speaker_start, speaker_end, cue_start, cue_end, title, role, organisation, outlet] =
            [
                "article_id",
                "claim_id",
                "kind",
                "start",
                "end",
                "speaker",
                "speaker_type",
                "speaker_start",
                "speaker_end",
                "cue_start",
                "cue_end",
                "title",
                "role",
                "organisation",
                "outlet",
            ]
            .map(column);
        let mut rows = Vec::new();
        for row in csv.records() {
            let row = row.map_err(|e| Error::csv(name, &e))?;
            let text = |c: Option<usize>| c.and_then(|c| row.get(c)).map(str::to_string);
            let int = |c: Option<usize>| py::as_int(c.and_then(|c| row.get(c)));
            rows.push(Prediction {
                article_id: text(article_id),
                claim_id: text(claim_id),
                kind: text(kind),
                start: int(start),
                end: int(end),
                speaker: text(speaker),
                speaker_type: text(speaker_type),
                speaker_start: int(speaker_start),
                speaker_end: int(speaker_end),
                cue_start: int(cue_start),
                cue_end: int(cue_end),
                title: text(title),
                role: text(role),
                organisation: text(organisation),
                outlet: text(outlet),
            });
        }
        Ok(Predictions {
            rows,
            has_cue: cue_start.is_some(),
            has_speaker_type: speaker_type.is_some(),
        })
    }

    /// The rows `whosaid extract` would write for these records, without the detour through a
    /// file: scoring them gives the figures of scoring that CSV.
    pub fn from_records<'a: 'r, 'r>(
        records: impl IntoIterator<Item = &'r Record<'a>>,
    ) -> Predictions {
        let offset = |o: usize| i64::try_from(o).ok();
        let rows = records
            .into_iter()
            .map(|r| Prediction {
                article_id: Some(r.article_id.to_string()),
                claim_id: Some(r.claim_id.to_string()),
                kind: Some(r.kind.to_string()),
                start: offset(r.start),
                end: offset(r.end),
                speaker: Some(r.speaker.to_string()),
                speaker_type: Some(r.speaker_type.to_string()),
                speaker_start: r.speaker_start.and_then(offset),
                speaker_end: r.speaker_end.and_then(offset),
                cue_start: r.cue_start.and_then(offset),
                cue_end: r.cue_end.and_then(offset),
                title: Some(r.title.to_string()),
                role: Some(r.role.to_string()),
                organisation: Some(r.organisation.to_string()),
                outlet: Some(r.outlet.to_string()),
            })
            .collect();
        Predictions {
            rows,
            has_cue: true,
            has_speaker_type: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_dict_reader() {
        let csv = "article_id,start,end,speaker,start\na,1,5,Jo, 7 \n\nb,x\nc\n";
        let p = Predictions::from_csv(csv.as_bytes(), "p.csv").unwrap();
        assert!(!p.has_cue);
        assert_eq!(p.rows.len(), 3);
        // The last `start` column wins; int() strips spaces.
        assert_eq!((p.rows[0].start, p.rows[0].end), (Some(7), Some(5)));
        assert_eq!(p.rows[0].speaker.as_deref(), Some("Jo"));
        assert_eq!(p.rows[1].start, None);
        assert_eq!(
            (
                p.rows[2].article_id.as_deref(),
                p.rows[2].speaker.as_deref()
            ),
            (Some("c"), None)
        );
        assert_eq!(p.rows[0].kind, None);
    }

    #[test]
    fn records_read_as_their_csv() {
        let record = Record {
            article_id: "a".into(),
            claim_id: "a#1".into(),
            kind: "direct",
            quote: "Hi".into(),
            start: 1,
            end: 3,
            speaker: "".into(),
            speaker_type: "",
            speaker_id: "".into(),
            title: "".into(),
            role: "mayor".into(),
            organisation: "".into(),
            outlet: "".into(),
            cue: "".into(),
            speaker_mention: "".into(),
            speaker_start: None,
            speaker_end: None,
            cue_start: Some(9),
            cue_end: Some(13),
            resolution: "none",
            rule: "".into(),
            confidence: whosaid_core::Confidence::CERTAIN,
        };
        let csv = "article_id,claim_id,kind,quote,start,end,speaker,speaker_type,title,role,organisation,outlet,cue,speaker_mention,speaker_start,speaker_end,cue_start,cue_end,resolution,rule\n\
                   a,a#1,direct,Hi,1,3,,,,mayor,,,,,,,9,13,none,\n";
        assert_eq!(
            Predictions::from_records([&record]),
            Predictions::from_csv(csv.as_bytes(), "p.csv").unwrap()
        );
    }
}
