//! serde_json's pretty layout, two spaces a level, with each line's break
//! and indent written at once: `PrettyFormatter` writes a level at a time,
//! and those small writes were a fifth of writing a schedule.

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// A comma, a line break and the deepest indent written in one piece.
const BREAK: &[u8] = b",\n                                                                ";

#[derive(Default)]
pub struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`) and the current indent.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        let spaces = 2 * self.depth;
        match BREAK.get(from..2 + spaces) {
            Some(piece) => w.write_all(piece),
            None => {
                w.write_all(&BREAK[from..])?;
                (BREAK.len() - 2..spaces).try_for_each(|_| w.write_all(b" "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as `serde_json::to_writer_pretty` does.
pub fn to_writer<W: Write>(w: W, value: &impl serde::Serialize) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(w, Pretty::default()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    fn written(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        super::to_writer(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_layout_is_serde_jsons_pretty_layout() {
        let mut deep = json!({"leaf": [1, 2.5, "x\n\"y"]});
        for depth in 0..40 {
            deep = json!({ format!("k{depth}"): deep, "empty": {}, "none": [], "list": [[], {"a": null}] });
        }
        for value in [
            json!(1),
            json!([]),
            json!({}),
            json!({"a": [1, {"b": true}], "c": "d"}),
            deep,
        ] {
            assert_eq!(written(&value), serde_json::to_string_pretty(&value).unwrap());
        }
    }
}
