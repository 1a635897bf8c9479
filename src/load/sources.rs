//! The sources folder: which documents exist, which names are allowed, and their text, read
//! once and only when a claim needs it. Nothing outside the folder is ever opened.

use super::csv_file::CsvFile;
use super::names::Names;
use super::open::{self, Refusal};
use super::text::SourceText;
use crate::findings::{Code, Finding};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub const MANIFEST: &str = "sources.csv";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// The name leaves the sources folder (`..`, an absolute path, a link pointing outside).
    Escapes { name: String },
    NotFound { name: String },
    NotUtf8 { name: String, byte: usize },
    Unreadable { name: String, reason: String },
    /// Larger than `[limits] source-bytes`: refused before it is read.
    TooLarge { name: String, size: u64, limit: u64 },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A source cell may hold a megabyte: the name is quoted clipped.
        let clip = crate::findings::clipped;
        match self {
            SourceError::Escapes { name } => write!(f, "source `{}` is refused: it points outside the sources folder; name a file inside it", clip(name)),
            SourceError::NotFound { name } => write!(f, "source `{}` does not exist in the sources folder and is no id in its manifest", clip(name)),
            SourceError::NotUtf8 { name, byte } => write!(f, "source `{}` is not UTF-8 text (byte {byte}): convert it to UTF-8", clip(name)),
            SourceError::Unreadable { name, reason } => write!(f, "source `{}` cannot be read: {reason}", clip(name)),
            SourceError::TooLarge { name, size, limit } => write!(
                f,
                "source `{}` is refused: it holds {size} bytes, more than the limit of {limit} bytes; raise `source-bytes` under `[limits]` in claimcheck.toml if it is meant to be checked",
                clip(name)
            ),
        }
    }
}

/// What the manifest says of one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceInfo {
    pub file: String,
    pub id: String,
    pub title: String,
    pub author: String,
    pub publisher: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; these sort chronologically as text.
    pub published: String,
    pub url: String,
}

enum Entry {
    /// The file numbered so in `SourceSet::files`.
    File(u32),
    /// A link whose target lies outside the folder: listed so that naming it is refused, not "missing".
    Refused,
}

pub struct SourceSet {
    /// The folder as reports show it: relative, with `/`.
    pub display: String,
    /// The folder's real path: every file read must lie inside it.
    root: PathBuf,
    /// The manifest's path.
    manifest: PathBuf,
    /// Sources larger than this are refused unread (`[limits] source-bytes`).
    source_bytes: u64,
    /// Subfolders that could not be listed, as `name/` prefixes, with the reason.
    unlisted: Vec<(String, String)>,
    /// Links to folders, which are not followed, as `name/` prefixes; true when leading outside.
    folder_links: Vec<(String, bool)>,
    /// Listings sort the names.
    entries: FxHashMap<String, Entry>,
    /// The files `entries` lists, by number.
    files: Vec<Listed>,
    /// Every manifest id and every file name written as listed, to its file's number: what
    /// claims name their sources by, looked up once per claim.
    names: Names,
    info: BTreeMap<String, SourceInfo>,
    // Looked up once per claim: a fast hash, as nothing here faces untrusted input at scale.
    ids: FxHashMap<String, String>,
}

impl SourceSet {
    /// Lists the folder and reads its manifest. Problems in the manifest come back as findings.
    pub fn open(dir: &Path, display: String) -> std::io::Result<(SourceSet, Vec<Finding>)> {
        let root = dir.canonicalize()?;
        if !root.is_dir() {
            return Err(std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"));
        }
        let mut listing = Listing::default();
        for entry in std::fs::read_dir(&root)? {
            listing.entry(&root, entry, "");
        }
        let Listing { mut entries, files, unlisted, folder_links } = listing;
        let manifest = entries.remove(MANIFEST);
        let mut set = SourceSet {
            display,
            manifest: root.join(MANIFEST),
            root,
            source_bytes: open::DEFAULT_SOURCE_BYTES,
            unlisted,
            folder_links,
            entries,
            files,
            names: Names::default(),
            info: BTreeMap::new(),
            ids: FxHashMap::default(),
        };
        let mut findings: Vec<Finding> = set
            .unlisted
            .iter()
            .map(|(folder, reason)| {
                let folder = set.display_path(folder.trim_end_matches('/'));
                let message = format!("the folder `{folder}` cannot be listed ({reason}): sources in it cannot be checked, and claims naming them are reported");
                Finding::new(Code::SourceMissing, folder, message)
            })
            .collect();
        if let Some(manifest) = manifest {
            let display = set.display_path(MANIFEST);
            let read = match manifest {
                Entry::File(number) => CsvFile::read_inside(&set.files[number as usize].path, &set.root, display.clone()),
                Entry::Refused => Err(Refusal::Outside.into()),
            };
            match read {
                Ok(file) => set.read_manifest(&file, &mut findings),
                Err(error) => findings.push(Finding::new(Code::CsvInvalid, display, format!("the manifest cannot be read: {error}"))),
            }
        }
        set.name_files();
        Ok((set, findings))
    }

    fn read_manifest(&mut self, file: &CsvFile, findings: &mut Vec<Finding>) {
        let (header, rows) = match file.rows(&["file"]) {
            Ok(parts) => parts,
            Err(finding) => return findings.push(finding),
        };
        let column = |name| header.index(name);
        let (file_col, id_col) = (column("file"), column("id"));
        let (title, author, publisher, published, url) = (column("title"), column("author"), column("publisher"), column("published"), column("url"));
        for row in rows.readable(findings) {
            let at = |code, message: String, col: &str| Finding::new(code, file.display.clone(), message).at_row(row.row, row.line).in_column(col);
            let mut info = SourceInfo {
                file: row.get(file_col).trim().to_string(),
                id: row.get(id_col).trim().to_string(),
                title: row.get(title).trim().to_string(),
                author: row.get(author).trim().to_string(),
                publisher: row.get(publisher).trim().to_string(),
                published: row.get(published).trim().to_string(),
                url: row.get(url).trim().to_string(),
            };
            if let Err(error) = self.resolve_file(&info.file) {
                findings.push(at(Code::SourceMissing, format!("the manifest lists a source that cannot be used: {error}"), "file"));
                continue;
            }
            if !info.published.is_empty() && !is_date(&info.published) {
                findings.push(at(
                    Code::CsvInvalid,
                    format!("publication date `{}` is not YYYY, YYYY-MM or YYYY-MM-DD; the source is treated as undated", info.published),
                    "published",
                ));
                info.published.clear();
            }
            if !info.id.is_empty() {
                if let Some(other) = self.ids.get(&info.id) {
                    findings.push(at(Code::CsvInvalid, format!("id `{}` already names `{other}`: ids must be unique", info.id), "id"));
                    continue;
                }
                self.ids.insert(info.id.clone(), info.file.clone());
            }
            self.info.insert(info.file.clone(), info);
        }
    }

    /// Fills `names` as `resolve` decides: a file name written as listed names that file, and an
    /// id names its file before a file of the same name.
    fn name_files(&mut self) {
        for (name, entry) in &self.entries {
            if let Entry::File(number) = entry
                && written_as_listed(name)
            {
                self.names.insert(name, *number);
            }
        }
        for (id, file) in &self.ids {
            if let Ok(key) = self.resolve_file(file)
                && let Some(Entry::File(number)) = self.entries.get(key)
            {
                self.names.insert(id, *number);
            }
        }
    }

    /// The text of the source a claim names (`resolve`, then `text_ref`), in one lookup for a
    /// name written as listed or a manifest id.
    pub fn named_text(&self, name: &str) -> Result<&SourceText, SourceError> {
        match self.names.get(name) {
            Some(number) => self.load(number).map(|text| text.as_ref()),
            None => self.resolve(name).and_then(|file| self.text_ref(file)),
        }
    }

    /// The hash `prefetch_name` and `named_hashed` take for the source name `name`.
    pub fn name_hash(&self, name: &str) -> u64 {
        self.names.hash(name)
    }

    /// Starts fetching what looking up the name of hash `hash` reads first.
    pub fn prefetch_name(&self, hash: u64) {
        self.names.prefetch(hash);
    }

    /// The number of the file a name written as listed or a manifest id names (`hash` its
    /// `name_hash`), its file's text fetched ahead for `numbered_text`; `None` for any other
    /// name (`named_text` then resolves it).
    pub fn named_hashed(&self, name: &str, hash: u64) -> Option<u32> {
        let number = self.names.get_hashed(name, hash)?;
        if let Some(file) = self.files.get(number as usize) {
            super::text::prefetch_address(std::ptr::from_ref(&file.text).cast());
        }
        Some(number)
    }

    /// The text of the file numbered `number` by `named_hashed`: `named_text` of its name.
    pub fn numbered_text(&self, number: u32) -> Result<&SourceText, SourceError> {
        self.load(number).map(|text| text.as_ref())
    }

    /// Turns the `source` cell of a claim (file name or manifest id) into a listed file name.
    pub fn resolve(&self, name: &str) -> Result<&str, SourceError> {
        if let Some(file) = self.ids.get(name) {
            return self.resolve_file(file);
        }
        self.resolve_file(name)
    }

    fn resolve_file(&self, name: &str) -> Result<&str, SourceError> {
        // Most names are written exactly as listed; a listed key is already clean, so the
        // normalization below would give it back unchanged (checked per claim, so kept cheap).
        if written_as_listed(name)
            && let Some((key, Entry::File(_))) = self.entries.get_key_value(name)
        {
            return Ok(key);
        }
        let normalized = name.replace('\\', "/");
        let escapes = normalized.starts_with('/')
            || Path::new(&normalized).components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
            || normalized.as_bytes().get(1) == Some(&b':');
        if escapes {
            return Err(SourceError::Escapes { name: name.to_string() });
        }
        let clean: Vec<&str> = normalized.split('/').filter(|part| !part.is_empty() && *part != ".").collect();
        match self.entries.get_key_value(clean.join("/").as_str()) {
            Some((key, Entry::File(_))) => Ok(key),
            Some((_, Entry::Refused)) => Err(SourceError::Escapes { name: name.to_string() }),
            None => Err(self.not_listed(name, &clean.join("/"))),
        }
    }

    /// Why `name` (`clean` once normalized) is not among the listed files.
    fn not_listed(&self, name: &str, clean: &str) -> SourceError {
        let name = name.to_string();
        // `clean/` starts with `folder/` when the name is the folder itself or lies in it.
        let under = format!("{clean}/");
        let under = |folder: &str| under.starts_with(folder);
        if let Some((folder, reason)) = self.unlisted.iter().find(|(folder, _)| under(folder)) {
            let reason = format!("its folder `{}` cannot be listed ({reason})", folder.trim_end_matches('/'));
            return SourceError::Unreadable { name, reason };
        }
        match self.folder_links.iter().find(|(folder, _)| under(folder)) {
            Some((_, true)) => SourceError::Escapes { name },
            Some((folder, false)) => {
                let reason = format!("its folder `{}` is a link to another folder, which is not followed; name the file where it is", folder.trim_end_matches('/'));
                SourceError::Unreadable { name, reason }
            }
            None => SourceError::NotFound { name },
        }
    }

    /// The text of a listed file, read on first use and shared afterwards.
    pub fn text(&self, file: &str) -> Result<Arc<SourceText>, SourceError> {
        self.loaded(file).cloned()
    }

    /// Like `text`, borrowed: checking threads share the text without contending on its counter.
    pub fn text_ref(&self, file: &str) -> Result<&SourceText, SourceError> {
        self.loaded(file).map(|text| text.as_ref())
    }

    fn loaded(&self, file: &str) -> Result<&Arc<SourceText>, SourceError> {
        let Some(&Entry::File(number)) = self.entries.get(file) else {
            return Err(SourceError::NotFound { name: file.to_string() });
        };
        self.load(number)
    }

    /// The text of the file numbered `number`, read on first use.
    fn load(&self, number: u32) -> Result<&Arc<SourceText>, SourceError> {
        let Listed { name: file, path, text } = &self.files[number as usize];
        text.get_or_init(|| {
            let unusable = |error: std::io::Error| self.unusable(file, &error);
            let (handle, metadata) = open::open_in_real_folder(path, &self.root).map_err(unusable)?;
            if metadata.len() > self.source_bytes {
                return Err(unusable(Refusal::TooLarge { size: metadata.len(), limit: self.source_bytes }.into()));
            }
            let read = usize::try_from(metadata.len()).ok().map(|len| super::arena::read(&handle, len)).transpose().map_err(unusable)?.flatten();
            let piece = match read {
                Some(piece) => piece,
                // The file changed while it was read: read again, as any other file.
                None => super::arena::store(&open::read_inside(path, &self.root, self.source_bytes).map_err(unusable)?),
            };
            let text = SourceText::from_piece(piece).map_err(|error| SourceError::NotUtf8 { name: file.to_string(), byte: error.valid_up_to() })?;
            Ok(Arc::new(text))
        })
        .as_ref()
        .map_err(SourceError::clone)
    }

    /// Every file of the folder on disk, the manifest included (whether it exists or not).
    pub fn files_on_disk(&self) -> impl Iterator<Item = &Path> {
        let listed = self.entries.values().filter_map(|entry| match entry {
            Entry::File(number) => Some(self.files[*number as usize].path.as_path()),
            Entry::Refused => None,
        });
        listed.chain(std::iter::once(self.manifest.as_path()))
    }

    /// Why the file `file` cannot be read, in the terms of the finding it gives.
    fn unusable(&self, file: &str, error: &std::io::Error) -> SourceError {
        let name = file.to_string();
        match open::refusal(error) {
            Some(Refusal::Outside) => SourceError::Escapes { name },
            Some(Refusal::TooLarge { size, limit }) => SourceError::TooLarge { name, size: *size, limit: *limit },
            _ => SourceError::Unreadable { name, reason: error.to_string() },
        }
    }

    /// Refuses sources larger than `limit` bytes (`[limits] source-bytes`) without reading them.
    pub fn limit_source_bytes(&mut self, limit: u64) {
        self.source_bytes = limit;
    }

    /// The files of the folder that may be read (links leading outside left out), sorted.
    pub fn file_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.entries.iter().filter(|(_, entry)| matches!(entry, Entry::File(_))).map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        names
    }

    pub fn info(&self, file: &str) -> Option<&SourceInfo> {
        self.info.get(file)
    }

    /// How reports name a source file: the folder and the file, with `/`.
    pub fn display_path(&self, file: &str) -> String {
        if self.display.is_empty() || self.display == "." { file.to_string() } else { format!("{}/{file}", self.display) }
    }
}

/// A file of the folder, and its text once read.
struct Listed {
    /// Its name in `SourceSet::entries`.
    name: String,
    path: PathBuf,
    text: OnceLock<Result<Arc<SourceText>, SourceError>>,
}

/// True for a name that `resolve_file` looks up as it is: no `\\` and no drive letter to normalize.
fn written_as_listed(name: &str) -> bool {
    !name.contains('\\') && name.as_bytes().get(1) != Some(&b':')
}

/// The files of the sources folder, and the subfolders that could not be listed.
#[derive(Default)]
struct Listing {
    entries: FxHashMap<String, Entry>,
    files: Vec<Listed>,
    unlisted: Vec<(String, String)>,
    folder_links: Vec<(String, bool)>,
}

impl Listing {
    /// Lists one entry of the folder `prefix` (`""` for the root, else `name/`) of `root`. An
    /// entry or subfolder that cannot be read is remembered, so the run goes on and reports it.
    fn entry(&mut self, root: &Path, entry: std::io::Result<std::fs::DirEntry>, prefix: &str) {
        let unlisted = |listing: &mut Listing, error: std::io::Error| listing.unlisted.push((prefix.to_string(), error.to_string()));
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => return unlisted(self, error),
        };
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { return };
        let key = format!("{prefix}{name}");
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            Err(error) => return self.unlisted.push((format!("{key}/"), error.to_string())),
        };
        // `root` is canonical and so is every real folder in it, so only a link can lead
        // elsewhere; links are followed only when their target stays inside the folder (a linked
        // folder is not listed). Files are checked again when opened (`open::read_inside`).
        if file_type.is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.is_dir() => self.folder_links.push((format!("{key}/"), !target.starts_with(root))),
                Ok(target) if !target.starts_with(root) => {
                    self.entries.insert(key, Entry::Refused);
                }
                Ok(target) => self.file(key, target),
                // A link to nothing: naming it finds nothing.
                Err(_) => {}
            }
        } else if file_type.is_dir() {
            let folder = format!("{key}/");
            match std::fs::read_dir(&path) {
                Ok(children) => children.for_each(|child| self.entry(root, child, &folder)),
                Err(error) => self.unlisted.push((folder, error.to_string())),
            }
        } else {
            self.file(key, path);
        }
    }

    /// Lists the file `key`, read from `path`.
    fn file(&mut self, key: String, path: PathBuf) {
        let Ok(number) = u32::try_from(self.files.len()) else { return };
        self.files.push(Listed { name: key.clone(), path, text: OnceLock::new() });
        self.entries.insert(key, Entry::File(number));
    }
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    let in_range = |part: &str, max: u32| part.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    match parts.as_slice() {
        [year] => digits(year, 4),
        [year, month] => digits(year, 4) && digits(month, 2) && in_range(month, 12),
        [year, month, day] => digits(year, 4) && digits(month, 2) && in_range(month, 12) && digits(day, 2) && in_range(day, 31),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_manifest_formats() {
        for good in ["2024", "2024-03", "2024-03-22"] {
            assert!(is_date(good), "{good}");
        }
        for bad in ["24", "2024-3", "2024-13", "2024-03-32", "March 2024", "2024-03-22-1", ""] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
