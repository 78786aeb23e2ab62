//! Plain text: the reader (pages as published, PDF and web text, canonical text) and the
//! canonical writer. Both stand on [`rules`], the shape of one line.

pub mod read;
pub(crate) mod rules;
mod words;
pub mod write;

pub use read::{explain, read, read_bytes, read_bytes_with, Decision, Options};
pub use write::write;
