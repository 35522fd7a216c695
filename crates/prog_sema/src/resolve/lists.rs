//! Many short lists in one array.

use std::ops::Index;

/// Lists of `T` laid end to end, indexed like the tasks they belong to: a
/// list takes 4 bytes beside its items, where one of its own would take 32
/// even when empty (most are empty or hold one or two items).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lists<T> {
    items: Vec<T>,
    /// Where each list ends in `items`; each starts where the one before it
    /// ends.
    ends: Vec<u32>,
}

impl<T> Default for Lists<T> {
    fn default() -> Lists<T> {
        Lists {
            items: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T> Lists<T> {
    /// Makes room for `lists` more lists.
    pub fn reserve(&mut self, lists: usize) {
        self.ends.reserve_exact(lists);
    }

    /// Adds a list after the others.
    pub fn push(&mut self, list: impl IntoIterator<Item = T>) {
        self.items.extend(list);
        self.ends.push(self.items.len() as u32);
    }

    /// The same lists with `f` applied to every item.
    pub fn map<U>(&self, f: impl FnMut(&T) -> U) -> Lists<U> {
        Lists {
            items: self.items.iter().map(f).collect(),
            ends: self.ends.clone(),
        }
    }
}

impl<T> Index<usize> for Lists<T> {
    type Output = [T];

    fn index(&self, list: usize) -> &[T] {
        let start = list.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.items[start as usize..self.ends[list] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::Lists;

    #[test]
    fn each_list_reads_back_as_pushed() {
        let mut lists = Lists::default();
        lists.push([1, 2]);
        lists.push([]);
        lists.push([3]);
        assert_eq!([&lists[0], &lists[1], &lists[2]], [&[1, 2][..], &[], &[3]]);
        assert_eq!(&lists.map(|x| x * 10)[2], &[30]);
    }
}
