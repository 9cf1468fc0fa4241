//! The HTML of report pages and of the index page.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use html_escape::{encode_double_quoted_attribute_to_string, encode_text_to_string};

use super::article::render_article;
use super::who::{kind_of, type_index, who, TYPES};
use super::AuditArticle;

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
pub(super) use w;

/// Escapes text content.
pub(super) fn text(out: &mut String, s: &str) {
    encode_text_to_string(s, out);
}

/// Writes ` name="value"` with the value escaped.
pub(super) fn attr(out: &mut String, name: &str, value: &str) {
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
        head(&mut out, self.title, Kind::Articles);
        let ranked = index.ranked();
        top(
            &mut out,
            self.title,
            &index,
            self.nav,
            &ranked,
            Kind::Articles,
        );
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
    /// The speakers' keys.
    speakers: Vec<String>,
    resolutions: Vec<&'static str>,
    /// The [`TYPES`] of its claims.
    types: Vec<&'static str>,
}

/// One speaker's totals across articles: one identity (a `speaker_id`), however written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Total {
    key: String,
    kind: &'static str,
    /// Names, title, role and organisation: each value seen with the number of articles
    /// that gave it, in first-seen order; the table shows the most frequent.
    names: Vec<(String, usize)>,
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
    by_key: HashMap<String, usize>,
    /// Claims (distinct claim ids) without a speaker.
    unresolved: usize,
    /// Rows by resolution, in [`RESOLUTIONS`] order.
    resolutions: [usize; RESOLUTIONS.len()],
    /// Claims (distinct claim ids) by speaker type, in [`TYPES`] order.
    types: [usize; TYPES.len()],
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
        let cast = article.cast();
        let mut weak_by_speaker: HashMap<Cow<str>, usize> = HashMap::new();
        let mut resolutions = [false; RESOLUTIONS.len()];
        let mut types = [0; TYPES.len()];
        // The pieces of a claim split by its cue share its id and its speaker.
        let mut ids: HashSet<&str> = HashSet::new();
        let mut weak = 0;
        for c in &article.claims {
            let r = &c.record;
            if let Some(k) = RESOLUTIONS.iter().position(|&x| x == r.resolution) {
                resolutions[k] = true;
                self.resolutions[k] += 1;
            }
            if c.weak.is_some() {
                weak += 1;
                let key = who(r).map_or(Cow::Borrowed(""), |w| w.key);
                *weak_by_speaker.entry(key).or_default() += 1;
            }
            if ids.insert(&r.claim_id) {
                types[type_index(kind_of(r))] += 1;
            }
        }
        for s in &cast.speakers {
            let k = *self.by_key.entry(s.key.clone()).or_insert_with(|| {
                self.totals.push(Total {
                    key: s.key.clone(),
                    kind: s.kind,
                    names: Vec::new(),
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
            let row = &s.row;
            for (values, value) in [
                (&mut t.names, &s.name),
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
            t.weak += weak_by_speaker.get(s.key.as_str()).copied().unwrap_or(0);
            if t.pages.last().map(String::as_str) != Some(page) {
                t.pages.push(page.to_string());
            }
        }
        let unresolved = types[type_index("none")];
        for (all, n) in self.types.iter_mut().zip(types) {
            *all += n;
        }
        self.unresolved += unresolved;
        self.claims += ids.len();
        self.weak += weak;
        self.entries.push(Entry {
            number,
            id: article.id.clone(),
            page: page.to_string(),
            outlet: article.outlet.clone().unwrap_or_default(),
            claims: ids.len(),
            weak,
            unresolved,
            set_aside: article
                .blocks
                .iter()
                .filter(|b| b.furniture.is_some())
                .count(),
            speakers: cast.speakers.into_iter().map(|s| s.key).collect(),
            resolutions: RESOLUTIONS
                .iter()
                .zip(resolutions)
                .filter(|(_, present)| *present)
                .map(|(r, _)| *r)
                .collect(),
            types: TYPES
                .iter()
                .zip(types)
                .filter(|(_, n)| *n > 0)
                .map(|(t, _)| *t)
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
        head(&mut out, title, Kind::Index);
        let ranked = self.ranked();
        let listed = &ranked[..ranked.len().min(SPEAKERS_LISTED)];
        top(&mut out, title, self, None, listed, Kind::Index);
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

    /// Speakers by claims (most first), then name and identity.
    fn ranked(&self) -> Vec<&Total> {
        let mut totals: Vec<&Total> = self.totals.iter().collect();
        totals.sort_by(|a, b| {
            b.claims
                .cmp(&a.claims)
                .then_with(|| a.name().cmp(b.name()))
                .then_with(|| a.key.cmp(&b.key))
        });
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
            let mut types: Vec<&str> = group.iter().flat_map(|e| e.types.iter().copied()).collect();
            types.sort_unstable_by_key(|t| type_index(t));
            types.dedup();
            attr(out, "data-types", &types.join(" "));
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

impl Total {
    /// The name most articles give.
    fn name(&self) -> &str {
        most_frequent(&self.names).unwrap_or(&self.key)
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

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A page of articles, or the index page of a report split into several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Articles,
    Index,
}

impl Kind {
    /// The `<body>` class.
    fn as_str(self) -> &'static str {
        match self {
            Kind::Articles => "page",
            Kind::Index => "index",
        }
    }
}

fn head(out: &mut String, title: &str, kind: Kind) {
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"whosaid audit\">\n<title>",
    );
    text(out, title);
    out.push_str("</title>\n<style>\n");
    out.push_str(CSS);
    w!(
        out,
        "</style>\n</head>\n<body class=\"{}\">\n",
        kind.as_str()
    );
}

/// The sticky bar: title, summary, navigation, filters (listing `speakers`), the way from
/// one claim to review to the next (on a page of articles), and legend.
fn top(
    out: &mut String,
    title: &str,
    index: &ReportIndex,
    nav: Option<&PageNav>,
    speakers: &[&Total],
    kind: Kind,
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
    if kind == Kind::Articles {
        review_nav(out, index.weak);
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
        attr(out, "value", &format!("={}", t.key));
        attr(out, "data-type", t.kind);
        out.push('>');
        text(out, t.name());
        w!(out, " · {} · {}</option>\n", t.kind, t.claims);
    }
    out.push_str(
        "</select></label>\n<label>Type <select id=\"f-type\">\n\
         <option value=\"\">all types</option>\n",
    );
    for (name, n) in TYPES.iter().zip(index.types) {
        // "untyped" only names claims CSVs written before the column existed.
        match (*name, n) {
            ("untyped", 0) => {}
            (_, 0) => w!(
                out,
                "<option value=\"{name}\" disabled>{name} · 0</option>\n"
            ),
            _ => w!(out, "<option value=\"{name}\">{name} · {n}</option>\n"),
        }
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
         <button type=\"button\" id=\"f-clear\">clear</button>\n",
        index.weak
    );
    out.push_str("<output id=\"f-count\" aria-live=\"polite\"></output>\n</form>\n");
    out.push_str(
        "<p class=\"legend\"><span class=\"lg-claim\">claim</span> coloured by speaker · \
         <span class=\"lg-mention\">speaker mention</span> · <span class=\"lg-cue\">cue</span> · \
         <span class=\"lg-weak\">needs review</span> · \
         <span class=\"lg-none\">no speaker</span> · \
         <span class=\"lg-furniture\">set aside</span> · \
         hover or Tab to a claim for its details · click a speaker to filter",
    );
    if kind == Kind::Articles {
        out.push_str(" · <kbd>n</kbd> / <kbd>p</kbd>: next / previous claim to review");
    }
    out.push_str("</p>\n</header>\n");
}

/// Buttons to the previous and next claim to review on the page (keys `p` and `n`), and
/// where the last one moved to: "3 of 17". The script walks the flagged claims in text order,
/// skipping those the filters hide.
fn review_nav(out: &mut String, weak: usize) {
    let off = if weak == 0 { " disabled" } else { "" };
    w!(
        out,
        "<div class=\"review-nav\" role=\"group\" aria-label=\"claims to review\">\
         <button type=\"button\" id=\"r-prev\" aria-keyshortcuts=\"p\" \
         aria-label=\"previous claim to review (p)\" title=\"previous claim to review (p)\"{off}>\
         ↑ previous</button>\
         <output id=\"r-pos\" aria-live=\"polite\" data-total=\"{weak}\">{weak} to review</output>\
         <button type=\"button\" id=\"r-next\" aria-keyshortcuts=\"n\" \
         aria-label=\"next claim to review (n)\" title=\"next claim to review (n)\"{off}>\
         next ↓</button></div>\n"
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
         <table class=\"speakers\">\n<thead><tr><th>speaker</th><th>type</th><th>title · role · organisation</th>\
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
        attr(out, "data-sid", &t.key);
        attr(out, "data-speaker", t.name());
        attr(out, "data-type", t.kind);
        if with_pages {
            attr(out, "data-pages", &t.pages.join(" "));
        }
        // Colours are given per article: across articles a speaker has none.
        out.push_str("><td class=\"name\"><button type=\"button\" class=\"pick plain\"");
        attr(out, "data-pick", &format!("={}", t.key));
        attr(out, "title", &t.key);
        out.push('>');
        text(out, t.name());
        w!(out, "</button></td><td class=\"type\">{}", t.kind);
        let who: Vec<&str> = [&t.title, &t.role, &t.organisation]
            .into_iter()
            .filter_map(|values| most_frequent(values))
            .collect();
        let who = who.join(" · ");
        out.push_str("</td><td class=\"who\"><div");
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
            "<tr class=\"nospeaker\" data-type=\"none\"><td class=\"name\"><button type=\"button\" class=\"pick none\" data-pick=\"none\">(no speaker)</button></td>\
             <td class=\"type\">none</td><td></td><td></td><td class=\"n\">{}</td><td></td><td></td><td></td><td class=\"n warn\">{}</td></tr>\n",
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
