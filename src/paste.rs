//! Spreadsheet paste: a block copied from Excel or WPS (tab-separated) read into rows of cells.
