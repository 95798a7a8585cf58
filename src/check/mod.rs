//! What checking writes and the rules that write it: [`findings::Findings`] (issues, computed
//! values, tallies, validity windows) and one small module per rule in [`rules`]. Rules read
//! values through [`crate::input`] and the issuer's settings through [`crate::profile`]; they know
//! no form.

pub mod findings;
pub mod rules;
