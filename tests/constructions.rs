//! One small hand-written article per construction the extractor must handle, run through the
//! binary: the claim text, its kind, the resolved speaker and how it was resolved.

use serde_json::{json, Value};

use crate::util::run_with_stdin;

/// Extracts one article given as text (and an optional outlet) and returns its records.
pub(crate) fn extract(text: &str, outlet: Option<&str>) -> Vec<Value> {
    extract_with(text, outlet, &[])
}

/// `extract` with more command-line flags.
pub(crate) fn extract_with(text: &str, outlet: Option<&str>, flags: &[&str]) -> Vec<Value> {
    let mut article = json!({"id": "t", "text": text});
    if let Some(o) = outlet {
        article["outlet"] = json!(o);
    }
    let args: Vec<&str> = ["extract", "-", "--format", "jsonl"]
        .iter()
        .chain(flags)
        .copied()
        .collect();
    let out = run_with_stdin(&args, format!("{article}\n").as_bytes());
    assert_eq!(out.status, 0, "{}", out.stderr);
    let rows: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect();
    // Every row is checkable against the text.
    for r in &rows {
        crate::util::assert_quote_is_the_text(text, r);
    }
    rows
}

/// The row whose quote starts with `prefix`.
pub(crate) fn row<'a>(rows: &'a [Value], prefix: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["quote"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no claim starting {prefix:?} in {rows:#?}"))
}

pub(crate) fn field<'a>(r: &'a Value, k: &str) -> &'a str {
    r[k].as_str().unwrap_or_default()
}

#[test]
fn curly_quotes_and_nbsp() {
    let rows = extract("“We hold the bridge,”\u{a0}said Col. Omar Haddad of the Border Guard Service. €5 was the fee.", None);
    let r = row(&rows, "We hold the bridge");
    assert_eq!(field(r, "kind"), "direct");
    assert_eq!(field(r, "speaker"), "Omar Haddad");
    assert_eq!(field(r, "title"), "Col.");
    assert_eq!(field(r, "organisation"), "Border Guard Service");
}

#[test]
fn pronoun_and_surname_resolve_to_the_full_name() {
    let text = "Rebels left the valley, said Mira Castell, a regional governor.\n\n\"They will not come back,\" she told Radio Norte.\n\nThe roads reopened on Monday, Castell said.";
    let rows = extract(text, Some("Daily Star"));
    let r = row(&rows, "They will not come back");
    assert_eq!(
        (
            field(r, "speaker"),
            field(r, "resolution"),
            field(r, "speaker_mention")
        ),
        ("Mira Castell", "pronoun", "she")
    );
    assert_eq!(field(r, "outlet"), "Radio Norte");
    let r = row(&rows, "The roads reopened");
    assert_eq!(
        (field(r, "speaker"), field(r, "resolution")),
        ("Mira Castell", "surname")
    );
    assert_eq!(field(r, "role"), "a regional governor");
    // No outlet named in the sentence: the article's own.
    assert_eq!(field(r, "outlet"), "Daily Star");
}

#[test]
fn organisation_and_its_later_description() {
    let text = "Three depots were destroyed overnight, the Ministry of Defence said.\n\nA fire burned for hours, the ministry said.\n\n\"The strikes will continue,\" the ministry's statement said.";
    let rows = extract(text, None);
    let r = row(&rows, "A fire burned");
    assert_eq!(field(r, "speaker"), "Ministry of Defence");
    assert_eq!(field(r, "speaker_type"), "organisation");
    assert_eq!(field(r, "resolution"), "description");
    // The statement is a document, written by the ministry.
    let r = row(&rows, "The strikes will continue");
    assert_eq!(
        (field(r, "speaker"), field(r, "speaker_type")),
        ("Ministry of Defence statement", "document")
    );
    assert_eq!(field(r, "organisation"), "Ministry of Defence");
    assert_eq!(field(r, "resolution"), "description");
}

#[test]
fn groups_and_their_pronoun() {
    let text = "The dam is at risk of collapse, engineers tell Radio Norte.\n\nRepairs could take a year, they said.";
    let rows = extract(text, None);
    let r = row(&rows, "The dam is at risk");
    assert_eq!(
        (
            field(r, "speaker"),
            field(r, "resolution"),
            field(r, "outlet")
        ),
        ("engineers", "group", "Radio Norte")
    );
    let r = row(&rows, "Repairs could take");
    assert_eq!(
        (field(r, "speaker"), field(r, "resolution")),
        ("engineers", "pronoun")
    );
}

#[test]
fn description_resolves_to_the_last_person() {
    let text = "The shelling lasted all night, said Lena Ortiz, who fled the town in May.\n\nMost families have left, said the 41-year-old nurse.";
    let rows = extract(text, None);
    let r = row(&rows, "Most families have left");
    assert_eq!(
        (field(r, "speaker"), field(r, "resolution")),
        ("Lena Ortiz", "description")
    );
}

#[test]
fn multi_paragraph_quote_and_continuation_paragraph() {
    let text = "\"We rebuilt the school twice,\" said headmaster Tomas Reyes.\n\n\"Every time the water came, the parents came back with shovels.\n\n\"Nobody here gives up easily,\" he added.\n\n\"We will open again in spring.\"";
    let rows = extract(text, None);
    let r = row(&rows, "Every time the water came");
    assert_eq!(
        (
            field(r, "kind"),
            field(r, "speaker"),
            field(r, "resolution")
        ),
        ("direct", "Tomas Reyes", "continuation")
    );
    let r = row(&rows, "We will open again");
    assert_eq!(
        (field(r, "speaker"), field(r, "resolution")),
        ("Tomas Reyes", "continuation")
    );
    assert_eq!(field(row(&rows, "We rebuilt"), "role"), "headmaster");
}

#[test]
fn split_quote_pieces_share_a_claim_id() {
    let rows = extract(
        "\"The harvest failed,\" Ana Ruiz said, \"and prices have doubled since June.\"",
        None,
    );
    let a = row(&rows, "The harvest failed");
    let b = row(&rows, "and prices have doubled");
    assert_eq!(a["claim_id"], b["claim_id"]);
    assert_eq!(field(b, "speaker"), "Ana Ruiz");
}

#[test]
fn mixed_and_scare_quotes() {
    let text = "Early leaflets portrayed the militia as \"invincible and everywhere\", analysts said.\n\nThe so-called \"emirate\" collapsed in weeks.";
    let rows = extract(text, None);
    let r = row(&rows, "Early leaflets");
    assert_eq!(field(r, "kind"), "mixed");
    assert!(
        rows.iter().all(|r| !field(r, "quote").contains("emirate")),
        "scare quote became a claim: {rows:#?}"
    );
}

#[test]
fn according_to_told_that_and_agency_reports() {
    let text = "According to local officials, the convoy was hit at dawn.\n\nPolice spokesman Ivo Marek told AFP that two drivers were hurt.\n\nThe border crossing was closed on Tuesday, Reuters reported.\n\nThe plan is dead, Senator Ruth Gale said on Fox News Sunday.";
    let rows = extract(text, None);
    assert_eq!(
        field(row(&rows, "the convoy was hit"), "speaker"),
        "local officials"
    );
    let r = row(&rows, "two drivers were hurt");
    let who = (
        field(r, "speaker"),
        field(r, "organisation"),
        field(r, "role"),
        field(r, "outlet"),
    );
    assert_eq!(who, ("Ivo Marek", "Police", "spokesman", "AFP"));
    let r = row(&rows, "The border crossing");
    assert_eq!(
        (field(r, "speaker"), field(r, "outlet")),
        ("Reuters", "Reuters")
    );
    let r = row(&rows, "The plan is dead");
    assert_eq!(
        (field(r, "speaker"), field(r, "title"), field(r, "outlet")),
        ("Ruth Gale", "Senator", "Fox News Sunday")
    );
}

#[test]
fn adding_that_and_parenthetical_cues() {
    let text = "Some fighters shaved their beards, he said, adding that \"this shows they are beaten\".\n\nSimply put, they said, the group has run out of money.";
    let rows = extract(text, None);
    assert_eq!(field(row(&rows, "\"this shows"), "kind"), "mixed");
    assert_eq!(field(row(&rows, "the group has run out"), "cue"), "said");
}

#[test]
fn resolution_never_crosses_articles() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Prices rose, said trader Paul Dunmore.\"}\n",
        "{\"id\": \"b\", \"text\": \"Prices fell, Dunmore said.\"}\n",
    );
    let out = run_with_stdin(&["extract", "-", "--format", "jsonl"], input.as_bytes());
    let rows: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let b = rows
        .iter()
        .find(|r| r["article_id"] == "b")
        .expect("row for b");
    assert_eq!(field(b, "speaker"), "Dunmore");
    assert_eq!(field(b, "resolution"), "explicit");
}

#[test]
fn unattributed_quote_is_still_written() {
    let rows = extract(
        "Nobody knew who wrote it.\n\n\"The river will rise again and the town will flood.\"",
        None,
    );
    let r = row(&rows, "The river will rise");
    assert_eq!(field(r, "speaker"), "");
}

#[test]
fn relative_clause_speaker_is_the_name_before_who() {
    let rows = extract(
        "The bill was drafted by Sen. Ann Lee, who said the tax would fall by half, and her staff. \
         Critics included a reporter who said the plan was late.",
        None,
    );
    let r = row(&rows, "the tax would fall by half");
    assert_eq!(field(r, "speaker_mention"), "who");
    assert_eq!(field(r, "speaker"), "Ann Lee");
    assert_eq!(field(r, "title"), "Sen.");
    assert_eq!(field(r, "rule"), "detect/verb-relative+attribute/explicit");
    // Without commas the clause's end cannot be told from the main verb: left alone.
    assert!(rows
        .iter()
        .all(|r| !field(r, "quote").contains("plan was late")));
}

#[test]
fn belief_without_holder_comes_in_two_pieces_with_beliefs() {
    let text = "The senator is widely expected to resign before the vote. She appeared on TV.";
    assert_eq!(extract(text, None), Vec::<Value>::new());
    let rows = extract_with(text, None, &["--beliefs"]);
    let subject = row(&rows, "The senator");
    let belief = row(&rows, "to resign before the vote");
    assert_eq!(field(subject, "claim_id"), field(belief, "claim_id"));
    assert_eq!(field(belief, "cue"), "is widely expected");
    assert_eq!(field(belief, "speaker"), "");
    assert_eq!(rows.len(), 2, "{rows:#?}");
}

#[test]
fn participle_after_said_takes_a_noun_phrase() {
    let rows = extract(
        "\"This is not a hard race,\" Ann Lee said, citing the poll and her rival's unpopularity.",
        None,
    );
    let r = row(&rows, "the poll and her rival's unpopularity");
    assert_eq!(field(r, "cue"), "citing");
    assert_eq!(field(r, "speaker"), "Ann Lee");
}

#[test]
fn a_question_put_to_someone_has_no_speaker() {
    let rows = extract(
        "When asked whether he would run again, Smith smiled. Lee was asked how the bill would \
         pass.",
        None,
    );
    let q = row(&rows, "whether he would run again");
    assert_eq!(field(q, "speaker"), "");
    assert_eq!(field(q, "cue"), "asked");
    assert_eq!(field(row(&rows, "how the bill would pass"), "speaker"), "");
}

#[test]
fn any_verb_before_a_comma_and_a_quote_is_a_cue() {
    let rows = extract(
        "Sen. Ann Lee shot back, \"The governor called them out.\" Tom Ruiz wrote to his \
         20,000 followers, \"It is time to end this.\"",
        None,
    );
    let r = row(&rows, "The governor called them out.");
    assert_eq!(field(r, "cue"), "shot back");
    assert_eq!(field(r, "speaker"), "Ann Lee");
    assert_eq!(field(r, "kind"), "direct");
    assert_eq!(
        field(row(&rows, "It is time to end this."), "speaker"),
        "Tom Ruiz"
    );
}
