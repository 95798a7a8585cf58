//! The engine's explicit limits. Input past a limit is never cut silently: it answers with an
//! issue (data) or an `Error` (options), each with a stable code naming the limit.

/// Largest data accepted in one call, in bytes of JSON (`input_too_large`).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Deepest nesting read (`nesting_too_deep`): the forms are at most four levels deep.
pub const MAX_DEPTH: usize = 32;
/// Most rows in one repeated group (`too_many_rows`).
pub const MAX_ROWS: usize = 10_000;
/// Most keys, elements and values read from one data object (`too_many_fields`): 10,000 rows of
/// 13 columns take 140,000.
pub const MAX_VALUES: usize = 400_000;
/// Most categories a profile may define (an `Error` for the profile).
pub const MAX_CATEGORIES: usize = 100;
