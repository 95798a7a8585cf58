//! Data into the engine from JavaScript, by the cheapest way that reads it exactly: packed by
//! js/pack.js into wasm memory (`crate::wire`), else the text `JSON.stringify` gives, else (a
//! cyclic or BigInt-holding object) a depth-limited walk of the object. What a crossing keeps
//! for the next lives here too: the bytes a packed text is written into, the fixed cells it is
//! read into, and the JavaScript strings of the fixed fields' paths.

use super::convert::{js_now, json_text, read, result_js};
use crate::base::limits::MAX_INPUT_BYTES;
use crate::engine::session::Session;
use crate::input::cells::Spare;
use crate::Validator;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/pack.js")]
extern "C" {
    /// js/pack.js: the key tree of [`crate::schema::Layout::text`], made ready for [`pack`].
    fn layout(text: &str) -> JsValue;
    /// js/pack.js: packs the data into one array of cells and says at least how many bytes its
    /// JSON text takes, or -1 where it cannot.
    fn pack(data: &JsValue, layout: &JsValue) -> f64;
    /// js/pack.js: writes that text into `into` (a view of wasm memory); how many bytes it took,
    /// or -1 where it did not fit.
    fn write(into: &mut [u8]) -> f64;
}

/// A core validator bound to JavaScript: with, for a form whose data can cross positionally, its
/// key tree for [`pack`], and what its crossings keep for the next.
#[derive(Clone)]
pub(super) struct Bound {
    pub(super) core: Validator,
    layout: Option<JsValue>,
    /// The JS strings of the fixed fields' paths, by field id, made as results first name them.
    paths: Rc<RefCell<Vec<Option<JsValue>>>>,
    /// The fixed cells of the last packed check, read into by the next.
    spare: Rc<RefCell<Spare>>,
}

impl Bound {
    pub(super) fn new(core: Validator) -> Bound {
        let layout = core.layout().map(layout);
        Bound { core, layout, paths: Rc::default(), spare: Rc::default() }
    }

    /// Validates JS data: one text in (positional where pack.js can pack it), the result as objects.
    pub(super) fn validate(&self, data: &JsValue) -> Result<JsValue, JsError> {
        let spare = self.spare.take();
        match self.layout.as_ref().and_then(|layout| check_packed(&self.core, data, layout, spare)) {
            Some(checked) => {
                let result = result_js(&checked, &self.paths);
                self.spare.replace(checked.into_spare());
                result
            }
            None => match json_text(data) {
                Some(text) => result_js(&self.core.check_json_at(&text, js_now), &self.paths),
                None => result_js(&self.core.check_at(&read(data, 0), js_now), &self.paths),
            },
        }
    }
}

thread_local! {
    /// The bytes a packed text up to [`KEPT_TEXT`] long is written into, kept between calls: a
    /// fixed form's text needs no allocation, zeroing or copy.
    static TEXT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The longest packed text written into [`TEXT`]; a longer one (a register's) gets bytes of its own.
const KEPT_TEXT: usize = 64 * 1024;

/// The data checked through its positional JSON text, written by js/pack.js straight into wasm
/// memory; `None` where it cannot be packed exactly, or is past the input limit (the object form
/// then answers).
fn check_packed(core: &Validator, data: &JsValue, layout: &JsValue, spare: Spare) -> Option<Session> {
    let bound = pack(data, layout);
    if !(bound >= 0.0 && bound <= 3.0 * MAX_INPUT_BYTES as f64) {
        write(&mut []); // lets go of what `pack` gathered
        return None;
    }
    let room = bound as usize;
    let check = |bytes: &mut [u8]| {
        let written = write(bytes);
        if written < 0.0 {
            return None;
        }
        core.check_packed_at(std::str::from_utf8(bytes.get(..written as usize)?).ok()?, js_now, spare)
    };
    if room > KEPT_TEXT {
        return check(&mut vec![0; room]);
    }
    TEXT.with(|kept| {
        // Held while pack.js and the clock run, which a page could make validate again: that
        // inner check then writes into bytes of its own.
        let Ok(mut kept) = kept.try_borrow_mut() else { return check(&mut vec![0; room]) };
        if kept.len() < room {
            kept.resize(room, 0);
        }
        check(kept.get_mut(..room)?)
    })
}
