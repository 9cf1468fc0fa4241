//! Every file a command writes, opened one way: checked against the inputs and the other
//! outputs before anything is written, written to a temporary file beside its place, and
//! renamed into it only when the run completes (#16).
//!
//! ```text
//! let mut outputs = Outputs::new(&input_paths);        // every path the run reads
//! let claims = outputs.open("-o", args.output)?;       // None or "-": standard output
//! let errors = outputs.open("--errors", Some(path))?;  // refused if it is an input or -o
//! ... write through `claims` and `errors` (both `impl Write`) ...
//! claims.commit()?;                                    // rename into place (or flush stdout)
//! errors.commit()?;
//! ```
//!
//! The API is small on purpose: [`Outputs::new`], [`Outputs::open`] (and
//! [`Outputs::refuse_pages`] for outputs whose further file names follow a pattern),
//! [`Output`]'s `Write`, [`Output::name`], [`Output::close`] and [`Output::commit`]. A new
//! output format or flag opens its file here and gets the same guarantees:
//!
//! - a path that is the same file as an input, or as another output of the run (the same
//!   device and inode, or the same path after `.` and `..` and links in its directory are
//!   resolved), is refused with a message naming both, before any output is created;
//! - a path inside an input directory that the directory walk would read (`*.txt`, `*.html`,
//!   `*.htm`, also gzipped) is refused too, since replacing it would replace an input article;
//! - standard output may be taken by one output only, and it must be open: `>&-` is an error;
//! - a device, pipe or socket (`-o /dev/null`) is written directly; through a symbolic link,
//!   the file it points to is replaced, not the link;
//! - a file output is a temporary file `.whosaid-XXXXXX.tmp` beside the target; dropping the
//!   [`Output`] without committing it (a failed run) deletes it, and the target keeps its old
//!   content. An interrupted run (SIGINT) cannot delete it, but leaves the target untouched.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context};
use tempfile::{NamedTempFile, TempPath};
use whosaid::is_stdin;

/// The size of each output's buffer.
const BUFFER: usize = 1 << 16;

/// The paths a run reads and the outputs it has opened, so that no output replaces one of
/// them.
pub struct Outputs {
    inputs: Vec<PathBuf>,
    /// Outputs opened so far: the flag that named each, and its path (None: standard output).
    opened: Vec<(String, Option<PathBuf>)>,
}

impl Outputs {
    /// The outputs of a run that reads `inputs` (files, directories, `-`).
    pub fn new(inputs: &[PathBuf]) -> Outputs {
        Outputs {
            inputs: inputs.to_vec(),
            opened: Vec::new(),
        }
    }

    /// Opens the output `path` (standard output for none or `-`), called `flag` in messages
    /// ("-o", "--errors").
    ///
    /// # Errors
    ///
    /// When `path` is an input or another output of the run, when standard output is taken
    /// or closed, or when the temporary file cannot be created.
    pub fn open(&mut self, flag: &str, path: Option<&Path>) -> anyhow::Result<Output> {
        let Some(path) = path.filter(|p| !is_stdin(p)) else {
            if let Some((other, _)) = self.opened.iter().find(|(_, p)| p.is_none()) {
                bail!("{flag} and {other} cannot both write to standard output; give one a file");
            }
            if stdout_is_closed() {
                bail!("standard output is closed: give {flag} a file to write to");
            }
            self.opened.push((flag.to_string(), None));
            return Ok(Output::Stdout(BufWriter::with_capacity(
                BUFFER,
                io::stdout().lock(),
            )));
        };
        self.check(flag, path)?;
        let output = Output::create(path)?;
        self.opened
            .push((flag.to_string(), Some(path.to_path_buf())));
        Ok(output)
    }

    /// Refuses, before anything is written, an input that would be one of the files named
    /// `STEM-NNNN.EXT` beside `path` (the pages of a paged audit report), where the digits are
    /// any number of them.
    ///
    /// # Errors
    ///
    /// When an input has such a name in that directory.
    pub fn refuse_pages(&self, flag: &str, path: &Path) -> anyhow::Result<()> {
        let (Some(stem), Some(dir)) = (path.file_stem(), normal_dir(path)) else {
            return Ok(());
        };
        let ext = path.extension().unwrap_or_default();
        let stem = stem.to_string_lossy();
        for input in self.inputs.iter().filter(|p| !is_stdin(p)) {
            let (Some(name), Some(input_dir)) = (input.file_stem(), normal_dir(input)) else {
                continue;
            };
            let name = name.to_string_lossy();
            let numbered = name
                .strip_prefix(&*stem)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if numbered && input.extension().unwrap_or_default() == ext && input_dir == dir {
                bail!(
                    "{flag} {}: its pages would replace the input {}; choose another output file",
                    path.display(),
                    input.display()
                );
            }
        }
        Ok(())
    }

    /// Refuses `path` when it is an input, is read by an input directory's walk, or is an
    /// output opened before.
    fn check(&self, flag: &str, path: &Path) -> anyhow::Result<()> {
        for input in self.inputs.iter().filter(|p| !is_stdin(p)) {
            if same_file(path, input) {
                bail!(
                    "{flag} {} is the same file as the input {}; refusing to overwrite it: \
                     choose another output file",
                    path.display(),
                    input.display()
                );
            }
            if input.is_dir() && read_by_walk(path) && is_below(path, input) {
                bail!(
                    "{flag} {} is inside the input directory {}, which reads it as an article; \
                     choose another output file",
                    path.display(),
                    input.display()
                );
            }
        }
        for (other, other_path) in &self.opened {
            if let Some(other_path) = other_path.as_deref().filter(|p| same_file(path, p)) {
                bail!(
                    "{flag} {} is the same file as {other} {}; give each output its own file",
                    path.display(),
                    other_path.display()
                );
            }
        }
        Ok(())
    }
}

/// An output being written: standard output, or a temporary file that [`Output::commit`]
/// renames into place. Dropped without a commit, the temporary file is deleted.
pub enum Output {
    /// Standard output.
    Stdout(BufWriter<io::StdoutLock<'static>>),
    /// A device, pipe or socket, written directly.
    Device {
        /// Its path.
        path: PathBuf,
        /// It, open for writing.
        file: BufWriter<fs::File>,
    },
    /// A temporary file beside `path`.
    File {
        /// The file it will replace.
        path: PathBuf,
        /// The temporary file.
        temp: BufWriter<NamedTempFile>,
    },
}

impl Output {
    fn create(path: &Path) -> anyhow::Result<Output> {
        // A device, a pipe or a socket (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written
        // as it is: a rename would replace the device node with a file.
        if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            return Ok(Output::Device {
                path: path.to_path_buf(),
                file: BufWriter::with_capacity(BUFFER, file),
            });
        }
        // Through a symbolic link, the file it points to is replaced, not the link.
        let path = &match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).unwrap_or(path.into()),
            _ => path.to_path_buf(),
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".whosaid-").suffix(".tmp");
        // The file gets the permissions an ordinary new file would (the umask applies),
        // rather than the temporary file's owner-only ones.
        #[cfg(unix)]
        builder
            .permissions(<fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o666));
        let temp = builder
            .tempfile_in(dir)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Output::File {
            path: path.to_path_buf(),
            temp: BufWriter::with_capacity(BUFFER, temp),
        })
    }

    /// The output's name for messages: its path, or "standard output".
    pub fn name(&self) -> String {
        match self {
            Output::Stdout(_) => "standard output".to_string(),
            Output::File { path, .. } | Output::Device { path, .. } => path.display().to_string(),
        }
    }

    /// Flushes everything written and, for a file, closes the temporary file, which stays
    /// beside its place until [`Closed::commit`]: for outputs written early whose rename waits
    /// for the end of the run (the pages of a report).
    ///
    /// # Errors
    ///
    /// When flushing or syncing fails.
    pub fn close(self) -> anyhow::Result<Closed> {
        let name = self.name();
        match self {
            Output::Stdout(mut out) => {
                out.flush()
                    .with_context(|| format!("cannot write to {name}"))?;
                Ok(Closed(None))
            }
            Output::Device { mut file, .. } => {
                file.flush()
                    .with_context(|| format!("cannot write to {name}"))?;
                Ok(Closed(None))
            }
            Output::File { path, temp } => {
                let temp = temp
                    .into_inner()
                    .map_err(io::IntoInnerError::into_error)
                    .with_context(|| format!("cannot write to {name}"))?;
                temp.as_file()
                    .sync_all()
                    .with_context(|| format!("cannot write to {name}"))?;
                Ok(Closed(Some((path, temp.into_temp_path()))))
            }
        }
    }

    /// The target and the temporary file beside it, for a writer that saves a whole file
    /// itself and renames it into place (the xlsx workbook, crate::xlsx).
    ///
    /// # Errors
    ///
    /// For standard output or a device, which a saved-and-renamed file cannot be.
    pub fn into_temp(self) -> anyhow::Result<(PathBuf, NamedTempFile)> {
        match self {
            Output::File { path, temp } => {
                let temp = temp
                    .into_inner()
                    .map_err(io::IntoInnerError::into_error)
                    .with_context(|| format!("cannot write to {}", path.display()))?;
                Ok((path, temp))
            }
            other => bail!("{} is not a regular file; choose a file", other.name()),
        }
    }

    /// Flushes, and renames the file into place (keeping the permissions of the file it
    /// replaces).
    ///
    /// # Errors
    ///
    /// When writing or renaming fails; the file is then left as it was.
    pub fn commit(self) -> anyhow::Result<()> {
        self.close()?.commit()
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::Device { file, .. } => file.write(buf),
            Output::File { temp, .. } => temp.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::Device { file, .. } => file.write_all(buf),
            Output::File { temp, .. } => temp.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::Device { file, .. } => file.flush(),
            // Flushing a file output only moves bytes into the temporary file; done per chunk
            // for standard output's readers, it is not needed here.
            Output::File { .. } => Ok(()),
        }
    }
}

/// A complete output waiting to be renamed into place ([`Output::close`]); dropped, its
/// temporary file is deleted.
pub struct Closed(Option<(PathBuf, TempPath)>);

impl Closed {
    /// Renames the file into place, keeping the permissions of the file it replaces.
    ///
    /// # Errors
    ///
    /// When renaming fails; the file is then left as it was.
    pub fn commit(self) -> anyhow::Result<()> {
        let Some((path, temp)) = self.0 else {
            return Ok(());
        };
        if let Ok(old) = fs::metadata(&path) {
            // Not fatal: the content is complete either way.
            let _ = fs::set_permissions(&temp, old.permissions());
        }
        temp.persist(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot replace {}", path.display()))
    }
}

/// True when `a` and `b` name the same file: the same device and inode (through another name,
/// a hard link or a symbolic link), or, for files that do not exist yet, the same path once
/// their directories are resolved (`./x.csv` and `x.csv`). Standard input is no file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if is_stdin(a) || is_stdin(b) {
        return false;
    }
    if a == b {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    #[cfg(not(unix))]
    if let (Ok(a), Ok(b)) = (fs::canonicalize(a), fs::canonicalize(b)) {
        return a == b;
    }
    match (resolved(a), resolved(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// `path` with its directory resolved (links, `.`, `..`) and its file name kept.
fn resolved(path: &Path) -> Option<PathBuf> {
    Some(normal_dir(path)?.join(path.file_name()?))
}

/// The resolved directory `path` is in.
fn normal_dir(path: &Path) -> Option<PathBuf> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::canonicalize(dir).ok()
}

/// True when a directory walk reads a file of this name as an article.
fn read_by_walk(path: &Path) -> bool {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".txt", ".html", ".htm"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// True when `path` is below the directory `dir`.
fn is_below(path: &Path, dir: &Path) -> bool {
    match (resolved(path), fs::canonicalize(dir)) {
        (Some(path), Ok(dir)) => path.starts_with(dir),
        _ => path.components().all(|c| c != Component::ParentDir) && path.starts_with(dir),
    }
}

/// True when standard output was closed when the program started (`>&-`). The Rust runtime
/// then opens `/dev/null` on it, read-write, so that writes vanish and the run would report
/// rows written that went nowhere. A shell's `> /dev/null` opens it write-only, which stays
/// allowed. Only Linux says which is which (`/proc/self/fdinfo`); elsewhere nothing is
/// refused.
fn stdout_is_closed() -> bool {
    let Ok(target) = fs::read_link("/proc/self/fd/1") else {
        return false;
    };
    if target != Path::new("/dev/null") {
        return false;
    }
    let Ok(info) = fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    // `flags:` is octal; O_ACCMODE is 3 and O_RDWR is 2.
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .is_some_and(|flags| flags & 3 == 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_path_written_two_ways_is_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("x.csv");
        let b = dir.path().join(".").join("x.csv");
        assert!(same_file(&a, &b), "not existing yet");
        fs::write(&a, "x").unwrap();
        assert!(same_file(&a, &b), "existing");
        assert!(!same_file(&a, &dir.path().join("y.csv")));
    }

    #[test]
    fn a_dropped_output_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keep.csv");
        fs::write(&path, "old").unwrap();
        let mut outputs = Outputs::new(&[]);
        let mut out = outputs.open("-o", Some(&path)).unwrap();
        out.write_all(b"new").unwrap();
        drop(out);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temp file left"
        );
        let mut out = outputs.open("-o again", Some(&path)).err();
        assert!(out.take().is_some(), "a path opened twice is refused");
    }
}
