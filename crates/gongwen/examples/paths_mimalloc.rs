//! `examples/paths.rs` with mimalloc as the global allocator: the allocator the Python extension
//! ships (`crates/gongwen-py/src/lib.rs`), so that `bench/scale.py` can show how much of a
//! path's time, and of its growth from 1 MB to 10 MB, is the allocator's and not gongwen's.
//!
//! ```text
//! cargo run --release -p gongwen --example paths_mimalloc -- FILE [--runs N] [--paths a,b,…] [--cold]
//! ```

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "paths.rs"]
mod paths;

fn main() {
    paths::main();
}
