//! The ground floor: data types and helpers that know no form, rule or issuer. Every other layer
//! builds on these; nothing here imports from outside `base`.

pub mod date;
pub mod hash;
pub mod json_write;
pub mod limits;
pub mod sorted;
pub mod text;
pub mod value;
