//! Profiles as one entry per day: finding the day is an index and booking
//! writes each day it takes, so a search costs in the days it passes,
//! where the step lists cost a search among the steps at every look-up.
//! For problems whose schedules span few days (see
//! [`Profiles::new`](super::Profiles::new)).

/// What one resource has free on each day from `origin` on, up to the last
/// day booked since it was made. Every day outside is wholly free.
#[derive(Debug)]
struct Track {
    origin: i64,
    free: Vec<u32>,
}

impl Track {
    /// The first day past the list.
    fn end(&self) -> i64 {
        self.origin + self.free.len() as i64
    }

    /// The list's index of `day`, which must be within it.
    fn index(&self, day: i64) -> usize {
        (day - self.origin) as usize
    }
}

#[derive(Debug)]
pub(crate) struct Days {
    capacity: Vec<u32>,
    tracks: Vec<Track>,
    /// The first day of every list after a clear: the earliest any task
    /// may start.
    origin: i64,
}

impl Days {
    pub(crate) fn new(capacity: Vec<u32>, origin: i64) -> Days {
        Days {
            tracks: capacity
                .iter()
                .map(|_| Track {
                    origin,
                    free: Vec::new(),
                })
                .collect(),
            capacity,
            origin,
        }
    }

    /// Forgets every booking. The lists keep their length (the next pass
    /// books much the same days) and read as wholly free.
    pub(crate) fn clear(&mut self) {
        for (track, &capacity) in self.tracks.iter_mut().zip(&self.capacity) {
            if track.origin != self.origin {
                track.free.clear();
                track.origin = self.origin;
            }
            track.free.fill(capacity);
        }
    }

    /// Books `units` of `resource` on the days `first..=last`.
    pub(crate) fn book(&mut self, resource: u32, units: u32, first: i64, last: i64) {
        let track = &self.tracks[resource as usize];
        if first < track.origin || track.end() <= last {
            self.cover(resource, first, last);
        }
        let track = &mut self.tracks[resource as usize];
        let (first, end) = (track.index(first), track.index(last) + 1);
        // Saturating: a day booked beyond its room reads as short for any
        // demand, as it would below zero.
        for free in &mut track.free[first..end] {
            *free = free.saturating_sub(units);
        }
    }

    /// Grows `resource`'s list to hold the days `first..=last`, wholly free.
    /// Apart from [`Days::book`], which then stays small: a pass books
    /// within the lists it has grown.
    #[cold]
    fn cover(&mut self, resource: u32, first: i64, last: i64) {
        let capacity = self.capacity[resource as usize];
        let track = &mut self.tracks[resource as usize];
        if first < track.origin {
            // Not reached by the serial scheme (nothing starts before the
            // origin); kept so that any booking is counted.
            let before = (track.origin - first) as usize;
            track.free.splice(0..0, std::iter::repeat_n(capacity, before));
            track.origin = first;
        }
        let end = track.index(last) + 1;
        if track.free.len() < end {
            track.free.resize(end, capacity);
        }
    }

    /// [`Profiles::earliest_fit`](super::Profiles::earliest_fit): one scan
    /// of the days from `first`.
    pub(crate) fn earliest_fit(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        on_first: i64,
        later: i64,
    ) -> i64 {
        let track = &self.tracks[resource as usize];
        if first + on_first - 1 < track.origin {
            return first;
        }
        // In indices of the list: where the run starts and its last day.
        let origin = track.origin;
        let (mut from, mut last) = (first - origin, first - origin + on_first - 1);
        let skip = from.max(0) as usize;
        for (i, &free) in track.free.iter().enumerate().skip(skip) {
            let i = i as i64;
            if free < units {
                (from, last) = (i + 1, i + later);
            } else if last <= i {
                break;
            }
        }
        origin + from
    }

    /// [`Profiles::latest_fit`](super::Profiles::latest_fit): one scan of
    /// the days back from `last`.
    pub(crate) fn latest_fit(&self, resource: u32, units: u32, last: i64, on_last: i64, later: i64) -> i64 {
        let track = &self.tracks[resource as usize];
        if last - on_last + 1 >= track.end() {
            return last;
        }
        // In indices of the list: where the run ends and its first day.
        let origin = track.origin;
        let (mut to, mut first) = (last - origin, last - origin - on_last + 1);
        let Ok(top) = usize::try_from(to.min(track.free.len() as i64 - 1)) else {
            return last;
        };
        for (i, &free) in track.free[..=top].iter().enumerate().rev() {
            let i = i as i64;
            if free < units {
                (to, first) = (i - 1, i - later);
            } else if first >= i {
                break;
            }
        }
        origin + to
    }

    /// What `resource` has free on the days of its list within
    /// `first..=last`, and the first of those days: the days outside are
    /// free, so never short.
    fn window(&self, resource: u32, first: i64, last: i64) -> (i64, &[u32]) {
        let track = &self.tracks[resource as usize];
        let (lo, hi) = (first.max(track.origin), last.min(track.end() - 1));
        if lo > hi {
            return (lo, &[]);
        }
        (lo, &track.free[track.index(lo)..=track.index(hi)])
    }

    /// [`Profiles::last_short`](super::Profiles::last_short), a run being
    /// days of one value, as a step is.
    pub(crate) fn last_short<E>(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
        mut counts: impl FnMut(i64, i64) -> Result<bool, E>,
    ) -> Result<Option<i64>, E> {
        let (lo, days) = self.window(resource, first, last);
        let mut end = days.len();
        while end > 0 {
            let value = days[end - 1];
            let from = end - days[..end].iter().rev().take_while(|&&f| f == value).count();
            if value < units && counts(lo + from as i64, lo + end as i64 - 1)? {
                return Ok(Some(lo + end as i64 - 1));
            }
            end = from;
        }
        Ok(None)
    }

    /// [`Profiles::first_short`](super::Profiles::first_short).
    pub(crate) fn first_short<E>(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
        mut counts: impl FnMut(i64, i64) -> Result<bool, E>,
    ) -> Result<Option<i64>, E> {
        let (lo, days) = self.window(resource, first, last);
        let mut from = 0;
        while from < days.len() {
            let value = days[from];
            let end = from + days[from..].iter().take_while(|&&f| f == value).count();
            if value < units && counts(lo + from as i64, lo + end as i64 - 1)? {
                return Ok(Some(lo + from as i64));
            }
            from = end;
        }
        Ok(None)
    }
}
