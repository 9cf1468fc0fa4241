//! Bytes to text: byte order marks, UTF-8, legacy single-byte encodings, and binary files.

use encoding_rs::{Encoding, UTF_8};

/// What a file's bytes turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Text, with a note for the user when the decoding was not plain UTF-8.
    Text {
        /// The decoded text; every offset refers to it.
        text: String,
        /// Says how the text was decoded when the user should know ("not UTF-8; ...").
        warning: Option<String>,
    },
    /// Not text: skipped, with the reason.
    Binary(&'static str),
}

/// How many leading bytes are examined to tell text from binary data.
const SAMPLE: usize = 1024;

/// Decodes a whole file.
///
/// In order: a byte order mark (UTF-8, UTF-16LE, UTF-16BE) decides the encoding and is not part
/// of the text; a sample with many NUL bytes is binary; valid UTF-8 is taken as it is; anything
/// else is either binary (many control bytes) or a legacy encoding guessed by chardetng
/// (typically Windows-1252) and decoded with a warning. Never panics.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    // Before UTF-16: UTF-32LE's mark starts with UTF-16LE's (#16: a UTF-32 file decoded as
    // UTF-16 garbage).
    if let Some(big_endian) = utf32_bom(&bytes) {
        return decode_utf32(&bytes[4..], big_endian);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let warning = had_errors
            .then(|| format!("invalid {} sequences replaced with U+FFFD", encoding.name()));
        return Decoded::Text {
            text: text.into_owned(),
            warning,
        };
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let nul = sample.iter().filter(|&&b| b == 0).count();
    // A few stray NULs occur in scraped text; a tenth of the sample does not.
    if nul >= 2 && nul * 10 > sample.len() {
        return Decoded::Binary("binary file (NUL bytes), skipped");
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Decoded::Text {
                text,
                warning: None,
            }
        }
        Err(e) => e.into_bytes(),
    };
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let control = sample.iter().filter(|&&b| is_binary_control(b)).count();
    if control * 20 > sample.len() {
        return Decoded::Binary("binary file (not text in any known encoding), skipped");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    // No UTF-8: the bytes are known not to be valid UTF-8.
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
    let mut warning = format!("not UTF-8; decoded as {}", encoding.name());
    if had_errors {
        warning.push_str(" (undecodable bytes replaced with U+FFFD)");
    }
    debug_assert!(encoding != UTF_8);
    Decoded::Text {
        text: text.into_owned(),
        warning: Some(warning),
    }
}

/// Whether `bytes` start with a UTF-32 byte order mark: `Some(true)` for big-endian.
pub(crate) fn utf32_bom(bytes: &[u8]) -> Option<bool> {
    match bytes.get(..4)? {
        [0xff, 0xfe, 0, 0] => Some(false),
        [0, 0, 0xfe, 0xff] => Some(true),
        _ => None,
    }
}

/// UTF-32 after its byte order mark (encoding_rs has no UTF-32 decoder: the WHATWG standard
/// leaves it out). A unit that is no character, and a last incomplete one, become U+FFFD.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> Decoded {
    let mut text = String::with_capacity(bytes.len() / 4);
    let mut bad = 0usize;
    let units = bytes.chunks(4);
    for unit in units {
        let c = <[u8; 4]>::try_from(unit).ok().and_then(|b| {
            let n = if big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            };
            char::from_u32(n)
        });
        text.push(c.unwrap_or_else(|| {
            bad += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    let warning =
        (bad > 0).then(|| format!("invalid UTF-32 sequences replaced with U+FFFD ({bad})"));
    Decoded::Text { text, warning }
}

/// C0 control bytes that text files do not contain: everything below space except tab, line
/// feed, vertical tab, form feed, carriage return and escape.
fn is_binary_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0e..=0x1a | 0x1c..=0x1f)
}

/// Decodes one JSONL line that is not valid UTF-8 as Windows-1252, which maps every byte.
pub fn decode_legacy_line(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

#[cfg(test)]
mod tests {

    /// #16: a UTF-32 file with a byte order mark decoded as UTF-16 garbage.
    #[test]
    fn utf32_with_a_bom_is_decoded() {
        let text = "“We win,” she said. €😀";
        for big_endian in [false, true] {
            let mut bytes = if big_endian {
                vec![0, 0, 0xfe, 0xff]
            } else {
                vec![0xff, 0xfe, 0, 0]
            };
            for c in text.chars() {
                let n = c as u32;
                bytes.extend(if big_endian {
                    n.to_be_bytes()
                } else {
                    n.to_le_bytes()
                });
            }
            assert_eq!(
                decode(bytes.clone()),
                Decoded::Text {
                    text: text.to_string(),
                    warning: None
                }
            );
            bytes.push(0);
            let Decoded::Text { text: got, warning } = decode(bytes) else {
                panic!("binary")
            };
            assert!(got.ends_with('\u{fffd}'));
            assert!(warning.is_some());
        }
    }

    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<String>) {
        match decode(bytes.to_vec()) {
            Decoded::Text { text, warning } => (text, warning),
            Decoded::Binary(why) => panic!("binary: {why}"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            text("“Hi,” she said.".as_bytes()),
            ("“Hi,” she said.".into(), None)
        );
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice("“Hi,” she said.".as_bytes());
        assert_eq!(text(&bom), ("“Hi,” she said.".into(), None));
    }

    #[test]
    fn utf16_with_bom() {
        let s = "“Hi,” she said. €";
        let mut le = vec![0xff, 0xfe];
        le.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(text(&le), (s.into(), None));
        let mut be = vec![0xfe, 0xff];
        be.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(text(&be), (s.into(), None));
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        // “Café,” he said – in Windows-1252.
        let bytes = b"\x93Caf\xe9,\x94 he said \x96 the minister's caf\xe9 was open.";
        let (t, warning) = text(bytes);
        assert_eq!(t, "“Café,” he said – the minister's café was open.");
        assert_eq!(
            warning.as_deref(),
            Some("not UTF-8; decoded as windows-1252")
        );
    }

    #[test]
    fn binary_is_skipped() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
        png.extend(std::iter::repeat_n(0u8, 100));
        assert!(matches!(decode(png), Decoded::Binary(_)));
        let noise: Vec<u8> = (0..2048u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(matches!(decode(noise), Decoded::Binary(_)));
    }

    #[test]
    fn stray_nul_and_controls_in_text_are_kept() {
        let (t, warning) = text(b"He said\0 \"yes\".\r\nShe said\tno.\x0c");
        assert_eq!(t, "He said\0 \"yes\".\r\nShe said\tno.\x0c");
        assert_eq!(warning, None);
    }

    #[test]
    fn empty_is_text() {
        assert_eq!(text(b""), (String::new(), None));
    }

    #[test]
    fn truncated_utf16_is_repaired_not_rejected() {
        let (t, warning) = text(b"\xff\xfeH\0i\0!");
        assert_eq!(t, "Hi\u{fffd}");
        assert!(warning.unwrap().contains("U+FFFD"));
    }
}
