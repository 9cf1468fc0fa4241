//! Every input form, the id rules, encodings, and every kind of bad input: each reported with
//! its file (and line), counted, and never the end of the run.

use std::time::{Duration, Instant};

use crate::util::{arg, fixture, run, run_with_stdin, write, HEADER};

fn extract(paths: &[&std::path::Path]) -> crate::util::Run {
    let mut args = vec!["extract".to_string()];
    args.extend(paths.iter().map(|p| arg(p)));
    run(&args)
}

#[test]
fn txt_file_is_one_article() {
    let out = extract(&[&fixture("input/dir/business/001.txt")]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.counts(), (1, 1, 0, out.counts().3));
}

#[test]
fn directory_reads_every_txt_recursively_and_nothing_else() {
    let out = extract(&[&fixture("input/dir")]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    // business/001, business/002, politics/2024/010; README.md is not an article.
    assert_eq!(out.counts(), (3, 3, 0, out.counts().3));
    assert!(!out.stderr.contains("README"), "{}", out.stderr);
}

#[test]
fn directory_ids_are_relative_paths_with_slashes() {
    // The same directory twice: every id repeats, and the warnings name the ids.
    let dir = fixture("input/dir");
    let out = extract(&[&dir, &dir]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    for id in ["business/001", "business/002", "politics/2024/010"] {
        assert!(
            out.stderr
                .contains(&format!("duplicate id \"{id}\"; both articles are kept")),
            "{id}: {}",
            out.stderr
        );
    }
    assert_eq!(out.counts(), (6, 6, 0, out.counts().3));
}

#[test]
fn txt_file_id_is_its_stem() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write(tmp.path(), "a/story.txt", "One.");
    let b = write(tmp.path(), "b/story.TXT", "Two.");
    let out = extract(&[&a, &b]);
    assert_eq!(out.status, 0);
    assert!(
        out.stderr.contains("duplicate id \"story\""),
        "{}",
        out.stderr
    );
}

#[test]
fn directory_order_is_sorted_and_uppercase_txt_counts() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["b.txt", "a/z.txt", "A.TXT", "c.txt.bak", "a/y.json"] {
        write(tmp.path(), name, "He said \"hi\".");
    }
    let out = extract(&[tmp.path()]);
    assert_eq!(out.counts(), (3, 3, 0, out.counts().3));
}

#[test]
fn jsonl_file_with_string_numeric_and_missing_ids() {
    let out = extract(&[&fixture("input/news.jsonl")]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    // The blank line is skipped silently.
    assert_eq!(out.counts(), (4, 4, 0, out.counts().3));
    assert_eq!(out.messages().len(), 1, "only the summary: {}", out.stderr);
}

#[test]
fn numeric_id_is_the_same_id_as_its_string() {
    let input = "{\"id\": 17, \"text\": \"a\"}\n{\"id\": \"17\", \"text\": \"b\"}\n";
    let out = run_with_stdin(&["extract", "-"], input.as_bytes());
    assert_eq!(out.status, 0);
    assert!(
        out.messages().contains(
            &"<stdin>:2: duplicate id \"17\", first seen at <stdin>:1; both articles are kept"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(out.counts(), (2, 2, 0, out.counts().3));
}

#[test]
fn stdin_is_jsonl_and_the_default_input() {
    let input = std::fs::read(fixture("input/news.jsonl")).unwrap();
    let dash = run_with_stdin(&["extract", "-"], &input);
    assert_eq!(dash.status, 0, "{}", dash.stderr);
    assert_eq!(dash.counts(), (4, 4, 0, dash.counts().3));
    let none = run_with_stdin(&["extract"], &input);
    assert_eq!(none.counts(), dash.counts());
    assert_eq!(none.stdout, dash.stdout);
}

#[test]
fn mixed_inputs_are_read_in_order() {
    let input = std::fs::read(fixture("input/news.jsonl")).unwrap();
    let out = run_with_stdin(
        &[
            "extract".to_string(),
            arg(&fixture("input/dir")),
            "-".into(),
            arg(&fixture("input/dir/business/001.txt")),
            "--outlet".into(),
            "Westfield Gazette".into(),
        ],
        &input,
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.counts(), (8, 8, 0, out.counts().3));
    // The lone file's id is its stem, 001, not business/001.
    assert!(!out.stderr.contains("duplicate"), "{}", out.stderr);
}

#[test]
fn bad_jsonl_lines_are_reported_and_the_run_continues() {
    let bad = fixture("input/bad.jsonl");
    let out = extract(&[&bad]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    let name = arg(&bad);
    let expected = [
        format!("{name}:2: invalid JSON at column 43: EOF while parsing an object"),
        format!("{name}:3: expected a JSON object, found an array"),
        format!("{name}:4: article \"no-text\": missing field \"text\""),
        format!("{name}:5: article \"num-text\": field \"text\" must be a string, found a number"),
        format!("{name}:7: duplicate id \"ok1\", first seen at {name}:1; both articles are kept"),
        format!("{name}:8: field \"id\" must be a string or a number, found an object"),
        format!("{name}:10: field \"title\" must be a string, found a number; ignored"),
    ];
    let messages = out.messages();
    assert_eq!(messages[..expected.len()], expected, "{}", out.stderr);
    assert_eq!(messages.len(), expected.len() + 1);
    assert_eq!(out.counts(), (8, 3, 5, out.counts().3));
}

#[test]
fn accounting_holds_across_many_failures() {
    let mut input = String::new();
    for i in 0..600 {
        match i % 3 {
            0 => input.push_str(&format!(
                "{{\"id\": {i}, \"text\": \"He said \\\"hi\\\".\"}}\n"
            )),
            1 => input.push_str("{not json}\n"),
            _ => input.push('\n'),
        }
    }
    let out = run_with_stdin(&["extract", "-j", "2", "-"], input.as_bytes());
    assert_eq!(out.status, 1);
    let (read, processed, failed, _) = out.counts();
    assert_eq!((read, processed, failed), (400, 200, 200));
    // Each failure listed once, in input order.
    let listed: Vec<&str> = out
        .messages()
        .into_iter()
        .filter(|m| m.contains("invalid JSON"))
        .collect();
    assert_eq!(listed.len(), 200);
    assert!(listed[0].starts_with("<stdin>:2: "), "{}", listed[0]);
    assert!(listed[199].starts_with("<stdin>:599: "), "{}", listed[199]);
}

#[test]
fn line_numbers_and_warnings_hold_across_read_batches() {
    // JSONL is read in blocks of a few hundred KiB and parsed by the workers: lines that
    // straddle blocks, a line longer than a block, blank and CRLF lines must still be counted
    // and named right, and the in-order warnings given once, in order, with any -j.
    let mut input = Vec::new();
    let mut expected = Vec::new();
    let name = "big.jsonl";
    for line in 1..=6000u64 {
        match line {
            1000 | 4000 => {
                input.extend_from_slice(b"{\"id\": \"legacy\", \"text\": \"caf\xe9.\"}\n");
                if line == 1000 {
                    expected.push(format!(
                        "{name}:{line}: not UTF-8; decoded as windows-1252 (and so is any later \
                         such line in this file)"
                    ));
                } else {
                    expected.push(format!(
                        "{name}:{line}: duplicate id \"legacy\", first seen at {name}:1000; both \
                         articles are kept"
                    ));
                }
            }
            2500 => {
                let long = "He said \\\"no\\\". ".repeat(60_000);
                input.extend_from_slice(
                    format!("{{\"id\": \"long\", \"text\": \"{long}\"}}\n").as_bytes(),
                );
                expected.push(format!(
                    "{name}:{line}: article long is 0.8 MB, so it is processed in windows of about \
                     256 KiB, each on its own: speakers are not resolved from one window to the next"
                ));
            }
            3001 | 3002 => input.extend_from_slice(b" \r\n"),
            5999 => {
                input.extend_from_slice(b"{\"id\": 1,\r\n");
                expected.push(format!(
                    "{name}:{line}: invalid JSON at column 9: EOF while parsing a value"
                ));
            }
            _ => input.extend_from_slice(
                format!(
                    "{{\"id\": {line}, \"text\": \"Aides said the plan, number {line}, would \
                         pass.\"}}\r\n"
                )
                .as_bytes(),
            ),
        }
    }
    // The last line has no line break.
    input.truncate(input.len() - 2);
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), name, &input);
    let mut outputs = Vec::new();
    for j in ["1", "2"] {
        let out = run(&["extract", "-j", j, &arg(&path)]);
        assert_eq!(out.status, 1, "-j{j}: {}", out.stderr);
        let messages: Vec<String> = out
            .messages()
            .iter()
            .filter(|m| !m.contains(" articles read, "))
            .map(|m| m.replace(&arg(&path), name))
            .collect();
        assert_eq!(messages, expected, "-j{j}");
        assert_eq!(out.counts(), (5998, 5997, 1, out.counts().3), "-j{j}");
        outputs.push(out.stdout);
    }
    assert_eq!(outputs[0], outputs[1]);
    // Every article's rows are there, the last one's included.
    assert!(outputs[0].contains("\n6000,"), "the last line is read");
}

#[test]
fn jsonl_with_byte_order_marks_and_legacy_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let lines =
        "{\"id\": \"a\", \"text\": \"“Oui,” dit-il. €\"}\n{\"id\": \"b\", \"text\": \"x\"}\n";
    let mut utf8_bom = b"\xef\xbb\xbf".to_vec();
    utf8_bom.extend_from_slice(lines.as_bytes());
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(lines.encode_utf16().flat_map(u16::to_le_bytes));
    let legacy = b"{\"id\": \"c\", \"text\": \"caf\xe9 \x93ok\x94\"}\n".to_vec();
    for (name, bytes, warning) in [
        ("bom.jsonl", utf8_bom, None),
        ("utf16.jsonl", utf16, None),
        (
            "legacy.jsonl",
            legacy,
            Some(":1: not UTF-8; decoded as windows-1252"),
        ),
    ] {
        let path = write(tmp.path(), name, bytes);
        let out = extract(&[&path]);
        assert_eq!(out.status, 0, "{name}: {}", out.stderr);
        assert_eq!(out.counts().2, 0, "{name}: {}", out.stderr);
        match warning {
            Some(w) => assert!(out.stderr.contains(w), "{name}: {}", out.stderr),
            None => assert_eq!(out.messages().len(), 1, "{name}: {}", out.stderr),
        }
    }
}

#[test]
fn text_encodings_are_decoded() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "“We will rebuild,” the mayor said. Café – €5\u{a0}million.";
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let mut le = vec![0xff, 0xfe];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let cp1252 =
        b"\x93We will rebuild,\x94 the mayor said. Caf\xe9 \x96 \x805\xa0million.".to_vec();
    for (name, bytes) in [
        ("plain.txt", text.as_bytes().to_vec()),
        ("bom.txt", bom),
        ("le.txt", le),
        ("be.txt", be),
    ] {
        let path = write(tmp.path(), name, bytes);
        let out = extract(&[&path]);
        assert_eq!(out.status, 0, "{name}: {}", out.stderr);
        assert_eq!(
            out.messages().len(),
            1,
            "{name}: no warning: {}",
            out.stderr
        );
    }
    let path = write(tmp.path(), "legacy.txt", cp1252);
    let out = extract(&[&path]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.messages()[0],
        format!("{}: not UTF-8; decoded as windows-1252", arg(&path))
    );
    assert_eq!(out.counts(), (1, 1, 0, out.counts().3));
}

#[test]
fn binary_file_is_skipped_counted_and_named() {
    let tmp = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 2000));
    let binary = write(tmp.path(), "photo.txt", png);
    let good = write(tmp.path(), "good.txt", "\"Fine,\" he said.");
    let out = extract(&[&binary, &good]);
    assert_eq!(out.status, 1);
    assert_eq!(
        out.messages()[0],
        format!("{}: binary file (NUL bytes), skipped", arg(&binary))
    );
    assert_eq!(out.counts(), (2, 1, 1, out.counts().3));
}

#[test]
fn awkward_but_valid_text_is_processed() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, String); 8] = [
        ("empty.txt", String::new()),
        ("blank.txt", " \n\t\r\n \u{a0}\n".into()),
        (
            "crlf.txt",
            "\"Yes,\" he said.\r\n\r\n\"No,\" she said.\r\n".into(),
        ),
        ("cr.txt", "\"Yes,\" he said.\r\r\"No,\" she said.\r".into()),
        (
            "odd.txt",
            "\tTabs\u{200b}zero\u{feff}width\0nul “a\u{a0}b” said 😀 X.".into(),
        ),
        ("quotes.txt", "\"".repeat(5000) + &"“”‘’'".repeat(2000)),
        (
            "unbalanced.txt",
            "He said \"this never ends. And “this neither.\n\nShe said ”no.".into(),
        ),
        // 1 MB on one line. The 50 MB case is in the criterion benches.
        (
            "long.txt",
            "The river rose by two metres overnight. ".repeat(25_000),
        ),
    ];
    let paths: Vec<_> = cases
        .iter()
        .map(|(name, text)| write(tmp.path(), name, text))
        .collect();
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    let started = Instant::now();
    let out = extract(&refs);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.counts(), (8, 8, 0, out.counts().3));
    assert_eq!(out.stdout.lines().next(), Some(HEADER));
    assert!(started.elapsed() < Duration::from_secs(60), "too slow");
}

#[test]
fn an_article_longer_than_a_window_is_processed_in_windows() {
    // About 1.2 MB on one line: five windows of 256 KiB. Every sentence pair is a quote with
    // its speaker and a pronoun claim after it, and each window has the names it needs.
    let unit = "“The river rose by two metres,” said Ann Lee of the water board. \
                She said the dam would hold. ";
    let text = unit.repeat(1_200_000 / unit.len());
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "long.txt", &text);
    let runs: Vec<_> = ["-j1", "-j2"]
        .iter()
        .map(|j| run(&["extract", j, &arg(&path)]))
        .collect();
    let out = &runs[0];
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(runs[1].stdout, out.stdout, "-j1 and -j2 differ");
    assert!(
        out.messages()[0].contains("is 1.2 MB, so it is processed in windows"),
        "{}",
        out.stderr
    );

    let chars: Vec<char> = text.chars().collect();
    let units = text.matches(unit).count();
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let (mut direct, mut ann, mut ids) = (0, 0, std::collections::BTreeSet::new());
    for row in reader.records() {
        let row = row.unwrap();
        let (start, end): (usize, usize) = (row[4].parse().unwrap(), row[5].parse().unwrap());
        assert_eq!(chars[start..end].iter().collect::<String>(), &row[3]);
        direct += usize::from(&row[2] == "direct");
        ann += usize::from(row[6].starts_with("Ann Lee"));
        ids.insert(row[1].rsplit_once('#').unwrap().1.parse::<usize>().unwrap());
    }
    // A window boundary may fall inside a unit and cost its claims; no more than that.
    assert!(
        direct + 5 >= units && direct <= units,
        "{direct} of {units}"
    );
    assert!(ann + 10 >= 2 * units, "{ann} of {}", 2 * units);
    assert_eq!(ids.len(), out.counts().3 as usize);
    assert_eq!(ids.last(), Some(&ids.len()), "claim numbers have gaps");
}

#[test]
fn missing_path_is_named_and_other_inputs_still_run() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope.jsonl");
    let out = extract(&[&missing, &fixture("input/dir/business/001.txt")]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.messages()[0],
        format!("{}: no such file or directory", arg(&missing))
    );
    assert_eq!(out.counts(), (1, 1, 0, out.counts().3));
    assert!(out
        .messages()
        .last()
        .unwrap()
        .ends_with("; 1 input could not be read"));
}

#[test]
fn directory_without_articles_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "notes.md", "not an article");
    let out = extract(&[tmp.path()]);
    assert_eq!(out.status, 2);
    assert_eq!(
        out.messages()[0],
        format!(
            "{}: no articles: the directory holds no .txt or .html files",
            arg(tmp.path())
        )
    );
    assert_eq!(out.counts(), (0, 0, 0, 0));
}

#[test]
fn empty_stdin_is_no_articles_and_fine() {
    let out = run_with_stdin(&["extract", "-"], b"\n\n  \n");
    assert_eq!(out.status, 0);
    assert_eq!(out.counts(), (0, 0, 0, 0));
    assert_eq!(out.stdout, format!("{HEADER}\n"));
}

#[test]
fn a_pipe_named_as_a_path_is_jsonl() {
    // Like `whosaid extract <(zcat news.jsonl.gz)`: /dev/stdin is a pipe here, not a file.
    let input = std::fs::read(fixture("input/news.jsonl")).unwrap();
    let out = run_with_stdin(&["extract", "/dev/stdin"], &input);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.counts(), (4, 4, 0, out.counts().3));
}
