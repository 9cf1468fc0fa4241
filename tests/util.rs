//! Helpers for running the whosaid binary in tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The CSV header, exactly as issue 2 specifies it, with issue 15's `confidence` last.
pub const HEADER: &str =
    "article_id,claim_id,kind,quote,start,end,speaker,speaker_type,speaker_id,title,role,\
                          organisation,outlet,cue,speaker_mention,speaker_start,speaker_end,\
                          cue_start,cue_end,resolution,rule,confidence";

/// What a run of whosaid produced.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stderr lines that start with `whosaid: `, without that prefix.
    pub fn messages(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter_map(|l| l.strip_prefix("whosaid: "))
            .collect()
    }

    /// The summary line's counts: read, processed, failed, claims.
    pub fn counts(&self) -> (u64, u64, u64, u64) {
        let line = self
            .messages()
            .into_iter()
            .find(|l| l.contains(" articles read, "))
            .unwrap_or_else(|| panic!("no summary in {:?}", self.stderr));
        let numbers: Vec<u64> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .take(4)
            .map(|s| s.parse().unwrap())
            .collect();
        (numbers[0], numbers[1], numbers[2], numbers[3])
    }
}

pub fn whosaid() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

/// Runs whosaid with `args` and `stdin` as standard input.
pub fn run_with_stdin<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &[u8]) -> Run {
    let mut child = whosaid()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("whosaid starts");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        // whosaid may stop reading early (a usage error); that is not the test's failure.
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("whosaid runs");
    feeder.join().unwrap();
    Run {
        status: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs whosaid with `args` and empty standard input.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    run_with_stdin(args, b"")
}

/// A file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The path as a string argument.
pub fn arg(path: &Path) -> String {
    path.to_str().expect("test paths are UTF-8").to_string()
}

/// Writes `bytes` to `dir/name`, creating parent directories.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `n` JSONL articles made from the hand-written fixture texts, each with its own id.
pub fn many_articles(n: usize) -> String {
    let texts = [
        include_str!("fixtures/input/dir/business/001.txt"),
        include_str!("fixtures/input/dir/business/002.txt"),
        include_str!("fixtures/input/dir/politics/2024/010.txt"),
    ];
    let mut out = String::new();
    for i in 0..n {
        let text = texts[i % texts.len()].repeat(1 + i % 4);
        let line = serde_json::json!({"id": format!("a{i}"), "text": text});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// Asserts that a JSON record's quote is `text[start:end]`, in characters, as Python slices.
pub fn assert_quote_is_the_text(text: &str, record: &serde_json::Value) {
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (
        record["start"].as_u64().unwrap() as usize,
        record["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        record["quote"].as_str().unwrap()
    );
}
