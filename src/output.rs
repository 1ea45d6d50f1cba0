//! Safe writing of output files: a failed run never destroys the previous file.

use crate::diag::{Diagnostic, Text};
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What went wrong while writing an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputErrorKind {
    /// The target path is a folder.
    IsDirectory,
    /// The target is a device, pipe or socket, which a rename would
    /// replace by a plain file.
    NotRegular,
    /// The folder to write in does not exist (or is a file).
    FolderMissing,
    /// No permission to write in the folder, or the folder is read-only.
    PermissionDenied,
    /// The target file is open in another program (Word on Windows).
    Locked,
    /// The disk is full.
    DiskFull,
    /// Anything else the system reports.
    Other,
}

/// An output file could not be written; the previous file, if any, is
/// unchanged and no temporary file is left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputError {
    pub kind: OutputErrorKind,
    /// The file that was to be written.
    pub path: PathBuf,
    /// What happened and what to do, in Vietnamese and English.
    pub message: Text,
    /// The system's own description, for logs.
    pub detail: String,
}

impl OutputError {
    fn new(kind: OutputErrorKind, path: &Path, detail: String) -> OutputError {
        let p = path.display();
        let folder = folder_of(path);
        let folder = folder.display();
        let (vi, en) = match kind {
            OutputErrorKind::IsDirectory => (
                format!("không ghi được \"{p}\": đây là một thư mục, không phải tệp; hãy chọn tên tệp khác"),
                format!("cannot write \"{p}\": it is a folder, not a file; choose another file name"),
            ),
            OutputErrorKind::NotRegular => (
                format!("không ghi được \"{p}\": đây là thiết bị hoặc tệp đặc biệt, không phải tệp thường; hãy chọn tên tệp khác"),
                format!("cannot write \"{p}\": it is a device or special file, not a regular file; choose another file name"),
            ),
            OutputErrorKind::FolderMissing => (
                format!("không ghi được \"{p}\": thư mục \"{folder}\" không tồn tại; hãy tạo thư mục hoặc chọn nơi lưu khác"),
                format!("cannot write \"{p}\": folder \"{folder}\" does not exist; create it or choose another place"),
            ),
            OutputErrorKind::PermissionDenied => (
                format!("không ghi được \"{p}\": không có quyền ghi (thư mục \"{folder}\" hoặc tệp đích chỉ đọc, hoặc bị hạn chế quyền); hãy chọn nơi lưu khác"),
                format!("cannot write \"{p}\": no permission to write (folder \"{folder}\" or the file is read-only, or access is denied); choose another place"),
            ),
            OutputErrorKind::Locked => (
                format!("không ghi được \"{p}\": tệp đang được mở trong Word hoặc chương trình khác, hãy đóng tệp rồi chạy lại"),
                format!("cannot write \"{p}\": the file is open in Word or another program; close it and run again"),
            ),
            OutputErrorKind::DiskFull => (
                format!("không ghi được \"{p}\": ổ đĩa đã đầy; hãy giải phóng dung lượng rồi chạy lại"),
                format!("cannot write \"{p}\": the disk is full; free some space and run again"),
            ),
            OutputErrorKind::Other => (
                format!("không ghi được \"{p}\": {detail}"),
                format!("cannot write \"{p}\": {detail}"),
            ),
        };
        OutputError {
            kind,
            path: path.to_path_buf(),
            message: Text::new(
                format!("{vi} (tệp cũ, nếu có, vẫn giữ nguyên)"),
                format!("{en} (the existing file, if any, is unchanged)"),
            ),
            detail,
        }
    }

    fn from_io(err: &io::Error, path: &Path, stage: Stage) -> OutputError {
        OutputError::new(classify(err, stage), path, err.to_string())
    }

    /// The error as a diagnostic with the given code.
    pub fn diagnostic(&self, code: &'static str) -> Diagnostic {
        Diagnostic::error(code, self.path.display().to_string(), self.message.clone())
    }
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.vi)
    }
}

impl std::error::Error for OutputError {}

/// The folder a path is written in ("." for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Which step failed; a permission error when replacing the target means
/// something else than one when creating the temporary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Create,
    Write,
    Replace,
}

/// Maps a system error to what the user can act on.
fn classify(err: &io::Error, stage: Stage) -> OutputErrorKind {
    use io::ErrorKind as K;
    if let Some(code) = err.raw_os_error() {
        #[cfg(unix)]
        {
            // ENOSPC, EDQUOT; EROFS; ETXTBSY.
            match code {
                28 | 122 => return OutputErrorKind::DiskFull,
                30 => return OutputErrorKind::PermissionDenied,
                26 => return OutputErrorKind::Locked,
                _ => {}
            }
        }
        #[cfg(windows)]
        {
            // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION,
            // ERROR_USER_MAPPED_FILE; ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL.
            match code {
                32 | 33 | 1224 => return OutputErrorKind::Locked,
                39 | 112 => return OutputErrorKind::DiskFull,
                _ => {}
            }
        }
        let _ = code;
    }
    match err.kind() {
        K::StorageFull | K::QuotaExceeded => OutputErrorKind::DiskFull,
        K::IsADirectory => OutputErrorKind::IsDirectory,
        K::NotFound | K::NotADirectory => OutputErrorKind::FolderMissing,
        K::ReadOnlyFilesystem => OutputErrorKind::PermissionDenied,
        K::ResourceBusy | K::ExecutableFileBusy => OutputErrorKind::Locked,
        // Windows refuses to replace a file Word holds open with "access
        // denied"; the folder itself was writable, since the temporary
        // file was created in it.
        K::PermissionDenied if stage == Stage::Replace && cfg!(windows) => OutputErrorKind::Locked,
        K::PermissionDenied => OutputErrorKind::PermissionDenied,
        _ => OutputErrorKind::Other,
    }
}

/// Temporary file next to the target: same folder, so the final rename
/// stays on one file system and is atomic.
fn temp_path(path: &Path, file_name: &std::ffi::OsStr) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(file_name);
    name.push(format!(".tmp-{}", std::process::id()));
    folder_of(path).join(name)
}

/// The file-system steps [`write_atomic`] takes; tests replace them to
/// force failures that cannot be caused for real (disk full, a locked file).
struct Ops {
    write: fn(&mut File, &[u8]) -> io::Result<()>,
    rename: fn(&Path, &Path) -> io::Result<()>,
}

const REAL_OPS: Ops = Ops {
    write: |f, bytes| f.write_all(bytes),
    rename: |from, to| fs::rename(from, to),
};

/// Writes `bytes` to `path` so that the previous file survives any failure
/// (architecture: "never lose work"): the bytes go to a temporary file in
/// the same folder (`.<file>.tmp-<pid>`), which is flushed to disk and then
/// renamed over the target. On failure the temporary file is removed and an
/// existing target is left untouched; after success, temporary files of
/// killed earlier renders are removed. A symbolic link at `path` is replaced
/// by the new file, not followed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    write_with(path, bytes, &REAL_OPS)
}

fn write_with(path: &Path, bytes: &[u8], ops: &Ops) -> Result<(), OutputError> {
    if path.is_dir() {
        return Err(OutputError::new(
            OutputErrorKind::IsDirectory,
            path,
            "is a directory".to_string(),
        ));
    }
    // A rename would put a plain file in the place of a device or pipe
    // (`/dev/null` given as the output, as root); a link is replaced
    // itself, not followed.
    if let Ok(meta) = fs::symlink_metadata(path) {
        let t = meta.file_type();
        if !(t.is_file() || t.is_symlink() || t.is_dir()) {
            return Err(OutputError::new(
                OutputErrorKind::NotRegular,
                path,
                "not a regular file".to_string(),
            ));
        }
    }
    let Some(file_name) = path.file_name() else {
        return Err(OutputError::new(
            OutputErrorKind::IsDirectory,
            path,
            "no file name".to_string(),
        ));
    };
    let folder = folder_of(path);
    if !folder.is_dir() {
        let detail = if folder.exists() {
            "parent is not a directory"
        } else {
            "parent directory does not exist"
        };
        return Err(OutputError::new(
            OutputErrorKind::FolderMissing,
            path,
            detail.to_string(),
        ));
    }
    let tmp = temp_path(path, file_name);
    let mut file = match create_new(&tmp) {
        Ok(f) => f,
        Err(e) => return Err(OutputError::from_io(&e, path, Stage::Create)),
    };
    let result = fill(&mut file, bytes, ops, path)
        .map_err(|e| OutputError::from_io(&e, path, Stage::Write))
        .and_then(|()| {
            drop(file);
            (ops.rename)(&tmp, path).map_err(|e| {
                let mut err = OutputError::from_io(&e, path, Stage::Replace);
                // A target marked read-only refuses replacement the way an
                // open file does on Windows; tell the two apart.
                let read_only = fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
                if err.kind == OutputErrorKind::Locked && read_only {
                    err = OutputError::new(OutputErrorKind::PermissionDenied, path, err.detail);
                }
                err
            })
        });
    if result.is_err() {
        // Best effort: the temporary file may already be gone.
        let _ = fs::remove_file(&tmp);
        return result;
    }
    sync_folder(&folder);
    remove_stale_temps(&folder, file_name);
    Ok(())
}

/// A temporary file this old was left by a render that was killed (Ctrl+C
/// in `watch`, a closed terminal): no render runs longer than its deadline.
const STALE_AFTER: std::time::Duration =
    std::time::Duration::from_secs(crate::limits::MAX_RENDER_SECONDS + 60);

/// Removes `.<file>.tmp-<pid>` files of other, killed processes, so hidden
/// leftovers do not pile up beside a plan that is rendered every day. A
/// younger one may belong to a render still running, and is kept.
fn remove_stale_temps(folder: &Path, file_name: &std::ffi::OsStr) {
    let mut prefix = OsString::from(".");
    prefix.push(file_name);
    prefix.push(".tmp-");
    let Some(prefix) = prefix.to_str() else {
        return;
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old && pid.bytes().all(|b| b.is_ascii_digit()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Creates the temporary file; one left by an earlier run of a process with
/// the same id is stale and replaced.
fn create_new(tmp: &Path) -> io::Result<File> {
    let open = || OpenOptions::new().write(true).create_new(true).open(tmp);
    match open() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tmp.is_file() => {
            fs::remove_file(tmp)?;
            open()
        }
        other => other,
    }
}

/// Writes and flushes the bytes to disk, keeping the target's permissions.
fn fill(file: &mut File, bytes: &[u8], ops: &Ops, target: &Path) -> io::Result<()> {
    (ops.write)(file, bytes)?;
    if let Ok(meta) = fs::metadata(target) {
        // Best effort: a file the user made read-only for others stays so.
        let _ = file.set_permissions(meta.permissions());
    }
    file.sync_all()
}

/// Makes the rename itself durable (Unix keeps it in the folder's entry).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("kehoach-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Every entry of a folder, sorted, so leftovers show up in asserts.
    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_new_file_without_leftovers() {
        let dir = scratch("new");
        let target = dir.join("Kế hoạch.docx");
        write_atomic(&target, b"hello").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"hello");
        assert_eq!(entries(&dir), vec!["Kế hoạch.docx".to_string()]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn overwrites_existing_file() {
        let dir = scratch("over");
        let target = dir.join("out.pdf");
        fs::write(&target, b"old contents that are longer").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(entries(&dir), vec!["out.pdf".to_string()]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn failed_rename_keeps_old_file_and_removes_temp() {
        let dir = scratch("rename");
        let target = dir.join("out.docx");
        fs::write(&target, b"old").unwrap();
        let ops = Ops {
            write: REAL_OPS.write,
            rename: |_, _| Err(io::Error::from(io::ErrorKind::StorageFull)),
        };
        let err = write_with(&target, b"new", &ops).unwrap_err();
        assert_eq!(err.kind, OutputErrorKind::DiskFull);
        assert!(
            err.message.vi.contains("ổ đĩa đã đầy"),
            "{}",
            err.message.vi
        );
        assert!(err.message.en.contains("disk is full"));
        assert_eq!(fs::read(&target).unwrap(), b"old");
        assert_eq!(entries(&dir), vec!["out.docx".to_string()]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn failed_write_keeps_old_file_and_removes_temp() {
        let dir = scratch("write");
        let target = dir.join("out.docx");
        fs::write(&target, b"old").unwrap();
        let ops = Ops {
            // Half the bytes land, then the disk fills up (ENOSPC).
            write: |f, bytes| {
                f.write_all(&bytes[..bytes.len() / 2])?;
                Err(io::Error::from(io::ErrorKind::StorageFull))
            },
            rename: REAL_OPS.rename,
        };
        let err = write_with(&target, b"new bytes", &ops).unwrap_err();
        assert_eq!(err.kind, OutputErrorKind::DiskFull);
        assert_eq!(fs::read(&target).unwrap(), b"old");
        assert_eq!(entries(&dir), vec!["out.docx".to_string()]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn real_rename_failure_cleans_up() {
        // Renaming a file over a non-empty folder fails for root too. The
        // folder check runs first in `write_atomic`, so call the steps with
        // a rename aimed at the folder to exercise the real failure path.
        let dir = scratch("realrename");
        let target = dir.join("out.docx");
        fs::write(&target, b"old").unwrap();
        let blocker = dir.join("blocker");
        fs::create_dir(&blocker).unwrap();
        fs::write(blocker.join("inside"), b"x").unwrap();
        let ops = Ops {
            write: REAL_OPS.write,
            rename: |from, to| fs::rename(from, to.with_file_name("blocker")),
        };
        let err = write_with(&target, b"new", &ops).unwrap_err();
        #[cfg(unix)]
        assert_eq!(err.kind, OutputErrorKind::IsDirectory);
        assert_eq!(fs::read(&target).unwrap(), b"old");
        assert_eq!(
            entries(&dir),
            vec!["blocker".to_string(), "out.docx".to_string()]
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn target_is_a_directory() {
        let dir = scratch("isdir");
        let target = dir.join("out.docx");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), b"x").unwrap();
        let err = write_atomic(&target, b"new").unwrap_err();
        assert_eq!(err.kind, OutputErrorKind::IsDirectory);
        assert!(err.message.vi.contains("thư mục"), "{}", err.message.vi);
        assert!(err.message.en.contains("is a folder"));
        assert_eq!(fs::read(target.join("keep")).unwrap(), b"x");
        assert_eq!(entries(&dir), vec!["out.docx".to_string()]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn parent_is_a_file_or_missing() {
        let dir = scratch("parent");
        let file = dir.join("not-a-folder");
        fs::write(&file, b"data").unwrap();
        let err = write_atomic(&file.join("out.docx"), b"new").unwrap_err();
        assert_eq!(err.kind, OutputErrorKind::FolderMissing);
        assert!(err.message.vi.contains("không tồn tại"));
        assert_eq!(fs::read(&file).unwrap(), b"data");

        let err = write_atomic(&dir.join("missing/out.docx"), b"new").unwrap_err();
        assert_eq!(err.kind, OutputErrorKind::FolderMissing);
        assert!(err.message.en.contains("does not exist"));
        assert_eq!(entries(&dir), vec!["not-a-folder".to_string()]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn read_only_folder() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("ro");
        let ro = dir.join("ro");
        fs::create_dir(&ro).unwrap();
        fs::write(ro.join("out.docx"), b"old").unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
        // Root ignores folder permissions; the check then cannot be made.
        let probe = ro.join("probe");
        if File::create(&probe).is_ok() {
            let _ = fs::remove_file(&probe);
            println!("note: permissions are not enforced (running as root); test skipped");
        } else {
            let err = write_atomic(&ro.join("out.docx"), b"new").unwrap_err();
            assert_eq!(err.kind, OutputErrorKind::PermissionDenied);
            assert!(err.message.vi.contains("không có quyền ghi"));
            assert_eq!(fs::read(ro.join("out.docx")).unwrap(), b"old");
            assert_eq!(entries(&ro), vec!["out.docx".to_string()]);
        }
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stale_temp_file_is_replaced() {
        let dir = scratch("stale");
        let target = dir.join("out.docx");
        fs::write(temp_path(&target, target.file_name().unwrap()), b"junk").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(entries(&dir), vec!["out.docx".to_string()]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temp_files_of_killed_renders_are_removed_once_stale() {
        let dir = scratch("killed");
        let target = dir.join("out.docx");
        let stale = dir.join(".out.docx.tmp-999999");
        let fresh = dir.join(".out.docx.tmp-999998");
        let other = dir.join(".other.docx.tmp-999997");
        for f in [&stale, &fresh, &other] {
            fs::write(f, b"junk").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - STALE_AFTER * 2;
        for f in [&stale, &other] {
            File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        write_atomic(&target, b"new").unwrap();
        assert_eq!(
            entries(&dir),
            vec![
                ".other.docx.tmp-999997".to_string(),
                ".out.docx.tmp-999998".to_string(),
                "out.docx".to_string()
            ]
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A file held open by another program refuses replacement ("busy"):
    /// the earlier file stays and the message says to close it.
    #[test]
    fn a_busy_target_keeps_the_old_file_and_says_to_close_it() {
        let dir = scratch("busy");
        let target = dir.join("out.docx");
        fs::write(&target, b"old").unwrap();
        let ops = Ops {
            write: REAL_OPS.write,
            rename: |_, _| Err(io::Error::from(io::ErrorKind::ResourceBusy)),
        };
        let err = write_with(&target, b"new", &ops).unwrap_err();
        assert_eq!(err.kind, OutputErrorKind::Locked);
        assert!(
            err.message.vi.contains("hãy đóng tệp rồi chạy lại"),
            "{}",
            err.message.vi
        );
        assert_eq!(fs::read(&target).unwrap(), b"old");
        assert_eq!(entries(&dir), vec!["out.docx".to_string()]);
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A device given as the output is refused before anything is written;
    /// a rename would replace it by a plain file (as root, even `/dev/null`).
    #[cfg(unix)]
    #[test]
    fn devices_are_not_replaced() {
        let dev = Path::new("/dev/null");
        let err = write_atomic(dev, b"x").unwrap_err();
        assert_eq!(err.kind, OutputErrorKind::NotRegular);
        assert!(err.message.vi.contains("không phải tệp thường"));
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(dev).unwrap().file_type().is_char_device());
    }

    #[test]
    fn temp_name_is_hidden_in_same_folder() {
        let t = temp_path(Path::new("a/b/out.docx"), "out.docx".as_ref());
        assert_eq!(
            t,
            PathBuf::from(format!("a/b/.out.docx.tmp-{}", std::process::id()))
        );
        let t = temp_path(Path::new("out.docx"), "out.docx".as_ref());
        assert_eq!(t.parent(), Some(Path::new(".")));
    }

    #[test]
    fn error_kinds_are_mapped() {
        let k = |e: io::Error, s| classify(&e, s);
        use io::ErrorKind as K;
        assert_eq!(
            k(K::StorageFull.into(), Stage::Write),
            OutputErrorKind::DiskFull
        );
        assert_eq!(
            k(K::PermissionDenied.into(), Stage::Create),
            OutputErrorKind::PermissionDenied
        );
        assert_eq!(
            k(K::ReadOnlyFilesystem.into(), Stage::Create),
            OutputErrorKind::PermissionDenied
        );
        assert_eq!(
            k(K::NotFound.into(), Stage::Create),
            OutputErrorKind::FolderMissing
        );
        assert_eq!(
            k(K::IsADirectory.into(), Stage::Replace),
            OutputErrorKind::IsDirectory
        );
        assert_eq!(k(K::Other.into(), Stage::Write), OutputErrorKind::Other);
        #[cfg(unix)]
        {
            let raw = |n| io::Error::from_raw_os_error(n);
            assert_eq!(k(raw(28), Stage::Write), OutputErrorKind::DiskFull);
            assert_eq!(k(raw(30), Stage::Create), OutputErrorKind::PermissionDenied);
            assert_eq!(k(raw(13), Stage::Create), OutputErrorKind::PermissionDenied);
            assert_eq!(k(raw(21), Stage::Replace), OutputErrorKind::IsDirectory);
            assert_eq!(k(raw(2), Stage::Create), OutputErrorKind::FolderMissing);
            assert_eq!(
                k(raw(13), Stage::Replace),
                OutputErrorKind::PermissionDenied
            );
        }
        #[cfg(windows)]
        {
            let raw = |n| io::Error::from_raw_os_error(n);
            assert_eq!(k(raw(32), Stage::Replace), OutputErrorKind::Locked);
            assert_eq!(k(raw(5), Stage::Replace), OutputErrorKind::Locked);
            assert_eq!(k(raw(112), Stage::Write), OutputErrorKind::DiskFull);
        }
    }

    #[test]
    fn locked_message_tells_user_to_close_word() {
        let e = OutputError::new(OutputErrorKind::Locked, Path::new("kh.docx"), String::new());
        assert!(e.message.vi.contains(
            "tệp đang được mở trong Word hoặc chương trình khác, hãy đóng tệp rồi chạy lại"
        ));
        assert!(e.message.en.contains("open in Word"));
        let d = e.diagnostic("E900");
        assert_eq!(d.file, "kh.docx");
        assert!(d.is_error());
    }
}
