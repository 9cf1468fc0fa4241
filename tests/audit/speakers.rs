//! The report's speakers: filters by identity and type, colours distinct within an article,
//! and the walk through the claims to review.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use scraper::{ElementRef, Html};

use super::{audit, extract_jsonl, identities_of_jsonl, read_html, samples_report, sel};
use crate::util::{arg, write};

/// The article element holding `el`.
fn article_of(el: ElementRef) -> ElementRef {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "article")
        .expect("inside an article")
}

#[test]
fn claims_carry_the_speaker_identity_and_type_for_the_filters() {
    let identities = identities_of_jsonl(&extract_jsonl(&["data/samples"]));
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    let mut heads = 0;
    for el in doc.select(&sel("[data-claim-id]")) {
        let v = el.value();
        let claim = v.attr("data-claim-id").unwrap();
        let (_, id, kind) = identities
            .iter()
            .find(|(c, _, _)| c == claim)
            .expect("a row of the claims table");
        assert_eq!(v.attr("data-sid").unwrap_or_default(), id, "{claim}");
        let want = if kind.is_empty() { "none" } else { kind };
        assert_eq!(v.attr("data-type"), Some(want), "{claim}");
        heads += 1;
    }
    assert_eq!(heads, identities.len());
    // The type filter offers every type; the speaker filter and the speakers table name each
    // speaker's type.
    let types: Vec<&str> = doc
        .select(&sel("select#f-type option"))
        .map(|o| o.value().attr("value").unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "",
            "person",
            "organisation",
            "group",
            "document",
            "anonymous",
            "none"
        ]
    );
    for o in doc.select(&sel("select#f-speaker option[value^='=']")) {
        let id = &o.value().attr("value").unwrap()[1..];
        let kind = o.value().attr("data-type").unwrap();
        assert!(id.starts_with(&format!("{kind}:")), "{id} {kind}");
        assert!(o
            .text()
            .collect::<String>()
            .contains(&format!(" · {kind} · ")));
    }
    for row in doc.select(&sel("table.speakers tr[data-sid]")) {
        let kind: String = row.select(&sel("td.type")).flat_map(|t| t.text()).collect();
        assert_eq!(Some(kind.as_str()), row.value().attr("data-type"));
    }
}

/// Articles and a claims CSV: one article where `speakers` people speak once each, in that
/// order, and two articles where one person is written two ways under one id; also an
/// anonymous source and a document.
fn crowd_report(dir: &Path, speakers: usize) -> Html {
    let crowd: Vec<String> = (0..speakers).map(|k| format!("Quote {k}.")).collect();
    let texts = [
        ("crowd", crowd.join("\n\n")),
        ("a", "Hello. Bye.".to_string()),
        ("b", "Hello. Bye.".to_string()),
    ];
    let articles: String = texts
        .iter()
        .map(|(id, text)| format!("{}\n", serde_json::json!({"id": id, "text": text})))
        .collect();
    let articles = write(dir, "articles.jsonl", articles);
    let mut csv = String::from(
        "article_id,claim_id,kind,quote,start,end,speaker,speaker_type,speaker_id,role,resolution\n",
    );
    let mut at = 0;
    for (k, para) in crowd.iter().enumerate() {
        let quote = &para[..para.len() - 1];
        csv.push_str(&format!(
            "crowd,crowd#{},direct,{quote},{at},{},Person {k},person,person:person-{k},,explicit\n",
            k + 1,
            at + quote.len(),
        ));
        at += para.len() + 2;
    }
    csv.push_str(
        "a,a#1,direct,Hello,0,5,Ann Lee,person,person:ann-lee,,explicit\n\
         a,a#2,direct,Bye,7,10,,anonymous,,a senior official,explicit\n\
         b,b#1,direct,Hello,0,5,Ann  LEE,person,person:ann-lee,,explicit\n\
         b,b#2,direct,Bye,7,10,the report,document,document:report,,explicit\n",
    );
    let claims = write(dir, "claims.csv", csv);
    let report = dir.join("crowd.html");
    audit(&[
        arg(&articles),
        "--claims".into(),
        arg(&claims),
        "-o".into(),
        arg(&report),
        "-q".into(),
    ]);
    read_html(&report)
}

/// Every article's speakers with their colours (the `style` of their highlights), checking
/// on the way that a speaker keeps one colour in an article and that its button in the
/// article's list of speakers has it too.
fn colours(doc: &Html) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for el in doc.select(&sel("[data-claim-id][data-sid]")) {
        let article = article_of(el).value().attr("id").unwrap().to_string();
        let sid = el.value().attr("data-sid").unwrap().to_string();
        let style = el.value().attr("style").expect("a colour").to_string();
        let seen = out.entry(article).or_default().entry(sid.clone());
        assert_eq!(seen.or_insert(style.clone()), &style, "{sid}: one colour");
    }
    for pick in doc.select(&sel("aside.cast button.pick[data-pick^='=']")) {
        let article = article_of(pick).value().attr("id").unwrap();
        let sid = &pick.value().attr("data-pick").unwrap()[1..];
        assert_eq!(
            pick.value().attr("style"),
            Some(out[article][sid].as_str()),
            "{sid}"
        );
    }
    out
}

#[test]
fn speaker_colours_are_distinct_within_each_article() {
    let dir = tempfile::tempdir().unwrap();
    let samples = colours(&samples_report(dir.path()));
    // Forty speakers: the palette's twelve and generated colours after them.
    let crowd = colours(&crowd_report(dir.path(), 40));
    assert_eq!(crowd["a1"].len(), 40);
    for (article, speakers) in samples.iter().chain(&crowd) {
        let distinct: HashSet<&String> = speakers.values().collect();
        assert_eq!(distinct.len(), speakers.len(), "{article}: {speakers:?}");
    }
    // Colours go in order of first appearance: an article's first speaker has the first.
    assert_eq!(
        crowd["a1"]["person:person-0"],
        crowd["a2"]["person:ann-lee"]
    );
}

#[test]
fn one_identity_written_two_ways_is_one_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let doc = crowd_report(dir.path(), 3);
    let ann: Vec<(String, String)> = doc
        .select(&sel("select#f-speaker option"))
        .map(|o| {
            (
                o.value().attr("value").unwrap().to_string(),
                o.text().collect(),
            )
        })
        .filter(|(v, _)| v.contains("ann-lee"))
        .collect();
    assert_eq!(
        ann,
        [(
            "=person:ann-lee".to_string(),
            "Ann Lee · person · 2".to_string()
        )]
    );
    let rows: Vec<ElementRef> = doc
        .select(&sel("table.speakers tr[data-sid='person:ann-lee']"))
        .collect();
    assert_eq!(rows.len(), 1);
    let cells: Vec<String> = rows[0]
        .select(&sel("td"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(cells[1], "person");
    assert_eq!(cells[3], "2", "two articles: {cells:?}");
    // An unnamed source is a speaker, described by its role, not a claim without one.
    let source = doc
        .select(&sel("[data-claim-id='a#2']"))
        .next()
        .expect("the anonymous claim");
    assert_eq!(source.value().attr("data-type"), Some("anonymous"));
    assert_eq!(
        source.value().attr("data-speaker"),
        Some("a senior official")
    );
    assert!(source.value().attr("data-weak").is_none());
    let types: Vec<String> = doc
        .select(&sel("select#f-type option:not([disabled])"))
        .map(|o| o.text().collect())
        .collect();
    assert_eq!(
        types,
        ["all types", "person · 5", "document · 1", "anonymous · 1"]
    );
}

#[test]
fn review_control_walks_the_flagged_claims_in_text_order() {
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    for (id, key) in [("r-prev", "p"), ("r-next", "n")] {
        let button = doc
            .select(&sel(&format!("button#{id}[type=button]")))
            .next()
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(button.value().attr("aria-keyshortcuts"), Some(key));
        assert!(button
            .value()
            .attr("aria-label")
            .unwrap()
            .contains("claim to review"));
        assert!(button.value().attr("disabled").is_none());
    }
    // The script walks the flagged claims in document order, which is text order: by article,
    // then by start.
    let flagged: Vec<(usize, usize)> = doc
        .select(&sel(".claim.weak[data-row]"))
        .map(|el| {
            let article = article_of(el).value().attr("id").unwrap();
            let start = el.value().attr("data-start").unwrap();
            (article[1..].parse().unwrap(), start.parse().unwrap())
        })
        .collect();
    assert!(flagged.len() > 3);
    assert!(flagged.windows(2).all(|w| w[0] < w[1]), "{flagged:?}");
    let pos = doc
        .select(&sel("output#r-pos"))
        .next()
        .expect("the counter");
    assert_eq!(pos.value().attr("aria-live"), Some("polite"));
    assert_eq!(
        pos.value().attr("data-total"),
        Some(flagged.len().to_string().as_str())
    );
    let script: String = doc.select(&sel("script")).flat_map(|s| s.text()).collect();
    assert!(script.contains("e.key === \"n\"") && script.contains("scrollIntoView"));
}
