//! `whosaid check`: known quotes as regression tests, one PASS or FAIL line per row, every
//! problem of the list reported as its row's failure, exit 0/1/2, JUnit XML.

use crate::util::{arg, fixture, run, write};

fn samples() -> String {
    arg(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples"))
}

#[test]
fn every_row_passes_or_fails_with_its_reason_and_checking_goes_on() {
    let known = fixture("check/known-quotes.csv");
    let r = run(&["check".to_string(), arg(&known), samples()]);
    assert_eq!(r.status, 1, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 8, "{}", r.stdout);
    // A right speaker passes, naming the claim it was found as.
    assert!(lines[0].starts_with("PASS ") && lines[0].contains(":2 article"));
    assert!(lines[0].contains(": Qatari al-Samarmad (claim 000_606a2fd7b4950ec8#"));
    // Alternatives, and an outlet, are checked.
    assert!(lines[1].starts_with("PASS ") && lines[2].starts_with("PASS "));
    // A wrong speaker names the speaker found and the claim row.
    assert!(lines[3].starts_with("FAIL "), "{}", lines[3]);
    assert!(
        lines[3].contains(
            "speaker \"Rasul and other military sources\" instead of \"Yahya Rasul\" \
             (claim 001_897c7fae6f46fd2d#"
        ),
        "{}",
        lines[3]
    );
    // Every problem of the list itself is its row's FAIL line, with the row's line.
    assert!(lines[4].starts_with("FAIL ") && lines[4].contains(":6: quote not found in article"));
    assert!(lines[5].contains(":7: article \"999_not_an_article\" is not among the articles given"));
    assert!(lines[6].contains(":8: empty quote"));
    assert!(
        lines[7].ends_with(
            "7 known quotes, 3 passed, 4 failed (0 not found, 1 found with another speaker, \
             role, outlet or kind, 3 problems in the list); recall 57.1 (4 of 7 found)"
        ),
        "{}",
        lines[7]
    );
}

#[test]
fn all_passing_exits_zero_and_a_lost_quote_fails() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "“We will win this,” Jo Smith said on Monday.\n",
    );
    let good = write(
        dir.path(),
        "good.csv",
        "article_id,quote,speaker\na,We will win this,Smith\n",
    );
    let r = run(&["check".into(), arg(&good), arg(&dir.path().join("a.txt"))]);
    assert_eq!(r.status, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("PASS "), "{}", r.stdout);
    // Text that is there but that whosaid does not report as a claim is "not found".
    let lost = write(
        dir.path(),
        "lost.csv",
        "article_id,quote,speaker\na,on Monday,Smith\n",
    );
    let r = run(&["check".into(), arg(&lost), arg(&dir.path().join("a.txt"))]);
    assert_eq!(r.status, 1);
    assert!(r.stdout.starts_with("FAIL ") && r.stdout.contains("\"on Monday\": not found"));
    // -q prints the failures and the summary only.
    let r = run(&[
        "check".into(),
        "-q".into(),
        arg(&good),
        arg(&dir.path().join("a.txt")),
    ]);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
}

#[test]
fn usage_errors_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", "“Hi,” Jo said.\n");
    let no_speaker = write(dir.path(), "k.csv", "article_id,quote\na,Hi\n");
    let r = run(&["check".into(), arg(&no_speaker), arg(&a)]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("missing column \"speaker\""),
        "{}",
        r.stderr
    );
    let r = run(&["check".into(), arg(&dir.path().join("absent.csv")), arg(&a)]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("absent.csv"), "{}", r.stderr);
    // No ARTICLES.
    let r = run(&["check".into(), arg(&no_speaker)]);
    assert_eq!(r.status, 2);
}

#[test]
fn junit_has_one_test_case_per_row_and_names_failures() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("known.xml");
    let known = fixture("check/known-quotes.csv");
    let r = run(&[
        "check".into(),
        arg(&known),
        samples(),
        "--junit".into(),
        arg(&xml),
    ]);
    assert_eq!(r.status, 1);
    let xml = std::fs::read_to_string(&xml).unwrap();
    assert!(xml.contains("tests=\"7\""), "{xml}");
    assert!(xml.contains("failures=\"4\""), "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 7);
    assert!(xml.contains("instead of &quot;Yahya Rasul&quot;"), "{xml}");
    // The JUnit file may not replace the list it checks.
    let r = run(&[
        "check".into(),
        arg(&known),
        samples(),
        "--junit".into(),
        arg(&known),
    ]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("refusing to overwrite"), "{}", r.stderr);
}
