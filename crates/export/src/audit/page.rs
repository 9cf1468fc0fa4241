//! The HTML of report pages and of the index page.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use html_escape::{encode_double_quoted_attribute_to_string, encode_text_to_string};

use super::nest::{self, Item, Markup, Region};
use super::{speaker_hue, AuditArticle, AuditClaim, CharBytes};
use crate::Record;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// Resolutions in the order the filter lists them.
const RESOLUTIONS: [&str; 7] = [
    "explicit",
    "surname",
    "pronoun",
    "description",
    "continuation",
    "group",
    "none",
];

/// Writes formatted text to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// Escapes text content.
fn text(out: &mut String, s: &str) {
    encode_text_to_string(s, out);
}

/// Writes ` name="value"` with the value escaped.
fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    encode_double_quoted_attribute_to_string(value, out);
    out.push('"');
}

/// Links between the pages of a report split into several files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageNav {
    /// The index page's file name.
    pub index: String,
    /// The previous page's file name.
    pub prev: Option<String>,
    /// The next page's file name.
    pub next: Option<String>,
    /// "page 2 of 7".
    pub label: String,
}

/// One HTML page of the report: a summary, filters, the index of its articles, its speakers
/// table, and every article with its claims highlighted.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The report's title.
    pub title: &'a str,
    /// The articles on this page.
    pub articles: &'a [AuditArticle],
    /// The number of articles on earlier pages: articles are numbered across the report, so
    /// that the index page can link to `page#aN`.
    pub first: usize,
    /// Links to the other pages, when the report has several.
    pub nav: Option<&'a PageNav>,
}

impl Page<'_> {
    /// The page's HTML.
    pub fn render(&self) -> String {
        let mut index = ReportIndex::new();
        for (k, article) in self.articles.iter().enumerate() {
            index.add(article, "", self.first + k + 1);
        }
        let mut out = String::with_capacity(
            32 * 1024
                + self
                    .articles
                    .iter()
                    .map(|a| a.text.len() * 3)
                    .sum::<usize>(),
        );
        head(&mut out, self.title, "page");
        let ranked = index.ranked();
        top(&mut out, self.title, &index, self.nav, &ranked);
        out.push_str("<main>\n<section class=\"overview\">\n");
        articles_table(&mut out, &index);
        speakers_table(&mut out, &index, &ranked, false);
        out.push_str("</section>\n");
        for (k, article) in self.articles.iter().enumerate() {
            render_article(&mut out, article, self.first + k + 1);
        }
        if self.articles.is_empty() {
            out.push_str("<p class=\"empty\">No articles.</p>\n");
        }
        out.push_str("</main>\n");
        tail(&mut out);
        out
    }

    /// Writes the page's HTML.
    ///
    /// # Errors
    ///
    /// When `out` fails.
    pub fn write<W: Write>(&self, mut out: W) -> io::Result<()> {
        out.write_all(self.render().as_bytes())?;
        out.flush()
    }
}

/// One article's line in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    number: usize,
    id: String,
    /// The page file holding the article, empty for this page.
    page: String,
    outlet: String,
    claims: usize,
    weak: usize,
    unresolved: usize,
    set_aside: usize,
    speakers: Vec<String>,
    resolutions: Vec<&'static str>,
}

/// One speaker's totals across articles.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Total {
    name: String,
    /// Title, role and organisation: each value seen with the number of articles that gave
    /// it, in first-seen order; the table shows the most frequent.
    title: Vec<(String, usize)>,
    role: Vec<(String, usize)>,
    organisation: Vec<(String, usize)>,
    articles: usize,
    claims: usize,
    direct: usize,
    indirect: usize,
    weak: usize,
    /// The page files the speaker appears on, in order.
    pages: Vec<String>,
}

/// The index page lists this many speakers, those with most claims: a table of tens of
/// thousands of rows takes a browser many seconds to lay out. Each page lists all of its own.
pub const SPEAKERS_LISTED: usize = 500;

/// The index of articles and the speakers table of a whole report, gathered article by
/// article so that a report of any size needs only one page of articles in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportIndex {
    entries: Vec<Entry>,
    totals: Vec<Total>,
    by_name: HashMap<String, usize>,
    /// Claims (distinct claim ids) without a speaker.
    unresolved: usize,
    /// Rows by resolution, in [`RESOLUTIONS`] order.
    resolutions: [usize; RESOLUTIONS.len()],
    claims: usize,
    weak: usize,
}

impl ReportIndex {
    /// An empty index.
    pub fn new() -> ReportIndex {
        ReportIndex::default()
    }

    /// Adds article number `number` (1-based, across the report), found in the page file
    /// `page` (empty: on the same page).
    pub fn add(&mut self, article: &AuditArticle, page: &str, number: usize) {
        let speakers = article.speakers();
        let mut weak_by_speaker: HashMap<&str, usize> = HashMap::new();
        let mut resolutions = [false; RESOLUTIONS.len()];
        let mut unresolved_ids: Vec<&str> = Vec::new();
        let mut all_ids: Vec<&str> = Vec::new();
        let mut weak = 0;
        for c in &article.claims {
            let r = &c.record;
            if let Some(k) = RESOLUTIONS.iter().position(|&x| x == r.resolution) {
                resolutions[k] = true;
                self.resolutions[k] += 1;
            }
            if c.weak.is_some() {
                weak += 1;
                *weak_by_speaker.entry(&r.speaker).or_default() += 1;
            }
            if !all_ids.contains(&r.claim_id.as_ref()) {
                all_ids.push(&r.claim_id);
            }
            if r.speaker.is_empty() && !unresolved_ids.contains(&r.claim_id.as_ref()) {
                unresolved_ids.push(&r.claim_id);
            }
        }
        for row in &speakers {
            let k = *self.by_name.entry(row.speaker.clone()).or_insert_with(|| {
                self.totals.push(Total {
                    name: row.speaker.clone(),
                    title: Vec::new(),
                    role: Vec::new(),
                    organisation: Vec::new(),
                    articles: 0,
                    claims: 0,
                    direct: 0,
                    indirect: 0,
                    weak: 0,
                    pages: Vec::new(),
                });
                self.totals.len() - 1
            });
            let t = &mut self.totals[k];
            for (values, value) in [
                (&mut t.title, &row.title),
                (&mut t.role, &row.role),
                (&mut t.organisation, &row.organisation),
            ] {
                if value.is_empty() {
                    continue;
                }
                match values.iter_mut().find(|(v, _)| v == value) {
                    Some((_, n)) => *n += 1,
                    None => values.push((value.clone(), 1)),
                }
            }
            t.articles += 1;
            t.claims += row.claims;
            t.direct += row.direct;
            t.indirect += row.indirect;
            t.weak += weak_by_speaker
                .get(row.speaker.as_str())
                .copied()
                .unwrap_or(0);
            if t.pages.last().map(String::as_str) != Some(page) {
                t.pages.push(page.to_string());
            }
        }
        self.unresolved += unresolved_ids.len();
        self.claims += all_ids.len();
        self.weak += weak;
        self.entries.push(Entry {
            number,
            id: article.id.clone(),
            page: page.to_string(),
            outlet: article.outlet.clone().unwrap_or_default(),
            claims: all_ids.len(),
            weak,
            unresolved: unresolved_ids.len(),
            set_aside: article
                .blocks
                .iter()
                .filter(|b| b.furniture.is_some())
                .count(),
            speakers: speakers.into_iter().map(|r| r.speaker).collect(),
            resolutions: RESOLUTIONS
                .iter()
                .zip(resolutions)
                .filter(|(_, present)| *present)
                .map(|(r, _)| *r)
                .collect(),
        });
    }

    /// The number of articles added.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no article was added.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The index page's HTML: summary, filters, one row per page with links to its articles,
    /// and the [`SPEAKERS_LISTED`] speakers with most claims.
    pub fn render(&self, title: &str) -> String {
        let mut out = String::with_capacity(64 * 1024 + self.entries.len() * 120);
        head(&mut out, title, "index");
        let ranked = self.ranked();
        let listed = &ranked[..ranked.len().min(SPEAKERS_LISTED)];
        top(&mut out, title, self, None, listed);
        out.push_str("<main>\n<section class=\"overview\">\n");
        self.pages_table(&mut out);
        speakers_table(&mut out, self, listed, true);
        out.push_str("</section>\n</main>\n");
        tail(&mut out);
        out
    }

    /// Writes the index page's HTML.
    ///
    /// # Errors
    ///
    /// When `out` fails.
    pub fn write<W: Write>(&self, title: &str, mut out: W) -> io::Result<()> {
        out.write_all(self.render(title).as_bytes())?;
        out.flush()
    }

    /// Speakers by claims (most first), then name.
    fn ranked(&self) -> Vec<&Total> {
        let mut totals: Vec<&Total> = self.totals.iter().collect();
        totals.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.name.cmp(&b.name)));
        totals
    }

    /// One row per page: its articles (a collapsed list of links, which a browser's find
    /// still searches), claims, speakers, claims to review.
    fn pages_table(&self, out: &mut String) {
        let groups: Vec<&[Entry]> = self.entries.chunk_by(|a, b| a.page == b.page).collect();
        w!(
            out,
            "<details class=\"pages\" open>\n<summary>Pages ({}) · {}</summary>\n<div class=\"scroll\">\
             <table class=\"pages\">\n<thead><tr><th>page</th><th>articles</th><th class=\"n\">claims</th>\
             <th class=\"n\">speakers</th><th class=\"n\">to review</th></tr></thead>\n<tbody>\n",
            groups.len(),
            plural(self.entries.len(), "article", "articles"),
        );
        for (k, group) in groups.iter().enumerate() {
            let (first, last) = (&group[0], &group[group.len() - 1]);
            let mut res: Vec<&str> = group
                .iter()
                .flat_map(|e| e.resolutions.iter().copied())
                .collect();
            res.sort_unstable_by_key(|r| RESOLUTIONS.iter().position(|x| x == r));
            res.dedup();
            let mut speakers: Vec<&str> = group
                .iter()
                .flat_map(|e| e.speakers.iter().map(String::as_str))
                .collect();
            speakers.sort_unstable();
            speakers.dedup();
            let weak: usize = group.iter().map(|e| e.weak).sum();
            out.push_str("<tr");
            attr(out, "data-href", &first.page);
            attr(out, "data-res", &res.join(" "));
            w!(
                out,
                " data-weak=\"{weak}\" data-none=\"{}\"><td class=\"name\"><a",
                group.iter().map(|e| e.unresolved).sum::<usize>()
            );
            attr(out, "href", &first.page);
            w!(
                out,
                ">page {}</a></td><td><details><summary>{}–{}: ",
                k + 1,
                first.number,
                last.number
            );
            text(out, &first.id);
            if group.len() > 1 {
                out.push_str(" … ");
                text(out, &last.id);
            }
            out.push_str("</summary><p class=\"ids\">");
            for (i, e) in group.iter().enumerate() {
                if i > 0 {
                    out.push_str(" · ");
                }
                out.push_str("<a");
                attr(out, "href", &format!("{}#a{}", e.page, e.number));
                out.push('>');
                text(out, &e.id);
                out.push_str("</a>");
            }
            w!(
                out,
                "</p></details></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n{}\">{weak}</td></tr>\n",
                group.iter().map(|e| e.claims).sum::<usize>(),
                speakers.len(),
                if weak > 0 { " warn" } else { "" },
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n</details>\n");
    }
}

/// The value given most often; of equally frequent ones, the first seen.
fn most_frequent(values: &[(String, usize)]) -> Option<&str> {
    let mut best: Option<&(String, usize)> = None;
    for v in values {
        if best.is_none_or(|b| v.1 > b.1) {
            best = Some(v);
        }
    }
    best.map(|(v, _)| v.as_str())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn head(out: &mut String, title: &str, kind: &str) {
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"whosaid audit\">\n<title>",
    );
    text(out, title);
    out.push_str("</title>\n<style>\n");
    out.push_str(CSS);
    w!(out, "</style>\n</head>\n<body class=\"{kind}\">\n");
}

/// The sticky bar: title, summary, navigation, filters (listing `speakers`) and legend.
fn top(
    out: &mut String,
    title: &str,
    index: &ReportIndex,
    nav: Option<&PageNav>,
    speakers: &[&Total],
) {
    out.push_str("<header class=\"top\">\n<div class=\"brand\">\n<h1>");
    text(out, title);
    out.push_str("</h1>\n<p class=\"summary\">");
    w!(
        out,
        "{} · {} · {} · ",
        plural(index.entries.len(), "article", "articles"),
        plural(index.claims, "claim", "claims"),
        plural(index.totals.len(), "speaker", "speakers"),
    );
    w!(
        out,
        "<span class=\"review-count\">{} to review</span></p>\n",
        index.weak
    );
    if let Some(nav) = nav {
        out.push_str("<nav class=\"pages\">");
        let link = |out: &mut String, href: Option<&String>, label: &str, rel: &str| match href {
            Some(href) => {
                out.push_str("<a");
                attr(out, "href", href);
                attr(out, "rel", rel);
                w!(out, ">{label}</a>");
            }
            None => w!(out, "<span class=\"off\">{label}</span>"),
        };
        link(out, Some(&nav.index), "index", "index");
        link(out, nav.prev.as_ref(), "← previous", "prev");
        out.push_str("<span class=\"where\">");
        text(out, &nav.label);
        out.push_str("</span>");
        link(out, nav.next.as_ref(), "next →", "next");
        out.push_str("</nav>\n");
    }
    out.push_str("</div>\n");

    out.push_str(
        "<form class=\"filters\" id=\"filters\" autocomplete=\"off\" onsubmit=\"return false\">\n\
         <label>Speaker <select id=\"f-speaker\">\n<option value=\"\">all speakers</option>\n",
    );
    if index.unresolved > 0 {
        w!(
            out,
            "<option value=\"none\">(no speaker) · {}</option>\n",
            index.unresolved
        );
    }
    for t in speakers {
        out.push_str("<option");
        attr(out, "value", &format!("={}", t.name));
        out.push('>');
        text(out, &t.name);
        w!(out, " · {}</option>\n", t.claims);
    }
    out.push_str(
        "</select></label>\n<label>Resolution <select id=\"f-res\">\n\
         <option value=\"\">all resolutions</option>\n",
    );
    for (name, n) in RESOLUTIONS.iter().zip(index.resolutions) {
        if n > 0 {
            w!(out, "<option value=\"{name}\">{name} · {n}</option>\n");
        }
    }
    w!(
        out,
        "</select></label>\n<label class=\"review\"><input type=\"checkbox\" id=\"f-weak\"> \
         needs review only · {}</label>\n\
         <button type=\"button\" id=\"f-clear\">clear</button>\n\
         <output id=\"f-count\" aria-live=\"polite\"></output>\n</form>\n",
        index.weak
    );
    out.push_str(
        "<p class=\"legend\"><span class=\"lg-claim\">claim</span> coloured by speaker · \
         <span class=\"lg-mention\">speaker mention</span> · <span class=\"lg-cue\">cue</span> · \
         <span class=\"lg-weak\">needs review</span> · \
         <span class=\"lg-none\">no speaker</span> · \
         <span class=\"lg-furniture\">set aside</span> · \
         hover or Tab to a claim for its details · click a speaker to filter</p>\n</header>\n",
    );
}

/// The index of a page's articles.
fn articles_table(out: &mut String, index: &ReportIndex) {
    // Text files name no outlet: a column of blanks would only take room.
    let outlets = index.entries.iter().any(|e| !e.outlet.is_empty());
    w!(
        out,
        "<details class=\"articles\" open>\n<summary>Articles ({})</summary>\n<div class=\"scroll\">\
         <table class=\"index\">\n<thead><tr><th class=\"n\">#</th><th>article</th>{}<th class=\"n\">claims</th>\
         <th class=\"n\">speakers</th><th class=\"n\">to review</th><th class=\"n\">set aside</th></tr></thead>\n<tbody>\n",
        index.entries.len(),
        if outlets { "<th>outlet</th>" } else { "" },
    );
    for e in &index.entries {
        w!(
            out,
            "<tr data-article=\"a{0}\"><td class=\"n\">{0}</td><td class=\"id\"><a href=\"#a{0}\">",
            e.number
        );
        text(out, &e.id);
        out.push_str("</a></td>");
        if outlets {
            out.push_str("<td>");
            text(out, &e.outlet);
            out.push_str("</td>");
        }
        w!(
            out,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n{}\">{}</td><td class=\"n\">{}</td></tr>\n",
            e.claims,
            e.speakers.len(),
            if e.weak > 0 { " warn" } else { "" },
            e.weak,
            e.set_aside
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n</details>\n");
}

/// The speakers table: `listed` of the index's speakers; on the index page, each row says
/// which pages the speaker is on.
fn speakers_table(out: &mut String, index: &ReportIndex, listed: &[&Total], with_pages: bool) {
    let all = index.totals.len();
    w!(
        out,
        "<details class=\"speakers\" open>\n<summary>Speakers ({all}{})</summary>\n<div class=\"scroll\">\
         <table class=\"speakers\">\n<thead><tr><th>speaker</th><th>title · role · organisation</th>\
         <th class=\"n\">articles</th><th class=\"n\">claims</th><th class=\"n\">direct</th>\
         <th class=\"n\">mixed</th><th class=\"n\">indirect</th><th class=\"n\">to review</th></tr></thead>\n<tbody>\n",
        if listed.len() < all {
            format!("; the {} with most claims", listed.len())
        } else {
            String::new()
        }
    );
    for t in listed {
        out.push_str("<tr");
        attr(out, "data-speaker", &t.name);
        if with_pages {
            attr(out, "data-pages", &t.pages.join(" "));
        }
        w!(
            out,
            "><td class=\"name\"><button type=\"button\" class=\"pick\" style=\"--h:{}\"",
            speaker_hue(&t.name)
        );
        attr(out, "data-pick", &format!("={}", t.name));
        out.push('>');
        text(out, &t.name);
        let who: Vec<&str> = [&t.title, &t.role, &t.organisation]
            .into_iter()
            .filter_map(|values| most_frequent(values))
            .collect();
        let who = who.join(" · ");
        out.push_str("</button></td><td class=\"who\"><div");
        // Long roles are cut to two lines; the whole shows on hover.
        if who.chars().count() > 60 {
            attr(out, "title", &who);
        }
        out.push('>');
        text(out, &who);
        w!(
            out,
            "</div></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n{}\">{}</td></tr>\n",
            t.articles,
            t.claims,
            t.direct,
            t.claims - t.direct - t.indirect,
            t.indirect,
            if t.weak > 0 { " warn" } else { "" },
            t.weak
        );
    }
    if index.unresolved > 0 {
        w!(
            out,
            "<tr class=\"nospeaker\"><td class=\"name\"><button type=\"button\" class=\"pick none\" data-pick=\"none\">(no speaker)</button></td>\
             <td></td><td></td><td class=\"n\">{}</td><td></td><td></td><td></td><td class=\"n warn\">{}</td></tr>\n",
            index.unresolved, index.unresolved
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    if listed.len() < all {
        w!(
            out,
            "<p class=\"more\">{} more speakers, with fewer claims, are listed on the pages they \
             appear on, and all in <code>whosaid extract --speakers</code>.</p>\n",
            all - listed.len()
        );
    }
    out.push_str("</details>\n");
}

fn tail(out: &mut String) {
    out.push_str("<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>\n");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
}

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
fn render_article(out: &mut String, article: &AuditArticle, number: usize) {
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
    let speakers = article.speakers();
    out.push_str("<p class=\"meta\">");
    if let Some(outlet) = &article.outlet {
        text(out, outlet);
        out.push_str(" · ");
    }
    w!(
        out,
        "{} · {} · <span class=\"{}\">{weak} to review</span> · {} set aside</p></header>\n",
        plural(ids.len(), "claim", "claims"),
        plural(speakers.len(), "speaker", "speakers"),
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

/// The article's speakers beside its text: colour, name and claims, each a filter button.
fn cast(out: &mut String, article: &AuditArticle, speakers: &[crate::SpeakerRow]) {
    out.push_str("<aside class=\"cast\">\n<h3>Speakers in this article</h3>\n<ul>\n");
    for row in speakers {
        w!(
            out,
            "<li><button type=\"button\" class=\"pick\" style=\"--h:{}\"",
            speaker_hue(&row.speaker)
        );
        attr(out, "data-pick", &format!("={}", row.speaker));
        out.push('>');
        text(out, &row.speaker);
        w!(
            out,
            "</button><span class=\"count\">{}</span></li>\n",
            row.claims
        );
    }
    let mut none: Vec<&str> = article
        .claims
        .iter()
        .filter(|c| c.record.speaker.is_empty())
        .map(|c| c.record.claim_id.as_ref())
        .collect();
    none.dedup();
    if !none.is_empty() {
        w!(
            out,
            "<li><button type=\"button\" class=\"pick none\" data-pick=\"none\">(no speaker)</button>\
             <span class=\"count\">{}</span></li>\n",
            none.len()
        );
    }
    out.push_str("</ul>\n</aside>\n");
}

struct ArticleMarkup<'a, F: Fn(usize) -> String> {
    article: &'a AuditArticle,
    marks: &'a [Mark],
    row: &'a F,
}

impl<F: Fn(usize) -> String> ArticleMarkup<'_, F> {
    fn hue(&self, out: &mut String, record: &Record) {
        if !record.speaker.is_empty() {
            w!(out, " style=\"--h:{}\"", speaker_hue(&record.speaker));
        }
    }

    fn claim_head(&self, out: &mut String, k: usize, c: &AuditClaim) {
        let r = &c.record;
        out.push_str("<span class=\"claim");
        if r.speaker.is_empty() {
            out.push_str(" nospeaker");
        }
        if c.weak.is_some() {
            out.push_str(" weak");
        }
        out.push_str("\" tabindex=\"0\"");
        attr(out, "data-row", &(self.row)(k));
        attr(out, "data-claim-id", &r.claim_id);
        attr(out, "data-speaker", &r.speaker);
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
        self.hue(out, r);
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
                if c.record.speaker.is_empty() {
                    out.push_str(" nospeaker");
                }
                out.push('"');
                attr(out, "data-cont", &(self.row)(id));
                self.hue(out, &c.record);
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
            self.hue(out, &claims[mark.claims[0]].record);
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
