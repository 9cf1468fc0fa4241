//! Every bug that was fixed, as a named test with a comment saying what broke and which commit
//! fixed it (ripgrep's tests/regression.rs). Each runs the binary on the smallest text that
//! showed the bug and checks what a user saw go wrong: a missing or extra row, a wrong speaker,
//! a claim cut in the wrong place.
//!
//! Some bugs keep their regression test inside their crate, next to the private code they
//! broke:
//!
//! - 5d7dbd1, a panic on "😀 Brig. Gen. said" (a look-ahead past the last token):
//!   `cue_as_last_token_after_abbreviations` in crates/detect/src/tests.rs, and the seed in
//!   tests/props.proptest-regressions.
//! - adfe475, a JSONL line holding an array read as an article by position:
//!   `bad_lines_say_what_is_wrong` in crates/cli/input.rs.
//! - 8fe6245, "N.Y. “We won.”" kept as one sentence: `dotted_then_quote` in
//!   crates/segment/src/sentences.rs.
//! - 5730fca and fcb9c15, "said.Trump" glued into one word and "Halo.Bungie.Org" split into
//!   three: `missing_space_after_a_sentence_still_splits_words` in crates/segment/src/tokens.rs.
//! - 7f49bf7, doubled apostrophes (''We won,'') not seen as quotes:
//!   `doubled_apostrophes_are_one_double_quote` in crates/segment/src/tokens.rs.
//! - 6948112 and 3f3e2b2, "Analysts said" as a person named Analysts, "a spokesman for Donald
//!   Trump" as Donald Trump: `affiliations_and_capitalised_common_nouns` in
//!   crates/attribute/src/phrase.rs; "Note:" as a speaker: the label rule's `not` example.
//!
//! The bugs that the construction fixtures found when they were written (0b22b9e) and those
//! that the samples' hand annotation found (a1f4954) are tested in constructions.rs and
//! samples.rs. Speed and memory fixes (049f6ed, 14ca1c9, 5ed3dd4) have no test here.

use serde_json::Value;

use crate::constructions::{extract, field, row};

/// A verb with a hearer was read inverted after a comma: in "\"...,\" a resident, who gave only
/// his first name, told AFP." AFP was the speaker of a claim that ran on to "name". Fixed in
/// 7f49bf7 (not run on the old code: the binary did nothing yet).
#[test]
fn a_hearer_is_never_the_speaker() {
    let rows = extract(
        "\"We will not leave,\" a resident, who gave only his first name, told AFP.",
        None,
    );
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(field(&rows[0], "quote"), "We will not leave,");
    assert_eq!(field(&rows[0], "speaker"), "resident");
    assert_eq!(field(&rows[0], "outlet"), "AFP");
}

/// "Now Wilson explained" gave the speaker "Now Wilson": a sentence adverb was read as the
/// first word of the name, in the speaker phrase (fixed in fcb9c15) and in the article's index
/// of full names that a later surname resolves to (fixed in 1630439).
#[test]
fn a_sentence_adverb_is_not_part_of_a_name() {
    let rows = extract("Now Wilson explained that the plant would close.", None);
    let r = row(&rows, "the plant would close");
    assert_eq!(field(r, "speaker"), "Wilson");
    assert_eq!(field(r, "speaker_mention"), "Wilson");
    let rows = extract(
        "Now Wilson Harper runs the mill. \"We will stay,\" Harper said.",
        None,
    );
    let r = row(&rows, "We will stay");
    assert_eq!(
        (field(r, "speaker"), field(r, "resolution")),
        ("Wilson Harper", "surname")
    );
}

/// A cue after a comma or a closing quote was read inverted ("said <speaker>") even when a
/// preposition followed it: in "\"But,\" said of Sanders, ..." the speaker was "of Sanders".
/// Fixed in 7dd2c85.
#[test]
fn an_inverted_speaker_never_starts_with_a_preposition() {
    let rows = extract(
        "\"We disagree on a lot,\" Clinton said. \"But,\" said of Sanders, \"he is a fighter.\"",
        None,
    );
    assert_eq!(field(row(&rows, "We disagree"), "speaker"), "Clinton");
    for r in &rows {
        assert!(!field(r, "speaker").starts_with("of "), "{r:#}");
    }
}

/// Verbs of evaluation were read inverted after a comma: in "The tax is a burden, called the law
/// \"a disaster.\"" the law said that the tax is a burden. Fixed in 7dd2c85.
#[test]
fn an_evaluation_verb_is_never_inverted() {
    let rows = extract(
        "The governor vetoed the bill. The tax is a burden, called the law \"a disaster.\"",
        None,
    );
    for r in &rows {
        assert_ne!(field(r, "speaker"), "law", "{r:#}");
    }
}

/// An inverted speaker phrase could hold a verb: in "..., who asked not to be named, said Mr.
/// Trump was wrong about the tariffs." the speaker was "Mr. Trump was wrong about the tariffs"
/// and the claim was the words before the cue. Fixed in 2ad5e7e.
#[test]
fn an_inverted_speaker_phrase_holds_no_verb() {
    let rows = extract(
        "Prices rose in May, and one trader, who asked not to be named, said Mr. Trump was wrong \
         about the tariffs.",
        None,
    );
    let r = row(&rows, "Mr. Trump was wrong about the tariffs");
    // The trader asked not to be named: an anonymous source, described in the role.
    assert_eq!(field(r, "speaker"), "");
    assert_eq!(field(r, "speaker_type"), "anonymous");
    assert!(
        field(r, "role").starts_with("trader"),
        "{}",
        field(r, "role")
    );
    assert_eq!(field(r, "cue"), "said");
}

/// In "Bob said A, but he said B" the first sentence half, already Bob's claim, was taken again
/// as the claim of "he said", and B was lost. Fixed in ed05027.
#[test]
fn a_claim_already_found_does_not_lead_a_later_cue() {
    let rows = extract(
        "Bob said there was \"some reporting\" on it, but he said the plan would fail.",
        None,
    );
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let r = row(&rows, "the plan would fail");
    assert_eq!((field(r, "speaker"), field(r, "cue")), ("Bob", "said"));
}

/// Claim ids were numbered in the order the frames found them, not in text order: a claim nested
/// in another ("The group accused ..., a commander told AFP") came out as #2 before #1. The same
/// fix (3524008) closed the gaps that a dropped duplicate left; the property test checks those.
#[test]
fn claim_ids_count_up_in_text_order() {
    let rows = extract(
        "The group accused its own fighters of trying to flee, a commander told AFP.",
        None,
    );
    let ids: Vec<&str> = rows.iter().map(|r| field(r, "claim_id")).collect();
    assert_eq!(ids, ["t#1", "t#2"]);
}

/// The claim of "endorsed Tom Ruiz here on Sunday" ran on to the time and place, and "Ruiz found
/// himself at the center of it" was a claim of Ruiz's. Fixed in 593e51f.
#[test]
fn a_noun_phrase_claim_ends_before_time_and_place() {
    let rows = extract(
        "Gov. Ann Lee endorsed Tom Ruiz here on Sunday. Ruiz found himself at the center of it.",
        None,
    );
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(field(&rows[0], "quote"), "Tom Ruiz");
    assert_eq!(field(&rows[0], "speaker"), "Ann Lee");
}

/// "Critics say this is a rough patch" read "this" as opening a time phrase ("this week") and
/// found no claim (fixed in d1bd3aa); nor did "said Monday night it would veto the bill", after
/// a bare time (fixed in 64d0fcc).
#[test]
fn this_after_the_cue_opens_the_claim_unless_it_is_a_time() {
    let rows = extract(
        "Critics say this is a rough patch. The mayor said this week that the bridge will reopen.",
        None,
    );
    assert_eq!(
        field(row(&rows, "this is a rough patch"), "speaker"),
        "critics"
    );
    assert_eq!(field(row(&rows, "the bridge will reopen"), "cue"), "said");
    let rows = extract(
        "The White House said Monday night it would veto the bill.",
        None,
    );
    assert_eq!(
        field(row(&rows, "it would veto the bill"), "speaker"),
        "White House"
    );
}

/// The name parser took the last capitalised run as the speaker's name: "Officials in
/// Washington" were Washington, "Sen. Ted Cruz in Iowa" was Iowa. Fixed in 11a6fb9.
#[test]
fn a_place_after_the_speaker_is_not_the_speaker() {
    let rows = extract(
        "Officials in Washington said Friday that talks had stalled. Sen. Ted Cruz in Iowa said \
         he would win.",
        None,
    );
    let r = row(&rows, "talks had stalled");
    assert_eq!(field(r, "speaker"), "officials");
    assert_eq!(field(r, "organisation"), "Washington");
    assert_eq!(field(r, "speaker_mention"), "Officials in Washington");
    assert_eq!(field(row(&rows, "he would win"), "speaker"), "Ted Cruz");
}

/// "Though the White House kept mum about the timing, all signs pointed to a delay ..." gave a
/// claim of "signs", although "pointed" does not end its clause as a cue does. Fixed in 970ebbb.
#[test]
fn a_verb_with_a_long_tail_has_no_claim_before_it() {
    let rows = extract(
        "Though the White House kept mum about the timing, all signs pointed to a delay in the \
         vote until the spring.",
        None,
    );
    assert_eq!(rows, Vec::<Value>::new());
    let rows = extract(
        "The bridge will reopen, the mayor said in an interview on Tuesday.",
        None,
    );
    assert_eq!(
        field(row(&rows, "The bridge will reopen"), "speaker"),
        "mayor"
    );
}

// Issue 17: a claims CSV given as input by mistake was read as an article ("8 claims written",
// exit 0), and so was the same table renamed .txt. It is now refused, naming the file, and
// counted as failed.
#[test]
fn a_claims_table_given_as_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let article = crate::util::write(dir.path(), "a.txt", "“We won,” Jo Smith said.\n");
    let claims = crate::util::run(&["extract".to_string(), crate::util::arg(&article)]).stdout;
    for name in ["claims.csv", "claims.txt"] {
        let table = crate::util::write(dir.path(), name, &claims);
        let r = crate::util::run(&["extract".to_string(), crate::util::arg(&table)]);
        assert_eq!(r.status, 1, "{name}: {}", r.stderr);
        assert_eq!(r.counts(), (1, 0, 1, 0), "{name}");
        assert!(
            r.stderr.contains("not an article: a table (CSV)"),
            "{}",
            r.stderr
        );
    }
}

// Issue 17: a .html page was read as plain text, markup and all: 0 claims and no warning. Its
// article is now extracted and its quote found.
#[test]
fn an_html_page_is_not_read_as_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = crate::util::write(
        dir.path(),
        "p.html",
        "<html><head><title>T</title></head><body><article><p>The council met on Monday to \
         discuss the harbour and the roads, and voted late in the evening.</p><p>“We will \
         rebuild the harbour wall this year,” said Mara Quell, who chairs the works \
         committee.</p></article></body></html>",
    );
    let r = crate::util::run(&["extract".to_string(), crate::util::arg(&page)]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.contains(",Mara Quell,person,"), "{}", r.stdout);
    assert!(!r.stdout.contains("<p>"), "{}", r.stdout);
}

/// "A lawmaker in <place> is calling for ..." made an unnamed speaker "lawmaker"; the person
/// the article named next without a role of their own was a different speaker, and a later
/// "the lawmaker" and the "he" after it went to the description instead of to them (speakers
/// check set: resolved 92.4 -> 91.6 after 8ff93b9 found the first claim). Fixed in the
/// attribute stage: a description named later (after it, with no title or role of their own) is
/// the named person, and "the organiser" is not the unnamed "councillor" either.
#[test]
fn a_person_described_first_and_named_later_is_one_speaker() {
    let rows = extract(
        "A councillor in Norvia is calling for the festival to be cancelled after the \
         organiser suggested that the river path was unsafe.\n\n\"The town has waited long \
         enough for a straight answer,\" Marta Quell said in a motion filed on Monday.\n\n\
         Quell said that the bridge had been closed twice this year. The councillor, who \
         represents the harbour ward, said the cost \"has fallen on the families who live \
         there.\"",
        None,
    );
    let speaker = |quote: &str| field(row(&rows, quote), "speaker").to_string();
    assert_eq!(speaker("the festival to be cancelled"), "Marta Quell");
    assert_eq!(speaker("the river path was unsafe"), "organiser");
    assert_eq!(speaker("the bridge had been closed"), "Marta Quell");
    assert_eq!(speaker("the cost"), "Marta Quell");
    // A person named with a role of their own is someone else: the councillor stays unnamed.
    let rows = extract(
        "A councillor in Norvia said that the festival should be cancelled.\n\nBen Ortiz, the \
         town's mayor, said the festival would go ahead. The councillor said the river path \
         was unsafe.",
        None,
    );
    let speaker = |quote: &str| field(row(&rows, quote), "speaker").to_string();
    assert_eq!(speaker("the festival should be cancelled"), "councillor");
    assert_eq!(speaker("the festival would go ahead"), "Ben Ortiz");
    assert_eq!(speaker("the river path was unsafe"), "councillor");
    // Nor is a person named before the description: "a treasury spokesman" is not the
    // Marta Quell of the sentence he spoke in.
    let rows = extract(
        "Anton Bragg has told Marta Quell that the loan is a matter for the banks, a treasury \
         spokesman said.\n\nQuell said the talks would go on. The spokesman said the meeting \
         had been at her request.",
        None,
    );
    let speaker = |quote: &str| field(row(&rows, quote), "speaker").to_string();
    assert_eq!(speaker("the talks would go on"), "Marta Quell");
    assert_ne!(speaker("the meeting had been"), "Marta Quell");
}
