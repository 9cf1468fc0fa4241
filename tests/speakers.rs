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
    // A role noun opening the sentence: "Coach", "Actress" (held-out news).
    let [speaker, _, _, role, _] = who(
        "The team is ready, Coach Mike Ruddock said on Tuesday.",
        "The team",
    );
    assert_eq!((speaker.as_str(), role.as_str()), ("Mike Ruddock", "Coach"));
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

/// Held-out check set: "Health Minister Stephen L." had the title "Minister", and "LSI
/// Chairman W. C." none; a portfolio is part of the title, and a capitalised "Chairman" before a
/// name is one, while "party chairman" stays a role.
#[test]
fn a_portfolio_and_a_capitalised_chairman_are_titles() {
    let [speaker, _, title, ..] = who(
        "The clinic will open, Health Minister Anna Kowal said.",
        "The clinic",
    );
    assert_eq!(
        (speaker.as_str(), title.as_str()),
        ("Anna Kowal", "Health Minister")
    );
    let [speaker, _, title, role, _] = who(
        "Sales will rise, Acme Vice Chairman Tom Reyes said.",
        "Sales will",
    );
    assert_eq!(
        (speaker.as_str(), title.as_str()),
        ("Tom Reyes", "Vice Chairman")
    );
    assert!(role.contains("Acme"), "{role}");
    // The same from a description elsewhere in the article: the place before the title is
    // not part of it.
    let [speaker, _, title, ..] = who(
        "Remarks from Japanese Finance Minister Kenji Sato were ignored.\n\nThe yen will rise, Sato said.",
        "The yen",
    );
    assert_eq!(
        (speaker.as_str(), title.as_str()),
        ("Kenji Sato", "Finance Minister")
    );
    let [speaker, _, title, role, _] = who(
        "Turnout will be high, party chairman Tom Reyes said.",
        "Turnout",
    );
    assert_eq!((speaker.as_str(), title.as_str()), ("Tom Reyes", ""));
    assert!(role.contains("chairman"), "{role}");
}

/// A fronted time or place phrase without a comma was read as part of the speaker: "Last
/// month her lawyers", "In a report the Kiel institute" (held-out check set and news corpus).
#[test]
fn a_fronted_time_or_place_phrase_is_no_part_of_the_speaker() {
    let [speaker, kind, ..] = who(
        "Last week a spokesman said the plant would close.",
        "the plant",
    );
    assert_eq!((speaker.as_str(), kind.as_str()), ("spokesman", "person"));
    let text = "Acme Steel Corp said it would cut its forecast.\n\nIn a statement the company said demand was weak.";
    let [speaker, kind, ..] = who(text, "demand");
    assert_eq!(
        (speaker.as_str(), kind.as_str()),
        ("Acme Steel Corp", "organisation")
    );
    // "According to the ministry" keeps its speaker; a lowercase lead is not a sentence's.
    let [speaker, ..] = who("According to the ministry, exports fell.", "exports");
    assert!(speaker.contains("ministry"), "{speaker}");
}

/// "EIA said" after "the Energy Information Administration (EIA)" was a speaker of its own, so
/// a corpus counted one agency under two names.
#[test]
fn an_acronym_the_article_spells_out_is_the_organisation_it_stands_for() {
    let text = "Stocks fell, the Energy Information Administration (EIA) said.\n\n\
                Demand will rise, the EIA said.\n\n\
                The Chicago Board of Trade's (CBT) board met.\n\nPrices will rise, the CBT said.";
    let rows = crate::constructions::extract(text, None);
    for prefix in ["Stocks fell", "Demand will"] {
        let r = crate::constructions::row(&rows, prefix);
        assert_eq!(
            crate::constructions::field(r, "speaker"),
            "Energy Information Administration"
        );
        assert_eq!(
            crate::constructions::field(r, "speaker_id"),
            "organisation:energy-information-administration"
        );
    }
    let [speaker, ..] = who(text, "Prices will");
    assert_eq!(speaker, "Chicago Board of Trade");
    // Letters that are no initials of the words before the bracket: the acronym stays.
    let [speaker, ..] = who(
        "Talks began at the Ministry of Trade (XYZ).\n\nPrices will rise, the XYZ said.",
        "Prices will",
    );
    assert_eq!(speaker, "XYZ");
}

/// An organisation's name of more than six words was taken for a sentence fragment and left
/// the speaker empty: "The Port Authority of New York and New Jersey said".
#[test]
fn an_organisation_with_a_long_name_is_a_speaker() {
    let [speaker, kind, ..] = who(
        "The Port Authority of New York and New Jersey said the bridge would reopen.",
        "the bridge",
    );
    assert_eq!(
        (speaker.as_str(), kind.as_str()),
        ("Port Authority of New York and New Jersey", "organisation")
    );
}

/// "the report" of an organisation whose name has six words or more was named "<author>
/// report", which is longer than any speaker may be, so the speaker came out empty.
#[test]
fn a_report_of_an_organisation_with_a_long_name_keeps_a_speaker() {
    let text = "Growth will slow, the Organisation for Economic Cooperation and Development \
                said.\n\nThe report said unemployment would rise.";
    let [speaker, kind, _, _, organisation] = who(text, "unemployment");
    assert_eq!((speaker.as_str(), kind.as_str()), ("report", "document"));
    assert_eq!(
        organisation,
        "Organisation for Economic Cooperation and Development"
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

#[test]
fn a_party_tag_in_brackets_is_the_role_not_the_name() {
    let [speaker, _, title, role, _] = who(
        "Sen. Maria Delgado (D-N.M.) said the bill would pass.",
        "the bill",
    );
    assert_eq!(
        (speaker.as_str(), title.as_str(), role.as_str()),
        ("Maria Delgado", "Sen.", "D-N.M.")
    );
    // An acronym in brackets is no party tag.
    let [speaker, _, _, role, _] = who("Ann Lee (CEO) said the plant would close.", "the plant");
    assert_eq!((speaker.as_str(), role.as_str()), ("Ann Lee", ""));
}

#[test]
fn a_role_noun_between_two_capitalised_runs_leaves_the_second_as_the_name() {
    let text = "Kill Bill director Tomas Renner had talked of wanting the project, and said he \
                had spoken to the studio about it.";
    let [speaker, kind, _, role, _] = who(text, "he had spoken");
    assert_eq!(
        (speaker.as_str(), kind.as_str()),
        ("Tomas Renner", "person")
    );
    assert!(role.contains("director"), "role {role:?}");
    // No role noun between them: the subject is the first run alone.
    let [speaker, ..] = who(
        "Ann Lee met Tom Hale on Monday, and said the talks had gone well.",
        "the talks",
    );
    assert_eq!(speaker, "Ann Lee");
}

#[test]
fn a_general_word_as_organisation_is_the_organisation_the_article_names() {
    let text = "Koninklijke Wessel NV said it is planning further acquisitions.\n\n\
                Company chairman Gerard van Dalen told journalists he expected profits to rise.";
    let [speaker, kind, ..] = who(text, "it is planning");
    assert_eq!(
        (speaker.as_str(), kind.as_str()),
        ("Koninklijke Wessel NV", "organisation")
    );
    let [speaker, _, _, role, organisation] = who(text, "he expected");
    assert_eq!(
        (speaker.as_str(), role.as_str(), organisation.as_str()),
        ("Gerard van Dalen", "chairman", "Koninklijke Wessel NV")
    );
    let text = "The economy is sluggish, the Economic Planning Agency said.\n\n\
                A recovery depends on the yen, Agency officials said.\n\n\
                The officials told reporters output is likely to rise.";
    let [speaker, kind, _, _, organisation] = who(text, "A recovery");
    assert_eq!(
        (speaker.as_str(), kind.as_str(), organisation.as_str()),
        ("Agency officials", "group", "Economic Planning Agency")
    );
    // "The officials" are the Agency officials named before.
    let [speaker, _, _, _, organisation] = who(text, "output is likely");
    assert_eq!(
        (speaker.as_str(), organisation.as_str()),
        ("Agency officials", "Economic Planning Agency")
    );
    // With no organisation named in the article, the general word stays.
    let [_, _, _, _, organisation] = who(
        "Company chairman Gerard van Dalen said profits would rise.",
        "profits",
    );
    assert_eq!(organisation, "Company");
}

#[test]
fn what_the_article_says_before_a_name_describes_the_person() {
    let text = "The slate included the endorsed Republican candidate for governor, Wayne \
                Stennet. Nobody has declared a preference.\n\n\
                Stennet told reporters he planned to stay neutral.";
    let [speaker, _, _, role, _] = who(text, "he planned");
    assert_eq!(speaker, "Wayne Stennet");
    assert_eq!(role, "endorsed Republican candidate for governor");
    let text = "Trump's running mate — Indiana Gov. Mike Pinter — backed the speaker.\n\n\
                He said his boss is fine with it.";
    let [speaker, _, title, role, organisation] = who(text, "his boss");
    assert_eq!(
        (
            speaker.as_str(),
            title.as_str(),
            role.as_str(),
            organisation.as_str()
        ),
        ("Mike Pinter", "Gov.", "Trump's running mate", "Indiana")
    );
    // A phrase before the name with no role noun is no description: "In a statement, ...".
    let text = "In a statement, Wayne Stennet defended the plan.\n\nStennet said it would work.";
    let [speaker, _, _, role, _] = who(text, "it would work");
    assert_eq!((speaker.as_str(), role.as_str()), ("Wayne Stennet", ""));
}

#[test]
fn a_long_appositive_keeps_its_first_description() {
    let text = "Pat Quinlan, co-founder of the Harbor Institute and advocate of an ambitious \
                effort to cultivate new technologies, argued for research.\n\n\
                Quinlan said: \"No large economy has succeeded yet.\"";
    let [speaker, _, _, role, organisation] = who(text, "No large economy");
    assert_eq!(
        (speaker.as_str(), role.as_str(), organisation.as_str()),
        ("Pat Quinlan", "co-founder", "Harbor Institute")
    );
}

#[test]
fn a_speaker_with_no_letters_a_possessive_or_a_sentence_fragment_is_left_empty() {
    let text = "Convention floor.\n\n\
                “Call the roll,” came shouts from the crowd. (“I do not want a fight,” said one \
                party activist.)\n\n\
                Nearly 60 percent of Mrs. Lane's reported donations have come from women, \
                according to Donorwatch.\n\n\
                After a long speech about wages, Mrs. Lane struck many of the same notes, \
                hitting themes that elevated her rival.";
    let rows = extract(text, None);
    for r in &rows {
        let speaker = field(r, "speaker");
        assert!(
            speaker.is_empty()
                || (speaker.chars().any(char::is_alphabetic)
                    && !speaker.ends_with("'s")
                    && speaker.split_whitespace().count() <= 6),
            "malformed speaker {speaker:?} in {r:#}"
        );
    }
    // Where such a phrase was all the detector gave, the claim is kept, its speaker empty.
    let r = row(&rows, "hitting themes");
    assert_eq!((field(r, "speaker"), field(r, "resolution")), ("", "none"));
    // A well-formed name in the same article still resolves.
    assert_eq!(
        field(row(&rows, "Nearly 60 percent"), "speaker"),
        "Donorwatch"
    );
}

#[test]
fn a_verb_role_or_possessor_before_a_first_name_is_no_part_of_the_name() {
    let [speaker, ..] = who(
        "The tour will go ahead, Singer Ann Lee said on Monday.",
        "The tour",
    );
    assert_eq!(speaker, "Ann Lee");
    let [speaker, ..] = who(
        "The club will appeal, Northfield's Tom Hale told reporters.",
        "The club",
    );
    assert_eq!(speaker, "Tom Hale");
    // An initial, or a given name the word list does not know, stays.
    let [speaker, ..] = who("The merger is off, T. Boone Parkens said.", "The merger");
    assert_eq!(speaker, "T. Boone Parkens");
}

#[test]
fn a_headline_or_a_word_that_starts_sentences_is_no_part_of_a_name() {
    let [speaker, ..] = who(
        "The plan will fail, although Lanford said on Monday it would pass.\n\n\
         On Monday Ann Lee said the plan would pass.",
        "the plan would pass",
    );
    assert_eq!(speaker, "Ann Lee");
    // Two capitalised words with a preposition may be a name.
    let [speaker, ..] = who(
        "\"We must move to the centre,\" said Al From, who founded the council.",
        "We must move",
    );
    assert_eq!(speaker, "Al From");
}

#[test]
fn a_name_found_elsewhere_in_the_article_is_cleaned_as_a_speakers_is() {
    // "She" resolves through the article's names to the run "Singer Ann Lee": the role noun
    // before the first name is no part of the name there either.
    let [speaker, ..] = who(
        "Singer Ann Lee opened the show on Friday.\n\nShe said the tour would go on.",
        "the tour",
    );
    assert_eq!(speaker, "Ann Lee");
}
