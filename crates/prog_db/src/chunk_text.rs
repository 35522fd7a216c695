//! The text of a chunk of a file (see [`crate::items`]).

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// The text of a chunk: a stretch of a shared text. An editor's database
/// gives each chunk a copy of its own, so that a chunk an edit did not
/// touch does not keep the whole text it was cut from alive after later
/// edits; a database that analyses once shares the file's text, so that
/// the text is kept once, not twice.
#[derive(Clone)]
pub(crate) struct ChunkText {
    whole: Arc<String>,
    start: u32,
    end: u32,
}

impl ChunkText {
    /// A copy of `text`, its own.
    pub(crate) fn copy(text: &str) -> ChunkText {
        ChunkText {
            whole: Arc::new(text.to_string()),
            start: 0,
            end: text.len() as u32,
        }
    }

    /// `part` of `whole`, sharing it; a copy if `part` is not inside it.
    pub(crate) fn part_of(whole: &Arc<String>, part: &str) -> ChunkText {
        let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
        match whole.get(start..start.wrapping_add(part.len())) {
            Some(inside) if inside.as_ptr() == part.as_ptr() => ChunkText {
                whole: whole.clone(),
                start: start as u32,
                end: (start + part.len()) as u32,
            },
            _ => ChunkText::copy(part),
        }
    }
}

#[cfg(test)]
impl ChunkText {
    /// The text this is a stretch of: what tests watch to see it freed.
    pub(crate) fn whole(&self) -> &Arc<String> {
        &self.whole
    }
}

impl Deref for ChunkText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.whole[self.start as usize..self.end as usize]
    }
}

impl PartialEq for ChunkText {
    fn eq(&self, other: &ChunkText) -> bool {
        **self == **other
    }
}

impl Eq for ChunkText {}

impl std::hash::Hash for ChunkText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl fmt::Debug for ChunkText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::ChunkText;

    #[test]
    fn a_part_shares_its_text_and_reads_as_the_part() {
        let whole = Arc::new(String::from("task a { }\ntask b { }\n"));
        let part = ChunkText::part_of(&whole, &whole[11..]);
        assert_eq!(&*part, "task b { }\n");
        assert_eq!(Arc::strong_count(&whole), 2, "shared, not copied");
        assert_eq!(part, ChunkText::copy("task b { }\n"));
    }

    #[test]
    fn a_text_not_inside_is_copied() {
        let whole = Arc::new(String::from("task a { }\n"));
        let elsewhere = String::from("task a { }\n");
        let part = ChunkText::part_of(&whole, &elsewhere[5..]);
        assert_eq!(&*part, "a { }\n");
        assert_eq!(Arc::strong_count(&whole), 1);
        let empty = ChunkText::part_of(&whole, "");
        assert_eq!(&*empty, "");
    }
}
