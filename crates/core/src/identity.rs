//! A speaker's identity across articles: the `speaker_id` column.

use crate::SpeakerKind;

/// The id of a speaker of `kind` named `name`: the kind, a colon, and the name in lowercase
/// with every run of characters other than letters and digits made one hyphen, a leading
/// "the" left out: `person:barack-obama`, `organisation:united-airlines`, `group:officials`.
/// The same name of the same kind has the same id in every article and every run, so that
/// the claims of shards can be counted together; `whosaid speakers` then merges the ids that
/// stand for one person ("person:obama" into "person:barack-obama"). Empty for an anonymous
/// source, which has no name, and when there is no speaker.
///
/// ```
/// use whosaid_core::{speaker_id, SpeakerKind};
///
/// assert_eq!(speaker_id(Some(SpeakerKind::Person), "Layla al-Hakim"), "person:layla-al-hakim");
/// assert_eq!(speaker_id(Some(SpeakerKind::Organisation), "the White House"), "organisation:white-house");
/// assert_eq!(speaker_id(Some(SpeakerKind::Anonymous), ""), "");
/// ```
pub fn speaker_id(kind: Option<SpeakerKind>, name: &str) -> String {
    let Some(kind) = kind else {
        return String::new();
    };
    // One pass, one allocation, the kind and the words written straight into the id; the
    // resolver makes it once per speaker, not once per row.
    let kind = kind.as_str();
    let mut id = String::with_capacity(kind.len() + 1 + name.len());
    id.push_str(kind);
    id.push(':');
    let prefix = id.len();
    let mut word_start = None;
    let mut gap = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            gap = true;
            continue;
        }
        if gap || word_start.is_none() {
            // A leading "the" is no part of the name.
            if word_start == Some(prefix) && id[prefix..].eq_ignore_ascii_case("the") && gap {
                id.truncate(prefix);
            } else if id.len() > prefix {
                id.push('-');
            }
            word_start = Some(id.len());
            gap = false;
        }
        if c.is_ascii() {
            id.push(c.to_ascii_lowercase());
        } else {
            id.extend(c.to_lowercase());
        }
    }
    if id.len() == prefix {
        return String::new();
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_name_has_the_same_id_however_written() {
        let person = Some(SpeakerKind::Person);
        assert_eq!(speaker_id(person, "Barack  Obama"), "person:barack-obama");
        assert_eq!(speaker_id(person, "BARACK OBAMA"), "person:barack-obama");
        assert_eq!(
            speaker_id(person, "Nuri al-Maliki"),
            "person:nuri-al-maliki"
        );
        assert_eq!(
            speaker_id(person, "Ségolène Royal"),
            "person:ségolène-royal"
        );
        assert_eq!(speaker_id(person, "..."), "");
        assert_eq!(speaker_id(None, "Obama"), "");
        assert_ne!(
            speaker_id(Some(SpeakerKind::Organisation), "Obama"),
            speaker_id(person, "Obama")
        );
    }
}
