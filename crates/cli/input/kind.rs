//! What a file is, by its name and its first bytes: an article, a page, a crawl, JSON lines,
//! gzip, or something that is not an article at all.

use std::path::Path;

/// Whether a file below a directory is an article: a `.txt` or an HTML page.
pub(super) fn is_page(path: &Path) -> bool {
    matches!(FileKind::of(path), FileKind::Text | FileKind::Html)
        && path.extension().is_some_and(|e| {
            ["txt", "html", "htm"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        })
}

/// What a file named on the command line is, by its extension.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    /// Plain text (`.txt`, or any extension not listed here), checked by its content.
    Text,
    /// `.html`, `.htm`, `.xhtml`.
    Html,
    /// `.warc`, `.warc.gz`.
    Warc,
    /// `.json`: JSON lines, or refused.
    Json,
    /// What the file is, when its extension says it is not an article.
    NotArticle(&'static str),
}

impl FileKind {
    pub(super) fn of(path: &Path) -> FileKind {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        if name.ends_with(".warc.gz") {
            return FileKind::Warc;
        }
        match ext {
            "html" | "htm" | "xhtml" => FileKind::Html,
            "warc" => FileKind::Warc,
            "json" => FileKind::Json,
            "csv" | "tsv" => FileKind::NotArticle("a table (CSV), such as a claims file"),
            "xlsx" | "xls" | "ods" => FileKind::NotArticle("a spreadsheet"),
            "png" | "jpg" | "jpeg" | "gif" | "webp" | "bmp" | "tif" | "tiff" | "svg" => {
                FileKind::NotArticle("an image")
            }
            "pdf" => FileKind::NotArticle("a PDF document (convert it to text first)"),
            "docx" | "odt" | "zip" => FileKind::NotArticle("an archive or office document"),
            _ => FileKind::Text,
        }
    }
}

/// What a text file is when its content says it is not an article: a CSV table with a header
/// row, or a JSON document.
pub(super) fn not_an_article(text: &str) -> Option<&'static str> {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let header_like = |line: &str, sep: char| {
        let fields: Vec<&str> = line.split(sep).map(str::trim).collect();
        fields.len() >= 3
            && fields.iter().all(|f| {
                !f.is_empty()
                    && f.len() <= 40
                    && f.chars().all(|c| c.is_alphanumeric() || "_- ".contains(c))
            })
    };
    for sep in [',', '\t', ';'] {
        let columns = first.matches(sep).count();
        let second = lines.clone().next().unwrap_or_default();
        if header_like(first, sep) && columns > 0 && second.matches(sep).count() >= columns {
            return Some("a table (CSV) with a header row, such as a claims file");
        }
    }
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
    {
        return Some("a JSON document (give articles as JSON lines, .jsonl)");
    }
    None
}

/// The name a file has inside its gzip: `news.jsonl.gz` -> `news.jsonl`; others unchanged.
pub(super) fn without_gz(path: &Path) -> &Path {
    match path.extension() {
        Some(e) if e.eq_ignore_ascii_case("gz") => path.file_stem().map_or(path, Path::new),
        _ => path,
    }
}

/// True when `bytes` start as gzip does.
pub(super) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

pub(super) fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}
