//! The command line: help, formats, output, threads, exit statuses, broken pipes, --errors and
//! spreadsheet safety.

use std::io::Read;
use std::process::Stdio;

use crate::util::{arg, fixture, many_articles, run, run_with_stdin, whosaid, write, HEADER};

#[test]
fn help_documents_every_flag_with_examples() {
    let out = run(&["extract", "--help"]);
    assert_eq!(out.status, 0);
    for flag in [
        "-o, --output",
        "-j, --threads",
        "-q, --quiet",
        "--format",
        "--outlet",
        "--errors",
        "--no-sanitize",
        "Examples:",
        "[default:",
    ] {
        assert!(
            out.stdout.contains(flag),
            "help lacks {flag}:\n{}",
            out.stdout
        );
    }
    let top = run(&["--help"]);
    assert!(top.stdout.contains("extract") && top.stdout.contains("eval"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["extract", "--no-such-flag"][..],
        &["extract", "--format", "xml"],
        &["extract", "-j", "many"],
        &["frobnicate"],
        &[],
    ] {
        let out = run(args);
        assert_eq!(out.status, 2, "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn csv_header_is_exact_even_without_claims() {
    let out = run(&["extract".to_string(), arg(&fixture("input/dir"))]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().next(), Some(HEADER));
}

#[test]
fn rows_parse_as_csv_with_the_header_width() {
    let out = run(&["extract".to_string(), arg(&fixture("input/news.jsonl"))]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    assert_eq!(reader.headers().unwrap().len(), 22);
    for row in reader.records() {
        assert_eq!(row.unwrap().len(), 22);
    }
}

#[test]
fn jsonl_format_writes_objects_in_column_order_and_no_header() {
    let out = run(&[
        "extract".to_string(),
        "--format".into(),
        "jsonl".into(),
        arg(&fixture("input/news.jsonl")),
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("article_id,claim_id"));
    let columns: Vec<&str> = HEADER.split(',').collect();
    for line in out.stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value.as_object().unwrap().len(), columns.len());
        let positions: Vec<usize> = columns
            .iter()
            .map(|c| line.find(&format!("\"{c}\":")).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{line}");
    }
}

#[test]
fn output_file_gets_the_rows_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.csv");
    let out = run(&[
        "extract".to_string(),
        arg(&fixture("input/dir")),
        "-o".into(),
        arg(&path),
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written.lines().next(), Some(HEADER));
}

#[test]
fn output_that_cannot_be_created_is_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "extract".to_string(),
        arg(&fixture("input/dir")),
        "-o".into(),
        arg(&dir.path().join("missing/claims.csv")),
    ]);
    assert_eq!(out.status, 2);
    assert!(
        out.messages()[0].starts_with("cannot create "),
        "{}",
        out.stderr
    );
}

#[test]
fn one_and_two_threads_give_byte_identical_output() {
    // 700 articles: several chunks, articles of different sizes so that workers finish out of
    // order.
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "many.jsonl", many_articles(700));
    for format in ["csv", "jsonl"] {
        let run_j = |j: &str| {
            let out = run(&[
                "extract",
                "--format",
                format,
                "-j",
                j,
                input.to_str().unwrap(),
            ]);
            assert_eq!(out.status, 0, "{}", out.stderr);
            assert_eq!(out.counts(), (700, 700, 0, out.counts().3));
            out
        };
        let one = run_j("1");
        let two = run_j("2");
        assert_eq!(one.stdout, two.stdout, "--format {format}");
        assert_eq!(one.counts(), two.counts());
    }
}

#[test]
fn summary_accounts_for_every_article_and_quiet_hides_it() {
    let out = run(&["extract".to_string(), arg(&fixture("input/news.jsonl"))]);
    assert_eq!(out.status, 0);
    assert_eq!(out.counts(), (4, 4, 0, out.counts().3));
    let summary = out.messages().pop().unwrap().to_string();
    assert!(summary.contains("rows written in "), "{summary}");
    let quiet = run(&[
        "extract".to_string(),
        "-q".into(),
        arg(&fixture("input/news.jsonl")),
    ]);
    assert_eq!(quiet.status, 0);
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout, out.stdout);
}

#[test]
fn quiet_still_reports_errors() {
    let out = run(&[
        "extract".to_string(),
        "-q".into(),
        arg(&fixture("input/bad.jsonl")),
    ]);
    assert_eq!(out.status, 1);
    assert!(out.stderr.contains("bad.jsonl:2: "), "{}", out.stderr);
    assert!(
        !out.stderr.contains("duplicate id"),
        "warnings are hidden: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("articles read"), "{}", out.stderr);
}

#[test]
fn errors_file_lists_each_failure_once() {
    let dir = tempfile::tempdir().unwrap();
    let errors = dir.path().join("errors.csv");
    let bad = fixture("input/bad.jsonl");
    let out = run(&[
        "extract".to_string(),
        arg(&bad),
        "--errors".into(),
        arg(&errors),
    ]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    let (read, processed, failed, _) = out.counts();
    assert_eq!((read, processed, failed), (8, 3, 5));
    let log = std::fs::read_to_string(&errors).unwrap();
    let mut reader = csv::Reader::from_reader(log.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["source", "line", "article_id", "reason"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let lines: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(lines, ["2", "3", "4", "5", "8"]);
    assert!(rows.iter().all(|r| r[0] == arg(&bad)));
    assert_eq!(&rows[2][2], "no-text");
    assert_eq!(&rows[2][3], "missing field \"text\"");
    assert_eq!(rows.len() as u64, failed);
}

#[test]
fn errors_file_neutralises_formulas_unless_told_not_to() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "evil.jsonl",
        "{\"id\": \"=HYPERLINK(\\\"http://x\\\")\"}\n{\"id\": \"@SUM(A1)\", \"text\": 1}\n",
    );
    let errors = dir.path().join("errors.csv");
    let go = |extra: &[&str]| {
        let mut args = vec!["extract", input.to_str().unwrap(), "--errors"];
        args.push(errors.to_str().unwrap());
        args.extend_from_slice(extra);
        let out = run(&args);
        assert_eq!(out.status, 1, "{}", out.stderr);
        let log = std::fs::read_to_string(&errors).unwrap();
        let mut reader = csv::Reader::from_reader(log.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap()[2].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(go(&[]), ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)"]);
    assert_eq!(
        go(&["--no-sanitize"]),
        ["=HYPERLINK(\"http://x\")", "@SUM(A1)"]
    );
}

#[test]
fn claim_rows_are_neutralised_in_csv_and_exact_in_jsonl() {
    // An article whose id and quote start with formula characters. While detection finds no
    // claims this checks only that nothing breaks; once it does, it checks every row.
    let text = "\"=SUM(A1:A9) is the answer,\" said @analyst Jo Day. \"-1 is not.\"";
    let line = serde_json::json!({"id": "=1+1", "text": text}).to_string();
    let csv_out = run_with_stdin(&["extract", "-"], line.as_bytes());
    assert_eq!(csv_out.status, 0, "{}", csv_out.stderr);
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_bytes());
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(&row[0], "'=1+1");
        for field in row.iter() {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{row:?}"
            );
        }
    }
    let exact = run_with_stdin(&["extract", "--no-sanitize", "-"], line.as_bytes());
    let jsonl = run_with_stdin(&["extract", "--format", "jsonl", "-"], line.as_bytes());
    let chars: Vec<char> = text.chars().collect();
    for row in jsonl.stdout.lines() {
        let row: serde_json::Value = serde_json::from_str(row).unwrap();
        assert_eq!(row["article_id"], "=1+1");
        let (start, end) = (row["start"].as_u64().unwrap(), row["end"].as_u64().unwrap());
        let quote: String = chars[start as usize..end as usize].iter().collect();
        assert_eq!(row["quote"], quote.as_str());
    }
    let mut exact_rows = csv::Reader::from_reader(exact.stdout.as_bytes());
    for row in exact_rows.records() {
        assert_eq!(&row.unwrap()[0], "=1+1");
    }
}

#[test]
fn closed_stdout_exits_0_quietly() {
    // The reader of the output goes away before whosaid writes anything: its writes fail with
    // a broken pipe, which must end the run with status 0 and no error message.
    // -j1 reads, extracts and writes on one thread; -j2 has a reader and workers to stop.
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "many.jsonl", many_articles(3000));
    for j in ["1", "2"] {
        let mut child = whosaid()
            .args(["extract", "-j", j, input.to_str().unwrap()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "-j{j}: {stderr}");
        assert!(!stderr.contains("cannot write"), "-j{j}: {stderr}");
    }
}

#[test]
fn head_closing_the_pipe_exits_0() {
    // Like `whosaid extract many.jsonl | head -n 1`: head reads one line, then exits.
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "many.jsonl", many_articles(3000));
    let mut child = whosaid()
        .args(["extract", input.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 12];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    assert_eq!(&first, b"article_id,c");
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("cannot write"));
}

#[test]
fn eval_subcommand_is_wired() {
    let out = run(&["eval", "--help"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
}
