//! `whosaid train` and `--model`: a model trained on a tiny hand-made gold
//! (`fixtures/train/tiny.gold.jsonl`, invented sentences with source, cue and content marked).

use std::fs;

use crate::util::{arg, fixture, run};

fn train(gold: &std::path::Path, out: &std::path::Path, seed: &str) -> crate::util::Run {
    run(&[
        "train",
        "--gold",
        &arg(gold),
        "-o",
        &arg(out),
        "--bits",
        "12",
        "--seed",
        seed,
        "--threshold",
        "0.3",
    ])
}

#[test]
fn training_is_deterministic_and_the_model_holds_no_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold = fixture("train/tiny.gold.jsonl");
    let (a, b, c) = (
        dir.path().join("a.bin"),
        dir.path().join("b.bin"),
        dir.path().join("c.bin"),
    );
    for (path, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        let out = train(&gold, path, seed);
        assert_eq!(out.status, 0, "{}", out.stderr);
    }
    let (a, b, c) = (
        fs::read(a).unwrap(),
        fs::read(b).unwrap(),
        fs::read(c).unwrap(),
    );
    assert_eq!(a, b, "same gold, same seed: the same bytes");
    assert_ne!(a, c, "another seed visits the sequences in another order");
    // 2^12 buckets of 8 weights of 2 bytes, the header, and one gate word ("doubts", a cue
    // of two gold claims) as a count and a hash.
    assert_eq!(a.len(), 8 + 24 + 2 * (49 + 7) + (1 << 12) * 16 + 4 + 8);
    for word in ["bridge", "Velt", "council", "budget", "doubts"] {
        assert!(
            !a.windows(word.len()).any(|w| w == word.as_bytes()),
            "the model holds {word:?}"
        );
    }
}

/// The JSONL rows of `whosaid --model MODEL extract` on a text file holding `body`, written
/// beside the model.
fn extract_with(model: &std::path::Path, body: &str) -> Vec<serde_json::Value> {
    let text = model.with_file_name("a.txt");
    fs::write(&text, body).unwrap();
    let out = run(&[
        "--model",
        &arg(model),
        "extract",
        "--format",
        "jsonl",
        &arg(&text),
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_trained_model_is_used_by_extract_with_its_rule_and_confidence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold = fixture("train/tiny.gold.jsonl");
    let model = dir.path().join("model.bin");
    assert_eq!(train(&gold, &model, "1").status, 0);
    // A sentence like the gold's, with a verb no rule knows as a cue; the tagger reads only
    // sentences that may hold reported speech (a cue-list word, a quotation mark, a colon or
    // "according"), here by the quotation marks.
    let rows = extract_with(
        &model,
        "Lena Ostrova doubts the \u{201c}tunnel\u{201d} will open in June.\n",
    );
    let row = rows
        .iter()
        .find(|r| r["rule"].as_str().unwrap().starts_with("model/tagger+"))
        .unwrap_or_else(|| panic!("no row of the model in {rows:?}"));
    assert_eq!(row["quote"], "the \u{201c}tunnel\u{201d} will open in June");
    assert_eq!(row["speaker"], "Lena Ostrova");
    let confidence = row["confidence"].as_f64().unwrap();
    assert!((0.3..=0.999).contains(&confidence), "{confidence}");
    // The same text with the rules alone, by default or said explicitly: no claim.
    let text = arg(&model.with_file_name("a.txt"));
    for flags in [&[][..], &["--rules-only"][..]] {
        let mut args = flags.to_vec();
        args.extend(["extract", "--format", "jsonl", &text]);
        let out = run(&args);
        assert_eq!(out.status, 0, "{}", out.stderr);
        assert_eq!(out.stdout, "", "{flags:?}");
    }
}

/// The tagger skips sentences without a cue-list word, quotation mark, colon, "according" or
/// a cue word of the model's own gold (most of news, and on PolNeAR dev none of its useful
/// spans).
///
/// Regression (issue 15, round two): the gate read the cue list only, so a model trained on
/// a group's own gold whose cue ("doubts", in two gold claims) is not in the list found
/// nothing in a sentence without quotation marks or a colon. `train` now keeps the hashes of
/// the gold's cue words and the gate reads them too; `--gate-min 0` gives the old gate.
#[test]
fn a_trained_model_reads_sentences_with_its_own_out_of_lexicon_cue_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let model = dir.path().join("model.bin");
    assert_eq!(
        train(&fixture("train/tiny.gold.jsonl"), &model, "1").status,
        0
    );
    assert!(
        !fs::read(&model).unwrap().windows(6).any(|w| w == b"doubts"),
        "the cue word is kept as a hash, not as text"
    );
    let plain = "Lena Ostrova doubts the tunnel will open in June.\n";
    let rows = extract_with(&model, plain);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["quote"], "the tunnel will open in June");
    assert_eq!(rows[0]["speaker"], "Lena Ostrova");
    assert_eq!(rows[0]["cue"], "doubts");
    // No gate word, quotation mark or colon: the sentence is not read.
    assert_eq!(
        extract_with(
            &model,
            "Lena Ostrova expects the tunnel will open in June.\n"
        )
        .len(),
        0
    );
    // "suspects" is in one gold cue span only: below the default of two.
    assert_eq!(
        extract_with(
            &model,
            "Lena Ostrova suspects the tunnel will open in June.\n"
        )
        .len(),
        0
    );
    // The old gate, asked for: the cue list, quotation marks, colons.
    let listed = dir.path().join("listed.bin");
    let (gold, out) = (arg(&fixture("train/tiny.gold.jsonl")), arg(&listed));
    let run_out = run(&[
        "train",
        "--gold",
        &gold,
        "-o",
        &out,
        "--bits",
        "12",
        "--threshold",
        "0.3",
        "--gate-min",
        "0",
    ]);
    assert_eq!(run_out.status, 0, "{}", run_out.stderr);
    assert_eq!(extract_with(&listed, plain).len(), 0);
    assert_eq!(
        extract_with(
            &listed,
            "Lena Ostrova doubts the tunnel will open in June: the crews are short.\n"
        )
        .len(),
        1
    );
}

/// The tagger missed its targets, so it is opt-in (the lead's decision after issue 15): the
/// default rows are the rules' alone, all of confidence 1, and `--tagger` adds the bundled
/// model's claims, of confidence below 1.
#[test]
fn the_bundled_tagger_runs_only_when_asked() {
    let samples = arg(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples"));
    let rows = |flags: &[&str]| -> Vec<serde_json::Value> {
        let mut args = flags.to_vec();
        args.extend(["extract", "--format", "jsonl", &samples]);
        let out = run(&args);
        assert_eq!(out.status, 0, "{}", out.stderr);
        out.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let of_model = |r: &serde_json::Value| r["rule"].as_str().unwrap().starts_with("model/tagger+");
    let default = rows(&[]);
    assert!(!default.is_empty());
    assert!(default.iter().all(|r| !of_model(r) && r["confidence"] == 1));
    assert_eq!(rows(&["--rules-only"]), default);
    let tagged = rows(&["--tagger"]);
    let added: Vec<_> = tagged.iter().filter(|r| of_model(r)).collect();
    assert!(!added.is_empty(), "the bundled tagger added nothing");
    assert!(added
        .iter()
        .all(|r| r["confidence"].as_f64().unwrap() < 1.0));
    assert_eq!(tagged.len() - added.len(), default.len());
    // Regression (issue 15): the tagger took "..., said [the commander Awad al-Jughaifi]" for
    // what was said, over a rule claim's speaker, and added claims of "leaflets" and
    // "loudspeakers" (unnamed groups), 10 claims the annotation does not have in all.
    let taken = |r: &serde_json::Value| -> Vec<(u64, u64)> {
        [
            ("start", "end"),
            ("speaker_start", "speaker_end"),
            ("cue_start", "cue_end"),
        ]
        .iter()
        .filter_map(|(a, b)| Some((r[*a].as_u64()?, r[*b].as_u64()?)))
        .collect()
    };
    for r in &added {
        assert_ne!(r["speaker_type"], "group", "{r}");
        let (start, end) = (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap());
        for rule in tagged
            .iter()
            .filter(|q| !of_model(q) && q["article_id"] == r["article_id"])
        {
            for (a, b) in taken(rule) {
                assert!(end <= a || b <= start, "{r} overlaps {rule}");
            }
        }
    }
}

/// Issue 15's target for the samples: with `--tagger`, joint F1 against their annotation at
/// least 97 (93.8 before the tagger skipped the sentences of rule claims and claims of groups).
#[test]
fn the_bundled_tagger_keeps_the_samples_joint_f1_at_97() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run(&[
        "--tagger",
        "eval",
        "--gold",
        &arg(&root.join("tests/fixtures/samples.gold.jsonl")),
        &arg(&root.join("data/samples")),
        "--track",
        "all",
        "--json",
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let score: serde_json::Value =
        serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    let joint = &score["joint"]["f1"];
    assert!(joint.as_f64().unwrap() >= 97.0, "{score}");
}

#[test]
fn rules_only_conflicts_with_the_tagger_and_a_model() {
    for flags in [&["--tagger"][..], &["--model", "m.bin"][..]] {
        let mut args = vec!["--rules-only"];
        args.extend(flags);
        args.extend(["extract", "-"]);
        let out = run(&args);
        assert_eq!(out.status, 2, "{flags:?}");
        assert!(out.stderr.contains("cannot be used with"), "{}", out.stderr);
    }
}

#[test]
fn train_refuses_to_overwrite_its_gold_and_names_a_bad_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold = dir.path().join("gold.jsonl");
    fs::copy(fixture("train/tiny.gold.jsonl"), &gold).unwrap();
    let before = fs::read(&gold).unwrap();
    let out = train(&gold, &gold, "1");
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("refusing to overwrite"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read(&gold).unwrap(), before);

    let bad = dir.path().join("bad.jsonl");
    fs::write(&bad, "{\"id\": \"a\", \"text\": \"x\"}\nnot json\n").unwrap();
    let model = dir.path().join("m.bin");
    let out = train(&bad, &model, "1");
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("bad.jsonl:2"), "{}", out.stderr);
    assert!(!model.exists(), "no model from a bad gold");
}

#[test]
fn a_file_that_is_not_a_model_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let model = dir.path().join("model.bin");
    fs::write(&model, "not a model").unwrap();
    let out = run(&[
        "--model",
        &arg(&model),
        "extract",
        &arg(&fixture("train/tiny.gold.jsonl")),
    ]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("not a whosaid tagger model"),
        "{}",
        out.stderr
    );
}
