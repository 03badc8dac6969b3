//! The allocator of the `ocop` binary: mimalloc for everything but the
//! largest blocks, which are mapped from the system and given back the
//! moment they are freed.
//!
//! mimalloc makes the search stage fast (glibc's allocator spent a third of
//! its time on the many small strings and lists of parallel indexing), but a
//! block freed by a thread other than the one that allocated it waits in the
//! owner's heap until the owner allocates again or collects. A heavy photo's
//! pixels (hundreds of megabytes) are decoded on one thread and freed on
//! another: under load, three heavy photos decoded one after the other took
//! a build to 1.07 GB where 0.36 GB was ever in use. A block of
//! [`LARGE_BLOCK`] or more is a mapping of its own here, unmapped by
//! whichever thread frees it; only decoded photos and the largest search
//! files are that large, so the system calls cost nothing measurable.

use std::alloc::{GlobalAlloc, Layout};

/// Blocks of this size or more are mapped from the system directly.
pub const LARGE_BLOCK: usize = 32 << 20;

/// mimalloc, with blocks of [`LARGE_BLOCK`] or more mapped directly.
pub struct Allocator;

#[cfg(target_os = "linux")]
mod mapped {
    use std::ptr::null_mut;

    /// A fresh anonymous mapping: its pages read as zero.
    pub unsafe fn map(size: usize) -> *mut u8 {
        // SAFETY: an anonymous private mapping of `size` bytes, owned by the caller.
        let ptr = unsafe {
            libc::mmap(
                null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            null_mut()
        } else {
            ptr.cast()
        }
    }

    pub unsafe fn unmap(ptr: *mut u8, size: usize) {
        // SAFETY: `ptr` and `size` are those of a mapping made by `map`.
        unsafe { libc::munmap(ptr.cast(), size) };
    }

    pub unsafe fn remap(ptr: *mut u8, old: usize, new: usize) -> *mut u8 {
        // SAFETY: `ptr` and `old` are those of a mapping made by `map`; the
        // kernel may move it, keeping its contents.
        let moved = unsafe { libc::mremap(ptr.cast(), old, new, libc::MREMAP_MAYMOVE) };
        if moved == libc::MAP_FAILED {
            null_mut()
        } else {
            moved.cast()
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod mapped {
    // Elsewhere large blocks stay with mimalloc: see `large`.
    pub unsafe fn map(_: usize) -> *mut u8 {
        std::ptr::null_mut()
    }
    pub unsafe fn unmap(_: *mut u8, _: usize) {}
    pub unsafe fn remap(_: *mut u8, _: usize, _: usize) -> *mut u8 {
        std::ptr::null_mut()
    }
}

/// Whether a block of `layout` is mapped directly. A mapping is
/// page-aligned, which covers every alignment up to a page.
fn large(layout: Layout) -> bool {
    cfg!(target_os = "linux") && layout.size() >= LARGE_BLOCK && layout.align() <= 4096
}

// SAFETY: every block is allocated and freed by the same allocator: blocks
// are told apart by their layout's size, which the caller passes unchanged
// to `dealloc` and `realloc`; a block that changes side on `realloc` is
// copied from one to the other.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if large(layout) {
            // SAFETY: a fresh mapping of the layout's size.
            unsafe { mapped::map(layout.size()) }
        } else {
            // SAFETY: forwarded with the caller's layout.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if large(layout) {
            // SAFETY: as in `alloc`; anonymous mappings start zeroed.
            unsafe { mapped::map(layout.size()) }
        } else {
            // SAFETY: forwarded with the caller's layout.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if large(layout) {
            // SAFETY: a block of this size was mapped by `alloc`.
            unsafe { mapped::unmap(ptr, layout.size()) }
        } else {
            // SAFETY: a block of this size came from mimalloc.
            unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY (all below): the caller guarantees `new_size` is valid for
        // `layout.align()` and `ptr` is a block of `layout`.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (large(layout), large(new_layout)) {
            (false, false) => unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) },
            (true, true) => unsafe { mapped::remap(ptr, layout.size(), new_size) },
            _ => {
                let new = unsafe { self.alloc(new_layout) };
                if !new.is_null() {
                    unsafe {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                }
                new
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize) -> Layout {
        Layout::from_size_align(size, 8).unwrap()
    }

    #[test]
    fn blocks_keep_their_bytes_across_sizes_and_sides() {
        let allocator = Allocator;
        // Small to large, large to larger, large to small: contents kept.
        let sizes = [1 << 10, LARGE_BLOCK + 4096, 3 * LARGE_BLOCK, 1 << 12];
        unsafe {
            let mut ptr = allocator.alloc(layout(sizes[0]));
            assert!(!ptr.is_null());
            for i in 0..sizes[0] {
                *ptr.add(i) = (i % 251) as u8;
            }
            for pair in sizes.windows(2) {
                ptr = allocator.realloc(ptr, layout(pair[0]), pair[1]);
                assert!(!ptr.is_null(), "realloc to {}", pair[1]);
                let kept = pair[0].min(pair[1]).min(sizes[0]);
                for i in 0..kept {
                    assert_eq!(*ptr.add(i), (i % 251) as u8, "byte {i} after {pair:?}");
                }
            }
            allocator.dealloc(ptr, layout(sizes[3]));
        }
    }

    #[test]
    fn a_large_block_is_zeroed_when_asked_and_gone_when_freed() {
        let allocator = Allocator;
        let size = LARGE_BLOCK * 2;
        unsafe {
            let ptr = allocator.alloc_zeroed(layout(size));
            assert!(!ptr.is_null());
            assert!((0..size).step_by(4093).all(|i| *ptr.add(i) == 0));
            std::ptr::write_bytes(ptr, 7, size);
            allocator.dealloc(ptr, layout(size));
        }
        #[cfg(target_os = "linux")]
        {
            // Freed from another thread, the memory leaves the process at
            // once. The block is large enough that tests running beside
            // this one cannot hide it.
            let size = LARGE_BLOCK * 8;
            let resident = || {
                std::fs::read_to_string("/proc/self/status")
                    .unwrap()
                    .lines()
                    .find_map(|l| l.strip_prefix("VmRSS:"))
                    .and_then(|v| v.split_whitespace().next()?.parse::<usize>().ok())
                    .unwrap()
                    * 1024
            };
            let block = unsafe { allocator.alloc(layout(size)) } as usize;
            unsafe { std::ptr::write_bytes(block as *mut u8, 1, size) };
            let with = resident();
            std::thread::spawn(move || unsafe { allocator_free(block, size) })
                .join()
                .unwrap();
            let without = resident();
            assert!(
                with.saturating_sub(without) >= size / 2,
                "{} MB resident after freeing a {} MB block, {} MB before",
                without >> 20,
                size >> 20,
                with >> 20
            );
        }
    }

    unsafe fn allocator_free(block: usize, size: usize) {
        unsafe { Allocator.dealloc(block as *mut u8, layout(size)) }
    }
}
