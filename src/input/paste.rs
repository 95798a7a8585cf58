//! Spreadsheet paste: a block copied from Excel or WPS (tab-separated) read into rows of cells,
//! then, with a column list, into hazard rows. Linear time, no regex, never panics.
//!
//! ```
//! use school_safety_forms::input::paste::{parse, to_rows, REGISTER_COLUMNS};
//! assert_eq!(parse("a\t\"b\nc\"\r\nd\t\r\n"), vec![vec!["a", "b\nc"], vec!["d", ""]]);
//! let pasted = to_rows("责任人\t隐患描述\n张三\t围墙开裂\n", REGISTER_COLUMNS);
//! assert!(pasted.header);
//! assert_eq!(pasted.rows, vec![vec![(6, "张三".to_owned()), (1, "围墙开裂".to_owned())]]);
//! assert_eq!(pasted.extra_cells, 0);
//! ```
//!
//! Reading rules ([`parse`]):
//! - Rows end at CRLF, LF or a lone CR; cells end at TAB. A byte-order mark at the start is removed.
//! - A cell starting with `"` is quoted when it is well formed: `""` inside is one literal quote,
//!   TABs and line breaks inside belong to the cell (line breaks are read as `\n`), and the closing
//!   quote is followed by a TAB, a line break or the end of input.
//! - A malformed quoted cell (never closed, or text after its closing quote, as in `"危房"需加固`)
//!   is read as an unquoted cell: literally, quotes included, up to the next TAB or line break.
//!   Excel quotes a copied cell when it holds a line break, but copies a cell such as `"A` bare
//!   (reported in shancarter/mr-data-converter#15), so a stray quote is far more often text than a
//!   broken quoted cell; read this way, one stray quote never swallows the rest of the block. To
//!   stay linear, once a quoted reading has failed at some point, a cell starting before that point
//!   is not tried as quoted again (only a cell made of `""` pairs inside that stretch can differ).
//! - A quote inside an unquoted cell is literal. Empty cells are kept as `""`; rows may have
//!   different lengths; empty lines inside the block are rows of one empty cell; only the final
//!   line break (the one Excel adds) does not start a row. Empty input gives no rows.

use crate::input::normalise::fold;

/// One column a paste can fill: its field id and the titles a header row may use for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column<'a> {
    /// The field id within a row (`description` for `rows[i].description`).
    pub id: &'a str,
    /// Official titles, compared after [`fold`] and with every blank removed.
    pub titles: &'a [&'a str],
}

/// The risk register's row fields (CONTRACT.md "Risk register"), in the order of the official table.
pub const REGISTER_COLUMNS: &[Column<'static>] = &[
    Column { id: "police_station", titles: &["派出所"] },
    Column { id: "description", titles: &["隐患描述", "涉校风险隐患", "风险隐患"] },
    Column { id: "place", titles: &["地点", "隐患地点", "具体位置"] },
    Column { id: "category", titles: &["类别", "隐患类别"] },
    Column { id: "found_on", titles: &["发现时间", "发现日期", "排查时间"] },
    Column { id: "measures", titles: &["整改措施"] },
    Column { id: "responsible", titles: &["责任人"] },
    Column { id: "deadline", titles: &["整改时限", "整改期限"] },
    Column { id: "supervisor", titles: &["督办人"] },
    Column { id: "status", titles: &["整改情况", "隐患整改情况", "状态"] },
    Column { id: "completed_on", titles: &["完成时间", "完成日期"] },
    Column { id: "interim_measures", titles: &["临时强化防范措施", "临时防范措施"] },
];

/// A pasted block read against a column list by [`to_rows`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pasted {
    /// Whether the first pasted row was a header (see [`match_header`]) and so was not read as data.
    pub header: bool,
    /// One entry per non-blank row: `(index into the column list, cell text as pasted)`, in pasted order.
    pub rows: Vec<Vec<(usize, String)>>,
    /// Non-blank cells that belong to no column (beyond the known columns, or under an unknown
    /// header title), for the caller to report.
    pub extra_cells: usize,
}

/// Reads the clipboard's `text/plain` from Excel or WPS into rows of cells (rules in the module docs).
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    if text.is_empty() {
        return rows;
    }
    let mut row = Vec::new();
    let mut pos = 0;
    // Quoted readings have failed up to here: a cell starting before it is read unquoted.
    let mut unquoted_before = 0;
    loop {
        let (cell, end) = if bytes.get(pos) == Some(&b'"') && pos >= unquoted_before {
            match quoted(text, pos) {
                Ok(read) => read,
                Err(failed_at) => {
                    unquoted_before = failed_at;
                    unquoted(text, pos)
                }
            }
        } else {
            unquoted(text, pos)
        };
        row.push(cell);
        pos = end + 1;
        match bytes.get(end) {
            Some(b'\t') => continue,
            Some(b'\r') if bytes.get(pos) == Some(&b'\n') => pos += 1,
            Some(_) => {}
            None => {
                rows.push(row);
                return rows;
            }
        }
        rows.push(std::mem::take(&mut row));
        if pos >= bytes.len() {
            return rows;
        }
    }
}

/// An unquoted cell from `start`: its text and the position of the TAB, CR or LF ending it (or the end).
fn unquoted(text: &str, start: usize) -> (String, usize) {
    let rest = text.get(start..).unwrap_or_default();
    let len = rest.find(['\t', '\r', '\n']).unwrap_or(rest.len());
    (rest.get(..len).unwrap_or_default().to_owned(), start + len)
}

/// A quoted cell whose opening quote is at `start`: its text and the position just after the
/// closing quote, or `Err` with the position where the reading failed (a quote followed by text,
/// or the end of input).
fn quoted(text: &str, start: usize) -> Result<(String, usize), usize> {
    let bytes = text.as_bytes();
    let mut cell = String::new();
    let mut i = start + 1;
    let mut from = i;
    loop {
        match bytes.get(i) {
            None => return Err(i),
            Some(b'"') => match bytes.get(i + 1) {
                Some(b'"') => {
                    cell.push_str(text.get(from..=i).unwrap_or_default());
                    i += 2;
                    from = i;
                }
                None | Some(b'\t' | b'\r' | b'\n') => {
                    cell.push_str(text.get(from..i).unwrap_or_default());
                    return Ok((cell, i + 1));
                }
                Some(_) => return Err(i),
            },
            Some(b'\r') => {
                cell.push_str(text.get(from..i).unwrap_or_default());
                cell.push('\n');
                i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                from = i;
            }
            Some(_) => i += 1,
        }
    }
}

/// A title or header cell as compared: full-width folded, trimmed, every blank removed.
fn title_key(text: &str) -> String {
    fold(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a cell holds nothing but blanks (ideographic and no-break spaces included).
fn is_blank(text: &str) -> bool {
    fold(text).is_empty()
}

/// Reads the first pasted row as a header: for each pasted column, the index in `columns` whose
/// title it equals (after [`fold`] and removing every blank, so `整改　时限` and `整改时限 ` match),
/// `None` for a blank or unknown title.
///
/// The row is a header only when at least two cells match a column, no column is matched by two
/// cells and no cell matches titles of two different columns; otherwise `None` (the row is data).
/// One matching cell is not enough: a hazard described as `状态` must not turn a data row into a header.
pub fn match_header(first_row: &[String], columns: &[Column]) -> Option<Vec<Option<usize>>> {
    let mut claimed = vec![false; columns.len()];
    let mut matches = 0;
    let mut mapping = Vec::with_capacity(first_row.len());
    for cell in first_row {
        let key = title_key(cell);
        let mut found = None;
        if !key.is_empty() {
            for (index, column) in columns.iter().enumerate() {
                if column.titles.iter().any(|title| title_key(title) == key) {
                    if found.is_some() {
                        return None;
                    }
                    found = Some(index);
                }
            }
        }
        if let Some(index) = found {
            let slot = claimed.get_mut(index)?;
            if *slot {
                return None;
            }
            *slot = true;
            matches += 1;
        }
        mapping.push(found);
    }
    (matches >= 2).then_some(mapping)
}

/// Reads a pasted block against `columns`: with a header row (see [`match_header`]) cells go to
/// their titled columns, without one the n-th cell goes to the n-th column.
///
/// Cells keep their pasted text (the form normalises values as they are set). A row is skipped when
/// every cell that maps to a column is blank; non-blank cells that map to no column are counted in
/// [`Pasted::extra_cells`] even in a skipped row, while blank ones (an empty column selected
/// alongside, a ragged row's padding) are not.
pub fn to_rows(text: &str, columns: &[Column]) -> Pasted {
    let mut block = parse(text).into_iter().peekable();
    let header = block.peek().and_then(|first| match_header(first, columns));
    if header.is_some() {
        block.next();
    }
    let mut pasted = Pasted { header: header.is_some(), ..Pasted::default() };
    for row in block {
        let mut cells = Vec::with_capacity(row.len());
        for (position, cell) in row.into_iter().enumerate() {
            let column = match &header {
                Some(mapping) => mapping.get(position).copied().flatten(),
                None => (position < columns.len()).then_some(position),
            };
            match column {
                Some(index) => cells.push((index, cell)),
                None if !is_blank(&cell) => pasted.extra_cells += 1,
                None => {}
            }
        }
        if cells.iter().any(|(_, cell)| !is_blank(cell)) {
            pasted.rows.push(cells);
        }
    }
    pasted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(expected: &[&[&str]]) -> Vec<Vec<String>> {
        expected.iter().map(|row| row.iter().map(|cell| (*cell).to_owned()).collect()).collect()
    }

    #[test]
    fn paste_quoted_cells_with_tabs_newlines_and_doubled_quotes() {
        let text = "\"a\tb\"\t\"line 1\nline 2\"\t\"say \"\"hi\"\"\"\t\"\"\r\nx\t\"\"\"q\"\"\"\r\n";
        assert_eq!(parse(text), rows(&[&["a\tb", "line 1\nline 2", "say \"hi\"", ""], &["x", "\"q\""]]));
    }

    #[test]
    fn paste_line_breaks_crlf_lf_and_cr() {
        let expected = rows(&[&["a", "b"], &["c", "d"], &["e", "f"]]);
        assert_eq!(parse("a\tb\r\nc\td\r\ne\tf\r\n"), expected);
        assert_eq!(parse("a\tb\nc\td\ne\tf\n"), expected);
        assert_eq!(parse("a\tb\rc\td\re\tf\r"), expected);
        assert_eq!(parse("a\tb\r\nc\td\ne\tf\r"), expected);
        // Inside a quoted cell every line break reads as `\n`.
        assert_eq!(parse("\"1\r\n2\r3\n4\""), rows(&[&["1\n2\n3\n4"]]));
    }

    #[test]
    fn paste_empty_trailing_cells() {
        assert_eq!(parse("a\t\t\r\n\t\tb\r\n"), rows(&[&["a", "", ""], &["", "", "b"]]));
        assert_eq!(parse("a\t"), rows(&[&["a", ""]]));
    }

    #[test]
    fn paste_trailing_newline() {
        assert_eq!(parse("a\tb\r\n"), parse("a\tb"));
        assert_eq!(parse("a\r\n"), rows(&[&["a"]]));
        // Only the final line break is dropped: an empty line inside or before it is a row.
        assert_eq!(parse("a\r\n\r\nb\r\n\r\n"), rows(&[&["a"], &[""], &["b"], &[""]]));
        // Excel copying one empty cell.
        assert_eq!(parse("\r\n"), rows(&[&[""]]));
    }

    #[test]
    fn paste_ragged_block() {
        assert_eq!(parse("a\r\nb\tc\td\r\ne\tf\r\n"), rows(&[&["a"], &["b", "c", "d"], &["e", "f"]]));
    }

    #[test]
    fn paste_bom() {
        assert_eq!(parse("\u{FEFF}a\tb\r\n"), rows(&[&["a", "b"]]));
        assert_eq!(parse("\u{FEFF}\"q\"\r\n"), rows(&[&["q"]]));
        // Only at the start.
        assert_eq!(parse("a\t\u{FEFF}b"), rows(&[&["a", "\u{FEFF}b"]]));
        assert_eq!(parse("\u{FEFF}"), rows(&[]));
    }

    #[test]
    fn paste_malformed_quotes() {
        // Excel copies `"A` and `"B` unquoted: read literally.
        assert_eq!(parse("\"A\t\"B"), rows(&[&["\"A", "\"B"]]));
        // Text after a closing quote: the cell is literal.
        assert_eq!(parse("\"危房\"需加固\tx\r\n"), rows(&[&["\"危房\"需加固", "x"]]));
        // Never closed: literal up to the next TAB or line break, not to the end of input.
        assert_eq!(parse("\"open\ta\r\nb\tc\r\n"), rows(&[&["\"open", "a"], &["b", "c"]]));
        // A stray quote does not stop a later well-formed quoted cell from being read.
        assert_eq!(parse("\"open\ta\r\n\"x\ny\"\tz\r\n"), rows(&[&["\"open", "a"], &["x\ny", "z"]]));
        // A quote inside an unquoted cell is literal.
        assert_eq!(parse("3\"5 管\t\"\r\n"), rows(&[&["3\"5 管", "\""]]));
        assert_eq!(parse("\""), rows(&[&["\""]]));
        assert_eq!(parse("\"\"\""), rows(&[&["\"\"\""]]));
        // Adversarial quote soup: no panic, every character accounted for.
        for text in ["\"\"\"\t\"", "\"\r", "\t\"\r\n\"", "\"\"\"\"\"\n\"\"x", "\"é\"ü\t\"中"] {
            let _ = parse(text);
        }
    }

    #[test]
    fn paste_empty_string() {
        assert_eq!(parse(""), rows(&[]));
        assert_eq!(to_rows("", REGISTER_COLUMNS), Pasted::default());
    }

    #[test]
    fn paste_ten_thousand_rows() {
        let line = "派出所\t\"围墙\n开裂\"\t操场\tschool_buildings\t2021-06-01\t加固\t张三\t2021-06-30\t李四\t正在整改中\t\t设警示\r\n";
        let text = line.repeat(10_000);
        let block = parse(&text);
        assert_eq!(block.len(), 10_000);
        assert!(block.iter().all(|row| row.len() == 12));
        let pasted = to_rows(&text, REGISTER_COLUMNS);
        assert_eq!(pasted.rows.len(), 10_000);
        assert_eq!(pasted.extra_cells, 0);
        // A quote soup of the same size stays linear.
        let soup = "\"\"x\t\"".repeat(20_000);
        assert!(!parse(&soup).is_empty());
    }
}
