//! The HTML of one article: its header, its text with the claims, speaker mentions and cues
//! highlighted in the colours of its speakers, and the list of its speakers.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::nest::{self, Item, Markup, Region};
use super::page::{attr, plural, text, w};
use super::who::{kind_of, who, Cast, Speaker};
use super::{AuditArticle, AuditClaim, CharBytes};
use crate::Record;

/// Formats a resolution chain: `"he" -> "al-Mansour" -> "Sheikh Qasim al-Mansour"`.
fn chain(links: &[String]) -> String {
    links
        .iter()
        .map(|l| format!("\"{}\"", l.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect::<Vec<_>>()
        .join(" -> ")
}

/// A speaker mention or a cue, shared by the claims whose it is.
struct Mark {
    mention: bool,
    claims: Vec<usize>,
}

/// Renders one article: header, text with highlights, and any claim that did not fit.
pub(super) fn render_article(out: &mut String, article: &AuditArticle, number: usize) {
    let anchor = format!("a{number}");
    let bytes = CharBytes::new(&article.text);
    let row = |k: usize| format!("{anchor}-{}", k + 1);

    // Claims first (rank 0: outside marks that start with them), then marks, deduplicated.
    let mut items = Vec::new();
    let mut unplaced = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();
    let mut mark_at: HashMap<(bool, usize, usize), usize> = HashMap::new();
    for (k, c) in article.claims.iter().enumerate() {
        let r = &c.record;
        let Some(span) = bytes.span(r.start, r.end) else {
            unplaced.push(k);
            continue;
        };
        items.push(Item {
            span,
            rank: 0,
            id: k,
        });
        for (mention, s, e) in [
            (true, r.speaker_start, r.speaker_end),
            (false, r.cue_start, r.cue_end),
        ] {
            let Some(span) = bytes.opt_span(s, e) else {
                continue;
            };
            let m = *mark_at
                .entry((mention, span.start, span.end))
                .or_insert_with(|| {
                    marks.push(Mark {
                        mention,
                        claims: Vec::new(),
                    });
                    items.push(Item {
                        span,
                        rank: 1,
                        id: article.claims.len() + marks.len() - 1,
                    });
                    marks.len() - 1
                });
            marks[m].claims.push(k);
        }
    }

    out.push_str("<article class=\"doc\"");
    attr(out, "id", &anchor);
    attr(out, "data-id", &article.id);
    if article.claims.iter().all(|c| c.chain.is_empty()) && !article.claims.is_empty() {
        attr(out, "data-chains", "unknown");
    }
    out.push_str(">\n<header><h2><span class=\"num\">");
    w!(out, "{number}</span> ");
    text(out, &article.id);
    out.push_str("</h2>");
    if let Some(title) = &article.title {
        out.push_str("<p class=\"headline\">");
        text(out, title);
        out.push_str("</p>");
    }
    let weak = article.claims.iter().filter(|c| c.weak.is_some()).count();
    let set_aside = article
        .blocks
        .iter()
        .filter(|b| b.furniture.is_some())
        .count();
    let mut ids: Vec<&str> = article
        .claims
        .iter()
        .map(|c| c.record.claim_id.as_ref())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let speakers = article.cast();
    out.push_str("<p class=\"meta\">");
    if let Some(outlet) = &article.outlet {
        text(out, outlet);
        out.push_str(" · ");
    }
    w!(
        out,
        "{} · {} · <span class=\"{}\">{weak} to review</span> · {} set aside</p></header>\n",
        plural(ids.len(), "claim", "claims"),
        plural(speakers.speakers.len(), "speaker", "speakers"),
        if weak > 0 { "warn" } else { "ok" },
        plural(set_aside, "paragraph", "paragraphs"),
    );
    if !article.problems.is_empty() {
        out.push_str("<ul class=\"problems\">\n");
        for p in &article.problems {
            out.push_str("<li>");
            text(out, p);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }

    out.push_str("<div class=\"doc-body\">\n<div class=\"text\">\n");
    let spans: Vec<_> = article.blocks.iter().map(|b| b.span).collect();
    let regions = nest::regions(article.text.len(), &spans);
    let mut markup = ArticleMarkup {
        article,
        cast: &speakers,
        marks: &marks,
        row: &row,
    };
    nest::render(out, &article.text, &regions, &items, &mut markup);
    out.push_str("\n</div>\n");
    cast(out, article, &speakers);
    out.push_str("</div>\n");

    if !unplaced.is_empty() {
        out.push_str(
            "<p class=\"unplaced-note\">Claims whose offsets lie outside this text:</p>\n\
             <ul class=\"unplaced\">\n",
        );
        for k in unplaced {
            out.push_str("<li>");
            markup.open(out, k, true);
            text(out, &article.claims[k].record.quote);
            markup.close(out, k);
            w!(
                out,
                " <span class=\"where\">characters {}..{}</span></li>\n",
                article.claims[k].record.start,
                article.claims[k].record.end
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
}

/// The article's speakers beside its text, in order of first appearance: colour, name, type
/// and claims, each a filter button.
fn cast(out: &mut String, article: &AuditArticle, speakers: &Cast) {
    out.push_str("<aside class=\"cast\">\n<h3>Speakers in this article</h3>\n<ul>\n");
    for s in &speakers.speakers {
        speaker_pick(out, s);
    }
    let mut none: Vec<&str> = article
        .claims
        .iter()
        .filter(|c| who(&c.record).is_none())
        .map(|c| c.record.claim_id.as_ref())
        .collect();
    none.dedup();
    if !none.is_empty() {
        w!(
            out,
            "<li><button type=\"button\" class=\"pick none\" data-pick=\"none\">(no speaker)</button>\
             <span class=\"type\"></span><span class=\"count\">{}</span></li>\n",
            none.len()
        );
    }
    out.push_str("</ul>\n</aside>\n");
}

/// One speaker of the cast: a button that filters by it, in its colour.
fn speaker_pick(out: &mut String, s: &Speaker) {
    w!(
        out,
        "<li><button type=\"button\" class=\"pick\" style=\"{}\"",
        s.swatch
    );
    attr(out, "data-pick", &format!("={}", s.key));
    attr(out, "title", &s.key);
    out.push('>');
    text(out, &s.name);
    w!(
        out,
        "</button><span class=\"type\">{}</span><span class=\"count\">{}</span></li>\n",
        s.kind,
        s.row.claims
    );
}

struct ArticleMarkup<'a, F: Fn(usize) -> String> {
    article: &'a AuditArticle,
    cast: &'a Cast,
    marks: &'a [Mark],
    row: &'a F,
}

impl<F: Fn(usize) -> String> ArticleMarkup<'_, F> {
    /// The speaker's colour, as a `style` attribute.
    fn colour(&self, out: &mut String, record: &Record) {
        if let Some(swatch) = self.cast.swatch(record) {
            w!(out, " style=\"{swatch}\"");
        }
    }

    fn claim_head(&self, out: &mut String, k: usize, c: &AuditClaim) {
        let r = &c.record;
        let speaker = who(r);
        out.push_str("<span class=\"claim");
        if speaker.is_none() {
            out.push_str(" nospeaker");
        }
        if c.weak.is_some() {
            out.push_str(" weak");
        }
        out.push_str("\" tabindex=\"0\"");
        attr(out, "data-row", &(self.row)(k));
        attr(out, "data-claim-id", &r.claim_id);
        if let Some(speaker) = &speaker {
            attr(out, "data-speaker", &speaker.name);
            attr(out, "data-sid", &speaker.key);
        }
        attr(out, "data-type", kind_of(r));
        for (name, value) in [
            ("data-title", &r.title),
            ("data-role", &r.role),
            ("data-org", &r.organisation),
            ("data-outlet", &r.outlet),
            ("data-cue", &r.cue),
            ("data-mention", &r.speaker_mention),
        ] {
            if !value.is_empty() {
                attr(out, name, value);
            }
        }
        attr(out, "data-kind", r.kind);
        attr(out, "data-res", r.resolution);
        attr(out, "data-rule", &r.rule);
        if !c.chain.is_empty() {
            attr(out, "data-chain", &chain(&c.chain));
        }
        w!(out, " data-start=\"{}\" data-end=\"{}\"", r.start, r.end);
        if let Some(weak) = c.weak {
            attr(out, "data-weak", weak.as_str());
            attr(out, "data-why", weak.explain());
        }
        self.colour(out, r);
        out.push('>');
    }
}

impl<F: Fn(usize) -> String> Markup for ArticleMarkup<'_, F> {
    fn open(&mut self, out: &mut String, id: usize, head: bool) {
        let claims = &self.article.claims;
        if let Some(c) = claims.get(id) {
            if head {
                self.claim_head(out, id, c);
            } else {
                out.push_str("<span class=\"claim cont");
                if who(&c.record).is_none() {
                    out.push_str(" nospeaker");
                }
                out.push('"');
                attr(out, "data-cont", &(self.row)(id));
                self.colour(out, &c.record);
                out.push('>');
            }
            return;
        }
        let mark = &self.marks[id - claims.len()];
        w!(
            out,
            "<span class=\"{}\"",
            if mark.mention { "mention" } else { "cue" }
        );
        let rows: Vec<String> = mark.claims.iter().map(|&k| (self.row)(k)).collect();
        attr(out, "data-for", &rows.join(" "));
        if mark.mention {
            self.colour(out, &claims[mark.claims[0]].record);
        }
        out.push('>');
    }

    fn close(&mut self, out: &mut String, _: usize) {
        out.push_str("</span>");
    }

    fn open_region(&mut self, out: &mut String, region: &Region, text: &str) {
        match region.paragraph {
            Some(p) => match self.article.blocks[p].furniture {
                Some(kind) => w!(
                    out,
                    "<p class=\"para furniture\" data-furniture=\"{}\">",
                    kind.as_str()
                ),
                None => out.push_str("<p class=\"para\">"),
            },
            None if is_blank(&text[region.range.clone()]) => {}
            None => out.push_str("<div class=\"gap\">"),
        }
    }

    fn close_region(&mut self, out: &mut String, region: &Region, text: &str) {
        match region.paragraph {
            Some(_) => out.push_str("</p>\n"),
            None if is_blank(&text[region.range.clone()]) => {}
            None => out.push_str("</div>\n"),
        }
    }

    fn text(&mut self, out: &mut String, s: &str) {
        text(out, s);
    }
}

fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}
