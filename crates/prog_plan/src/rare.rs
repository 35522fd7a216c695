//! Values most tasks leave at their default, kept out of line.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// A value most tasks leave at its default (a three-point estimate, the
/// actuals): boxed, and made when first written, since a plan's analysis
/// holds several copies of every task. Reads as the value itself.
#[derive(Clone, Default)]
pub struct Rare<T>(Option<Box<T>>);

/// The default a [`Rare`] value reads as before it is written.
pub trait RareDefault: Default + 'static {
    const DEFAULT: &'static Self;
}

impl<T: RareDefault + PartialEq> Rare<T> {
    /// The value, kept out of line only when it is not the default.
    pub fn new(value: T) -> Rare<T> {
        Rare((value != T::default()).then(|| Box::new(value)))
    }
}

impl<T: RareDefault> Rare<T> {
    /// The value, leaving the default in its place: unlike taking it
    /// through `DerefMut`, which makes room for a value first.
    pub fn take(&mut self) -> T {
        self.0.take().map_or_else(T::default, |value| *value)
    }
}

impl<T: RareDefault> Deref for Rare<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0.as_deref().unwrap_or(T::DEFAULT)
    }
}

impl<T: RareDefault> DerefMut for Rare<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0.get_or_insert_with(Box::default)
    }
}

impl<T: RareDefault + PartialEq> PartialEq for Rare<T> {
    fn eq(&self, other: &Rare<T>) -> bool {
        **self == **other
    }
}

impl<T: RareDefault + Eq> Eq for Rare<T> {}

impl<T: RareDefault + fmt::Debug> fmt::Debug for Rare<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    struct Recorded {
        hours: Option<u32>,
    }

    impl RareDefault for Recorded {
        const DEFAULT: &'static Recorded = &Recorded { hours: None };
    }

    #[test]
    fn reads_as_its_default_until_written_and_compares_by_value() {
        let mut recorded: Rare<Recorded> = Rare::default();
        assert_eq!(*recorded, Recorded::default());
        assert!(recorded.0.is_none());
        recorded.hours = Some(8);
        assert_eq!(recorded.hours, Some(8));
        assert!(recorded.0.is_some());
        // Written back to the default, it equals one never written.
        recorded.hours = None;
        assert_eq!(recorded, Rare::default());
        assert!(Rare::new(Recorded::default()).0.is_none());
        assert_eq!(Rare::new(Recorded { hours: Some(3) }).hours, Some(3));
    }
}
