//! `whosaid speakers` and `whosaid extract --corpus-speakers`: one row per person across
//! claims files.

use std::collections::HashMap;
use std::path::Path;

use crate::util::{arg, run, write, Run};

/// A claims CSV of the columns `whosaid speakers` reads; each row is (article, claim number,
/// kind, speaker, speaker_type, title). The speaker ids are left for the reader to make.
fn claims(rows: &[(&str, u32, &str, &str, &str, &str)]) -> String {
    let mut csv = String::from(
        "article_id,claim_id,kind,quote,start,end,speaker,speaker_type,speaker_id,title,role,\
         organisation\n",
    );
    for (article, n, kind, speaker, speaker_type, title) in rows {
        csv.push_str(&format!(
            "{article},{article}#{n},{kind},\"…\",0,1,{speaker},{speaker_type},,{title},,\n"
        ));
    }
    csv
}

/// The rows of a corpus table, each as column -> value.
fn table(csv: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|row| {
            let row = row.unwrap();
            header
                .iter()
                .zip(row.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The row with `speaker_id`.
fn row<'t>(table: &'t [HashMap<String, String>], id: &str) -> &'t HashMap<String, String> {
    table
        .iter()
        .find(|r| r["speaker_id"] == id)
        .unwrap_or_else(|| panic!("no row {id} in {table:#?}"))
}

/// The corpus table of a claims CSV of `rows` (see [`claims`]), and the run that made it.
fn table_of(rows: &[(&str, u32, &str, &str, &str, &str)]) -> (Vec<HashMap<String, String>>, Run) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "claims.csv", claims(rows));
    let out = speakers(&[&path]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    (table(&out.stdout), out)
}

/// Runs `whosaid speakers` on `paths`, to standard output.
fn speakers(paths: &[&Path]) -> Run {
    let mut args = vec!["speakers".to_string()];
    args.extend(paths.iter().map(|p| arg(p)));
    run(&args)
}

#[test]
fn obama_spellings_are_one_row_and_a_split_claim_counts_once() {
    let (rows, out) = table_of(&[
        // A quote split by its cue: two rows, one claim.
        ("a1", 1, "direct", "Barack Obama", "person", ""),
        ("a1", 1, "direct", "Barack Obama", "person", ""),
        ("a1", 2, "indirect", "Joe Biden", "person", "Vice President"),
        (
            "a2",
            1,
            "indirect",
            "President Obama",
            "person",
            "President",
        ),
        ("a3", 1, "mixed", "Pres. Obama", "person", ""),
        ("a3", 2, "direct", "Obama", "person", ""),
        ("a4", 1, "direct", "Mr. Obama", "person", "Mr."),
        ("a4", 2, "direct", "Barack Obama", "person", ""),
        ("a5", 1, "direct", "Donald Trump", "person", ""),
        ("a5", 2, "direct", "Trump", "person", ""),
        ("a6", 1, "indirect", "Republican Donald Trump", "person", ""),
        ("a6", 2, "direct", "", "", ""),
        ("a6", 3, "direct", "", "anonymous", ""),
    ]);
    let obama: Vec<_> = rows
        .iter()
        .filter(|r| r["variants"].contains("Obama"))
        .collect();
    assert_eq!(obama.len(), 1, "{rows:#?}");
    let obama = obama[0];
    assert_eq!(obama["speaker_id"], "person:barack-obama");
    assert_eq!(obama["name"], "Barack Obama");
    assert_eq!(obama["type"], "person");
    assert_eq!(
        obama["variants"],
        "Barack Obama; Mr. Obama; Obama; Pres. Obama; President Obama"
    );
    assert_eq!(
        obama["ids"],
        "person:barack-obama; person:mr-obama; person:obama; person:pres-obama; \
         person:president-obama"
    );
    assert_eq!(obama["titles"], "Mr.; President");
    let counts = ["claims", "articles", "direct", "mixed", "indirect"].map(|c| &obama[c]);
    assert_eq!(counts, ["6", "4", "4", "1", "1"]);
    assert_eq!(obama["note"], "");

    let trump = row(&rows, "person:donald-trump");
    assert_eq!(
        trump["variants"],
        "Donald Trump; Republican Donald Trump; Trump"
    );
    assert_eq!((&*trump["claims"], &*trump["articles"]), ("3", "2"));
    assert!(!rows.iter().any(|r| r["speaker_id"] == "person:trump"));

    // Rows by claims, most first; claims with no speaker or an anonymous one are in none.
    let ids: Vec<_> = rows.iter().map(|r| r["speaker_id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "person:barack-obama",
            "person:donald-trump",
            "person:joe-biden"
        ]
    );
    assert!(
        out.stderr
            .contains("(2 with no named speaker, 1 of them anonymous)"),
        "{}",
        out.stderr
    );
}

#[test]
fn two_bushes_stay_apart_and_the_surname_says_so() {
    let (rows, _) = table_of(&[
        ("a1", 1, "direct", "George Bush", "person", ""),
        ("a1", 2, "direct", "Jeb Bush", "person", ""),
        ("a2", 1, "direct", "Bush", "person", ""),
        ("a2", 2, "direct", "Gov. Bush", "person", "Gov."),
        ("a3", 1, "direct", "Jeb Bush", "person", ""),
        // Not a full name that "Bush" could stand for: not written like a name.
        ("a3", 2, "direct", "aides to Bush", "person", ""),
    ]);
    let bush = row(&rows, "person:bush");
    assert_eq!(bush["variants"], "Bush; Gov. Bush");
    assert_eq!(bush["claims"], "2");
    assert_eq!(
        bush["note"],
        "ambiguous: person:jeb-bush; person:george-bush"
    );
    assert_eq!(row(&rows, "person:george-bush")["claims"], "1");
    assert_eq!(row(&rows, "person:jeb-bush")["variants"], "Jeb Bush");
    assert_eq!(row(&rows, "person:aides-to-bush")["note"], "");
}

#[test]
fn organisations_and_groups_merge_only_on_the_same_id() {
    let (rows, _) = table_of(&[
        ("a1", 1, "direct", "the White House", "organisation", ""),
        ("a2", 1, "direct", "White House", "organisation", ""),
        ("a2", 2, "direct", "House", "organisation", ""),
        ("a3", 1, "direct", "officials", "group", ""),
        ("a3", 2, "direct", "U.S. officials", "group", ""),
    ]);
    assert_eq!(rows.len(), 4, "{rows:#?}");
    let white_house = row(&rows, "organisation:white-house");
    assert_eq!(white_house["variants"], "White House; the White House");
    assert_eq!(white_house["claims"], "2");
}

#[test]
fn shards_give_the_table_of_their_concatenation() {
    let dir = tempfile::tempdir().unwrap();
    let first = [
        ("a1", 1, "direct", "Obama", "person", ""),
        ("a1", 2, "direct", "Jeb Bush", "person", ""),
        ("a2", 1, "indirect", "Bush", "person", ""),
    ];
    let second = [
        ("b1", 1, "direct", "Barack Obama", "person", ""),
        ("b1", 1, "direct", "Barack Obama", "person", ""),
        ("b2", 1, "mixed", "George Bush", "person", ""),
        ("b2", 2, "direct", "the ministry", "organisation", ""),
    ];
    let shard1 = write(dir.path(), "shards/1.csv", claims(&first));
    let shard2 = write(dir.path(), "shards/2.csv", claims(&second));
    let all = write(
        dir.path(),
        "all.csv",
        claims(&[&first[..], &second].concat()),
    );

    let sharded = speakers(&[&shard1, &shard2]);
    assert_eq!(sharded.status, 0, "{}", sharded.stderr);
    let whole = speakers(&[&all]);
    assert_eq!(sharded.stdout, whole.stdout);
    // The surname of one shard merges into the full name of the other.
    let rows = table(&sharded.stdout);
    assert_eq!(row(&rows, "person:barack-obama")["claims"], "2");
    assert!(row(&rows, "person:bush")["note"].starts_with("ambiguous: "));

    // Real shards: extract's claims of some articles and of the others.
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut texts: Vec<_> = std::fs::read_dir(&samples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    texts.sort();
    let (left, right) = texts.split_at(texts.len() / 2);
    let extract = |paths: &[std::path::PathBuf], out: &str| {
        let out = dir.path().join(out);
        let mut args = vec!["extract".to_string(), "-q".to_string()];
        args.extend(paths.iter().map(|p| arg(p)));
        args.extend(["-o".to_string(), arg(&out)]);
        let run = run(&args);
        assert_eq!(run.status, 0, "{}", run.stderr);
        out
    };
    let left = extract(left, "left.csv");
    let right = extract(right, "right.csv");
    let all = extract(&texts, "samples.csv");
    let sharded = speakers(&[&left, &right]);
    assert_eq!(sharded.status, 0, "{}", sharded.stderr);
    assert_eq!(sharded.stdout, speakers(&[&all]).stdout);
    assert!(table(&sharded.stdout).len() > 5, "{}", sharded.stdout);
}

#[test]
fn extract_corpus_speakers_is_the_table_of_what_extract_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let samples = arg(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples"));
    for (format, ext) in [("csv", "csv"), ("jsonl", "jsonl")] {
        let claims = dir.path().join(format!("claims.{ext}"));
        let mut tables = Vec::new();
        for threads in ["1", "2"] {
            let corpus = dir.path().join(format!("corpus-{threads}.{ext}"));
            let out = run(&[
                "extract",
                &samples,
                "-q",
                "-j",
                threads,
                "--format",
                format,
                "-o",
                &arg(&claims),
                "--corpus-speakers",
                &arg(&corpus),
            ]);
            assert_eq!(out.status, 0, "{}", out.stderr);
            tables.push(std::fs::read_to_string(&corpus).unwrap());
        }
        assert_eq!(tables[0], tables[1], "-j1 and -j2");
        let out = run(&["speakers", &arg(&claims), "--format", format]);
        assert_eq!(out.status, 0, "{}", out.stderr);
        assert_eq!(out.stdout, tables[0], "{format}");
        assert!(out.stdout.lines().count() > 5, "{}", out.stdout);
    }
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let csv = claims(&[("a1", 1, "direct", "Jo Day", "person", "")]);
    let path = write(dir.path(), "claims.csv", &csv);
    let link = dir.path().join("link.csv");
    std::fs::hard_link(&path, &link).unwrap();
    let same = dir.path().join("sub/../claims.csv");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for output in [&path, &link, &same] {
        let out = run(&["speakers", &arg(&path), "-o", &arg(output)]);
        assert_eq!(out.status, 2, "{}", out.stderr);
        assert!(
            out.stderr.contains("refusing to overwrite"),
            "{}",
            out.stderr
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), csv);
    }

    // extract: neither an input nor the claims output.
    let articles = write(
        dir.path(),
        "news.jsonl",
        "{\"id\":\"1\",\"text\":\"“Hi,” Jo said.\"}\n",
    );
    let claims_out = dir.path().join("out.csv");
    for corpus in [&articles, &claims_out] {
        let out = run(&[
            "extract",
            &arg(&articles),
            "-o",
            &arg(&claims_out),
            "--corpus-speakers",
            &arg(corpus),
        ]);
        assert_eq!(out.status, 2, "{}", out.stderr);
    }
    assert!(std::fs::read_to_string(&articles)
        .unwrap()
        .contains("Jo said"));
}

#[test]
fn an_existing_table_is_replaced_only_by_a_complete_one() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "claims.csv",
        claims(&[("a1", 1, "direct", "Jo Day", "person", "")]),
    );
    let output = write(dir.path(), "speakers.csv", "earlier result\n");
    let missing = dir.path().join("missing.csv");
    let out = run(&["speakers", &arg(&missing), "-o", &arg(&output)]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "earlier result\n"
    );
    let out = run(&["speakers", &arg(&good), "-o", &arg(&output)]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(std::fs::read_to_string(&output)
        .unwrap()
        .contains("person:jo-day"));
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_file_that_is_not_a_claims_table_is_named_and_the_others_counted() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "claims.csv",
        claims(&[("a1", 1, "direct", "Jo Day", "person", "")]),
    );
    let articles = write(
        dir.path(),
        "news.jsonl",
        "{\"id\":\"1\",\"text\":\"Hi.\"}\n",
    );
    let other = write(dir.path(), "other.csv", "name,age\nJo,3\n");
    let bad_row = write(
        dir.path(),
        "bad.csv",
        format!(
            "{}a2,a2#1,quoted,x,0,1,Al Roe,person,,,,\n",
            claims(&[("a2", 1, "direct", "Al Roe", "person", "")])
        ),
    );
    let out = speakers(&[&articles, &good, &other, &bad_row]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    let messages = out.messages();
    for want in [
        format!("{}:1: no \"article_id\" field", arg(&articles)),
        format!("{}: no \"article_id\" column", arg(&other)),
        format!("{}:3: unknown kind \"quoted\"", arg(&bad_row)),
    ] {
        assert!(
            messages.iter().any(|m| m.starts_with(&want)),
            "{want}: {messages:?}"
        );
    }
    // A file with a bad row counts for nothing, not for its rows before the bad one.
    let rows = table(&out.stdout);
    let ids: Vec<_> = rows.iter().map(|r| r["speaker_id"].as_str()).collect();
    assert_eq!(ids, ["person:jo-day"]);
    assert!(
        out.stderr
            .contains("1 of 4 claims files read, 3 could not be"),
        "{}",
        out.stderr
    );
}

#[test]
fn formula_fields_are_neutralised_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "claims.csv",
        claims(&[("a1", 1, "direct", "'=Jo Day", "person", "")]),
    );
    let out = speakers(&[&path]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains(",'=Jo Day,"), "{}", out.stdout);
    let out = run(&["speakers", &arg(&path), "--no-sanitize"]);
    assert!(out.stdout.contains(",=Jo Day,"), "{}", out.stdout);
    let out = run(&["speakers", &arg(&path), "--format", "jsonl"]);
    let line: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(line["name"], "=Jo Day");
    assert_eq!(line["type"], "person");
    assert_eq!(line["claims"], 1);
}

#[test]
fn help_documents_the_columns_and_flags() {
    let out = run(&["speakers", "--help"]);
    assert_eq!(out.status, 0);
    for want in [
        "-o, --output",
        "--format",
        "variants",
        "ids",
        "note",
        "ambiguous",
        "shards/*.csv",
        "[default:",
    ] {
        assert!(out.stdout.contains(want), "help lacks {want}");
    }
    let out = run(&["extract", "--help"]);
    assert!(out.stdout.contains("--corpus-speakers"));
    let out = run(&["speakers", "--format", "xml"]);
    assert_eq!(out.status, 2);
}
