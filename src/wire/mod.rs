//! The positional crossing, and the only Rust that knows its format. js/pack.js walks a form's
//! data by the form's key tree ([`Layout::text`]) and writes it into wasm memory as one JSON array
//! of cells, no key spelled out: each fixed field's value at its slot (`null` where absent), then
//! each group's rows, each row an array of its cells in column order. [`read`] reads such a text
//! through the same [`Loader`] steps as the object form, so a form reads the same either way;
//! whatever pack.js cannot pack exactly crosses as the object form instead.

mod layout;

pub use layout::Layout;

use crate::base::limits::{MAX_DEPTH, MAX_INPUT_BYTES};
use crate::input::cells::{Cells, Loader, Overflow, Spare};
use crate::input::json;
use crate::schema::Schema;

/// Reads positional `text` into `spare`'s fixed cells (every fixed field is written, so a kept text
/// buffer is written over rather than made anew). `None` when the text might not read as its
/// object form would, and the caller then reads the object form: the object form might be past
/// the input limit (it spells out at most [`Layout::names`] more), or reading reached the values
/// limit (the positional count is at least the object form's, and past the limit key order
/// decides what is read).
pub fn read(schema: &Schema, layout: &Layout, text: &str, spare: Spare) -> Option<(Cells, Overflow)> {
    if text.len().saturating_add(layout.names) > MAX_INPUT_BYTES {
        return None;
    }
    let mut cells = Cells::reusing(schema, spare);
    let mut loader = Loader::new(schema, &mut cells);
    let cut = json::load_slots(text, MAX_DEPTH + 1, &mut loader, &layout.fields, layout.keys, &schema.groups);
    let mut overflow = loader.overflow;
    overflow.too_deep |= cut;
    (!overflow.too_many_values).then_some((cells, overflow))
}
