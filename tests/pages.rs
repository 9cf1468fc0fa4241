//! HTML pages and WARC files as input, and files that are not articles refused by name.
//! The fixtures are hand-made: tests/fixtures/html/page.html and tests/fixtures/warc (made by
//! its make_warc.py).

use crate::util::{arg, assert_quote_is_the_text, fixture, run, run_with_stdin, write};

/// The `--texts` lines of a run, by id.
fn texts(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every JSONL record's quote is `text[start:end]` of its article's `--texts` text.
fn assert_offsets_fit(records: &str, texts: &[serde_json::Value]) -> usize {
    let mut n = 0;
    for line in records.lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = texts
            .iter()
            .find(|t| t["id"] == r["article_id"])
            .expect("every article's text is written")["text"]
            .as_str()
            .unwrap();
        assert_quote_is_the_text(text, &r);
        n += 1;
    }
    n
}

#[test]
fn an_html_page_is_its_article_without_the_furniture() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("texts.jsonl");
    let r = run(&[
        "extract".into(),
        arg(&fixture("html/page.html")),
        "--format".into(),
        "jsonl".into(),
        "--texts".into(),
        arg(&t),
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let texts = texts(&t);
    assert_eq!(texts[0]["id"], "page");
    assert_eq!(texts[0]["outlet"], "The Lakeside Courier");
    assert_eq!(texts[0]["title"], "Harbour plan approved after long debate");
    assert!(assert_offsets_fit(&r.stdout, &texts) >= 2);
    // The quote of the article is found, with its speaker; the script's, the related
    // links' and the comments' are not.
    assert!(
        r.stdout.contains("\"speaker\":\"Mara Quell\""),
        "{}",
        r.stdout
    );
    for not_claimed in ["must never be quoted", "Nobody said this", "Waste of money"] {
        assert!(!r.stdout.contains(not_claimed), "{not_claimed}");
    }
    // The page's site name is the outlet of claims told to nobody in particular.
    assert!(r.stdout.contains("\"outlet\":\"The Lakeside Courier\""));
}

#[test]
fn html_in_jsonl_is_extracted_and_the_line_s_fields_win() {
    let page = include_str!("fixtures/html/page.html");
    let line = serde_json::json!({"id": "p1", "html": page, "outlet": "Courier Wire",
                                  "url": "https://lakeside.example/harbour"});
    let bad = serde_json::json!({"id": "p2", "html": "<html><body></body></html>"});
    let r = run_with_stdin(
        &["extract", "-", "--format", "jsonl"],
        format!("{line}\n{bad}\n").as_bytes(),
    );
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(r.stdout.contains("\"speaker\":\"Mara Quell\""));
    assert!(r.stdout.contains("\"outlet\":\"Courier Wire\""));
    assert!(
        r.stderr
            .contains("<stdin>:2: article \"p2\": no article text found in the page"),
        "{}",
        r.stderr
    );
}

#[test]
fn warc_responses_are_articles_and_other_records_are_counted() {
    for name in ["warc/crawl.warc", "warc/crawl.warc.gz"] {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("texts.jsonl");
        let r = run(&[
            "extract".into(),
            arg(&fixture(name)),
            "--format".into(),
            "jsonl".into(),
            "--texts".into(),
            arg(&t),
        ]);
        assert_eq!(r.status, 0, "{name}: {}", r.stderr);
        assert_eq!(r.counts().0, 2, "{name}");
        let texts = texts(&t);
        let ids: Vec<&str> = texts.iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "https://riverside.example/local/bridge-reopens",
                "https://hillcrest.example/news/choir"
            ]
        );
        assert_eq!(texts[0]["url"], texts[0]["id"]);
        assert_eq!(texts[0]["date"], "2024-03-04T10:00:00Z");
        // The second page was chunked and gzipped in its HTTP response.
        assert!(texts[1]["text"].as_str().unwrap().contains("Pavel Dorn"));
        assert!(assert_offsets_fit(&r.stdout, &texts) >= 4);
        assert!(
            r.stderr.contains(
                "4 records that are not HTML pages skipped (1 request records, 2 responses \
                 that are not HTML pages, 1 warcinfo records)"
            ),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_truncated_warc_record_is_reported_with_file_and_number_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(fixture("warc/crawl.warc")).unwrap();
    // Cut inside the last record's body.
    let cut = write(dir.path(), "cut.warc", &whole[..whole.len() - 200]);
    let other = write(dir.path(), "b.txt", "“Fine,” Jo said.\n");
    let r = run(&["extract".into(), arg(&cut), arg(&other)]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(
        r.messages()
            .iter()
            .any(|m| m.starts_with(&format!("{}: ", cut.display()))
                && m.contains("record 6: cannot be read: truncated")),
        "{}",
        r.stderr
    );
    // The first page of the file and the next input are processed; the record counts as failed.
    assert_eq!(r.counts().0, 3);
    assert_eq!(r.counts().1, 2);
    assert_eq!(r.counts().2, 1);
}

#[test]
fn a_warc_page_without_article_text_names_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body></body></html>";
    let record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
         WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: https://e.example/empty\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    let warc = write(dir.path(), "empty.warc", record);
    let r = run(&["extract".into(), arg(&warc)]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert!(
        r.messages().contains(
            &format!(
                "{}: record 1 (https://e.example/empty): no article text found in the page \
             (failed to grab the article)",
                warc.display()
            )
            .as_str()
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn files_that_are_not_articles_are_refused_by_name_and_counted_as_failed() {
    let dir = tempfile::tempdir().unwrap();
    let claims = run(&["extract".into(), arg(&fixture("html/page.html"))]).stdout;
    let inputs = [
        write(dir.path(), "claims.csv", &claims),
        // A claims table renamed .txt is told by its header row.
        write(dir.path(), "claims.txt", &claims),
        write(dir.path(), "array.json", r#"[{"id": "a", "text": "x"}]"#),
        write(dir.path(), "photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        write(
            dir.path(),
            "ok.json",
            "{\"id\": \"j\", \"text\": \"“Yes,” Jo said.\"}\n",
        ),
    ];
    let mut args = vec!["extract".to_string()];
    args.extend(inputs.iter().map(|p| arg(p)));
    let r = run(&args);
    assert_eq!(r.status, 1, "{}", r.stderr);
    assert_eq!(r.counts().0, 5);
    assert_eq!(r.counts().2, 4);
    let messages = r.messages();
    for (input, what) in [
        (&inputs[0], "not an article: a table (CSV)"),
        (
            &inputs[1],
            "not an article: a table (CSV) with a header row",
        ),
        (&inputs[2], "not an article: JSON that is not JSON lines"),
        (&inputs[3], "not an article: an image"),
    ] {
        let name = format!("{}: ", input.display());
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with(&name) && m.contains(what)),
            "{name}{what} in {}",
            r.stderr
        );
    }
    // A .json of JSON lines is read as such.
    assert!(r.stdout.contains("\nj,j#1,direct,"), "{}", r.stdout);
}

#[test]
fn directories_hold_html_pages_too_and_audit_shows_the_extracted_text() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    write(
        &pages,
        "harbour.html",
        include_str!("fixtures/html/page.html"),
    );
    write(&pages, "note.txt", "“Fine,” Jo said.\n");
    let r = run(&["extract".into(), arg(&pages)]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.counts().0, 2);
    let report = dir.path().join("report.html");
    let r = run(&["audit".into(), arg(&pages), "-o".into(), arg(&report)]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("safe harbour"));
    assert!(!html.contains("Related stories") && !html.contains("font-family: serif"));
}
