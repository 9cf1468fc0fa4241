//! `whosaid extract --format xlsx`: the claims as an Excel workbook, with rust_xlsxwriter.
//!
//! Every cell is a text cell, so that no formula can run and the quote stays exact (no `'` in
//! front, unlike the neutralised CSV), except the offsets and the confidence, which are
//! numbers (every column [`COLUMNS`] does not type as text); ids stay text
//! (`007` is not 7). The header row is frozen. A sheet holds 1,048,576 rows; past that the
//! rows go on in a second sheet, `claims 2`, with the header again, and so on, and the summary
//! says so. The workers format rows as raw CSV ([`whosaid_export::RowEncoder`] without
//! neutralising), which this writer reads back into cells on the writing thread.

use std::path::PathBuf;

use anyhow::Context;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use tempfile::NamedTempFile;
use whosaid_export::{ColumnType, Rows, COLUMNS, HEADER};

/// The rows of one sheet, header included: Excel's and LibreOffice's limit.
pub const SHEET_ROWS: u32 = 1_048_576;
/// The most characters a cell holds.
const CELL_CHARS: usize = 32_767;

/// A workbook being filled with claim rows, saved to its file by [`Sheets::finish`].
pub struct Sheets {
    workbook: Workbook,
    /// The sheet being written (its index) and its next row.
    sheet: usize,
    row: u32,
    /// Rows per sheet, header included ([`SHEET_ROWS`], less in tests).
    per_sheet: u32,
    numbers: [bool; HEADER.len()],
    header_format: Format,
    /// Cells longer than a cell holds, cut to [`CELL_CHARS`].
    cut: u64,
    /// The file to replace and the temporary file beside it.
    path: PathBuf,
    temp: NamedTempFile,
    name: String,
}

impl Sheets {
    /// A workbook that [`Sheets::finish`] saves to `temp` and renames to `path`.
    ///
    /// # Errors
    ///
    /// When the first sheet cannot be made.
    pub fn new(path: PathBuf, temp: NamedTempFile, per_sheet: u32) -> anyhow::Result<Sheets> {
        let name = path.display().to_string();
        let mut sheets = Sheets {
            workbook: Workbook::new(),
            sheet: 0,
            row: 0,
            per_sheet,
            numbers: COLUMNS.map(|(_, kind)| kind != ColumnType::Text),
            header_format: Format::new().set_bold(),
            cut: 0,
            path,
            temp,
            name,
        };
        sheets.add_sheet().map_err(|e| sheets.error(e))?;
        Ok(sheets)
    }

    fn error(&self, e: XlsxError) -> anyhow::Error {
        anyhow::anyhow!("cannot write to {}: {e}", self.name)
    }

    /// Starts a sheet with the header, frozen, and a wide quote column.
    fn add_sheet(&mut self) -> Result<(), XlsxError> {
        let number = self.workbook.worksheets().len() + 1;
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(if number == 1 {
            "claims".to_string()
        } else {
            format!("claims {number}")
        })?;
        sheet.set_freeze_panes(1, 0)?;
        sheet.set_column_width(3, 60)?;
        for (col, name) in HEADER.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *name, &self.header_format)?;
        }
        self.sheet = number - 1;
        self.row = 1;
        Ok(())
    }

    /// Writes rows formatted as raw CSV without a header.
    ///
    /// # Errors
    ///
    /// When the rows are not such CSV, or a cell cannot be written.
    pub fn write_rows(&mut self, rows: &Rows) -> anyhow::Result<()> {
        rows.pieces().try_for_each(|piece| self.write_csv(piece))
    }

    /// Writes CSV rows without a header.
    fn write_csv(&mut self, piece: &[u8]) -> anyhow::Result<()> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(piece);
        for record in csv.records() {
            let record = record.context("a claim row is not CSV")?;
            self.write_record(&record).map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    fn write_record(&mut self, record: &csv::StringRecord) -> Result<(), XlsxError> {
        if self.row >= self.per_sheet {
            self.add_sheet()?;
        }
        let row = self.row;
        let sheet = self.workbook.worksheet_from_index(self.sheet)?;
        for (col, field) in record.iter().enumerate() {
            let col16 = col as u16;
            if field.is_empty() {
                continue;
            }
            if self.numbers.get(col).copied().unwrap_or(false) {
                if let Ok(n) = field.parse::<f64>() {
                    sheet.write_number(row, col16, n)?;
                    continue;
                }
            }
            match field.char_indices().nth(CELL_CHARS) {
                Some((at, _)) => {
                    self.cut += 1;
                    sheet.write_string(row, col16, &field[..at])?;
                }
                None => {
                    sheet.write_string(row, col16, field)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    /// Saves the workbook and renames it into place; returns the number of sheets and of
    /// cells cut to the most a cell holds.
    ///
    /// # Errors
    ///
    /// When the workbook cannot be saved or renamed.
    pub fn finish(mut self) -> anyhow::Result<(usize, u64)> {
        let sheets = self.workbook.worksheets().len();
        self.workbook
            .save(self.temp.path())
            .map_err(|e| self.error(e))?;
        self.temp
            .persist(&self.path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot replace {}", self.name))?;
        Ok((sheets, self.cut))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    fn rows(n: usize) -> String {
        (0..n)
            .map(|k| format!("007,007#{k},direct,=1+{k},{k},{},,,,,,,,,,,,,,,\n", k + 3))
            .collect()
    }

    #[test]
    fn rows_past_a_sheet_go_on_in_the_next_sheet_with_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.xlsx");
        let temp = NamedTempFile::new_in(dir.path()).unwrap();
        let mut sheets = Sheets::new(path.clone(), temp, 3).unwrap();
        sheets.write_csv(rows(5).as_bytes()).unwrap();
        assert_eq!(sheets.finish().unwrap(), (3, 0));
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(book.sheet_names(), ["claims", "claims 2", "claims 3"]);
        let heights: Vec<usize> = ["claims", "claims 2", "claims 3"]
            .iter()
            .map(|s| book.worksheet_range(s).unwrap().height())
            .collect();
        assert_eq!(heights, [3, 3, 2]);
        let second = book.worksheet_range("claims 2").unwrap();
        assert_eq!(second.get((0, 0)), Some(&Data::String("article_id".into())));
        // Ids stay text, a formula-like quote is text as it was, offsets are numbers.
        assert_eq!(second.get((1, 0)), Some(&Data::String("007".into())));
        assert_eq!(second.get((1, 3)), Some(&Data::String("=1+2".into())));
        assert_eq!(second.get((1, 4)), Some(&Data::Float(2.0)));
    }
}
