//! Snapshots of what `whosaid extract data/samples` writes: the claims CSV and the `--speakers`
//! table. Any change to a row shows up here as a diff, to be read before it is accepted.
//!
//! The accepted output is in tests/snapshots/*.snap. When a change is meant:
//!
//! 1. `cargo test snapshots` fails and, outside CI, writes the new output beside the old as
//!    `tests/snapshots/*.snap.new` (git ignores these).
//! 2. Review the diff row by row: `cargo insta review` (`cargo install cargo-insta`) shows it
//!    and accepts or rejects each snapshot; without cargo-insta, `diff` the `.snap` against its
//!    `.snap.new`, then `mv` the `.snap.new` over the `.snap` to accept it.
//! 3. Commit the `.snap` with the change that caused it, saying why the rows changed.
//!
//! `INSTA_UPDATE=always cargo test snapshots` rewrites the snapshots in place; use it only to
//! create new ones, and read them before committing. With `CI=true` (as `.ci/run` is run) insta
//! writes nothing and a changed output fails the test.

use crate::util::{arg, run};

fn samples() -> String {
    arg(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples"))
}

#[test]
fn samples_claims_csv() {
    let out = run(&["extract", "-q", &samples()]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn samples_speakers_table() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("speakers.csv");
    let out = run(&["extract", "-q", "--speakers", &arg(&table), &samples()]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    insta::assert_snapshot!(std::fs::read_to_string(&table).unwrap());
}
