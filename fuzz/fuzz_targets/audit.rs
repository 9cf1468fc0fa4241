//! Any text through the pipeline into an audit report page, as `whosaid audit` renders it.
//!
//! Run with `scripts/fuzz.sh 300 audit`. Checks: no panic; the page is UTF-8; markup in the
//! text never reaches the page unescaped.
#![no_main]

use whosaid::Pipeline;
use whosaid_core::Article;
use whosaid_export::{AuditArticle, Page};

/// Put in front of every text: if it came out as it is, the text could run script.
const MARKER: &str = "<script>fuzz()</script>";

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = format!("{MARKER}{}", String::from_utf8_lossy(data));
    let article = Article::new(format!("{MARKER}id"), text);
    let processed = Pipeline::new().process(&article);
    let audited =
        AuditArticle::from_attributions(&article, &processed.paragraphs, &processed.attributions);
    let articles = [audited];
    let page = Page {
        title: MARKER,
        articles: &articles,
        first: 0,
        nav: None,
    };
    let mut out = Vec::new();
    page.write(&mut out).unwrap();
    let html = String::from_utf8(out).expect("the page is UTF-8");
    assert!(!html.contains(MARKER), "markup reached the page unescaped");
});
