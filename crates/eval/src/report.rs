//! score.py's output, character for character.

use std::fmt;
use std::io;

use crate::{py, Report};

impl fmt::Display for Report {
    /// The text score.py prints to stdout, final newline included; then, when the gold
    /// carries speaker fields, whosaid's own lines on them ([`crate::Fields`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "track={} articles={} gold={} pred={}",
            self.track, self.articles, self.gold, self.pred
        )?;
        if self.unknown_article_rows > 0 {
            write!(
                f,
                " (rows for unknown articles: {})",
                self.unknown_article_rows
            )?;
        }
        writeln!(f)?;
        for (name, m) in self.figures() {
            writeln!(
                f,
                "  {name:6} P {:5.1}  R {:5.1}  F1 {:5.1}",
                m.p, m.r, m.f1
            )?;
        }
        for (name, acc, n) in self.accuracies() {
            write_accuracy(f, name, acc, n)?;
        }
        match &self.fields {
            Some(fields) => write!(f, "{fields}"),
            None => Ok(()),
        }
    }
}

/// An accuracy line as score.py prints it; nothing when the accuracy was measured on no claim.
pub(crate) fn write_accuracy(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    acc: Option<f64>,
    n: usize,
) -> fmt::Result {
    match acc {
        Some(acc) => writeln!(f, "  {name:6} accuracy on matched {acc:5.1}  (n={n})"),
        None => Ok(()),
    }
}

impl Report {
    /// The span figures with score.py's names, in its order.
    pub fn figures(&self) -> [(&'static str, crate::Prf); 5] {
        [
            ("span", self.span),
            ("ggt30", self.ggt30),
            ("ggt80", self.ggt80),
            ("exact", self.exact),
            ("joint", self.joint),
        ]
    }

    /// The accuracies on matched claims with score.py's names, and how many claims each is
    /// measured on.
    pub fn accuracies(&self) -> [(&'static str, Option<f64>, usize); 5] {
        [
            ("spk", self.spk_acc, self.spk_n),
            ("res", self.res_acc, self.res_n),
            ("cue", self.cue_acc, self.cue_n),
            ("role", self.role_acc, self.role_n),
            ("outlet", self.outlet_acc, self.outlet_n),
        ]
    }

    /// The line score.py's `--json` prints, without its newline: the same keys in the same
    /// order, with Python's `json.dumps` spacing.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, PythonFormatter);
        serde::Serialize::serialize(self, &mut ser).expect("a report serialises to memory");
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }

    /// score.py's `--errors` lines (it prints them to stderr): missed claims, then spurious
    /// ones, each `KIND ARTICLE: 'first 160 characters'` with Python's `repr`; then whosaid's
    /// own field mismatches and malformed speakers ([`crate::Fields::error_lines`]).
    pub fn error_lines(&self) -> Vec<String> {
        let line = |label: &str, c: &crate::Claimed| {
            let head: String = c.text.chars().take(160).collect();
            format!("{label} {}: {}", c.article_id, py::repr(&head))
        };
        self.missed
            .iter()
            .map(|c| line("MISSED  ", c))
            .chain(self.spurious.iter().map(|c| line("SPURIOUS", c)))
            .chain(self.fields.iter().flat_map(crate::Fields::error_lines))
            .collect()
    }
}

/// `json.dumps` separators: `", "` between items and `": "` after keys.
struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
}
