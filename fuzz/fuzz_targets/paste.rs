//! `paste`: any bytes as clipboard text pasted into a repeated group. Byte 0 picks the kind, byte 1
//! the group (or a name the form lacks); the rest is the text. `paste()` and `paste::parse()` must
//! never panic, every pasted byte lands in at most one cell, and the reading stays linear: the text
//! is also read repeated to about 64 KiB, so a quadratic reading turns into a hang AFL reports.

use school_safety_forms::input::paste;
use school_safety_forms_fuzz::{assert_json, kind_index, kind_name, validator, Bytes};

const REPEATED_BYTES: usize = 64 * 1024;

fn check_parse(text: &str) -> Vec<Vec<String>> {
    let rows = paste::parse(text);
    let cell_bytes: usize = rows.iter().flatten().map(String::len).sum();
    assert!(cell_bytes <= text.len(), "cells hold {cell_bytes} bytes from {} pasted", text.len());
    let separators = text.bytes().filter(|b| matches!(b, b'\t' | b'\r' | b'\n')).count();
    let cells: usize = rows.iter().map(Vec::len).sum();
    assert!(cells <= separators + 1, "{cells} cells from {separators} separators");
    rows
}

fn run(data: &[u8]) {
    let mut input = Bytes::new(data);
    let kind = kind_index(input.byte());
    let group_byte = input.byte();
    let text = String::from_utf8_lossy(input.rest());
    let name = kind_name(kind);
    let groups: Vec<String> = validator(kind, "{}")
        .map(|v| v.compiled().schema().groups.iter().map(|g| g.name.clone()).collect())
        .unwrap_or_default();
    let group =
        groups.get(usize::from(group_byte) % (groups.len() + 1)).cloned().unwrap_or_else(|| "no-such-group".into());

    check_parse(&text);
    if !text.is_empty() && text.len() < REPEATED_BYTES / 4 {
        check_parse(&text.repeat(REPEATED_BYTES / text.len()));
    }
    match school_safety_forms::paste(name, &group, &text) {
        Ok(block) => {
            assert_json(&block.to_json(), "PasteBlock::to_json");
            assert!(block.rows.iter().all(|r| r.iter().any(|c| !c.trim().is_empty())), "blank rows are skipped");
        }
        Err(e) => assert!(group == "no-such-group", "paste into {name}.{group} failed: {e}"),
    }
}

fn main() {
    afl::fuzz!(|data: &[u8]| run(data));
}
