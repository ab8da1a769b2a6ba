//! Allocator settings for the binaries that index.
//!
//! The `polsearch` binary (and the index benchmark) allocate with mimalloc: clauses are built
//! by reader threads and freed by tantivy's writer threads, and glibc's malloc serialises such
//! cross-thread frees on arena locks (futex waits and context switches were about 10 % of
//! indexing CPU samples). A library cannot choose the allocator of the program it is linked
//! into, so each binary declares it:
//!
//! ```text
//! #[global_allocator]
//! static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
//! ```

/// mimalloc's `mi_option_purge_delay` (the same number in its v2 and v3 headers).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keep freed memory for reuse instead of returning it to the OS 10 ms later. Each tantivy
/// segment writer frees its memory arena when it flushes and the next one asks for as much
/// again, which otherwise costs fresh zeroed pages from the kernel (indexing: about 6 % less
/// CPU). Peak RSS is what it was; the memory is just not returned before the process ends.
/// Only has an effect when mimalloc is the global allocator.
pub fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's global options, which it allows at any time from any
    // thread; the option number is the one its headers define.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}
