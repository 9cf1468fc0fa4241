//! Turns a text and overlapping ranges into properly nested HTML.
//!
//! Claims nest (a claim reported inside another claim), marks (speaker mentions and cues)
//! sit inside or beside claims, and everything sits inside paragraphs. HTML elements must
//! form a tree, so:
//!
//! 1. the text is cut into regions: the paragraphs and the gaps between them; a range that
//!    crosses a region boundary is cut there;
//! 2. inside a region, ranges open in order of start (longer first, claims before marks) and
//!    nest; a range that would close after its enclosing element is cut where that element
//!    closes and goes on after it.
//!
//! Exactly one piece of each range, the one where it starts, is its *head*: a claim's head
//! carries its `data-claim-id` and fields, the other pieces only point back to it. So every
//! claim is one element, however it had to be cut.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use whosaid_core::Span;

/// A range to render: `start..end` bytes, `rank` orders ranges that start and end together
/// (lower opens first, outside), `id` says which range it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Item {
    pub span: Span,
    pub rank: u8,
    pub id: usize,
}

/// A region of the text: a paragraph (`Some(index)`) or a gap between paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Region {
    pub range: Range<usize>,
    pub paragraph: Option<usize>,
}

/// What the renderer writes around pieces and regions.
pub(crate) trait Markup {
    /// Opens a piece of item `id`; `head` is true for the piece where the item starts.
    fn open(&mut self, out: &mut String, id: usize, head: bool);
    /// Closes a piece of item `id`.
    fn close(&mut self, out: &mut String, id: usize);
    /// Opens a region.
    fn open_region(&mut self, out: &mut String, region: &Region, text: &str);
    /// Closes a region.
    fn close_region(&mut self, out: &mut String, region: &Region, text: &str);
    /// Writes text, escaped.
    fn text(&mut self, out: &mut String, text: &str);
}

/// Cuts `0..len` into paragraphs and the gaps between them. Paragraphs are taken in order
/// of start; one that overlaps the previous is ignored (segmenters do not produce them).
pub(crate) fn regions(len: usize, paragraphs: &[Span]) -> Vec<Region> {
    let mut order: Vec<usize> = (0..paragraphs.len()).collect();
    order.sort_by_key(|&i| (paragraphs[i].start, paragraphs[i].end));
    let mut out = Vec::new();
    let mut at = 0;
    for i in order {
        let p = paragraphs[i];
        if p.start < at || p.end > len || p.start == p.end {
            continue;
        }
        if p.start > at {
            out.push(Region {
                range: at..p.start,
                paragraph: None,
            });
        }
        out.push(Region {
            range: p.start..p.end,
            paragraph: Some(i),
        });
        at = p.end;
    }
    if at < len || out.is_empty() {
        out.push(Region {
            range: at..len,
            paragraph: None,
        });
    }
    out
}

/// A piece waiting to open: ordered by start, then longer first, then rank, then id.
type Pending = Reverse<(usize, Reverse<usize>, u8, usize, bool)>;

/// Renders `text` with `items` as nested elements, region by region.
///
/// # Panics
///
/// When an item's span is out of the text or not on character boundaries: callers convert
/// offsets with [`CharBytes`](super::CharBytes), which only gives boundaries.
pub(crate) fn render(
    out: &mut String,
    text: &str,
    regions: &[Region],
    items: &[Item],
    markup: &mut impl Markup,
) {
    // Which region each piece goes to: every region an item overlaps; an empty item goes to
    // the region holding its position.
    let mut per_region: Vec<Vec<Pending>> = vec![Vec::new(); regions.len()];
    for item in items {
        let (s, e) = (item.span.start, item.span.end);
        let first = regions
            .partition_point(|r| r.range.end <= s)
            .min(regions.len() - 1);
        for (k, r) in regions.iter().enumerate().skip(first) {
            if r.range.start >= e && !(s == e && k == first) {
                break;
            }
            let ps = s.max(r.range.start);
            let pe = e.min(r.range.end);
            per_region[k].push(Reverse((ps, Reverse(pe), item.rank, item.id, ps == s)));
            if s == e {
                break;
            }
        }
    }
    for (region, pieces) in regions.iter().zip(per_region) {
        markup.open_region(out, region, text);
        nest(out, text, region.range.clone(), pieces, markup);
        markup.close_region(out, region, text);
    }
}

/// Renders one region: pieces open in order and nest; a piece that would outlive its parent
/// is cut where the parent closes and the rest waits to open after it.
fn nest(
    out: &mut String,
    text: &str,
    range: Range<usize>,
    pieces: Vec<Pending>,
    markup: &mut impl Markup,
) {
    let mut heap: BinaryHeap<Pending> = pieces.into();
    // Open elements: (end, rank, id).
    let mut stack: Vec<(usize, u8, usize)> = Vec::new();
    let mut pos = range.start;
    loop {
        let next = heap.peek().map_or(usize::MAX, |p| p.0 .0);
        while let Some(&(end, _, id)) = stack.last() {
            if end > next {
                break;
            }
            markup.text(out, &text[pos..end]);
            pos = end;
            markup.close(out, id);
            stack.pop();
        }
        let Some(Reverse((start, Reverse(mut end), rank, id, head))) = heap.pop() else {
            break;
        };
        markup.text(out, &text[pos..start]);
        pos = start;
        if let Some(&(parent_end, _, _)) = stack.last() {
            // The loop above closed every element ending at or before `start`, so the parent
            // ends after it and both parts below are non-empty.
            if end > parent_end {
                heap.push(Reverse((parent_end, Reverse(end), rank, id, false)));
                end = parent_end;
            }
        }
        markup.open(out, id, head);
        if end == start {
            markup.close(out, id);
        } else {
            stack.push((end, rank, id));
        }
    }
    markup.text(out, &text[pos..range.end]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `[id` / `(id` for head / other pieces, `]` to close, `<p>`/`</p>` for
    /// paragraphs and `<g>` for gaps.
    struct Brackets;

    impl Markup for Brackets {
        fn open(&mut self, out: &mut String, id: usize, head: bool) {
            out.push(if head { '[' } else { '(' });
            out.push_str(&id.to_string());
            out.push(' ');
        }
        fn close(&mut self, out: &mut String, _: usize) {
            out.push(']');
        }
        fn open_region(&mut self, out: &mut String, r: &Region, _: &str) {
            out.push_str(if r.paragraph.is_some() { "<p>" } else { "<g>" });
        }
        fn close_region(&mut self, out: &mut String, r: &Region, _: &str) {
            out.push_str(if r.paragraph.is_some() {
                "</p>"
            } else {
                "</g>"
            });
        }
        fn text(&mut self, out: &mut String, text: &str) {
            out.push_str(text);
        }
    }

    fn span_of(text: &str, part: &str) -> Span {
        let at = text
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} in {text:?}"));
        Span::new(at, at + part.len())
    }

    /// Renders `text`, paragraphs split at blank lines, items given by their text (first
    /// occurrence) with rank 0 and ids in order.
    fn show(text: &str, items: &[&str]) -> String {
        let mut paragraphs = Vec::new();
        let mut at = 0;
        for p in text.split("\n\n") {
            paragraphs.push(Span::new(at, at + p.len()));
            at += p.len() + 2;
        }
        let spans: Vec<Span> = items.iter().map(|part| span_of(text, part)).collect();
        show_spans(text, &paragraphs, &spans)
    }

    /// Renders `text` with the given paragraphs and items (rank 0, ids in order).
    fn show_spans(text: &str, paragraphs: &[Span], spans: &[Span]) -> String {
        let items: Vec<Item> = spans
            .iter()
            .enumerate()
            .map(|(id, &span)| Item { span, rank: 0, id })
            .collect();
        let mut out = String::new();
        render(
            &mut out,
            text,
            &regions(text.len(), paragraphs),
            &items,
            &mut Brackets,
        );
        out
    }

    macro_rules! renders {
        ($name:ident, $text:expr, [$($item:expr),*], $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(show($text, &[$($item),*]), $want);
            }
        };
    }

    renders!(
        plain,
        "“Hi,” he said.",
        ["Hi,"],
        "<p>“[0 Hi,]” he said.</p>"
    );
    renders!(
        nested_claim_is_a_child,
        "ISIS accused them of fleeing, he said.",
        ["ISIS accused them of fleeing", "them of fleeing"],
        "<p>[0 ISIS accused [1 them of fleeing]], he said.</p>"
    );
    renders!(
        same_span_nests_in_id_order,
        "a b c",
        ["b", "b"],
        "<p>a [0 [1 b]] c</p>"
    );
    // Crossing ranges: the later one is cut where the earlier closes and goes on after it.
    renders!(
        crossing_is_cut_once,
        "one two three four",
        ["one two three", "three four"],
        "<p>[0 one two [1 three]](1  four]</p>"
    );
    renders!(
        crossing_paragraphs_is_cut_at_the_boundary,
        "one two\n\nthree four",
        ["two\n\nthree"],
        "<p>one [0 two]</p><g>(0 \n\n]</g><p>(0 three] four</p>"
    );
    renders!(
        unicode_boundaries,
        "“€5 😀,” said Ann.",
        ["€5 😀,", "Ann"],
        "<p>“[0 €5 😀,]” said [1 Ann].</p>"
    );
    renders!(
        escaped_text_is_the_markups_business,
        "<b>x</b>",
        ["x"],
        "<p><b>[0 x]</b></p>"
    );

    #[test]
    fn empty_items_still_render_once() {
        let text = "ab\n\ncd";
        let paragraphs = [Span::new(0, 2), Span::new(4, 6)];
        let empty: Vec<Span> = [0, 2, 3, 6].iter().map(|&at| Span::new(at, at)).collect();
        assert_eq!(
            show_spans(text, &paragraphs, &empty),
            "<p>[0 ]ab</p><g>[1 ]\n[2 ]\n</g><p>cd[3 ]</p>"
        );
    }

    #[test]
    fn empty_text_has_one_region() {
        assert_eq!(
            regions(0, &[]),
            vec![Region {
                range: 0..0,
                paragraph: None
            }]
        );
    }

    #[test]
    fn every_item_has_exactly_one_head_on_random_ranges() {
        // A small deterministic generator: no dependency, same cases every run.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let text = "abcdefghij\n\nklmnopqrst\n\nuvwxyz";
        let paragraphs = [Span::new(0, 10), Span::new(12, 22), Span::new(24, 30)];
        for _ in 0..500 {
            let n = 1 + next(8);
            let items: Vec<Item> = (0..n)
                .map(|id| {
                    let a = next(text.len() + 1);
                    let b = next(text.len() + 1);
                    Item {
                        span: Span::new(a.min(b), a.max(b)),
                        rank: next(2) as u8,
                        id,
                    }
                })
                .collect();
            let mut out = String::new();
            render(
                &mut out,
                text,
                &regions(text.len(), &paragraphs),
                &items,
                &mut Brackets,
            );
            for id in 0..n {
                assert_eq!(out.matches(&format!("[{id} ")).count(), 1, "{out}");
            }
            // Balanced, and the text survives.
            let opens = out.matches(['[', '(']).count();
            assert_eq!(opens, out.matches(']').count(), "{out}");
            let plain: String = out
                .replace("<p>", "")
                .replace("</p>", "")
                .replace("<g>", "")
                .replace("</g>", "")
                .split(['[', '('])
                .map(|s| s.trim_start_matches(|c: char| c.is_ascii_digit()))
                .map(|s| s.strip_prefix(' ').unwrap_or(s))
                .collect::<String>()
                .replace(']', "");
            assert_eq!(plain, text, "{out}");
        }
    }
}
