//! Parts of the model that copies of a plan share until one is written.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// A value the copies of a plan share, copied when a copy first writes it:
/// the database copies the model after every edit of a task's value, and
/// the people (thousands in a large program) are then the same. Reads and
/// writes as the value itself; copies that share it compare equal without
/// reading it.
#[derive(Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }
}

impl<A, T: FromIterator<A>> FromIterator<A> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = A>>(items: I) -> Shared<T> {
        T::from_iter(items).into()
    }
}

impl<'a, T> IntoIterator for &'a Shared<T>
where
    &'a T: IntoIterator,
{
    type Item = <&'a T as IntoIterator>::Item;
    type IntoIter = <&'a T as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        (&*self.0).into_iter()
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: Eq> Eq for Shared<T> {}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (*self.0).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn copies_share_the_value_until_one_writes_it() {
        let mut a: Shared<Vec<u32>> = vec![1, 2].into();
        let b = a.clone();
        assert!(std::ptr::eq(&*a, &*b));
        a.push(3);
        assert_eq!((a.as_slice(), b.as_slice()), (&[1, 2, 3][..], &[1, 2][..]));
        assert!(!std::ptr::eq(&*a, &*b));
    }

    #[test]
    fn compares_by_value() {
        let a: Shared<Vec<u32>> = vec![1, 2].into();
        let b: Shared<Vec<u32>> = vec![1, 2].into();
        assert_eq!(a, b);
        assert_eq!(a, a.clone());
        assert_ne!(a, Shared::from(vec![1]));
    }
}
