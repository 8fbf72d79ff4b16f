//! The command's allocator: the system's, except that blocks of [`LARGE`] bytes and more are
//! mapped on their own and marked for transparent huge pages (Linux).
//!
//! Why: linting a 100 MB file fills about 400 MB of fresh memory (the text, and its lines,
//! words and sentences). Each 4 KiB page of it was a page fault, charged to the memory
//! cgroup and zeroed: 102,000 faults, 10% of the run's time in the kernel. A block marked
//! `MADV_HUGEPAGE` faults in 2 MiB at a time where the kernel has huge pages free (the
//! default THP setting, "madvise", gives them only to marked memory), and its pages then
//! take fewer TLB entries: 16,800 faults, and 6% less user time. On the virtual machine
//! we measure on, the kernel zeroes a fresh huge page slowly (the host backs it only when
//! it is first touched), which took back most of that: system time +40%, wall time 1-8%
//! less over several comparisons. (glibc's own `glibc.malloc.hugetlb=1` left the faults
//! as they were.)
//!
//! A large block is an anonymous mapping of its own, whole huge pages long, grown with
//! `mremap` (no copy), given back with `munmap` when freed. Whether a block is large is a
//! function of its size, so `dealloc` and `realloc` know which allocator a block came from.
//! Where THP is off, nothing changes but the mapping; other systems use their allocator as
//! it is.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks this size and larger are mapped here, where a system call per block is nothing
/// next to filling it. Two huge pages: rounding a block up to whole huge pages then adds at
/// most half to it (at 2 MiB, linting a 10 MB file peaked at 67.6 MB, not 54.8 MB, for no
/// time we could measure).
pub const LARGE: usize = 2 * HUGE_PAGE;

/// The allocator of the `newslint` binary (see the module's docs).
pub struct HugePageAlloc;

fn is_large(size: usize, align: usize) -> bool {
    size >= LARGE && align <= PAGE
}

/// The smallest page size: a mapping's start is aligned to it.
const PAGE: usize = 4096;

/// A huge page (x86-64, and aarch64 with 4 KiB pages).
const HUGE_PAGE: usize = 2 << 20;

/// The length of the mapping that holds a large block of `size` bytes: whole huge pages.
/// Linux places a mapping of whole huge pages on a huge page's boundary; a block mapped to
/// its own size started anywhere, and its first and last 2 MiB stayed in 4 KiB pages (a
/// quarter of the faults were left).
fn mapped_len(size: usize) -> usize {
    size.next_multiple_of(HUGE_PAGE)
}

/// A fresh zeroed mapping for a block of `size` bytes, marked for huge pages, or null.
fn map(size: usize) -> *mut u8 {
    let (prot, flags) = (libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS);
    let size = mapped_len(size);
    // SAFETY: a new anonymous mapping aliases nothing.
    let p = unsafe { libc::mmap(std::ptr::null_mut(), size, prot, flags, -1, 0) };
    if p == libc::MAP_FAILED {
        return std::ptr::null_mut();
    }
    // Only advice: where THP is off the mapping keeps 4 KiB pages. The flag stays with the
    // mapping when `mremap` grows or moves it.
    // SAFETY: the range is the mapping just made.
    unsafe { libc::madvise(p, size, libc::MADV_HUGEPAGE) };
    p.cast()
}

// SAFETY: small blocks are the system allocator's; large ones are page-aligned mappings of
// at least their size (alignment up to a page is met), returned by size to the same side.
unsafe impl GlobalAlloc for HugePageAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match is_large(layout.size(), layout.align()) {
            true => map(layout.size()),
            false => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match is_large(layout.size(), layout.align()) {
            // A fresh anonymous mapping reads as zeros.
            true => map(layout.size()),
            false => unsafe { System.alloc_zeroed(layout) },
        }
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        match is_large(layout.size(), layout.align()) {
            // SAFETY: `p` is a mapping for a block of this size made by `map` (or `mremap`).
            true => {
                unsafe { libc::munmap(p.cast(), mapped_len(layout.size())) };
            }
            false => unsafe { System.dealloc(p, layout) },
        }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let (was_large, is_large) = (is_large(layout.size(), layout.align()), is_large(new_size, layout.align()));
        match (was_large, is_large) {
            (false, false) => unsafe { System.realloc(p, layout, new_size) },
            (true, true) => {
                let (old_len, new_len) = (mapped_len(layout.size()), mapped_len(new_size));
                if old_len == new_len {
                    return p;
                }
                // SAFETY: `p` is a mapping for a block of the old size made by `map` (or
                // `mremap`).
                let q = unsafe { libc::mremap(p.cast(), old_len, new_len, libc::MREMAP_MAYMOVE) };
                if q == libc::MAP_FAILED { std::ptr::null_mut() } else { q.cast() }
            }
            _ => {
                // SAFETY: the caller guarantees `new_size` makes a valid layout.
                let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
                let q = unsafe { self.alloc(new_layout) };
                if !q.is_null() {
                    // SAFETY: both blocks hold at least the smaller size and do not overlap.
                    unsafe { std::ptr::copy_nonoverlapping(p, q, layout.size().min(new_size)) };
                    unsafe { self.dealloc(p, layout) };
                }
                q
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte `i` of a test block.
    fn byte(i: usize) -> u8 {
        (i % 251) as u8
    }

    #[test]
    fn a_block_keeps_its_bytes_as_it_grows_and_shrinks_across_the_large_size() {
        let sizes = [1000, LARGE - 1, LARGE, 3 * LARGE + 5, LARGE + 1, LARGE - 1, 10];
        let align = 8;
        let mut layout = Layout::from_size_align(sizes[0], align).unwrap();
        // SAFETY: the layout is not zero-sized; every block is written only within its size.
        unsafe {
            let mut p = HugePageAlloc.alloc(layout);
            assert!(!p.is_null());
            (0..layout.size()).for_each(|i| *p.add(i) = byte(i));
            for &size in &sizes[1..] {
                p = HugePageAlloc.realloc(p, layout, size);
                assert!(!p.is_null());
                let kept = layout.size().min(size);
                assert!((0..kept).all(|i| *p.add(i) == byte(i)), "{} -> {size}", layout.size());
                layout = Layout::from_size_align(size, align).unwrap();
                (kept..size).for_each(|i| *p.add(i) = byte(i));
            }
            HugePageAlloc.dealloc(p, layout);
        }
    }

    #[test]
    fn a_large_zeroed_block_reads_as_zeros_and_a_large_alignment_goes_to_the_system() {
        let layout = Layout::from_size_align(LARGE + 3, 16).unwrap();
        let aligned = Layout::from_size_align(LARGE, 2 * PAGE).unwrap();
        // SAFETY: the layouts are not zero-sized; the blocks are read within their size.
        unsafe {
            let p = HugePageAlloc.alloc_zeroed(layout);
            assert!((0..layout.size()).all(|i| *p.add(i) == 0));
            HugePageAlloc.dealloc(p, layout);
            let q = HugePageAlloc.alloc(aligned);
            assert_eq!(q as usize % aligned.align(), 0);
            HugePageAlloc.dealloc(q, aligned);
        }
        assert!(is_large(LARGE, PAGE) && !is_large(LARGE - 1, 8) && !is_large(LARGE, 2 * PAGE));
    }
}
