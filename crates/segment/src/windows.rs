//! Cutting a very long text into windows that can be processed one at a time.

use whosaid_core::Span;

/// Cuts `text` into consecutive windows of at most about `size` bytes that together cover it,
/// so that an article of any length can be processed a window at a time in bounded memory.
/// A text of `size` bytes or less is one window.
///
/// Each window ends, in order of preference, after the last line break of its second half,
/// after the last sentence end there (`.`, `!` or `?`, a space, then a capital letter), at its
/// last white space there, or at the character boundary nearest `size`.
///
/// ```
/// use whosaid_segment::windows;
///
/// let text = "One line.\nAnother one. And more.";
/// let w = windows(text, 16);
/// assert_eq!(w.iter().map(|s| &text[*s]).collect::<Vec<_>>(), ["One line.\n", "Another one. ", "And more."]);
/// ```
pub fn windows(text: &str, size: usize) -> Vec<Span> {
    let size = size.max(8);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / size + 1);
    let mut start = 0;
    while text.len() - start > size {
        let (lo, hi) = (start + size / 2, start + size);
        let region = &bytes[lo..hi];
        let cut = memchr::memrchr(b'\n', region)
            .map(|i| lo + i + 1)
            .or_else(|| sentence_end(region).map(|i| lo + i))
            .or_else(|| memchr::memrchr2(b' ', b'\t', region).map(|i| lo + i + 1))
            .unwrap_or_else(|| floor_char_boundary(text, hi));
        out.push(Span::new(start, cut));
        start = cut;
    }
    out.push(Span::new(start, text.len()));
    out
}

/// Offset just after the space of the last ". X" (or "! X", "? X") in `region`.
fn sentence_end(region: &[u8]) -> Option<usize> {
    memchr::memrchr_iter(b' ', region).find_map(|i| {
        let ender = i > 0 && matches!(region[i - 1], b'.' | b'!' | b'?');
        let capital = region.get(i + 1).is_some_and(u8::is_ascii_uppercase);
        (ender && capital).then_some(i + 1)
    })
}

/// The largest character boundary at or before `at`, never 0 when `at` is past the first
/// character (a window is never empty).
fn floor_char_boundary(text: &str, at: usize) -> usize {
    (1..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, size: usize) -> Vec<&str> {
        let w = windows(text, size);
        // Consecutive and covering.
        assert_eq!(w.first().map(|s| s.start), Some(0));
        assert_eq!(w.last().map(|s| s.end), Some(text.len()));
        for pair in w.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        w.iter().map(|s| &text[*s]).collect()
    }

    #[test]
    fn a_short_text_is_one_window() {
        assert_eq!(pieces("", 10), [""]);
        assert_eq!(pieces("Short.", 10), ["Short."]);
    }

    #[test]
    fn windows_prefer_line_breaks_then_sentence_ends_then_spaces() {
        assert_eq!(
            pieces("aaaa bbb\ncc. Dd ee ff", 12),
            ["aaaa bbb\n", "cc. Dd ee ff"]
        );
        assert_eq!(pieces("aaaa. Bbb cc dd ee", 12), ["aaaa. Bbb ", "cc dd ee"]);
        assert_eq!(pieces("aa U.S. bbb cc", 12), ["aa U.S. bbb ", "cc"]);
        assert_eq!(
            pieces("aaaaaaaaa bbbbbbbbb", 12),
            ["aaaaaaaaa ", "bbbbbbbbb"]
        );
    }

    #[test]
    fn a_text_without_spaces_is_cut_on_character_boundaries() {
        let text = "é".repeat(20);
        let w = pieces(&text, 9);
        assert!(w.len() > 3, "{w:?}");
        assert!(w.iter().all(|p| !p.is_empty() && p.len() <= 9), "{w:?}");
    }
}
