//! Issue 16: no run destroys a file it was not asked to replace. Every output is checked
//! against the inputs and the other outputs before anything is written, is written beside its
//! place and renamed into it only when the run completes. Each test is a reproduction from the
//! issue (found on f5417c3, where each of them destroyed or truncated a file).

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::util::{arg, run, whosaid, write};

const ARTICLE: &str = "\"We will win,\" the minister said.\n";
const JSONL: &str = "{\"id\":\"a\",\"text\":\"\\\"We will win,\\\" the minister said.\"}\n";

/// Runs whosaid in `dir` with `args` (relative paths, as a user types them).
fn run_in(dir: &Path, args: &[&str]) -> crate::util::Run {
    let out = whosaid()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    crate::util::Run {
        status: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The files in `dir`, sorted: no temporary file may be left behind.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `whosaid extract art.txt -o art.txt` left the CSV header where the article was, exit 0.
#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "art.txt", ARTICLE);
    write(dir.path(), "c.jsonl", JSONL);
    for args in [
        &["extract", "art.txt", "-o", "art.txt"][..],
        &[
            "extract",
            "c.jsonl",
            "--errors",
            "c.jsonl",
            "-o",
            "/dev/null",
        ],
        &[
            "extract",
            "c.jsonl",
            "--speakers",
            "./c.jsonl",
            "-o",
            "/dev/null",
        ],
        &["extract", "c.jsonl", "--corpus-speakers", "c.jsonl"],
        &["audit", "c.jsonl", "-o", "c.jsonl"],
        &["speakers", "c.jsonl", "-o", "c.jsonl"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status, 2, "{args:?}: {}", out.stderr);
        let input = if args[1] == "art.txt" {
            "art.txt"
        } else {
            "c.jsonl"
        };
        assert!(
            out.stderr.contains("is the same file as the input") && out.stderr.contains(input),
            "{args:?}: the message names both files: {}",
            out.stderr
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("art.txt")).unwrap(),
            ARTICLE
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("c.jsonl")).unwrap(),
            JSONL
        );
        assert_eq!(files(dir.path()), ["art.txt", "c.jsonl"], "{args:?}");
    }
}

/// Through a hard link, and through a symbolic link, the input is the same file.
#[cfg(unix)]
#[test]
fn an_output_linked_to_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.jsonl", JSONL);
    fs::hard_link(dir.path().join("c.jsonl"), dir.path().join("hard.csv")).unwrap();
    std::os::unix::fs::symlink("c.jsonl", dir.path().join("soft.csv")).unwrap();
    for output in ["hard.csv", "soft.csv"] {
        let out = run_in(dir.path(), &["extract", "c.jsonl", "-o", output]);
        assert_eq!(out.status, 2, "{output}: {}", out.stderr);
        assert_eq!(
            fs::read_to_string(dir.path().join("c.jsonl")).unwrap(),
            JSONL
        );
    }
}

/// `extract news.jsonl -o s.csv --speakers s.csv` exited 0 with both tables interleaved.
#[test]
fn two_outputs_in_one_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.jsonl", JSONL);
    for args in [
        &["extract", "c.jsonl", "-o", "s.csv", "--speakers", "./s.csv"][..],
        &["extract", "c.jsonl", "-o", "s.csv", "--errors", "s.csv"],
        &["extract", "c.jsonl", "--speakers", "-"],
        &["extract", "c.jsonl", "--corpus-speakers", "-"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status, 2, "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(
            files(dir.path()),
            ["c.jsonl"],
            "{args:?}: nothing is created"
        );
    }
    let out = run_in(
        dir.path(),
        &["extract", "c.jsonl", "-o", "s.csv", "--speakers", "./s.csv"],
    );
    assert!(
        out.stderr
            .contains("--speakers ./s.csv is the same file as -o s.csv"),
        "{}",
        out.stderr
    );
}

/// A paged report (`-o r.html` -> `r-0001.html` ...) overwrote inputs of those names.
#[test]
fn a_report_page_that_would_replace_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "r-0002.html", JSONL);
    let out = run_in(dir.path(), &["audit", "r-0002.html", "-o", "r.html"]);
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert!(out.stderr.contains("r-0002.html"), "{}", out.stderr);
    assert_eq!(files(dir.path()), ["r-0002.html"]);
}

/// An output inside an input directory that the walk reads as an article replaced it.
#[test]
fn an_output_read_by_an_input_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/a.txt", ARTICLE);
    let out = run_in(dir.path(), &["extract", "in", "-o", "in/a.txt"]);
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("in/a.txt")).unwrap(),
        ARTICLE
    );
    // A CSV there is not an article.
    let out = run_in(dir.path(), &["extract", "in", "-o", "in/claims.csv"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
}

/// A mistyped input (`extract data/sample -o keep.csv`) or a bad `--errors` path exited 2 but
/// left the previous `keep.csv` as a bare header.
#[test]
fn a_failed_run_leaves_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.jsonl", JSONL);
    write(dir.path(), "keep.csv", "earlier results\n");
    for args in [
        &["extract", "no-such-dir", "-o", "keep.csv"][..],
        &["extract", "c.jsonl", "no-such.jsonl", "-o", "keep.csv"],
        &[
            "extract",
            "c.jsonl",
            "-o",
            "keep.csv",
            "--errors",
            "no-dir/e.csv",
        ],
        &["audit", "no-such-dir", "-o", "keep.csv"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status, 2, "{args:?}: {}", out.stderr);
        assert_eq!(
            fs::read_to_string(dir.path().join("keep.csv")).unwrap(),
            "earlier results\n",
            "{args:?}"
        );
        assert_eq!(files(dir.path()), ["c.jsonl", "keep.csv"], "{args:?}");
    }
    // A run that completes replaces it, keeping its permissions.
    let out = run_in(dir.path(), &["extract", "c.jsonl", "-o", "keep.csv"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(fs::read_to_string(dir.path().join("keep.csv"))
        .unwrap()
        .contains("We will win"));
}

/// SIGINT mid-run left a partial file that ended on a row boundary and looked complete.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_the_previous_output() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let keep = write(dir.path(), "keep.csv", "earlier results\n");
    let mut child = whosaid()
        .args(["extract", "-j1", "-", "-o", &arg(&keep)])
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // More than a chunk, so that rows are written before the signal; then the input stays
    // open, as a slow producer's would.
    for _ in 0..3000 {
        stdin.write_all(JSONL.as_bytes()).unwrap();
    }
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(!status.success());
    drop(stdin);
    assert_eq!(fs::read_to_string(&keep).unwrap(), "earlier results\n");
}

/// `whosaid extract a.jsonl >&-` exited 0 and reported "4 claims written" with nothing written.
#[cfg(target_os = "linux")]
#[test]
fn a_closed_standard_output_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "c.jsonl", JSONL);
    let sh = |redirect: &str| {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("\"$0\" extract \"$1\" {redirect}"))
            .arg(env!("CARGO_BIN_EXE_whosaid"))
            .arg(arg(&input))
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (status, stderr) = sh(">&-");
    assert_eq!(status, 2, "{stderr}");
    assert!(stderr.contains("standard output is closed"), "{stderr}");
    assert!(!stderr.contains("claims written"), "{stderr}");
    let (status, stderr) = sh(">/dev/null");
    assert_eq!(status, 0, "a shell's /dev/null is fine: {stderr}");
}

/// With `--speakers -` standard output is used once only, even for the speakers table.
#[test]
fn usage_errors_create_no_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.jsonl", JSONL);
    let out = run(&[
        "extract",
        "--speakers",
        "-",
        "-o",
        "-",
        &arg(&dir.path().join("c.jsonl")),
    ]);
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert_eq!(files(dir.path()), ["c.jsonl"]);
}

/// One bad byte in a UTF-8 JSONL line decoded the whole line as windows-1252: the quote was
/// `café â€œWe will win`. Now the bad byte alone is U+FFFD, and a warning names the line.
#[test]
fn a_bad_byte_in_utf8_is_replaced_alone() {
    let line = b"{\"id\":\"u8\",\"text\":\"caf\xe9 \xe2\x80\x9cWe will win,\xe2\x80\x9d the minister said.\"}\n";
    let out = crate::util::run_with_stdin(&["extract", "--format", "jsonl", "-"], line);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let row: serde_json::Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    // No sentence break before the quote: the claim is mixed, from the start.
    assert_eq!(row["quote"], "caf\u{fffd} “We will win,”");
    assert_eq!(row["end"], 19, "the replacement is one character");
    assert!(
        out.stderr
            .contains("<stdin>:1: 1 byte not UTF-8, each replaced by U+FFFD"),
        "{}",
        out.stderr
    );
}

/// `whosaid extract - < /dev/zero` held 1.58 GB after 5 s and kept growing. A line longer than
/// the documented maximum is now a failed article naming its line, and the run goes on.
#[test]
fn an_overlong_jsonl_line_is_an_error_naming_it() {
    let mut input = JSONL.as_bytes().to_vec();
    // One line just over the limit, one far over it (the reader stops before its end).
    for over in [10, 1 << 20] {
        input.extend(std::iter::repeat_n(b'x', whosaid::MAX_LINE_BYTES + over));
        input.push(b'\n');
    }
    input.extend_from_slice(JSONL.replace("\"a\"", "\"c\"").as_bytes());
    let out = crate::util::run_with_stdin(&["extract", "-j1", "-"], &input);
    assert_eq!(out.status, 1, "{}", out.stderr);
    for line in [2, 3] {
        let message = format!(
            "<stdin>:{line}: line longer than 64 MiB, the most whosaid reads as one article; \
             skipped"
        );
        assert!(out.stderr.contains(&message), "{}", out.stderr);
    }
    assert_eq!(out.counts(), (4, 2, 2, 2), "{}", out.stderr);
}

/// Written beside and renamed into place, `-o /dev/null` replaced the device node with a
/// file (found while fixing #16, before it was committed). Devices and pipes are written as
/// they are; through a symbolic link, the file it points to is replaced and the link kept.
#[cfg(unix)]
#[test]
fn devices_pipes_and_links_stay_what_they_are() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.jsonl", JSONL);
    let out = run_in(dir.path(), &["extract", "c.jsonl", "-o", "/dev/null"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut got = String::new();
            fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut got)
                .unwrap();
            got
        })
    };
    let out = run_in(dir.path(), &["extract", "c.jsonl", "-o", "fifo"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(reader.join().unwrap().contains("We will win"));
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());

    write(dir.path(), "real.csv", "old\n");
    std::os::unix::fs::symlink("real.csv", dir.path().join("link.csv")).unwrap();
    let out = run_in(dir.path(), &["extract", "c.jsonl", "-o", "link.csv"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let link = dir.path().join("link.csv");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(dir.path().join("real.csv"))
        .unwrap()
        .contains("We will win"));
}

/// A directory holding a symbolic link to `/` walked /proc and /sys; a link back to the
/// directory itself made the run exit 2 although every article was processed. Links to
/// directories are now followed only with `-L`, and a loop is a warning.
#[cfg(unix)]
#[test]
fn links_to_directories_are_followed_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/a.txt", ARTICLE);
    write(dir.path(), "elsewhere/b.txt", ARTICLE);
    std::os::unix::fs::symlink("../elsewhere", dir.path().join("in/other")).unwrap();
    std::os::unix::fs::symlink("../elsewhere/b.txt", dir.path().join("in/c.txt")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("in/up")).unwrap();
    let out = run_in(dir.path(), &["extract", "in", "-o", "out.csv"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.counts().0,
        2,
        "a.txt and the link to a file: {}",
        out.stderr
    );
    let out = run_in(dir.path(), &["extract", "-L", "in", "-o", "out.csv"]);
    assert_eq!(out.status, 0, "a loop is no failure: {}", out.stderr);
    assert!(
        out.stderr.contains("a symbolic link back to"),
        "{}",
        out.stderr
    );
    // a.txt, c.txt, other/b.txt, and through up/ the tree again up to the loop.
    assert!(out.counts().0 >= 3, "{}", out.stderr);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// A gzipped JSONL gave 37,922 fake failed articles. Gzip is now told by its first bytes and
/// decompressed, for JSONL (named `.jsonl.gz`, `.jsonl`, or on standard input), for `.txt`
/// files, and for `.txt.gz` files in directories.
#[test]
fn gzip_input_is_decompressed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c.jsonl.gz", gzip(JSONL.as_bytes()));
    write(dir.path(), "misnamed.jsonl", gzip(JSONL.as_bytes()));
    write(dir.path(), "d/one.txt.gz", gzip(ARTICLE.as_bytes()));
    write(dir.path(), "d/two.txt", gzip(ARTICLE.as_bytes()));
    for (input, id) in [
        ("c.jsonl.gz", "a"),
        ("misnamed.jsonl", "a"),
        ("d", "one"),
        ("d/one.txt.gz", "one"),
    ] {
        let out = run_in(dir.path(), &["extract", input]);
        assert_eq!(out.status, 0, "{input}: {}", out.stderr);
        let first = out.stdout.lines().nth(1).unwrap_or_default();
        assert!(
            first.starts_with(&format!("{id},{id}#1,direct,\"We will win,\"")),
            "{input}: {first}"
        );
    }
    let out = run_in(dir.path(), &["extract", "d"]);
    assert_eq!(out.counts(), (2, 2, 0, 2), "{}", out.stderr);
    let out = crate::util::run_with_stdin(&["extract", "-"], &gzip(JSONL.as_bytes()));
    assert_eq!(out.counts(), (1, 1, 0, 1), "{}", out.stderr);
    // Broken gzip is a failed article naming the file.
    let mut broken = gzip(ARTICLE.as_bytes());
    broken.truncate(12);
    write(dir.path(), "broken.txt", broken);
    let out = run_in(dir.path(), &["extract", "broken.txt"]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("broken.txt: cannot decompress (gzip)"),
        "{}",
        out.stderr
    );
}

/// A UTF-32 file with a byte order mark decoded as UTF-16 garbage. A `.txt` is now decoded;
/// UTF-32 JSONL is refused, naming the file, with status 2.
#[test]
fn utf32_is_decoded_or_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let utf32 = |text: &str| {
        let mut bytes = vec![0xff, 0xfe, 0, 0];
        for c in text.chars() {
            bytes.extend((c as u32).to_le_bytes());
        }
        bytes
    };
    write(dir.path(), "a.txt", utf32(ARTICLE));
    write(dir.path(), "c.jsonl", utf32(JSONL));
    let out = run_in(dir.path(), &["extract", "a.txt"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("a,a#1,direct,\"We will win,\""),
        "{}",
        out.stdout
    );
    let out = run_in(dir.path(), &["extract", "c.jsonl"]);
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("c.jsonl:1: UTF-32 JSONL is not read"),
        "{}",
        out.stderr
    );
}
