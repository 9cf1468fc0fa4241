//! WARC files (`.warc`, and `.warc.gz` with a gzip member per record as crawlers write them):
//! every HTML response record is an article, read with the `warc` crate; other records
//! (requests, metadata, warcinfo, responses that are not HTML or not 2xx) are skipped and
//! counted. A record that cannot be read (a truncated file, a malformed header) is reported
//! with the file and the record's number, and the rest of the file with it: after a broken
//! record the next one cannot be found reliably. The run goes on with the other inputs.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};

use flate2::read::MultiGzDecoder;
use warc::{WarcHeader, WarcReader};

use super::html::PageMeta;

/// What a WARC file held, in order.
pub(crate) enum Record {
    /// An HTML page: its body (decoded from its transfer and content encodings) and what the
    /// record says of it.
    Page {
        html: Vec<u8>,
        meta: PageMeta,
        number: u64,
    },
    /// A record that could not be read or decoded, with its number and why.
    Broken { number: u64, reason: String },
}

/// Reads the records of a WARC file, gzipped (by its magic bytes) or not, and hands each HTML
/// page or broken record to `each`; returns the records skipped, by kind. Stops after the
/// first record that cannot be read, or when `each` returns an error.
pub(crate) fn read_records<E>(
    input: impl Read,
    each: &mut dyn FnMut(Record) -> Result<(), E>,
) -> Result<BTreeMap<String, u64>, E> {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let gzipped = matches!(input.fill_buf(), Ok(head) if head.starts_with(&[0x1f, 0x8b]));
    let reader: Box<dyn BufRead> = if gzipped {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(input),
        ))
    } else {
        Box::new(input)
    };
    let mut skipped = BTreeMap::new();
    for (k, record) in WarcReader::new(reader).iter_raw_records().enumerate() {
        let number = k as u64 + 1;
        let (header, body) = match record {
            Ok(record) => record,
            Err(e) => {
                let reason = format!("record {number}: cannot be read: {}", warc_reason(&e));
                each(Record::Broken { number, reason })?;
                break;
            }
        };
        let field = |h: WarcHeader| {
            header
                .headers
                .get(&h)
                .map(|v| String::from_utf8_lossy(v).trim().to_string())
        };
        let kind = field(WarcHeader::WarcType).unwrap_or_default();
        if !kind.eq_ignore_ascii_case("response") {
            *skipped.entry(format!("{kind} records")).or_insert(0) += 1;
            continue;
        }
        let page = match http_page(&body) {
            Ok(Some(html)) => html,
            Ok(None) => {
                *skipped
                    .entry("responses that are not HTML pages".to_string())
                    .or_insert(0) += 1;
                continue;
            }
            Err(reason) => {
                let reason = format!("record {number}: {reason}");
                each(Record::Broken { number, reason })?;
                continue;
            }
        };
        let url = field(WarcHeader::TargetURI).filter(|u| !u.is_empty());
        let meta = PageMeta {
            id: url.clone().unwrap_or_else(|| format!("record {number}")),
            url,
            date: field(WarcHeader::Date),
            ..PageMeta::default()
        };
        each(Record::Page {
            html: page,
            meta,
            number,
        })?;
    }
    Ok(skipped)
}

/// The `warc` crate's error in the house's words.
fn warc_reason(e: &warc::Error) -> String {
    match e {
        warc::Error::UnexpectedEOB => {
            "truncated: the file ends inside the record's body".to_string()
        }
        warc::Error::ReadOverflow => "the body is longer than its Content-Length".to_string(),
        warc::Error::ParseHeaders(_) => "malformed WARC header (or a truncated file)".to_string(),
        warc::Error::ReadData(io) => format!("cannot read: {io}"),
        other => other.to_string().to_lowercase(),
    }
}

/// The HTML of an HTTP response block: `None` for a response that is not a 2xx HTML page.
///
/// # Errors
///
/// A block that is not an HTTP response, or whose encodings cannot be undone.
fn http_page(block: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let split = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|at| (at, at + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|at| (at, at + 2)));
    let Some((head_end, body_start)) = split else {
        return Err("not an HTTP response: no end of headers".to_string());
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    let code = status.split_whitespace().nth(1).unwrap_or_default();
    if !status.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: {status:?}"));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_lowercase(), value.trim().to_lowercase()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let html = header("content-type")
        .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/xhtml"));
    if !code.starts_with('2') || !html {
        return Ok(None);
    }
    let mut body = block[body_start..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)?;
    }
    match header("content-encoding").unwrap_or("identity") {
        "identity" | "" => {}
        "gzip" | "x-gzip" => body = inflate(MultiGzDecoder::new(&body[..]))?,
        "deflate" => body = inflate(flate2::read::ZlibDecoder::new(&body[..]))?,
        other => return Err(format!("content encoding {other:?} is not supported")),
    }
    Ok(Some(body))
}

fn inflate(mut reader: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress the page: {e}"))?;
    Ok(out)
}

/// Undoes HTTP's chunked transfer encoding.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let Some(eol) = memchr::memchr(b'\n', body) else {
            return Err("truncated chunked body".to_string());
        };
        let size_line = String::from_utf8_lossy(&body[..eol]);
        let size_hex = size_line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| format!("bad chunk size {size_hex:?}"))?;
        body = &body[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        if body.len() < size {
            return Err("truncated chunked body".to_string());
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_and_gzipped_bodies_are_undone() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"9\r\nabc").is_err());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>hi</p>").unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend(gz.finish().unwrap());
        assert_eq!(http_page(&block).unwrap().unwrap(), b"<p>hi</p>");
    }

    #[test]
    fn only_successful_html_responses_are_pages() {
        let page = |head: &str| http_page(format!("{head}\r\n\r\n<p>x</p>").as_bytes());
        assert!(
            page("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8")
                .unwrap()
                .is_some()
        );
        assert!(page("HTTP/1.1 404 Not Found\r\nContent-Type: text/html")
            .unwrap()
            .is_none());
        assert!(page("HTTP/1.1 200 OK\r\nContent-Type: image/png")
            .unwrap()
            .is_none());
        assert!(page("GET / HTTP/1.1").is_err());
    }
}
