use std::borrow::Cow;

use crate::Record;

/// The characters that make a spreadsheet read a cell as a formula when they come first
/// (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
/// Their fullwidth forms, which spreadsheets with East Asian input also take as formulas
/// (#16): `＝`, `＋`, `－`, `＠`.
const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// Characters a spreadsheet may skip before a formula: NUL (which OWASP lists), space,
/// no-break space, zero-width space and the byte order mark (#16: `" =1+2"` and
/// `"\u{feff}=1+2"` went through as formulas).
const SKIPPED: [char; 5] = ['\0', ' ', '\u{a0}', '\u{200b}', '\u{feff}'];

/// Neutralises one CSV field the way OWASP advises against CSV injection: a field that starts
/// with `=`, `+`, `-`, `@`, tab, carriage return or NUL, or with one of `=+-@` in fullwidth,
/// or with any of them after spaces, no-break spaces, zero-width spaces or a byte order mark,
/// gets a leading `'`, which spreadsheets take as "this is text". Other fields come back
/// unchanged and unallocated.
///
/// The price is exactness: a neutralised `quote` is one character longer than
/// `text[start..end]`. Write JSON lines, or turn neutralisation off, when exact text matters.
///
/// ```
/// use whosaid_export::neutralise;
///
/// assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralise("-5 degrees"), "'-5 degrees");
/// assert_eq!(neutralise("He said 1+1=2"), "He said 1+1=2");
/// ```
pub fn neutralise(field: &str) -> Cow<'_, str> {
    if needs_neutralising(field) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    }
}

/// Undoes [`neutralise`]: `'=x` -> `=x`, for fields read back from a CSV that whosaid wrote.
/// A field whose `'` is followed by anything else was never neutralised and stays as it is.
pub(crate) fn unneutralise(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if needs_neutralising(rest) => rest,
        _ => field,
    }
}

fn needs_neutralising(field: &str) -> bool {
    field.starts_with('\0')
        || field
            .trim_start_matches(SKIPPED)
            .starts_with(FORMULA_STARTS)
}

fn neutralise_field(field: &mut Cow<'_, str>) {
    if needs_neutralising(field) {
        *field = Cow::Owned(format!("'{field}"));
    }
}

/// Neutralises every text field of a record. Numbers and the fixed vocabularies (`kind`,
/// `speaker_type`, `resolution`) can never start with a formula character.
pub(crate) fn neutralise_in_place(record: &mut Record<'_>) {
    let Record {
        article_id,
        claim_id,
        kind: _,
        quote,
        start: _,
        end: _,
        speaker,
        speaker_type: _,
        speaker_id: _,
        title,
        role,
        organisation,
        outlet,
        cue,
        speaker_mention,
        speaker_start: _,
        speaker_end: _,
        cue_start: _,
        cue_end: _,
        resolution: _,
        rule,
        confidence: _,
    } = record;
    // The exhaustive pattern above makes a new Record field a compile error here, so that
    // nobody adds a text column that escapes neutralisation.
    for field in [
        article_id,
        claim_id,
        quote,
        speaker,
        title,
        role,
        organisation,
        outlet,
        cue,
        speaker_mention,
        rule,
    ] {
        neutralise_field(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_start_is_neutralised() {
        for start in FORMULA_STARTS {
            let field = format!("{start}cmd|' /C calc'!A0");
            assert_eq!(neutralise(&field), format!("'{field}"));
        }
    }

    /// #16: these went through unneutralised.
    #[test]
    fn formulas_behind_invisible_characters_and_in_fullwidth_are_neutralised() {
        for (case, field) in [
            ("nul", "\0=1+2"),
            ("nul alone", "\0x"),
            ("space", " =1+2"),
            ("spaces", "   +1"),
            ("nbsp", "\u{a0}=1+2"),
            ("zwsp", "\u{200b}=1+2"),
            ("bom", "\u{feff}=1+2"),
            ("fullwidth equals", "\u{ff1d}1+2"),
            ("fullwidth plus", "\u{ff0b}1"),
            ("fullwidth minus", "\u{ff0d}1"),
            ("fullwidth at", "\u{ff20}SUM(A1)"),
            ("mixed", " \u{a0}\u{200b}\u{feff}@x"),
        ] {
            assert_eq!(neutralise(field), format!("'{field}"), "{case}");
            assert_eq!(unneutralise(&neutralise(field)), field, "{case}");
        }
        for plain in [" plain", "\u{a0}text", "１+1"] {
            assert_eq!(neutralise(plain), plain);
        }
    }

    #[test]
    fn neutralised_fields_are_restored() {
        assert_eq!(unneutralise("'=1+2"), "=1+2");
        assert_eq!(unneutralise("'-5"), "-5");
        assert_eq!(unneutralise("'tis"), "'tis");
        assert_eq!(unneutralise("plain"), "plain");
        for start in FORMULA_STARTS {
            let field = format!("{start}x");
            assert_eq!(unneutralise(&neutralise(&field)), field);
        }
    }

    #[test]
    fn plain_and_empty_fields_are_borrowed() {
        for field in ["", "said", "“=”", "'=1", "1-2"] {
            assert!(matches!(neutralise(field), Cow::Borrowed(_)), "{field:?}");
        }
    }
}
