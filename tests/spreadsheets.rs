//! Spreadsheets that open right: `--bom` on every CSV of a run, `--format xlsx` with text
//! cells, numeric offsets and ids as text, and `--texts` with the text the offsets refer to.

use calamine::{open_workbook, Data, Reader, Xlsx};
use whosaid_export::HEADER;

use crate::util::{arg, assert_quote_is_the_text, run, write};

/// One JSONL article whose id looks like a number and whose quote looks like a formula.
const ARTICLE: &str = r#"{"id": "007", "text": "“=HYPERLINK(1), we said,” Zoë Müller said.\n\nShe told Le Monde the plan was sound."}"#;

#[test]
fn bom_starts_the_claims_the_speakers_and_the_errors_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.jsonl", format!("{ARTICLE}\nnot json\n"));
    let (claims, speakers, errors) = (
        dir.path().join("c.csv"),
        dir.path().join("s.csv"),
        dir.path().join("e.csv"),
    );
    let r = run(&[
        "extract".into(),
        arg(&input),
        "--bom".into(),
        "-o".into(),
        arg(&claims),
        "--speakers".into(),
        arg(&speakers),
        "--errors".into(),
        arg(&errors),
    ]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    for path in [&claims, &speakers, &errors] {
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"\xef\xbb\xbf"), "{}", path.display());
        // One mark, then the header.
        assert!(bytes[3..].starts_with(b"article_id,") || bytes[3..].starts_with(b"source,"));
    }
    // Without --bom, none.
    let r = run(&["extract".into(), arg(&input), "-o".into(), arg(&claims)]);
    assert_eq!(r.status, 1);
    assert!(std::fs::read(&claims).unwrap().starts_with(b"article_id,"));
}

/// Writes [`ARTICLE`] to `a.jsonl` in `dir` and extracts it to the workbook `c.xlsx`: the two
/// paths.
fn workbook_of_the_article(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let input = write(dir, "a.jsonl", format!("{ARTICLE}\n"));
    let book_path = dir.join("c.xlsx");
    let r = run(&[
        "extract".into(),
        arg(&input),
        "--format".into(),
        "xlsx".into(),
        "-o".into(),
        arg(&book_path),
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    (input, book_path)
}

#[test]
fn xlsx_cells_are_text_offsets_numbers_and_quotes_exact() {
    let dir = tempfile::tempdir().unwrap();
    let (input, book_path) = workbook_of_the_article(dir.path());
    let jsonl = run(&[
        "extract".into(),
        arg(&input),
        "--format".into(),
        "jsonl".into(),
    ]);
    let records: Vec<serde_json::Value> = jsonl
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut book: Xlsx<_> = open_workbook(&book_path).unwrap();
    let sheet = book.worksheet_range("claims").unwrap();
    assert_eq!(sheet.height(), records.len() + 1);
    assert_eq!(sheet.get((0, 3)), Some(&Data::String("quote".into())));
    for (k, record) in records.iter().enumerate() {
        let row = k + 1;
        assert_eq!(sheet.get((row, 0)), Some(&Data::String("007".into())));
        // The quote is exactly the JSON lines' one: no ' in front of "=HYPERLINK".
        assert_eq!(
            sheet.get((row, 3)),
            Some(&Data::String(record["quote"].as_str().unwrap().into()))
        );
        assert_eq!(
            sheet.get((row, 4)),
            Some(&Data::Float(record["start"].as_f64().unwrap()))
        );
    }
    assert!(records[0]["quote"]
        .as_str()
        .unwrap()
        .starts_with("=HYPERLINK"));
}

/// Regression: the confidence column was written as a text cell, so a spreadsheet's filter or
/// sum over it saw text.
#[test]
fn xlsx_confidence_is_a_number_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (_, book_path) = workbook_of_the_article(dir.path());
    let column = HEADER.iter().position(|h| *h == "confidence").unwrap();
    let mut book: Xlsx<_> = open_workbook(&book_path).unwrap();
    let sheet = book.worksheet_range("claims").unwrap();
    assert!(sheet.height() > 1);
    for row in 1..sheet.height() {
        assert_eq!(
            sheet.get((row, column)),
            Some(&Data::Float(1.0)),
            "row {row}"
        );
    }
}

#[test]
fn xlsx_needs_an_output_file_and_never_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.jsonl", format!("{ARTICLE}\n"));
    let r = run(&[
        "extract".into(),
        arg(&input),
        "--format".into(),
        "xlsx".into(),
    ]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("--format xlsx needs -o FILE"),
        "{}",
        r.stderr
    );
    let r = run(&[
        "extract".into(),
        arg(&input),
        "--format".into(),
        "xlsx".into(),
        "-o".into(),
        arg(&input),
    ]);
    assert_eq!(r.status, 2);
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        format!("{ARTICLE}\n")
    );
}

#[test]
fn texts_hold_the_text_every_offset_refers_to() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "a.jsonl",
        format!(
            "{}\n",
            r#"{"id": 7, "text": "“Yes,” Jo said.", "title": "T", "url": "https://example.org/a", "date": "2024-01-02", "other": 1}"#
        ),
    );
    let texts = dir.path().join("texts.jsonl");
    let r = run(&[
        "extract".into(),
        arg(&input),
        "--format".into(),
        "jsonl".into(),
        "--texts".into(),
        arg(&texts),
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&texts).unwrap().trim()).unwrap();
    assert_eq!(
        line,
        serde_json::json!({"id": "7", "text": "“Yes,” Jo said.", "title": "T",
                           "url": "https://example.org/a", "date": "2024-01-02"})
    );
    let record: serde_json::Value = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_quote_is_the_text(line["text"].as_str().unwrap(), &record);
}
