use std::fmt;
use std::ops::{Index, Range};

/// A half-open byte range `start..end` into an article's text.
///
/// Spans are `Copy` and cross stage boundaries freely; `&text[span]` gives the text they cover.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span.
    ///
    /// # Panics
    ///
    /// When `start > end`: a reversed span is always a bug in the caller.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "reversed span {start}..{end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span moved `by` bytes to the right.
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// The span as a `Range`.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The span with leading and trailing characters matching `trim` removed.
    pub fn trim_by(self, text: &str, trim: impl Fn(char) -> bool) -> Span {
        let inner = &text[self];
        let left = inner.len() - inner.trim_start_matches(&trim).len();
        let right = inner.trim_end_matches(&trim).len();
        if left >= right {
            return Span::new(self.start + left, self.start + left);
        }
        Span::new(self.start + left, self.start + right)
    }

    /// The span with white space (including `\u{a0}`) trimmed at both ends.
    pub fn trim(self, text: &str) -> Span {
        self.trim_by(text, char::is_whitespace)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

impl Index<Span> for String {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_text_and_prints_as_range() {
        let text = "he said “no”";
        let s = Span::new(11, 13);
        assert_eq!(&text[s], "no");
        assert_eq!(format!("{s:?}"), "11..13");
    }

    #[test]
    fn trims_nbsp_and_handles_all_blank() {
        let text = "\u{a0} word \u{a0}";
        let s = Span::new(0, text.len()).trim(text);
        assert_eq!(&text[s], "word");
        let blank = "   ";
        assert!(Span::new(0, 3).trim(blank).is_empty());
    }

    #[test]
    #[should_panic(expected = "reversed span")]
    fn rejects_reversed() {
        Span::new(3, 2);
    }
}
