//! `whosaid extract --speakers FILE`: the speakers table, written beside the claims in the
//! same input order.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use whosaid_export::{SpeakerRow, SpeakerWriter};

/// The speakers CSV being written.
pub struct SpeakersFile {
    writer: SpeakerWriter<BufWriter<File>>,
    name: String,
}

impl SpeakersFile {
    /// Creates the file and writes the header, after a UTF-8 byte order mark with `bom`.
    pub fn create(path: &Path, sanitize: bool, bom: bool) -> anyhow::Result<SpeakersFile> {
        let name = path.display().to_string();
        let mut file = File::create(path).with_context(|| format!("cannot create {name}"))?;
        if bom {
            file.write_all(b"\xef\xbb\xbf")
                .with_context(|| format!("cannot write to {name}"))?;
        }
        let writer = SpeakerWriter::new(BufWriter::with_capacity(1 << 16, file), sanitize)
            .with_context(|| format!("cannot write to {name}"))?;
        Ok(SpeakersFile { writer, name })
    }

    /// Writes the speakers of one article.
    pub fn write(&mut self, rows: &[SpeakerRow]) -> anyhow::Result<()> {
        for row in rows {
            self.writer
                .write(row)
                .with_context(|| format!("cannot write to {}", self.name))?;
        }
        Ok(())
    }

    /// Flushes and closes the file, reporting the error a drop would swallow.
    pub fn finish(self) -> anyhow::Result<()> {
        self.writer
            .finish()
            .map(drop)
            .with_context(|| format!("cannot write to {}", self.name))
    }
}
