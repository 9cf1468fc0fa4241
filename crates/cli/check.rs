//! The invariants every input must keep, shared by the fuzz target (`fuzz/`, libFuzzer) and the
//! test suite's proptest (`tests/props.rs`): no panic, every span on a character boundary,
//! `text[start..end]` equal to the exported text of every span, and the same records on a
//! second run. They are checks for tests, not for production: a broken invariant panics.

use std::sync::OnceLock;

use whosaid_core::{Article, Span};

use crate::{decode, Decoded, Pipeline};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::new)
}

/// Decodes `bytes` as `whosaid extract` does for a text file, then checks the text.
///
/// # Panics
///
/// When the pipeline panics or breaks an invariant; see [`check_text`].
pub fn check_bytes(bytes: &[u8]) {
    if let Decoded::Text { text, .. } = decode(bytes.to_vec()) {
        check_text(&text);
    }
}

/// Runs the pipeline on `text` and checks every span and record.
///
/// # Panics
///
/// When the pipeline panics, or a span or record breaks an invariant (the message says which).
pub fn check_text(text: &str) {
    let pipeline = pipeline();
    let article = Article::new("fuzz", text);
    let processed = pipeline.process(&article);
    let on_boundary = |span: Span, what: &str| {
        assert!(
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end),
            "{what} span {span:?} is not on character boundaries of {text:?}"
        );
    };
    for a in &processed.attributions {
        on_boundary(a.claim.span, "claim");
        let optional = [
            (a.claim.cue, "cue"),
            (a.claim.source, "source"),
            (a.claim.recipient, "recipient"),
            (a.mention, "mention"),
        ];
        for (span, what) in optional {
            if let Some(span) = span {
                on_boundary(span, what);
            }
        }
    }

    let records = pipeline.records(&article);
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize| -> String {
        assert!(
            start <= end && end <= chars.len(),
            "offsets {start}..{end} out of range"
        );
        chars[start..end].iter().collect()
    };
    for r in &records {
        assert_eq!(slice(r.start, r.end), r.quote, "quote of {r:?}");
        match (r.speaker_start, r.speaker_end) {
            (Some(s), Some(e)) => assert_eq!(slice(s, e), r.speaker_mention, "mention of {r:?}"),
            (None, None) => assert!(r.speaker_mention.is_empty(), "mention without span: {r:?}"),
            _ => panic!("half a mention span: {r:?}"),
        }
        match (r.cue_start, r.cue_end) {
            (Some(s), Some(e)) => assert_eq!(slice(s, e), r.cue, "cue of {r:?}"),
            (None, None) => assert!(r.cue.is_empty(), "cue without span: {r:?}"),
            _ => panic!("half a cue span: {r:?}"),
        }
    }
    let starts: Vec<(usize, usize)> = records.iter().map(|r| (r.start, r.end)).collect();
    assert!(
        starts.windows(2).all(|w| w[0].0 <= w[1].0),
        "records not in text order: {starts:?}"
    );
    // Claim ids count 1, 2, 3 ... in order of first appearance, with no gaps.
    let mut seen = 0;
    for r in &records {
        let n: usize = r
            .claim_id
            .rsplit('#')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(
            n >= 1 && n <= seen + 1,
            "claim id {} after {seen} ids",
            r.claim_id
        );
        seen = seen.max(n);
    }
    assert_eq!(records, pipeline.records(&article), "a second run differs");
}
