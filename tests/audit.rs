//! `whosaid audit` and `whosaid extract --speakers`: the HTML report is parsed with scraper and
//! checked against the claims CSV of the same articles; hostile text must stay text.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::util::{arg, run, run_with_stdin, write};

mod speakers;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s:?}: {e:?}"))
}

fn read_html(path: &Path) -> Html {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Html::parse_document(&text)
}

/// One claims row as `whosaid extract --format jsonl` writes it (exact text).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    article: String,
    claim_id: String,
    start: usize,
    end: usize,
    speaker: String,
    quote: String,
    resolution: String,
}

fn rows_of_jsonl(jsonl: &str) -> Vec<Row> {
    jsonl
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("jsonl record");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let n = |k: &str| v[k].as_u64().expect("offset") as usize;
            Row {
                article: s("article_id"),
                claim_id: s("claim_id"),
                start: n("start"),
                end: n("end"),
                speaker: s("speaker"),
                quote: s("quote"),
                resolution: s("resolution"),
            }
        })
        .collect()
}

fn extract_jsonl(paths: &[&str]) -> String {
    let mut args = vec!["extract", "--format", "jsonl", "-q"];
    args.extend_from_slice(paths);
    let out = run(&args);
    assert_eq!(out.status, 0, "{}", out.stderr);
    out.stdout
}

fn extract_rows(paths: &[&str]) -> Vec<Row> {
    rows_of_jsonl(&extract_jsonl(paths))
}

/// Each claims row's claim id, speaker id and speaker type.
fn identities_of_jsonl(jsonl: &str) -> Vec<(String, String, String)> {
    jsonl
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("jsonl record");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("claim_id"), s("speaker_id"), s("speaker_type"))
        })
        .collect()
}

/// Every highlighted claim of the documents: its head element's fields, and its text put
/// back together from the head and the pieces it had to be cut into.
fn highlights(docs: &[Html]) -> Vec<Row> {
    let head_sel = sel("[data-claim-id]");
    let cont_sel = sel("[data-cont]");
    let mut out = Vec::new();
    for doc in docs {
        let mut pieces: HashMap<String, String> = HashMap::new();
        for el in doc.select(&cont_sel) {
            let row = el.value().attr("data-cont").unwrap().to_string();
            pieces
                .entry(row)
                .or_default()
                .push_str(&el.text().collect::<String>());
        }
        for el in doc.select(&head_sel) {
            let a = |k: &str| el.value().attr(k).unwrap_or_default().to_string();
            let article = el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "article")
                .and_then(|e| e.value().attr("data-id"))
                .expect("a claim lies inside its article")
                .to_string();
            let mut quote: String = el.text().collect();
            quote.push_str(pieces.get(&a("data-row")).map_or("", String::as_str));
            out.push(Row {
                article,
                claim_id: a("data-claim-id"),
                start: a("data-start").parse().unwrap(),
                end: a("data-end").parse().unwrap(),
                speaker: a("data-speaker"),
                quote,
                resolution: a("data-res"),
            });
        }
    }
    out.sort();
    out
}

fn audit(args: &[String]) -> crate::util::Run {
    let mut all = vec!["audit".to_string()];
    all.extend_from_slice(args);
    let out = run(&all);
    assert_eq!(out.status, 0, "{}", out.stderr);
    out
}

fn samples_report(dir: &Path) -> Html {
    let report = dir.join("report.html");
    audit(&[
        "data/samples".into(),
        "-o".into(),
        arg(&report),
        "-q".into(),
    ]);
    read_html(&report)
}

#[test]
fn every_claim_of_the_samples_is_highlighted_once_with_its_speaker() {
    let mut rows = extract_rows(&["data/samples"]);
    rows.sort();
    assert!(rows.len() > 50, "the samples have many claims");
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    let got = highlights(&[doc]);
    // Equal as sorted lists: every row exactly once, with its article, offsets, speaker,
    // resolution, and the text between its offsets (character offsets converted right).
    assert_eq!(got.len(), rows.len());
    for (g, r) in got.iter().zip(&rows) {
        assert_eq!(g, r);
    }
}

#[test]
fn nested_claims_render_as_nested_elements() {
    // Sample 000: "ISIS accused them of attempting to flee the battlefield, he told Diyaruna":
    // the claim of ISIS lies inside al-Jughaifi's claim.
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    let nested = sel("[data-claim-id] [data-claim-id]");
    let inner: Vec<_> = doc.select(&nested).collect();
    assert!(!inner.is_empty(), "no nested claim rendered");
    let isis = inner
        .iter()
        .find(|e| e.value().attr("data-speaker") == Some("ISIS"))
        .expect("the ISIS claim is nested");
    assert_eq!(
        isis.text().collect::<String>(),
        "them of attempting to flee the battlefield"
    );
}

#[test]
fn mentions_and_cues_are_marked_and_linked_to_their_claims() {
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    let rows: Vec<String> = doc
        .select(&sel("[data-claim-id]"))
        .map(|e| e.value().attr("data-row").unwrap().to_string())
        .collect();
    let mut linked: HashMap<&str, (bool, bool)> = HashMap::new();
    for kind in ["mention", "cue"] {
        for el in doc.select(&sel(&format!("span.{kind}[data-for]"))) {
            for row in el.value().attr("data-for").unwrap().split(' ') {
                let e = linked.entry(row).or_default();
                if kind == "mention" {
                    e.0 = true;
                } else {
                    e.1 = true;
                }
            }
        }
    }
    // Every claim with a cue in the CSV has its cue marked; nearly all have a mention.
    let with_both = rows
        .iter()
        .filter(|r| linked.get(r.as_str()) == Some(&(true, true)))
        .count();
    assert!(
        with_both * 10 >= rows.len() * 9,
        "{with_both} of {}",
        rows.len()
    );
    let said = doc
        .select(&sel("span.cue"))
        .filter(|e| e.text().collect::<String>() == "said")
        .count();
    assert!(said > 10);
}

#[test]
fn details_for_hover_and_focus_are_on_every_claim() {
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    let mut chains = 0;
    for el in doc.select(&sel("[data-claim-id]")) {
        let v = el.value();
        assert_eq!(v.attr("tabindex"), Some("0"), "focusable by keyboard");
        for needed in [
            "data-kind",
            "data-res",
            "data-rule",
            "data-start",
            "data-end",
        ] {
            assert!(v.attr(needed).is_some(), "{needed} missing on {v:?}");
        }
        if let Some(chain) = v.attr("data-chain") {
            chains += 1;
            assert!(chain.starts_with('"') && chain.ends_with('"'), "{chain}");
        }
    }
    assert!(chains > 0);
    // The example of the issue: "he" -> "al-Samarmad" -> ... is there, joined with " -> ".
    let pronoun = doc
        .select(&sel("[data-claim-id][data-res=pronoun]"))
        .filter_map(|e| e.value().attr("data-chain"))
        .find(|c| c.contains("al-Samarmad"))
        .expect("a pronoun claim of al-Samarmad");
    assert!(pronoun.starts_with("\"he\" -> "), "{pronoun}");
    assert_eq!(doc.select(&sel("#tip[role=tooltip]")).count(), 1);
}

#[test]
fn furniture_is_shown_greyed_with_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    let first = doc.select(&sel("#a1")).next().expect("first article");
    let furniture: Vec<(String, String)> = first
        .select(&sel("p.furniture"))
        .map(|p| {
            (
                p.value().attr("data-furniture").unwrap().to_string(),
                p.text().collect::<String>(),
            )
        })
        .collect();
    for (kind, text) in [
        ("section", "Iraq News"),
        ("byline", "By Khalid al-Taie"),
        ("title", "ISIS kills its own fighters as they flee al-Qaim"),
    ] {
        assert!(
            furniture.iter().any(|(k, t)| k == kind && t == text),
            "{kind} {text:?} not greyed: {furniture:?}"
        );
    }
    assert!(furniture.iter().any(|(k, _)| k == "caption"));
    // Body paragraphs are not furniture, and the style greys furniture.
    assert!(first.select(&sel("p.para:not(.furniture)")).count() > 10);
    let css: String = doc.select(&sel("style")).flat_map(|s| s.text()).collect();
    assert!(css.contains(".furniture {") && css.contains("attr(data-furniture)"));
}

#[test]
fn index_speakers_table_and_filters_exist() {
    let rows = extract_rows(&["data/samples"]);
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    // Index: one row per article, linking to it.
    let links: Vec<String> = doc
        .select(&sel("table.index tr[data-article] a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links.len(), 5);
    for href in &links {
        let id = href.trim_start_matches('#');
        assert_eq!(doc.select(&sel(&format!("article#{id}"))).count(), 1);
    }
    // Speakers table and speaker filter: every speaker of the CSV, by its identity.
    let options: Vec<String> = doc
        .select(&sel("select#f-speaker option"))
        .map(|o| o.value().attr("value").unwrap().to_string())
        .collect();
    let table: Vec<String> = doc
        .select(&sel("table.speakers tr[data-sid]"))
        .map(|t| t.value().attr("data-sid").unwrap().to_string())
        .collect();
    let identities = identities_of_jsonl(&extract_jsonl(&["data/samples"]));
    assert!(
        identities
            .iter()
            .filter(|(_, id, _)| !id.is_empty())
            .count()
            > 50
    );
    for (_, id, _) in identities.iter().filter(|(_, id, _)| !id.is_empty()) {
        assert!(options.contains(&format!("={id}")), "{id}");
        assert!(table.contains(id), "{id}");
    }
    // Resolution filter: every resolution of the CSV.
    let resolutions: Vec<String> = doc
        .select(&sel("select#f-res option"))
        .map(|o| o.value().attr("value").unwrap().to_string())
        .collect();
    for r in &rows {
        assert!(resolutions.contains(&r.resolution), "{}", r.resolution);
    }
    assert_eq!(
        doc.select(&sel("input#f-weak[type=checkbox]")).count(),
        1,
        "review filter"
    );
}

#[test]
fn weak_resolutions_are_flagged_for_review() {
    let rows = extract_rows(&["data/samples"]);
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    let mut flagged = 0;
    for el in doc.select(&sel("[data-claim-id]")) {
        let v = el.value();
        let res = v.attr("data-res").unwrap();
        let weak = v.attr("data-weak");
        assert_eq!(weak.is_some(), v.classes().any(|c| c == "weak"));
        match res {
            "none" | "description" | "continuation" => {
                assert!(weak.is_some(), "{res} not flagged: {v:?}")
            }
            "explicit" | "surname" | "group" => assert!(weak.is_none(), "{v:?}"),
            _ => {}
        }
        flagged += usize::from(weak.is_some());
    }
    let expected_at_least = rows
        .iter()
        .filter(|r| ["none", "description", "continuation"].contains(&r.resolution.as_str()))
        .count();
    assert!(flagged >= expected_at_least && flagged > 0);
    let summary: String = doc
        .select(&sel(".review-count"))
        .flat_map(|e| e.text())
        .collect();
    assert_eq!(summary, format!("{flagged} to review"));
}

#[test]
fn report_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let doc = samples_report(dir.path());
    assert_eq!(
        doc.select(&sel("link, iframe, img, object, embed")).count(),
        0
    );
    assert_eq!(doc.select(&sel("script[src]")).count(), 0);
    for el in doc.select(&sel("[href], [src]")) {
        for attr in ["href", "src"] {
            if let Some(url) = el.value().attr(attr) {
                assert!(!url.contains("//") && !url.starts_with("http"), "{url}");
            }
        }
    }
    let css: String = doc.select(&sel("style")).flat_map(|s| s.text()).collect();
    assert!(!css.contains("url(") && !css.contains("@import"));
}

#[test]
fn hostile_article_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let text = "“<script>alert('quote')</script> & more,” said Ann <b>Lee</b>.\n\n\
                <img src=x onerror=alert(1)> “Still </p></span></article> here,” she said.\n";
    let article = serde_json::json!({
        "id": "x\"><script>alert('id')</script>",
        "outlet": "<i onmouseover=alert(2)>Evil</i>",
        "text": text,
    });
    let input = write(dir.path(), "hostile.jsonl", format!("{article}\n"));
    let report = dir.path().join("report.html");
    let out = run(&[
        "audit".to_string(),
        arg(&input),
        "-o".into(),
        arg(&report),
        "--title".into(),
        "<script>alert('title')</script>".into(),
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let doc = read_html(&report);
    // Our one inline script, no element made from the article's text or fields.
    let scripts: Vec<String> = doc
        .select(&sel("script"))
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(scripts.len(), 1);
    assert!(!scripts[0].contains("alert"));
    assert_eq!(
        doc.select(&sel("img, b, i, [onerror], [onmouseover]"))
            .count(),
        0
    );
    // The text is there, as text.
    let body: String = doc
        .select(&sel("article .text"))
        .flat_map(|t| t.text())
        .collect();
    assert!(
        body.contains("<script>alert('quote')</script> & more"),
        "{body}"
    );
    assert!(body.contains("<img src=x onerror=alert(1)>"), "{body}");
    assert!(body.contains("</p></span></article>"), "{body}");
    // Paragraphs are intact: the fake closing tags closed nothing.
    assert_eq!(doc.select(&sel("article .text p.para")).count(), 2);
    let title: String = doc.select(&sel("h1")).flat_map(|t| t.text()).collect();
    assert_eq!(title, "<script>alert('title')</script>");
    let id = doc
        .select(&sel("article.doc"))
        .next()
        .unwrap()
        .value()
        .attr("data-id")
        .unwrap()
        .to_string();
    assert_eq!(id, "x\"><script>alert('id')</script>");
    // And every claim is still highlighted once, with its exact text.
    let input = arg(&input);
    let mut rows = extract_rows(&[input.as_str()]);
    rows.sort();
    assert!(!rows.is_empty());
    assert_eq!(highlights(&[doc]), rows);
}

/// A claims CSV written by hand: crossing claims, a claim across a paragraph break, a claim
/// outside the text.
#[test]
fn overlapping_crossing_and_misplaced_claims_from_a_claims_csv() {
    let dir = tempfile::tempdir().unwrap();
    let text = "One two three four.\n\nFive six “€ seven”.";
    let articles = write(
        dir.path(),
        "a.jsonl",
        format!("{}\n", serde_json::json!({"id": "a", "text": text})),
    );
    let chars: Vec<char> = text.chars().collect();
    let quote = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    let spans = [(0, 13), (8, 18), (14, 30), (31, 38), (100, 120)];
    let mut csv = String::from(
        "article_id,claim_id,kind,quote,start,end,speaker,resolution,speaker_start,speaker_end\n",
    );
    for (k, &(s, e)) in spans.iter().enumerate() {
        let q = if e <= chars.len() {
            quote(s, e)
        } else {
            "lost".into()
        };
        csv.push_str(&format!(
            "a,a#{},indirect,\"{}\",{s},{e},Speaker {k},explicit,,\n",
            k + 1,
            q.replace('"', "\"\"")
        ));
    }
    let claims = write(dir.path(), "claims.csv", csv);
    let report = dir.path().join("report.html");
    let out = run(&[
        "audit".to_string(),
        arg(&articles),
        "--claims".into(),
        arg(&claims),
        "-o".into(),
        arg(&report),
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("a#5 at 100..120 lies outside the text"),
        "{}",
        out.stderr
    );
    let doc = read_html(&report);
    let got = highlights(&[doc]);
    assert_eq!(got.len(), spans.len());
    for (k, &(s, e)) in spans.iter().enumerate().take(4) {
        let g = got
            .iter()
            .find(|g| g.claim_id == format!("a#{}", k + 1))
            .unwrap();
        assert_eq!((g.start, g.end), (s, e));
        assert_eq!(g.quote, quote(s, e), "a#{}", k + 1);
        assert_eq!(g.speaker, format!("Speaker {k}"));
    }
}

#[test]
fn claims_csv_renders_the_same_highlights_as_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.csv");
    let out = run(&[
        "extract".to_string(),
        "data/samples".into(),
        "-q".into(),
        "-o".into(),
        arg(&claims),
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let report = dir.path().join("from-csv.html");
    let out = audit(&[
        "data/samples".into(),
        "--claims".into(),
        arg(&claims),
        "-o".into(),
        arg(&report),
    ]);
    // A neutralised CSV field (a quote starting with "-") is restored, not a mismatch.
    assert!(!out.stderr.contains("not its quote"), "{}", out.stderr);
    let from_csv = read_html(&report);
    assert!(from_csv
        .select(&sel("article[data-chains=unknown]"))
        .next()
        .is_some());
    let direct = samples_report(dir.path());
    assert_eq!(highlights(&[from_csv]), highlights(&[direct]));
}

#[test]
fn claims_csv_rows_without_article_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let articles = write(
        dir.path(),
        "a.jsonl",
        format!("{}\n", serde_json::json!({"id": "a", "text": "Hello."})),
    );
    let claims = write(
        dir.path(),
        "claims.csv",
        "article_id,claim_id,kind,quote,start,end\nb,b#1,direct,x,0,1\n",
    );
    let report = dir.path().join("r.html");
    let out = audit(&[
        arg(&articles),
        "--claims".into(),
        arg(&claims),
        "-o".into(),
        arg(&report),
    ]);
    assert!(
        out.stderr.contains("1 claims of 1 articles have no text"),
        "{}",
        out.stderr
    );
    let bad = write(dir.path(), "bad.csv", "article_id,quote\na,x\n");
    let out = run(&[
        "audit".to_string(),
        arg(&articles),
        "--claims".into(),
        arg(&bad),
        "-o".into(),
        arg(&report),
    ]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("no \"claim_id\" column"),
        "{}",
        out.stderr
    );
}

#[test]
fn long_reports_are_split_into_pages_with_an_index() {
    let mut rows = extract_rows(&["data/samples"]);
    rows.sort();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    audit(&[
        "data/samples".into(),
        "-o".into(),
        arg(&report),
        "--per-page".into(),
        "2".into(),
        "-q".into(),
    ]);
    let pages: Vec<String> = (1..=3).map(|n| format!("report-{n:04}.html")).collect();
    for page in &pages {
        assert!(dir.path().join(page).is_file(), "{page}");
    }
    assert!(!dir.path().join("report-0004.html").exists());
    // Every claim once across the pages.
    let docs: Vec<Html> = pages
        .iter()
        .map(|p| read_html(&dir.path().join(p)))
        .collect();
    assert_eq!(highlights(&docs), rows);
    // The index has a row per page, listing every article with a link into its page, and
    // holds no article text.
    let index = read_html(&report);
    assert_eq!(index.select(&sel("article")).count(), 0);
    assert_eq!(index.select(&sel("table.pages tr[data-href]")).count(), 3);
    let links: Vec<String> = index
        .select(&sel("table.pages .ids a[href]"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links.len(), 5);
    for link in &links {
        let (page, anchor) = link.split_once('#').unwrap();
        let doc = &docs[pages.iter().position(|p| p == page).expect(page)];
        assert_eq!(doc.select(&sel(&format!("article#{anchor}"))).count(), 1);
    }
    assert!(index.select(&sel("select#f-speaker option")).count() > 10);
    // The walk through the claims to review is on the pages, which hold the claims.
    assert_eq!(index.select(&sel("#r-next")).count(), 0);
    assert_eq!(docs[0].select(&sel("#r-next")).count(), 1);
    // Each listed speaker says which pages it is on, for the speaker filter of the index.
    for row in index.select(&sel("table.speakers tr[data-speaker]")) {
        let pages_of = row.value().attr("data-pages").expect("data-pages");
        assert!(
            pages_of.split(' ').all(|p| pages.iter().any(|q| q == p)),
            "{pages_of}"
        );
    }
    // Pages link to the index and to each other.
    let nav = |doc: &Html, rel: &str| {
        doc.select(&sel(&format!("nav.pages a[rel={rel}]")))
            .next()
            .map(|a| a.value().attr("href").unwrap().to_string())
    };
    assert_eq!(nav(&docs[0], "index").as_deref(), Some("report.html"));
    assert_eq!(nav(&docs[0], "prev"), None);
    assert_eq!(nav(&docs[0], "next").as_deref(), Some("report-0002.html"));
    assert_eq!(nav(&docs[2], "prev").as_deref(), Some("report-0002.html"));
    assert_eq!(nav(&docs[2], "next"), None);
}

#[test]
fn exactly_one_page_of_articles_is_a_single_file() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    audit(&[
        "data/samples".into(),
        "-o".into(),
        arg(&report),
        "--per-page".into(),
        "5".into(),
    ]);
    assert!(!dir.path().join("report-0001.html").exists());
    assert_eq!(read_html(&report).select(&sel("article.doc")).count(), 5);
}

#[test]
fn report_is_the_same_for_any_number_of_threads() {
    let render = |j: &str| {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("report.html");
        audit(&[
            "data/samples".into(),
            "-o".into(),
            arg(&report),
            "-j".into(),
            j.into(),
            "--per-page".into(),
            "3".into(),
        ]);
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(file, std::fs::read(&path).unwrap());
        }
        files
    };
    let one = render("1");
    let two = render("2");
    assert_eq!(one.len(), 3, "index and two pages");
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (k, v) in &one {
        assert!(v == &two[k], "{k} differs between -j1 and -j2");
    }
}

#[test]
fn audit_help_says_how_large_inputs_are_split() {
    let out = run(&["audit", "--help"]);
    assert_eq!(out.status, 0);
    for needed in [
        "--per-page",
        "--claims",
        "-o, --output",
        "Examples:",
        "index page",
        "[default:",
    ] {
        assert!(
            out.stdout.contains(needed),
            "help lacks {needed}:\n{}",
            out.stdout
        );
    }
    let out = run(&["audit", "data/samples"]);
    assert_eq!(out.status, 2, "-o is required");
    let out = run(&["audit", "data/samples", "-o", "x.html", "--per-page", "0"]);
    assert_eq!(out.status, 2);
}

#[test]
fn audit_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.html");
    let line = serde_json::json!({"id": "s1", "text": "“Yes,” said Ann Lee."});
    let out = run_with_stdin(
        &["audit".to_string(), "-".into(), "-o".into(), arg(&report)],
        format!("{line}\n").as_bytes(),
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    let doc = read_html(&report);
    let claim = doc.select(&sel("[data-claim-id]")).next().expect("a claim");
    assert_eq!(claim.value().attr("data-speaker"), Some("Ann Lee"));
}

// The speakers table of `whosaid extract --speakers`.

fn speakers_csv(j: &str, dir: &Path) -> (String, String) {
    let path = dir.join(format!("speakers-{j}.csv"));
    let out = run(&[
        "extract".to_string(),
        "data/samples".into(),
        "-q".into(),
        "-j".into(),
        j.into(),
        "--format".into(),
        "jsonl".into(),
        "--speakers".into(),
        arg(&path),
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    (out.stdout, std::fs::read_to_string(&path).unwrap())
}

#[test]
fn speakers_table_agrees_with_the_claims() {
    let dir = tempfile::tempdir().unwrap();
    let (claims, speakers) = speakers_csv("2", dir.path());
    let rows = rows_of_jsonl(&claims);
    let mut reader = csv::Reader::from_reader(speakers.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
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
            "mentions"
        ]
    );
    let texts: HashMap<String, Vec<char>> = std::fs::read_dir("data/samples")
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let id = path.file_stem().unwrap().to_string_lossy().into_owned();
            (
                id,
                std::fs::read_to_string(&path).unwrap().chars().collect(),
            )
        })
        .collect();
    let mut seen_articles: Vec<String> = Vec::new();
    let mut n = 0;
    for record in reader.records() {
        let r = record.unwrap();
        n += 1;
        let (article, speaker) = (&r[0], &r[1]);
        if seen_articles.last().map(String::as_str) != Some(article) {
            assert!(!seen_articles.iter().any(|a| a == article), "input order");
            seen_articles.push(article.to_string());
        }
        let mine: Vec<&Row> = rows
            .iter()
            .filter(|c| c.article == article && c.speaker == speaker)
            .collect();
        let mut ids: Vec<&str> = mine.iter().map(|c| c.claim_id.as_str()).collect();
        ids.dedup();
        let count = |i: usize| r[i].parse::<usize>().unwrap();
        assert_eq!(count(5), ids.len(), "{speaker}: claims");
        assert!(count(6) + count(7) <= count(5));
        // The first mention's text is the first of the mentions.
        if !r[8].is_empty() {
            let text = &texts[article];
            let (s, e) = (count(8), count(9));
            let first: String = text[s..e].iter().collect();
            let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(r[10].split("; ").next().unwrap(), first, "{speaker}");
        }
    }
    let speakers_in_claims: std::collections::HashSet<(&str, &str)> = rows
        .iter()
        .filter(|c| !c.speaker.is_empty())
        .map(|c| (c.article.as_str(), c.speaker.as_str()))
        .collect();
    assert_eq!(
        n,
        speakers_in_claims.len(),
        "one row per speaker per article"
    );
}

#[test]
fn speakers_table_is_the_same_for_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (claims1, speakers1) = speakers_csv("1", dir.path());
    let (claims2, speakers2) = speakers_csv("2", dir.path());
    assert_eq!(claims1, claims2);
    assert_eq!(speakers1, speakers2);
    assert!(speakers1.lines().count() > 20);
}
