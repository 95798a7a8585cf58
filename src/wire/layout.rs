//! The layout of a form's positional text: which fixed field sits at which slot, and the key tree
//! js/pack.js walks the data by, given to it as JSON text.

use crate::base::json_write::{write_str, write_u64};
use crate::base::limits::MAX_ROWS;
use crate::schema::{FieldId, GroupId, KeyNode, Schema};

/// How a form's data crosses positionally: the data as one JSON array, the
/// value of each fixed field in [`Layout::fields`] order (`null` where absent), then each group's
/// rows as arrays of their cells in column order. pack.js walks the data by [`Layout::text`], the
/// form's key tree, and gives up (the data then crosses as `JSON.stringify` gives it) on anything
/// the tree does not hold, so every cell is named by exactly one key path and the array reads as
/// the object form does.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The fixed fields by slot: the order the key tree reaches them in.
    pub fields: Vec<FieldId>,
    /// The keys the tree holds: the object form counts at most these outside rows.
    pub keys: usize,
    /// How much longer the object form can be than the positional text: every key path spelled
    /// out, and each row's column names, in every row a group can hold.
    pub names: usize,
    /// The tree for pack.js, as JSON: `{"slots": n, "rows": r, "tree": T, "groups": [[column, …], …]}`,
    /// `r` the most rows a group holds ([`MAX_ROWS`]: pack.js packs no more, so it has no copy),
    /// where `T` is `[[key, node], …]` and a node is a slot number (a field), a `T` (a branch),
    /// `{"slot": n, "tree": T}` (a field with sub-fields) or `{"group": g}` (a group's rows).
    pub text: String,
}

impl Layout {
    /// The layout of `schema`: `None` unless every group's rows can be packed ([`packable`]).
    pub fn of(schema: &Schema) -> Option<Layout> {
        let all_packable = (0..schema.groups.len()).all(|g| GroupId::try_from(g).is_ok_and(|g| packable(schema, g)));
        if !all_packable {
            return None;
        }
        let mut layout = Layout { fields: Vec::new(), keys: 0, names: 0, text: String::new() };
        let mut tree = String::new();
        tree_text(schema, 0, 0, &mut layout, &mut tree)?;
        let mut text = String::from("{\"slots\":");
        write_u64(&mut text, layout.fields.len() as u64);
        text.push_str(",\"rows\":");
        write_u64(&mut text, MAX_ROWS as u64);
        text.push_str(",\"tree\":");
        text.push_str(&tree);
        text.push_str(",\"groups\":[");
        let mut row_names = 0usize;
        for (g, group) in schema.groups.iter().enumerate() {
            text.push_str(if g > 0 { ",[" } else { "[" });
            for (j, field) in group.columns.iter().filter_map(|f| schema.field(*f)).enumerate() {
                if j > 0 {
                    text.push(',');
                }
                write_str(&mut text, &field.name);
                row_names += field.name.len() + 4;
            }
            text.push(']');
        }
        text.push_str("]}");
        layout.names = layout.names.saturating_add(row_names.saturating_mul(MAX_ROWS));
        layout.text = text;
        Some(layout)
    }
}

/// Writes node `node`'s children (at key depth `depth`) as a `T` of [`Layout::text`], giving
/// each field a slot; `None` past a sane depth.
fn tree_text(schema: &Schema, node: u32, depth: usize, layout: &mut Layout, out: &mut String) -> Option<()> {
    let Some(KeyNode::Branch(children, _)) = schema.key_node(node) else { return Some(()) };
    if depth > 16 {
        return None;
    }
    out.push('[');
    for (i, (name, child)) in children.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        write_str(out, name);
        out.push(',');
        layout.keys += 1;
        // Spelled out in the object form: the key, its quotes, colon and comma, and its
        // object's braces.
        layout.names += name.len() + 6;
        match schema.key_node(*child) {
            Some(KeyNode::Field(f)) => {
                write_u64(out, layout.fields.len() as u64);
                layout.fields.push(*f);
            }
            Some(KeyNode::Branch(_, own)) => {
                if let Some(f) = own {
                    out.push_str("{\"slot\":");
                    write_u64(out, layout.fields.len() as u64);
                    layout.fields.push(*f);
                    out.push_str(",\"tree\":");
                }
                tree_text(schema, *child, depth + 1, layout, out)?;
                if own.is_some() {
                    out.push('}');
                }
            }
            Some(KeyNode::Group(g, _)) => {
                out.push_str("{\"group\":");
                write_u64(out, u64::from(*g));
                out.push('}');
            }
            None => return None,
        }
        out.push(']');
    }
    out.push(']');
    Some(())
}

/// Whether a group's rows can be read packed : its name and its columns'
/// are plain names (no `.` or `[`, which a key would read as a path).
fn packable(schema: &Schema, group: GroupId) -> bool {
    let plain = |name: &str| !name.is_empty() && !name.contains(['.', '[']);
    schema
        .groups
        .get(usize::from(group))
        .is_some_and(|g| plain(&g.name) && g.columns.iter().all(|f| schema.field(*f).is_some_and(|f| plain(&f.name))))
}
