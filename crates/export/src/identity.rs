//! A speaker's identity across articles: the `speaker_id` column.

use whosaid_core::SpeakerKind;

/// The id of a speaker of `kind` named `name`: the kind, a colon, and the name in lowercase
/// with every run of characters other than letters and digits made one hyphen, a leading
/// "the" left out: `person:barack-obama`, `organisation:united-airlines`, `group:officials`.
/// The same name of the same kind has the same id in every article and every run, so that
/// the claims of shards can be counted together; `whosaid speakers` then merges the ids that
/// stand for one person ("person:obama" into "person:barack-obama"). Empty for an anonymous
/// source, which has no name, and when there is no speaker.
///
/// ```
/// use whosaid_core::SpeakerKind;
/// use whosaid_export::speaker_id;
///
/// assert_eq!(speaker_id(Some(SpeakerKind::Person), "Karim al-Karbouli"), "person:karim-al-karbouli");
/// assert_eq!(speaker_id(Some(SpeakerKind::Organisation), "the White House"), "organisation:white-house");
/// assert_eq!(speaker_id(Some(SpeakerKind::Anonymous), ""), "");
/// ```
pub fn speaker_id(kind: Option<SpeakerKind>, name: &str) -> String {
    let Some(kind) = kind else {
        return String::new();
    };
    let mut slug = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.is_empty() && word.eq_ignore_ascii_case("the") {
            continue;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().flat_map(char::to_lowercase));
    }
    if slug.is_empty() {
        return String::new();
    }
    format!("{}:{slug}", kind.as_str())
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
