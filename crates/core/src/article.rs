use std::fmt;

/// An article's identifier: the file stem, the path below the input directory, the `id`
/// field of a JSONL line, or `FILE:LINE` for a JSONL line without one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub String);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One news article as read from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Its identifier.
    pub id: ArticleId,
    /// The text that all offsets refer to.
    pub text: String,
    /// The outlet that published it, when known (JSONL `outlet` or `--outlet`).
    pub outlet: Option<String>,
    /// The headline, when given apart from the text.
    pub title: Option<String>,
    /// Where it was published (JSONL `url`, a WARC record's target URI); not analysed, carried
    /// to `--texts`.
    pub url: Option<String>,
    /// When (JSONL `date`, a WARC record's date); not analysed, carried to `--texts`.
    pub date: Option<String>,
}

impl Article {
    /// An article with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: ArticleId(id.into()),
            text: text.into(),
            outlet: None,
            title: None,
            url: None,
            date: None,
        }
    }
}
