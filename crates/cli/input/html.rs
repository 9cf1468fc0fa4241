//! HTML pages as articles: the main text extracted with dom_smoothie (a port of Mozilla's
//! Readability, the reader view of Firefox), which leaves out navigation, related links,
//! comments, scripts, styles and footers; paragraphs stay paragraphs, one blank line between
//! them. The page's title and site name become the article's title and outlet. Offsets then
//! refer to the extracted text, which `--texts` writes out and the audit report shows.

use dom_smoothie::{Config, Readability, TextMode};
use whosaid_core::{Article, ArticleId};

/// What a page gives besides its HTML: where it came from.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageMeta {
    /// The article id.
    pub id: String,
    /// The page's address, for relative links and `--texts`.
    pub url: Option<String>,
    /// When it was fetched or published, for `--texts`.
    pub date: Option<String>,
    /// The outlet given with the page (a JSONL line's `outlet`), before the page's site name.
    pub outlet: Option<String>,
    /// The outlet when neither names one (`--outlet`).
    pub default_outlet: Option<String>,
    /// The title given with the page (a JSONL line's `title`), before the page's own.
    pub title: Option<String>,
}

/// The article in an HTML page.
///
/// # Errors
///
/// When no article text can be found in the page (an empty page, a page of links only), as
/// a lowercase reason.
pub(crate) fn page_article(html: &str, meta: PageMeta) -> Result<Article, String> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // A relative or malformed URL is no reason to lose the page: it only resolves links.
    let url = meta
        .url
        .as_deref()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut readability = Readability::new(html, url, Some(config.clone()))
        .or_else(|_| Readability::new(html, None, Some(config)))
        .map_err(|e| format!("cannot read the page as HTML: {e}"))?;
    let page = readability
        .parse()
        .map_err(|e| format!("no article text found in the page ({e})"))?;
    let text = paragraphs(&page.text_content);
    if text.is_empty() {
        return Err("no article text found in the page".to_string());
    }
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Article {
        id: ArticleId(meta.id),
        text,
        outlet: meta
            .outlet
            .or_else(|| non_empty(page.site_name))
            .or(meta.default_outlet),
        title: meta.title.or_else(|| non_empty(Some(page.title))),
        url: meta.url,
        date: non_empty(page.published_time).or(meta.date),
    })
}

/// The extracted text with every paragraph on one line and one blank line between paragraphs,
/// as whosaid reads plain text: line breaks inside a paragraph become spaces, runs of spaces
/// one space.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for paragraph in text.split("\n\n") {
        let words: Vec<&str> = paragraph.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = include_str!("../../../tests/fixtures/html/page.html");

    #[test]
    fn the_article_text_without_the_page_furniture() {
        let meta = PageMeta {
            id: "page".into(),
            ..PageMeta::default()
        };
        let article = page_article(PAGE, meta).unwrap();
        let text = &article.text;
        assert!(text.contains("“We have waited long enough for a safe harbour,” said Mara Quell"));
        assert!(text.contains("the council said in a statement."));
        for furniture in [
            "This must never be quoted",
            "Related stories",
            "Nobody said this",
            "Waste of money",
            "All rights reserved",
            "Subscribe",
            "font-family",
        ] {
            assert!(!text.contains(furniture), "{furniture:?} in {text}");
        }
        // Paragraphs stay paragraphs.
        let quell = text.find("“We have waited").unwrap();
        assert_eq!(&text[quell - 2..quell], "\n\n");
        assert_eq!(article.outlet.as_deref(), Some("The Lakeside Courier"));
        assert_eq!(
            article.title.as_deref(),
            Some("Harbour plan approved after long debate")
        );
    }

    #[test]
    fn a_page_without_text_is_refused_with_a_reason() {
        let err = page_article("<html><body></body></html>", PageMeta::default()).unwrap_err();
        assert!(err.starts_with("no article text found"), "{err}");
    }

    #[test]
    fn paragraphs_are_one_line_each() {
        assert_eq!(paragraphs("  a\n b \n\n\n\n c  "), "a b\n\nc");
    }
}
