//! Where the source documents of a run are kept: large blocks of memory that Linux backs with
//! 2 MiB pages. Only texts kept for the whole run belong here: a block lives while any of its
//! texts does.
//!
//! Checking claims that name their sources in no particular order reads a few bytes of a
//! different text for every row. With the usual 4 KiB pages, the 44 MB of text of 5,000 sources
//! span 11,000 pages, far more than the processor's cache of page translations (the TLB) holds,
//! so nearly every row also waits for the page tables to be walked. Copied end to end into blocks
//! advised as huge pages, the same texts span a few dozen pages (about a fifth less CPU time on a
//! million scattered claims). Elsewhere the advice is ignored and the blocks are plain memory.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use std::ptr::NonNull;
use std::sync::{Arc, Mutex, PoisonError};

/// Texts share blocks of this size; a text over a quarter of it takes a block of its own.
const BLOCK_BYTES: usize = 16 << 20;
/// The size of a huge page: blocks start on one and span whole ones.
const HUGE_PAGE: usize = 2 << 20;
/// Pieces start on a cache line.
const PIECE_ALIGN: usize = 64;

/// One allocation holding pieces end to end.
struct Block {
    ptr: NonNull<u8>,
    layout: Layout,
}

// SAFETY: the bytes of a block are written only inside the piece reserved for one `store` call,
// before that piece is handed out, and only read afterwards: threads never write the same bytes,
// nor read bytes being written.
unsafe impl Send for Block {}
// SAFETY: as for `Send`.
unsafe impl Sync for Block {}

impl Block {
    fn new(len: usize) -> Block {
        let size = len.max(1).next_multiple_of(HUGE_PAGE);
        let Ok(layout) = Layout::from_size_align(size, HUGE_PAGE) else { handle_alloc_error(Layout::new::<u8>()) };
        // SAFETY: the layout's size is not zero.
        let ptr = unsafe { alloc(layout) };
        let Some(ptr) = NonNull::new(ptr) else { handle_alloc_error(layout) };
        advise_huge_pages(ptr, size);
        Block { ptr, layout }
    }

    fn len(&self) -> usize {
        self.layout.size()
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        // SAFETY: allocated in `Block::new` with this layout, and freed once, here.
        unsafe { dealloc(self.ptr.as_ptr(), self.layout) }
    }
}

/// Bytes copied into a block, read-only; the block lives while a piece of it does.
pub struct Piece {
    block: Arc<Block>,
    start: usize,
    len: usize,
}

impl Piece {
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `start..start + len` lies inside the block, was written once by `store` before
        // this piece existed, and the block is kept alive by `self.block`.
        unsafe { std::slice::from_raw_parts(self.block.ptr.as_ptr().add(self.start), self.len) }
    }
}

impl std::fmt::Debug for Piece {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Piece({} bytes)", self.len)
    }
}

/// The block being filled, and the bytes of it already handed out.
static OPEN: Mutex<Option<(Arc<Block>, usize)>> = Mutex::new(None);

/// A copy of `bytes` in a block.
pub fn store(bytes: &[u8]) -> Piece {
    let (block, start) = reserve(bytes.len());
    // SAFETY: `start..start + len` lies inside the block and was reserved for this call alone;
    // `bytes` is another allocation, so the two do not overlap.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), block.ptr.as_ptr().add(start), bytes.len()) };
    Piece { block, start, len: bytes.len() }
}

/// The `len` bytes of `file` (its size when opened), read straight into a block: no copy, and no
/// buffer in small pages on the way. `None` when the file turns out shorter or longer (it
/// changed meanwhile): the caller reads it the usual way, and the bytes reserved are left unused.
#[cfg(unix)]
pub fn read(file: &std::fs::File, len: usize) -> std::io::Result<Option<Piece>> {
    use std::io::{ErrorKind, Read};
    use std::os::fd::AsRawFd;
    let (block, start) = reserve(len);
    let mut filled = 0;
    while filled < len {
        // SAFETY: `start + filled..start + len` lies inside the block and was reserved for this
        // call alone; `read` writes at most `len - filled` bytes from its start.
        let read = unsafe { libc::read(file.as_raw_fd(), block.ptr.as_ptr().add(start + filled).cast(), len - filled) };
        match usize::try_from(read) {
            Ok(0) => return Ok(None),
            Ok(read) => filled += read,
            Err(_) => {
                let error = std::io::Error::last_os_error();
                if error.kind() != ErrorKind::Interrupted {
                    return Err(error);
                }
            }
        }
    }
    let mut probe = [0u8; 1];
    loop {
        match (&*file).read(&mut probe) {
            Ok(0) => return Ok(Some(Piece { block, start, len })),
            Ok(_) => return Ok(None),
            Err(error) if error.kind() == ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
}

/// Elsewhere files are read the usual way.
#[cfg(not(unix))]
pub fn read(_file: &std::fs::File, _len: usize) -> std::io::Result<Option<Piece>> {
    Ok(None)
}

/// A block and the start of `len` bytes of it that no one else is given.
fn reserve(len: usize) -> (Arc<Block>, usize) {
    if len > BLOCK_BYTES / 4 {
        return (Arc::new(Block::new(len)), 0);
    }
    let mut open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((block, used)) = open.as_mut()
        && *used + len <= block.len()
    {
        let start = *used;
        *used = (start + len).next_multiple_of(PIECE_ALIGN);
        return (block.clone(), start);
    }
    // The block before stays alive while its pieces do.
    let block = Arc::new(Block::new(BLOCK_BYTES));
    *open = Some((block.clone(), len.next_multiple_of(PIECE_ALIGN)));
    (block, 0)
}

/// Asks for the whole 2 MiB pages inside the memory of `buffer` (allocated, not yet touched) to
/// be huge pages: a large table read in no order (the claim ids seen) then costs a few page
/// faults and page-table walks instead of one per 4 KiB. Small buffers are left alone.
pub fn advise_huge<T>(buffer: &mut Vec<T>) {
    let (start, bytes) = (buffer.as_mut_ptr().cast::<u8>(), buffer.capacity() * std::mem::size_of::<T>());
    let skip = start.align_offset(HUGE_PAGE);
    if skip < bytes && bytes - skip >= HUGE_PAGE {
        let len = (bytes - skip) / HUGE_PAGE * HUGE_PAGE;
        // A pointer inside the buffer: `skip < bytes`.
        if let Some(ptr) = NonNull::new(start.wrapping_add(skip)) {
            advise_huge_pages(ptr, len);
        }
    }
}

#[cfg(target_os = "linux")]
fn advise_huge_pages(ptr: NonNull<u8>, len: usize) {
    // SAFETY: the range is one allocation of ours; the advice changes no byte of it, and when the
    // kernel declines (huge pages disabled), the memory simply stays in small pages.
    unsafe { libc::madvise(ptr.as_ptr().cast(), len, libc::MADV_HUGEPAGE) };
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_ptr: NonNull<u8>, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_their_bytes_across_blocks_and_threads() {
        let texts: Vec<Vec<u8>> = (0..64).map(|n| vec![n as u8; 1 + n * 97_003 % 600_000]).collect();
        let pieces: Vec<Piece> = std::thread::scope(|scope| {
            let handles: Vec<_> = texts.chunks(16).map(|chunk| scope.spawn(move || chunk.iter().map(|t| store(t)).collect::<Vec<_>>())).collect();
            handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
        });
        for (text, piece) in texts.iter().zip(&pieces) {
            assert_eq!(piece.bytes(), text.as_slice());
        }
        // A text larger than a quarter block has a block of its own; an empty one is empty.
        // A file read straight into a block, and files not of the size they were said to have.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "some text").unwrap();
        let piece = read(&std::fs::File::open(&path).unwrap(), 9).unwrap();
        assert_eq!(piece.as_ref().map(Piece::bytes), if cfg!(unix) { Some(&b"some text"[..]) } else { None });
        assert!(read(&std::fs::File::open(&path).unwrap(), 8).unwrap().is_none(), "a file longer than said");
        assert!(read(&std::fs::File::open(&path).unwrap(), 10).unwrap().is_none(), "a file shorter than said");
        let large = vec![7u8; BLOCK_BYTES / 2];
        assert_eq!(store(&large).bytes(), large.as_slice());
        assert_eq!(store(b"").bytes(), b"");
    }
}
