/// Converts byte offsets into character (Unicode code point) offsets for one text.
///
/// Exported offsets are character offsets so that Python's `text[start:end]` equals the claim.
/// The index stores one checkpoint every 64 bytes, so each lookup counts at most 64 bytes of
/// characters, whatever the text's length: linear in the number of lookups, never quadratic.
#[derive(Debug, Clone)]
pub struct CharIndex<'t> {
    text: &'t str,
    /// `checkpoints[i]` = number of characters in `text[..i * STEP]`.
    checkpoints: Vec<usize>,
}

const STEP: usize = 64;

impl<'t> CharIndex<'t> {
    /// Builds the index for `text` in one pass.
    pub fn new(text: &'t str) -> CharIndex<'t> {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STEP + 1);
        let mut count = 0;
        for chunk in bytes.chunks(STEP) {
            checkpoints.push(count);
            count += usize::from(char_starts(chunk));
        }
        checkpoints.push(count);
        CharIndex { text, checkpoints }
    }

    /// Number of characters before byte `offset`.
    ///
    /// # Panics
    ///
    /// When `offset` is past the end of the text or not on a character boundary.
    pub fn char_offset(&self, offset: usize) -> usize {
        assert!(
            self.text.is_char_boundary(offset),
            "byte offset {offset} is not a character boundary"
        );
        let block = offset / STEP;
        let from = block * STEP;
        self.checkpoints[block] + usize::from(char_starts(&self.text.as_bytes()[from..offset]))
    }
}

/// Number of characters starting in `bytes`, at most [`STEP`] of them: every byte that is not
/// a UTF-8 continuation byte starts one. Summing 0s and 1s in a byte lets the compiler
/// vectorise the loop; a filter and count went byte by byte.
fn char_starts(bytes: &[u8]) -> u8 {
    debug_assert!(bytes.len() <= STEP);
    bytes
        .iter()
        .map(|&b| u8::from((b as i8) >= -0x40))
        .fold(0u8, u8::wrapping_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_naive_count_on_every_boundary() {
        let text = "a€“b”\u{a0}😀 said ".repeat(20);
        let idx = CharIndex::new(&text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(idx.char_offset(i), text[..i].chars().count(), "at byte {i}");
        }
    }
}
