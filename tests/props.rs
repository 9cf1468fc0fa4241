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
