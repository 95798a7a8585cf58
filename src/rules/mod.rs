//! Rules shared by every form: one small module per rule, each a function that reads a field or
//! a value and pushes what it finds into [`Findings`](crate::forms::Findings).

pub mod count;
pub mod date;
pub mod deadline;
pub mod distinct_persons;
pub mod key_period;
pub mod not_decreased;
pub mod not_in_future;
pub mod text;
