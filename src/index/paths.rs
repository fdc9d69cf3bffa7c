//! The key a file is stored under: its path relative to the folder that holds the index
//! (the *root*, as git keys files by their place in the work tree), or its absolute path
//! when it lies outside the root. The key depends on the file only, not on how the path
//! was spelled: `corpus/a.md`, `./corpus/a.md`, `/work/proj/corpus/a.md` and
//! `../proj/corpus/a.md` (run from `/work/proj`) are one key, so ingesting the same files
//! through another spelling finds them unchanged instead of indexing them twice.
//!
//! Paths are made absolute against the current directory and `.`/`..` are folded
//! lexically, without reading the file system: symbolic links are not resolved (a file
//! reached through two different links is two keys).

use std::path::{Component, Path, PathBuf};

/// `path` absolute (against the current directory), with `.` and `..` folded.
pub fn absolute(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    absolute_from(&cwd, path)
}

/// `path` absolute against `cwd`, with `.` and `..` folded.
fn absolute_from(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            // `..` above the root stays at the root, as the OS reads it.
            Component::ParentDir => {
                if out.parent().is_some() {
                    out.pop();
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The folder that holds the index directory `dir`, absolute.
pub fn root_of(dir: &Path) -> PathBuf {
    let dir = absolute(dir);
    dir.parent().map_or(dir.clone(), Path::to_owned)
}

/// Keys for an index whose folder is `root` (see the module docs), read against the
/// current directory as it was when made (it is read once, not per path).
#[derive(Debug, Clone)]
pub struct Keys {
    root: PathBuf,
    cwd: PathBuf,
}

impl Keys {
    pub fn new(root: PathBuf) -> Keys {
        Keys {
            root,
            cwd: std::env::current_dir().unwrap_or_default(),
        }
    }

    /// The key of `path`.
    pub fn key(&self, path: &Path) -> String {
        let abs = absolute_from(&self.cwd, path);
        match abs.strip_prefix(&self.root) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
            _ => abs.display().to_string(),
        }
    }

    /// Where the file stored under `key` is.
    pub fn resolve(&self, key: &str) -> PathBuf {
        resolve(&self.root, key)
    }
}

/// Where the file stored under `key` is: `key` under `root` unless it is absolute.
pub fn resolve(root: &Path, key: &str) -> PathBuf {
    let p = Path::new(key);
    if p.is_absolute() {
        p.to_owned()
    } else {
        root.join(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_file_are_one_key() {
        let keys = Keys {
            root: PathBuf::from("/work/proj"),
            cwd: PathBuf::from("/work/proj/sub"),
        };
        for p in [
            "/work/proj/corpus/a.md",
            "/work/proj/./corpus/a.md",
            "/work/other/../proj/corpus/a.md",
            "/work/proj/corpus/sub/../a.md",
            "../corpus/a.md",
            "./../corpus/./a.md",
        ] {
            assert_eq!(keys.key(Path::new(p)), "corpus/a.md", "{p}");
        }
        assert_eq!(keys.key(Path::new("/data/x.txt")), "/data/x.txt");
        // a sibling whose name starts like the root is outside it
        assert_eq!(
            keys.key(Path::new("/work/project/a.md")),
            "/work/project/a.md"
        );
        assert_eq!(keys.key(Path::new("../../../../a.md")), "/a.md");
        assert_eq!(
            keys.resolve("corpus/a.md"),
            Path::new("/work/proj/corpus/a.md")
        );
        assert_eq!(keys.resolve("/data/x.txt"), Path::new("/data/x.txt"));
    }

    #[test]
    fn relative_paths_are_read_from_the_current_directory() {
        let cwd = std::env::current_dir().unwrap();
        let root = root_of(Path::new(".pactum"));
        assert_eq!(root, absolute(&cwd));
        assert_eq!(
            Keys::new(root).key(Path::new("./corpus/a.md")),
            "corpus/a.md"
        );
    }
}
