//! Running a form: the compile options, the incremental [`session::Session`] that keeps a form
//! checked one change at a time, the result types it renders ([`report`]) and the district
//! roll-up ([`aggregate`]). The only layer that holds state between calls.

#[cfg(feature = "roll-ups")]
pub mod aggregate;
pub mod compiled;
mod day_index;
#[cfg(feature = "roll-ups")]
pub mod declared;
mod found;
pub mod options;
pub mod report;
pub mod session;
