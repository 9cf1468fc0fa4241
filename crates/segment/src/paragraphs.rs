//! Paragraph splitting: blank lines always separate paragraphs; inside a block, a line break
//! separates paragraphs unless the block is hard-wrapped prose, where only an indented line
//! starts a new one (Reuters style).

use whosaid_core::Span;

/// A line of the text, without its line terminator.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
    /// Characters in the line, trimmed.
    chars: usize,
    indented: bool,
    blank: bool,
}

fn lines(text: &str) -> Vec<Line> {
    // Wrapped newswire lines run to about 70 bytes: room for that many, so that the list
    // rarely grows.
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    // memchr finds the line breaks a word at a time rather than a byte at a time.
    let breaks = memchr::memchr2_iter(b'\n', b'\r', bytes).chain(std::iter::once(bytes.len()));
    for i in breaks {
        // The LF of a CRLF: its line was pushed at the CR.
        if i < start {
            continue;
        }
        let span = Span::new(start, i);
        let line = &text[span];
        let trimmed = line.trim();
        out.push(Line {
            span,
            // Counting ASCII's characters is cheaper as a check that it is ASCII.
            chars: if trimmed.is_ascii() {
                trimmed.len()
            } else {
                trimmed.chars().count()
            },
            indented: line.starts_with([' ', '\t', '\u{a0}', '\u{3000}']),
            blank: trimmed.is_empty(),
        });
        // CRLF is one line break.
        start = if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    out
}

/// True when a block's line breaks are soft wraps: several lines, all but the last of similar,
/// moderate length.
fn hard_wrapped(block: &[Line]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let body = &block[..block.len() - 1];
    let max = body.iter().map(|l| l.chars).max().unwrap_or(0);
    if !(30..=110).contains(&max) {
        return false;
    }
    let long = body.iter().filter(|l| l.chars * 10 >= max * 6).count();
    long * 10 >= body.len() * 8
}

/// Splits `text` into trimmed paragraph spans, in order.
pub(crate) fn split(text: &str) -> Vec<Span> {
    let lines = lines(text);
    // No more paragraphs than lines; blocks are a few lines.
    let mut paragraphs = Vec::with_capacity(lines.len());
    let mut block: Vec<Line> = Vec::with_capacity(16);
    let flush = |block: &mut Vec<Line>, out: &mut Vec<Span>| {
        if block.is_empty() {
            return;
        }
        let wrapped = hard_wrapped(block);
        let mut start = block[0].span.start;
        for pair in block.windows(2) {
            let (prev, next) = (pair[0], pair[1]);
            let breaks = if wrapped { next.indented } else { true };
            if breaks {
                push(text, Span::new(start, prev.span.end), out);
                start = next.span.start;
            }
        }
        push(text, Span::new(start, block[block.len() - 1].span.end), out);
        block.clear();
    };
    for line in lines {
        if line.blank {
            flush(&mut block, &mut paragraphs);
        } else {
            block.push(line);
        }
    }
    flush(&mut block, &mut paragraphs);
    paragraphs
}

fn push(text: &str, span: Span, out: &mut Vec<Span>) {
    let span = span.trim(text);
    if !span.is_empty() {
        out.push(span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn blank_lines_and_crlf() {
        assert_eq!(paras("One.\r\n\r\nTwo.\r\n"), ["One.", "Two."]);
        assert_eq!(paras("\n\n  \n"), Vec::<&str>::new());
        assert_eq!(paras("One.\rTwo."), ["One.", "Two."]);
    }

    #[test]
    fn hard_wrapped_paragraphs_start_indented() {
        let text = "TITLE\n\nShowers continued throughout the week in\nthe cocoa zone, alleviating the drought since early\nJanuary, Smith said in its weekly review.\n    The dry period means the temporao will be late\nthis year.\n";
        assert_eq!(
            paras(text),
            [
                "TITLE",
                "Showers continued throughout the week in\nthe cocoa zone, alleviating the drought since early\nJanuary, Smith said in its weekly review.",
                "The dry period means the temporao will be late\nthis year."
            ]
        );
    }

    #[test]
    fn single_newlines_between_long_lines_break() {
        let text = "A caption that runs on for a long while and is much longer than any wrapped line would ever be in a newswire text (AP Photo/X Y)\nA boy plays. (AP Photo/X Y)";
        assert_eq!(paras(text).len(), 2);
    }
}
