use std::io;

/// Why gold or predictions could not be read, or could not be scored.
///
/// Every message names its file and, where there is one, its line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
    /// A line or row is not what the format says.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// Its line, counted from 1.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// A CSV lacks a column the format requires.
    #[error("{path}: missing column \"{column}\"")]
    MissingColumn {
        /// The file.
        path: String,
        /// The column.
        column: &'static str,
    },
    /// A known quote names an article that is not among the articles given.
    #[error("{path}:{line}: article \"{article}\" is not among the articles given")]
    UnknownArticle {
        /// The known-quotes CSV.
        path: String,
        /// The row's line.
        line: u64,
        /// The article id in that row.
        article: String,
    },
    /// A known quote does not occur in its article's text, even ignoring quote-mark style and
    /// whitespace.
    #[error("{path}:{line}: quote not found in article \"{article}\": {quote:?}")]
    QuoteNotFound {
        /// The known-quotes CSV.
        path: String,
        /// The row's line.
        line: u64,
        /// The article id in that row.
        article: String,
        /// The quote as written in the row.
        quote: String,
    },
    /// A prediction's offsets fall outside its article's text where the referee needs the
    /// characters at its ends (score.py stops with an `IndexError` on the same input).
    #[error(
        "article \"{article}\": prediction offsets {start}..{end} fall outside its text \
         ({len} characters)"
    )]
    OffsetOutOfRange {
        /// The article.
        article: String,
        /// The prediction's start.
        start: i64,
        /// The prediction's end.
        end: i64,
        /// The article's length in characters.
        len: usize,
    },
}

impl Error {
    pub(crate) fn io(path: &str, source: io::Error) -> Error {
        Error::Io {
            path: path.to_string(),
            source,
        }
    }

    pub(crate) fn parse(path: &str, line: u64, message: impl Into<String>) -> Error {
        Error::Parse {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }

    /// A CSV error, placed at its line when the csv crate knows it.
    pub(crate) fn csv(path: &str, err: &csv::Error) -> Error {
        let line = err.position().map_or(0, csv::Position::line);
        let message = match err.kind() {
            csv::ErrorKind::Utf8 { err, .. } => {
                format!("invalid UTF-8 in field {}", err.field() + 1)
            }
            csv::ErrorKind::Io(e) => e.to_string(),
            _ => err.to_string(),
        };
        match err.kind() {
            csv::ErrorKind::Io(e) if line == 0 => Error::Io {
                path: path.to_string(),
                source: io::Error::new(e.kind(), e.to_string()),
            },
            _ => Error::parse(path, line, message),
        }
    }
}
