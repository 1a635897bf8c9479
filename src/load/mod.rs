//! Loading: source documents, the sources manifest and claims CSV files, as spreadsheets write them.

pub(crate) mod arena;
pub mod chunks;
pub mod claims;
pub mod csv_file;
pub mod limits;
pub mod mojibake;
mod names;
pub mod open;
pub mod reformat;
pub mod spreadsheet;
pub mod sources;
pub mod table;
pub mod text;
