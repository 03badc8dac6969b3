//! A ceiling on the memory that photos being decoded hold at once.
//!
//! A 7000 × 7000 16-bit PNG is 50 megapixels, under the pixel limit, yet
//! takes 0.4 GB decoded and 0.2 GB more converted to 8 bits; one such photo
//! per core made a build peak past 2 GB. Each decode reserves what it will
//! hold before it starts and waits while others hold the rest, so the
//! ceiling holds whatever the number of cores. It is one value for the
//! process, as the memory it guards is.

use std::sync::{Condvar, Mutex};

/// The most memory decoded photos may hold at once, and so the most one
/// photo may need: a 16-bit photo with transparency over about 42
/// megapixels is refused (an 8-bit one fits up to the pixel limit).
pub const DECODE_MEMORY: u64 = 512 << 20;

/// The memory in use by decodes, and a signal when some is given back.
struct Ledger {
    reserved: Mutex<u64>,
    released: Condvar,
}

static LEDGER: Ledger = Ledger {
    reserved: Mutex::new(0),
    released: Condvar::new(),
};

/// Memory held by one decode, given back when dropped.
#[derive(Debug)]
pub struct Reservation {
    bytes: u64,
}

/// Reserves `bytes`, waiting until that much is free. `None` when it is
/// more than the whole ceiling, which no wait would make free.
pub fn reserve(bytes: u64) -> Option<Reservation> {
    if bytes > DECODE_MEMORY {
        return None;
    }
    // A poisoned lock only means a decode panicked; the count is still right.
    let mut reserved = LEDGER.reserved.lock().unwrap_or_else(|e| e.into_inner());
    while *reserved + bytes > DECODE_MEMORY {
        reserved = LEDGER
            .released
            .wait(reserved)
            .unwrap_or_else(|e| e.into_inner());
    }
    *reserved += bytes;
    Some(Reservation { bytes })
}

/// Reservations past this give their pages back to the system when done.
const COLLECT_AFTER: u64 = 64 << 20;

impl Reservation {
    /// Gives the pages this thread has freed back to the system, for a
    /// heavy decode: the decoder's buffer, freed once converted to 8 bits,
    /// stayed with the decoding thread, and three heavy photos decoded on
    /// three threads one after the other peaked at 1.07 GB where 0.36 GB
    /// was ever in use (the drop below runs on whichever thread drops the
    /// image, not always the one that decoded it).
    pub fn give_back_freed_pages(&self) {
        if self.bytes > COLLECT_AFTER {
            // SAFETY: mi_collect only walks this thread's own heap.
            unsafe { libmimalloc_sys::mi_collect(true) };
        }
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        // The pixels are freed by now, but mimalloc keeps a thread's freed
        // pages until that thread allocates again: two idle threads each
        // keeping a heavy photo's pages took a build to 0.93 GB under load,
        // though never more than 0.5 GB was in use.
        if self.bytes > COLLECT_AFTER {
            // SAFETY: mi_collect only walks this thread's own heap.
            unsafe { libmimalloc_sys::mi_collect(true) };
        }
        let mut reserved = LEDGER.reserved.lock().unwrap_or_else(|e| e.into_inner());
        *reserved -= self.bytes;
        LEDGER.released.notify_all();
    }
}

/// Memory currently reserved, for tests.
#[cfg(test)]
fn in_use() -> u64 {
    *LEDGER.reserved.lock().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decode_waits_for_memory_and_more_than_all_is_refused() {
        assert!(reserve(DECODE_MEMORY + 1).is_none());
        let big = reserve(DECODE_MEMORY / 4 * 3).unwrap();
        let waiter = std::thread::spawn(|| {
            let second = reserve(DECODE_MEMORY / 2).unwrap();
            assert!(in_use() <= DECODE_MEMORY);
            drop(second);
        });
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!waiter.is_finished(), "the second reservation must wait");
        drop(big);
        waiter.join().unwrap();
    }
}
