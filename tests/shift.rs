//! The shift test (nlprule's): a paragraph that claims nothing, put before each sample article,
//! moves every offset by exactly its length in characters and changes nothing else. Offsets are
//! counted in characters at export, so a prefix with curly quotes, `\u{a0}`, `€` and an emoji
//! (several bytes each) catches byte offsets leaking into the output.

use serde_json::{json, Value};

use crate::constructions::extract;
use crate::eval::sample_articles;
// The columns that hold character offsets; every other column must stay as it was.
use whosaid_export::OFFSET_COLUMNS as OFFSETS;

/// The rows of `text`, with every span checked against it: `extract` checks the quote's, this
/// the speaker mention's and the cue's.
fn rows(text: &str) -> Vec<Value> {
    let rows = extract(text, None);
    let chars: Vec<char> = text.chars().collect();
    for r in &rows {
        for (from, to, field) in [
            ("speaker_start", "speaker_end", "speaker_mention"),
            ("cue_start", "cue_end", "cue"),
        ] {
            if let (Some(s), Some(e)) = (r[from].as_u64(), r[to].as_u64()) {
                let got: String = chars[s as usize..e as usize].iter().collect();
                assert_eq!(got, r[field].as_str().unwrap(), "text[{from}:{to}] of {r}");
            }
        }
    }
    rows
}

/// Checks that `prefix` shifts every row of every sample by its length in characters and
/// changes nothing else.
fn shifts_by_its_length(prefix: &str) {
    let n = prefix.chars().count() as u64;
    for article in sample_articles() {
        let id = &article.id.0;
        let plain = rows(&article.text);
        let shifted = rows(&format!("{prefix}{}", article.text));
        assert!(!plain.is_empty(), "{id} has claims");
        assert_eq!(
            plain.len(),
            shifted.len(),
            "{id}: {prefix:?} before it changed the number of claims"
        );
        for (p, s) in plain.iter().zip(&shifted) {
            let mut want = p.clone();
            for k in OFFSETS {
                if let Some(offset) = p[k].as_u64() {
                    want[k] = json!(offset + n);
                }
            }
            assert_eq!(&want, s, "{id} with {prefix:?} before it");
        }
    }
}

#[test]
fn a_plain_paragraph_before_the_article_shifts_every_offset() {
    shifts_by_its_length("The valley had a mild winter and an early spring this year.\n\n");
}

#[test]
fn a_paragraph_of_multibyte_characters_shifts_every_offset_by_its_characters() {
    shifts_by_its_length(
        "The café “Zur Linde” on Main\u{a0}Street sells cake for 3 € a slice 🍰, \
         and 😀 emoji menus.\n\n",
    );
}
