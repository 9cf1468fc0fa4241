//! The fuzz target's invariants as a proptest, so they run with every `cargo test` on stable:
//! any input, no panic, spans on character boundaries, `text[start:end] == quote`, and the
//! same records twice. `scripts/fuzz.sh` runs the same checks under libFuzzer.

use proptest::prelude::*;
use whosaid::{check_bytes, check_text};

/// Pieces that news text is made of, and that the stages are most likely to get wrong.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        " said",
        " says",
        " told",
        " according to",
        ", ",
        ". ",
        "\n",
        "\n\n",
        "\r\n",
        "    ",
        "\u{a0}",
        "\u{200b}",
        "€",
        "😀",
        "é",
        "He",
        " she",
        " they",
        "Mr.",
        " Brig. Gen.",
        " U.S.",
        " al-Jughaifi",
        " Maria Okafor",
        " the ministry",
        " officials",
        " that",
        " AFP",
        " (AP Photo/X)",
        "[Y/AFP]",
        "Reply",
        "By Jo Day",
        "\0",
        "\t",
        "=",
        "-",
        "@",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    // PROPTEST_CASES raises the count for a longer search (scripts/fuzz.sh without nightly).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_string_keeps_the_invariants(text in any::<String>()) {
        check_text(&text);
    }

    #[test]
    fn newsy_text_keeps_the_invariants(text in newsy()) {
        check_text(&text);
    }

    #[test]
    fn any_bytes_keep_the_invariants(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_bytes(&bytes);
    }
}

/// A unit of a sentence that nothing splits: a lowercase word after every period keeps it one
/// sentence, and each unit holds a cue.
fn unsplittable_unit() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"We win,\" the minister said. x ",
        "x, he said, ",
        "he said \"a b\" and ",
        "according to ",
        "the man said that ",
        "officials said the ",
        "“It is over,” she told reporters, ",
        "adding that ",
        "y ",
    ]);
    prop::collection::vec(pieces, 1..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// #16: a 250 KB sentence that nothing splits gave each claim the text from the sentence's
    /// start to its cue (a 1 GB CSV from 256 KB, 2.6 GB of memory). The claims of any such
    /// text now add up to a few times its length; the time this takes is the bench's
    /// (`cargo bench --bench stages -- pathological`).
    #[test]
    fn an_unsplittable_sentence_gives_output_proportional_to_it(unit in unsplittable_unit()) {
        let text = unit.repeat(250_000 / unit.len() + 1);
        let records = whosaid::Pipeline::new()
            .records(&whosaid_core::Article::new("long", text.clone()));
        let claimed: usize = records.iter().map(|r| r.quote.len()).sum();
        prop_assert!(
            claimed <= 5 * text.len(),
            "{} bytes of claims from {} bytes of {:?}",
            claimed,
            text.len(),
            unit
        );
    }
}
