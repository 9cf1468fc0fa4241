//! Who the speaker column names, and as what: the shapes the speaker issue listed, each with a
//! made-up sentence. A speaker is a name, an organisation, a group or a description; never a
//! pronoun, a verb phrase or a fragment, whatever the sentence around it.

use crate::constructions::{extract, field, row};

/// (speaker, speaker_type, title, role, organisation) of the claim starting `prefix`.
fn who(text: &str, prefix: &str) -> [String; 5] {
    let rows = extract(text, None);
    let r = row(&rows, prefix);
    ["speaker", "speaker_type", "title", "role", "organisation"].map(|k| field(r, k).to_string())
}

#[test]
fn a_premodifier_is_no_part_of_the_name() {
    let [speaker, kind, _, role, _] = who(
        "The tax plan will pass in May, Republican Donald Trump said on Tuesday.",
        "The tax plan",
    );
    assert_eq!(
        (speaker.as_str(), kind.as_str()),
        ("Donald Trump", "person")
    );
    assert_eq!(role, "Republican");
}

#[test]
fn mr_and_ms_are_no_titles_but_ranks_are() {
    let [speaker, _, title, ..] = who("The mine will reopen, Mr. Haddad said.", "The mine");
    assert_eq!((speaker.as_str(), title.as_str()), ("Haddad", ""));
    let [speaker, _, title, ..] = who(
        "The bridge is safe, Brig. Gen. Omar Haddad said.",
        "The bridge",
    );
    assert_eq!(
        (speaker.as_str(), title.as_str()),
        ("Omar Haddad", "Brig. Gen.")
    );
}

#[test]
fn an_unnamed_spokesperson_is_the_organisation_speaking() {
    let [speaker, kind, _, role, organisation] = who(
        "A United Airlines spokesperson said the flight was delayed by fog.",
        "the flight",
    );
    assert_eq!(
        (speaker.as_str(), kind.as_str()),
        ("United Airlines", "organisation")
    );
    assert_eq!(
        (role.as_str(), organisation.as_str()),
        ("spokesperson", "United Airlines")
    );
}

#[test]
fn an_anonymous_source_has_no_name_and_its_description_as_role() {
    let [speaker, kind, _, role, _] = who(
        "People familiar with the deliberations said the deal was close.",
        "the deal",
    );
    assert_eq!((speaker.as_str(), kind.as_str()), ("", "anonymous"));
    assert_eq!(role, "People familiar with the deliberations");
}

#[test]
fn a_report_is_a_document() {
    let [speaker, kind, ..] = who("The report said exports fell by a third.", "exports fell");
    assert_eq!((speaker.as_str(), kind.as_str()), ("report", "document"));
}

#[test]
fn a_contraction_is_no_speaker() {
    let [speaker, kind, ..] = who("“It is over,” he’s said many times.", "It is over");
    assert_eq!((speaker.as_str(), kind.as_str()), ("", ""));
}

#[test]
fn she_is_the_named_woman_not_a_description_or_a_place() {
    let text =
        "Maria Lopez runs the clinic in Aleppo.\n\nA doctor there said supplies were short.\n\n\
                \"We need more staff,\" she said.";
    let [speaker, kind, ..] = who(text, "We need more staff");
    assert_eq!((speaker.as_str(), kind.as_str()), ("Maria Lopez", "person"));
}

#[test]
fn he_is_never_an_organisation() {
    let text = "Viacom International sued the network on Monday.\n\n\
                \"The claims are baseless,\" he said.";
    let [speaker, ..] = who(text, "The claims are baseless");
    assert_ne!(speaker, "Viacom International");
}

/// Page metadata read as a transcript speaker: "Subtitle: ..." and "Headline: ..." gave the
/// speakers "Subtitle" and "Headline" (held-out news, speaker issue).
#[test]
fn metadata_labels_are_no_speakers() {
    let rows = extract(
        "Subtitle: The mayor promised new roads to every village.\n\nHeadline: Storm hits the coast hard\n\nTAPPER: Do you think he can win?",
        None,
    );
    for r in &rows {
        let speaker = field(r, "speaker");
        assert!(!["Subtitle", "Headline"].contains(&speaker), "{rows:#?}");
    }
    assert_eq!(field(row(&rows, "Do you think"), "speaker"), "TAPPER");
}

/// An article that goes on by a person's given name: "Siri said" is Siri Karncharoendi when
/// nobody else in it is called Siri (the name index looked names up by the last word only).
#[test]
fn a_given_name_alone_is_the_full_name_that_starts_with_it() {
    let text =
        "The bank will hold rates, central bank spokesman Siri Karncharoendi told reporters.\n\n\
                Inflation is falling, Siri said.";
    let [speaker, kind, _, role, _] = who(text, "Inflation is falling");
    assert_eq!(
        (speaker.as_str(), kind.as_str()),
        ("Siri Karncharoendi", "person")
    );
    assert!(role.contains("spokesman"), "{role}");
}
