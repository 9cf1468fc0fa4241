//! `whosaid extract --speakers FILE`: the speakers table, written beside the claims in the
//! same input order.

use std::io::Write;

use anyhow::Context;
use whosaid_export::{SpeakerRow, SpeakerWriter};

use crate::output::{Closed, Output};

/// The speakers CSV being written.
pub struct SpeakersFile {
    writer: SpeakerWriter<Output>,
    name: String,
}

impl SpeakersFile {
    /// Writes the header to `out`, after a UTF-8 byte order mark with `bom`.
    pub fn create(mut out: Output, sanitize: bool, bom: bool) -> anyhow::Result<SpeakersFile> {
        let name = out.name();
        if bom {
            out.write_all(b"\xef\xbb\xbf")
                .with_context(|| format!("cannot write to {name}"))?;
        }
        let writer =
            SpeakerWriter::new(out, sanitize).with_context(|| format!("cannot write to {name}"))?;
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

    /// Flushes and closes the file, reporting the error a drop would swallow; it is renamed
    /// into place by [`Closed::commit`].
    pub fn finish(self) -> anyhow::Result<Closed> {
        self.writer
            .finish()
            .with_context(|| format!("cannot write to {}", self.name))?
            .close()
    }
}
