//! A person's name core, and which cores stand for one person: the rules behind the merging
//! of `whosaid speakers`.
//!
//! The core of a name is the name without the titles and premodifiers written before it
//! ("Former President Bill Clinton" -> "Bill Clinton"); its key is the core's speaker id
//! (`person:bill-clinton`). Spellings with the same key are one person. A key made of one
//! word, or of surname particles and one word (`person:obama`, `person:bin-laden`), is a
//! surname; it may stand for the one full name that ends with it.

use std::collections::HashSet;
use std::sync::LazyLock;

use whosaid_core::{lexicon_lines, SpeakerKind};

use crate::speaker_id;

/// The word lists behind name cores, compiled in from `data/lexicons/`.
struct Lists {
    /// What is stripped from the front of a name, compared ignoring case: titles,
    /// premodifiers, sentence adverbs and weekdays, each as its [`normal`] words joined by
    /// one space.
    strippable: HashSet<String>,
    /// Most words in an entry of `strippable`.
    longest: usize,
    /// Capitalised words that start sentences, not names ("The", "According"), stripped from
    /// the front only as written there, so that the initial "A." stays.
    non_starts: HashSet<&'static str>,
    /// Surname particles ("bin", "al"), lowercase.
    particles: HashSet<String>,
}

/// The text of `data/lexicons/<name>.txt`, compiled in.
macro_rules! source {
    ($name:literal) => {
        include_str!(concat!("../../../../data/lexicons/", $name, ".txt"))
    };
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let phrase = |entry: &str| {
        entry
            .split_whitespace()
            .map(normal)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let kept: HashSet<String> = lexicon_lines(source!("given-name-titles"))
        .map(phrase)
        .collect();
    let strippable: HashSet<String> = [
        source!("titles"),
        source!("name-premodifiers"),
        source!("speaker-leading-adverbs"),
        source!("weekdays"),
    ]
    .into_iter()
    .flat_map(lexicon_lines)
    .map(phrase)
    .filter(|entry| !kept.contains(entry))
    .collect();
    let longest = strippable
        .iter()
        .map(|e| e.split(' ').count())
        .max()
        .unwrap_or(1);
    Lists {
        strippable,
        longest,
        non_starts: lexicon_lines(source!("name-run-non-starts")).collect(),
        particles: lexicon_lines(source!("name-particles"))
            .map(normal)
            .collect(),
    }
});

/// A word as the lists compare it: lowercase, without final periods ("Pres." -> "pres").
fn normal(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// The core of a person's name: `name` without the titles, premodifiers and sentence words
/// before it (titles.txt, name-premodifiers.txt, speaker-leading-adverbs.txt and weekdays.txt
/// less given-name-titles.txt, compared ignoring case and final periods, "ex-President" as two
/// words; name-run-non-starts.txt as written there) and without a final possessive
/// `'s`. At least one word always stays: "President" is its own core. Only a name is
/// stripped: when what would stay is not written like one ([`looks_like_name`]), the core is
/// the whole ("Labour spokesman").
pub(crate) fn name_core(name: &str) -> &str {
    let lists = &*LISTS;
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let mut first = 0;
    'strip: while words.len() - first > 1 {
        let most = lists.longest.min(words.len() - first - 1);
        if lists.non_starts.contains(words[first]) {
            first += 1;
            continue;
        }
        for n in (1..=most).rev() {
            let phrase: Vec<String> = words[first..first + n].iter().map(|w| normal(w)).collect();
            if lists.strippable.contains(&phrase.join(" ")) {
                first += n;
                continue 'strip;
            }
        }
        // "ex-President Bill Clinton", "then-Gov. Bush": the word after the hyphen stays.
        match words[first].split_once('-') {
            Some((before, after))
                if !after.is_empty() && lists.strippable.contains(&normal(before)) =>
            {
                words[first] = after;
            }
            _ => break,
        }
    }
    let (Some(&start), Some(&last)) = (words.get(first), words.last()) else {
        return name.trim();
    };
    // The words are slices of `name`: their offsets give the core's span.
    let from = start.as_ptr() as usize - name.as_ptr() as usize;
    let to = last.as_ptr() as usize - name.as_ptr() as usize + last.len();
    let mut core = &name[from..to];
    if !looks_like_name(core) {
        // "Labour spokesman" is no title and name: "spokesman" is no one's name.
        core = name.trim();
    }
    ["'s", "’s"]
        .iter()
        .find_map(|s| core.strip_suffix(s))
        .filter(|rest| !rest.trim().is_empty())
        .unwrap_or(core)
}

/// The key a speaker is counted under: for a person, the speaker id of the name's
/// [core](name_core) (`person:obama` for "Pres. Obama"); for anything else, and for a name
/// whose core has no letters or digits, the speaker id itself.
pub(crate) fn key(id: &str, speaker: &str) -> String {
    if is_person(id) {
        let key = speaker_id(Some(SpeakerKind::Person), name_core(speaker));
        if !key.is_empty() {
            return key;
        }
    }
    id.to_string()
}

/// True for a person's id or key.
pub(crate) fn is_person(key: &str) -> bool {
    key.starts_with("person:")
}

/// The words of a person's key: `person:nuri-al-maliki` -> nuri, al, maliki.
fn words(key: &str) -> impl DoubleEndedIterator<Item = &str> {
    key.split_once(':').map_or(key, |(_, slug)| slug).split('-')
}

/// The word that keys which may merge share: a person's last word, for anything else the key
/// itself, which merges with nothing. Counting a claim or an article once per identity needs
/// to know which keys may end up in one.
pub(crate) fn merge_group(key: &str) -> &str {
    if is_person(key) {
        words(key).next_back().unwrap_or(key)
    } else {
        key
    }
}

/// True when a person's key is a surname: one word, or surname particles and one word
/// (`person:obama`, `person:al-maliki`).
pub(crate) fn is_surname(key: &str) -> bool {
    let particles = &LISTS.particles;
    let mut words = words(key);
    words.next_back();
    words.all(|w| particles.contains(w))
}

/// True when `full`'s words end with all of `short`'s and have more: `person:barack-obama`
/// ends with `person:obama`.
pub(crate) fn extends(full: &str, short: &str) -> bool {
    let (full, short): (Vec<_>, Vec<_>) = (words(full).collect(), words(short).collect());
    full.len() > short.len() && full.ends_with(&short)
}

/// True when a name's core is written like a name: every word capitalised, or a surname
/// particle ("Nuri al-Maliki"), or in a script without case. "spokesman for Trump" is not,
/// and is no full name that "Trump" could stand for.
pub(crate) fn looks_like_name(core: &str) -> bool {
    let particles = &LISTS.particles;
    core.split_whitespace().all(|word| {
        let start = word.split('-').next().unwrap_or(word);
        particles.contains(&normal(start))
            || word
                .chars()
                .find(|c| c.is_alphabetic())
                .is_none_or(|c| !c.is_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cores!(name => core, ...)`: each name's core.
    macro_rules! cores {
        ($($name:literal => $core:literal),* $(,)?) => {
            $(assert_eq!(name_core($name), $core, "core of {:?}", $name);)*
        };
    }

    #[test]
    fn titles_and_premodifiers_are_stripped() {
        cores!(
            "Barack Obama" => "Barack Obama",
            "President Obama" => "Obama",
            "Pres. Obama" => "Obama",
            "Pres Obama" => "Obama",
            "Mr. Obama" => "Obama",
            "Mrs Clinton" => "Clinton",
            "Dr. Jill Stein" => "Jill Stein",
            "Former President Bill Clinton" => "Bill Clinton",
            "former Secretary of State Hillary Clinton" => "Hillary Clinton",
            "Democrat Hillary Clinton" => "Hillary Clinton",
            "Republican rival Donald Trump" => "Donald Trump",
            "GOP front-runner Donald Trump" => "Donald Trump",
            "Billionaire Donald Trump" => "Donald Trump",
            "Staff Brig. Gen. Yahya Rasul" => "Yahya Rasul",
            "Vice President Joe Biden" => "Joe Biden",
            "ex-President Bill Clinton" => "Bill Clinton",
            "then-Gov. George W. Bush" => "George W. Bush",
            "  Sen.  Ted Cruz " => "Ted Cruz",
            "Is President Obama" => "Obama",
            "Wednesday Lord Woolf" => "Woolf",
            "Until December Microsoft" => "Microsoft",
            "However Adelson" => "Adelson",
            "According Obama" => "Obama",
            "A. J. Muste" => "A. J. Muste",
        );
    }

    #[test]
    fn possessives_are_stripped() {
        cores!(
            "Obama’s" => "Obama",
            "Trump's" => "Trump",
            "Donald Trump's" => "Donald Trump",
            "'s" => "'s",
        );
    }

    #[test]
    fn a_name_is_never_stripped_to_nothing() {
        cores!(
            "President" => "President",
            "Former President" => "President",
            "Mr." => "Mr.",
            "" => "",
            "   " => "",
        );
    }

    #[test]
    fn only_names_are_stripped() {
        cores!(
            "Labour spokesman" => "Labour spokesman",
            "presidential spokesman" => "presidential spokesman",
            "former president Obama" => "Obama",
        );
    }

    #[test]
    fn titles_before_given_names_stay() {
        cores!(
            "King Abdullah" => "King Abdullah",
            "Prince Charles" => "Prince Charles",
            "Pope Francis" => "Pope Francis",
            "Former King Abdullah" => "King Abdullah",
        );
    }

    #[test]
    fn names_are_not_titles_after_the_front() {
        cores!(
            "John Major" => "John Major",
            "Thomas More" => "Thomas More",
            "Major" => "Major",
            "Obama the hopeful" => "Obama the hopeful",
            "senior Obama administration official" => "senior Obama administration official",
            "Mr. Obama's reaction to the attacks" => "Mr. Obama's reaction to the attacks",
        );
    }

    #[test]
    fn keys_are_the_ids_of_cores() {
        assert_eq!(key("person:pres-obama", "Pres. Obama"), "person:obama");
        assert_eq!(
            key("person:barack-obama", "Barack Obama"),
            "person:barack-obama"
        );
        assert_eq!(key("person:president", "President"), "person:president");
        assert_eq!(key("organisation:mr-x", "Mr. X"), "organisation:mr-x");
        assert_eq!(key("person:x", "..."), "person:x");
    }

    #[test]
    fn surnames_and_extensions() {
        assert!(is_surname("person:obama"));
        assert!(is_surname("person:bin-laden"));
        assert!(is_surname("person:al-maliki"));
        assert!(!is_surname("person:barack-obama"));
        assert!(extends("person:barack-obama", "person:obama"));
        assert!(extends("person:osama-bin-laden", "person:bin-laden"));
        assert!(!extends("person:obama", "person:obama"));
        assert!(!extends("person:michelle-obama", "person:barack-obama"));
        assert!(!extends("person:obamas", "person:obama"));
        assert_eq!(merge_group("person:nuri-al-maliki"), "maliki");
        assert_eq!(merge_group("group:u-s-officials"), "group:u-s-officials");
    }

    #[test]
    fn names_look_like_names() {
        assert!(looks_like_name("Nuri al-Maliki"));
        assert!(looks_like_name("Osama bin Laden"));
        assert!(looks_like_name("Donald J. Trump"));
        assert!(looks_like_name("Ségolène Royal"));
        assert!(looks_like_name("王 小明"));
        assert!(!looks_like_name("spokesman for Trump"));
        assert!(!looks_like_name("Obama the hopeful"));
    }
}
