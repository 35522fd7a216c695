//! A CSV export as a header and rows, read by the `csv` crate, with every
//! row's place in the text; the columns found by name, repeated names
//! (Jira's several `Sprint` columns) included.

use std::collections::HashMap;

use crate::SourceError;

pub struct Table {
    header: Vec<String>,
    columns: HashMap<String, Vec<usize>>,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub fields: csv::StringRecord,
    pub line: u64,
}

impl Table {
    /// Reads `text`: a header, then rows of as many fields. An unclosed
    /// quote or a row with another number of fields is an error at its
    /// line and column.
    pub fn read(text: &str) -> Result<Table, SourceError> {
        if let Some(quote) = unclosed_quote(text) {
            return Err(error_at(text, quote, "this quote is never closed".to_string()));
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(record) => record.map_err(|e| csv_error(text, &e))?,
            None => {
                return Err(SourceError {
                    line: 1,
                    column: 1,
                    message: "the file is empty: no header row".into(),
                });
            }
        };
        let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let mut columns: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            columns.entry(name.to_ascii_lowercase()).or_default().push(i);
        }
        let mut rows = Vec::new();
        for record in records {
            let fields = record.map_err(|e| csv_error(text, &e))?;
            let position = fields.position().cloned().unwrap_or_else(csv::Position::new);
            if fields.len() == 1 && fields[0].trim().is_empty() {
                continue; // a blank line
            }
            if fields.len() != header.len() {
                let offset = field_offset(text, position.byte() as usize, header.len().min(fields.len()));
                let message = format!(
                    "this row has {} fields where the header has {}",
                    fields.len(),
                    header.len()
                );
                return Err(error_at(text, offset, message));
            }
            rows.push(Row {
                fields,
                line: position.line(),
            });
        }
        Ok(Table {
            header,
            columns,
            rows,
        })
    }

    /// Whether the header has a column of this name (any case).
    pub fn has(&self, name: &str) -> bool {
        self.columns.contains_key(&name.to_ascii_lowercase())
    }

    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The first non-empty value of the columns called `name` (any case).
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> Option<&'r str> {
        self.all(row, name).next()
    }

    /// Every non-empty value of the columns called `name`, trimmed.
    pub fn all<'r>(&self, row: &'r Row, name: &str) -> impl Iterator<Item = &'r str> + use<'r> {
        let indexes = self
            .columns
            .get(&name.to_ascii_lowercase())
            .cloned()
            .unwrap_or_default();
        indexes
            .into_iter()
            .filter_map(move |i| row.fields.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The place of column `name`'s value in `row`, for an error about it.
    pub fn error(&self, text: &str, row: &Row, name: &str, message: String) -> SourceError {
        let index = self
            .columns
            .get(&name.to_ascii_lowercase())
            .and_then(|c| c.first())
            .copied()
            .unwrap_or(0);
        let start = row.fields.position().map_or(0, |p| p.byte() as usize);
        error_at(text, field_offset(text, start, index), message)
    }
}

/// The error for `offset` in `text`, with its line and column.
fn error_at(text: &str, offset: usize, message: String) -> SourceError {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u64 + 1;
    SourceError {
        line,
        column,
        message,
    }
}

fn csv_error(text: &str, error: &csv::Error) -> SourceError {
    let offset = error.position().map_or(0, |p| p.byte() as usize);
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "a field is not UTF-8 text".to_string(),
        _ => error.to_string(),
    };
    error_at(text, offset, message)
}

/// The byte offset of field `index` of the record starting at `start`,
/// found with `csv_core`'s reader (quoted commas and line breaks
/// included); the record's end when it has fewer fields.
fn field_offset(text: &str, start: usize, index: usize) -> usize {
    let mut reader = csv_core::Reader::new();
    let mut input = &text.as_bytes()[start.min(text.len())..];
    let mut offset = start.min(text.len());
    let mut scratch = [0u8; 1024];
    for _ in 0..index {
        // A field longer than the scratch space is read in several calls.
        loop {
            let (result, read, _) = reader.read_field(input, &mut scratch);
            input = &input[read..];
            offset += read;
            match result {
                csv_core::ReadFieldResult::OutputFull => continue,
                csv_core::ReadFieldResult::Field { record_end: false } => break,
                // The record ended: its end, before the line break read.
                _ => return text[..offset].trim_end_matches(['\n', '\r']).len(),
            }
        }
    }
    offset
}

/// The offset of a quote that opens a field and is never closed: the
/// `csv` crate reads such a field to the end of the file without a word.
fn unclosed_quote(text: &str) -> Option<usize> {
    let mut open = None;
    let mut field_start = true;
    let mut bytes = text.bytes().enumerate().peekable();
    while let Some((i, b)) = bytes.next() {
        match (open, b) {
            (None, b'"') if field_start => {
                open = Some(i);
                field_start = false;
            }
            (None, b',' | b'\n' | b'\r') => field_start = true,
            (None, _) => field_start = false,
            (Some(_), b'"') if bytes.peek().map(|&(_, next)| next) == Some(b'"') => {
                bytes.next(); // `""`, an escaped quote
            }
            (Some(_), b'"') => open = None,
            (Some(_), _) => {}
        }
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_columns_and_quoted_line_breaks() {
        let text = "Key,Sprint,Sprint,Notes\nA-1,S1,S2,\"two\nlines, and a \"\"quote\"\"\"\nA-2,,S3,x\n";
        let table = Table::read(text).unwrap();
        assert_eq!(table.rows.len(), 2);
        let first = &table.rows[0];
        assert_eq!(table.all(first, "sprint").collect::<Vec<_>>(), ["S1", "S2"]);
        assert_eq!(table.get(first, "Notes"), Some("two\nlines, and a \"quote\""));
        assert_eq!(table.rows[1].line, 4);
        assert_eq!(table.get(&table.rows[1], "Sprint"), Some("S3"));
    }

    #[test]
    fn an_unclosed_quote_is_located() {
        let error = Table::read("Key,Title\nA-1,ok\nA-2,\"never closed\nA-3,x\n")
            .err()
            .unwrap();
        assert_eq!((error.line, error.column), (3, 5));
        assert!(error.message.contains("never closed"), "{}", error.message);
        // A quote inside an unquoted field is text, not an opening quote.
        assert!(Table::read("Key,Title\nA-1,5\" screen\n").is_ok());
    }

    #[test]
    fn a_row_with_another_number_of_fields_is_located() {
        let error = Table::read("Key,Title,Status\nA-1,\"a, b\",Done,extra\n")
            .err()
            .unwrap();
        // The fourth field starts after `A-1,"a, b",Done,`: column 17.
        assert_eq!((error.line, error.column), (2, 17));
        assert!(
            error.message.contains("4 fields where the header has 3"),
            "{}",
            error.message
        );
        let short = Table::read("Key,Title,Status\nA-1,x\n").err().unwrap();
        assert_eq!((short.line, short.column), (2, 6));
    }
}
