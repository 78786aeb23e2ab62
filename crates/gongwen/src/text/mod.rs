//! Plain text: the reader (pages as published, canonical text) and the canonical writer.

mod lines;
pub mod read;
mod words;
pub mod write;

pub use read::{read, read_bytes};
pub use write::write;
