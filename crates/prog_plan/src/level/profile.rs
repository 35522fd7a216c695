//! Resource profiles: per resource, the units left free by a schedule being
//! built, as a step function over working days.
//!
//! A profile is the list of days where what is free changes, so booking a
//! task and finding where one fits cost in the number of bookings around
//! it, not in its days; a run of fully booked days is passed in one step.
//! Leave and a resource's own calendar are not in the profile: a task never
//! works on a day one of its resources is unavailable (see
//! [`workdays`](super::workdays)). Clearing keeps the memory, so a pass
//! of the serial scheme allocates nothing once the lists have grown.

/// From day `from` on (up to the next step), `free` units are free.
#[derive(Clone, Copy, Debug)]
struct Step {
    from: i64,
    free: i64,
}

pub(crate) struct Profiles {
    capacity: Vec<u32>,
    steps: Vec<Vec<Step>>,
}

impl Profiles {
    pub(crate) fn new(capacity: Vec<u32>) -> Profiles {
        let steps = capacity
            .iter()
            .map(|&c| {
                vec![Step {
                    from: i64::MIN,
                    free: i64::from(c),
                }]
            })
            .collect();
        Profiles { capacity, steps }
    }

    /// Forgets every booking.
    pub(crate) fn clear(&mut self) {
        for (steps, &c) in self.steps.iter_mut().zip(&self.capacity) {
            steps.clear();
            steps.push(Step {
                from: i64::MIN,
                free: i64::from(c),
            });
        }
    }

    /// The index of the step that holds `day`.
    fn step_at(steps: &[Step], day: i64) -> usize {
        steps.partition_point(|s| s.from <= day) - 1
    }

    /// The latest run of days within `first..=last` on which `resource` has
    /// fewer than `units` free and that `counts` (a test of a run of days)
    /// accepts; its last day within `first..=last`.
    pub(crate) fn last_short<E>(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
        mut counts: impl FnMut(i64, i64) -> Result<bool, E>,
    ) -> Result<Option<i64>, E> {
        let steps = &self.steps[resource as usize];
        let units = i64::from(units);
        let mut k = Self::step_at(steps, last);
        loop {
            let s = steps[k];
            let end = steps.get(k + 1).map_or(i64::MAX, |n| n.from - 1).min(last);
            let from = s.from.max(first);
            if s.free < units && counts(from, end)? {
                return Ok(Some(end));
            }
            if s.from <= first || k == 0 {
                return Ok(None);
            }
            k -= 1;
        }
    }

    /// The earliest such run, as [`Profiles::last_short`]; its first day.
    pub(crate) fn first_short<E>(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
        mut counts: impl FnMut(i64, i64) -> Result<bool, E>,
    ) -> Result<Option<i64>, E> {
        let steps = &self.steps[resource as usize];
        let units = i64::from(units);
        let mut k = Self::step_at(steps, first);
        while let Some(s) = steps.get(k).filter(|s| s.from <= last) {
            let end = steps.get(k + 1).map_or(i64::MAX, |n| n.from - 1).min(last);
            let from = s.from.max(first);
            if s.free < units && counts(from, end)? {
                return Ok(Some(from));
            }
            k += 1;
        }
        Ok(None)
    }

    /// Books `units` of `resource` on the days `first..=last`.
    pub(crate) fn book(&mut self, resource: u32, units: u32, first: i64, last: i64) {
        let steps = &mut self.steps[resource as usize];
        let a = split(steps, first);
        let b = if last == i64::MAX {
            steps.len()
        } else {
            split(steps, last + 1)
        };
        for s in &mut steps[a..b] {
            s.free -= i64::from(units);
        }
        // Inside the range neighbours stay different; only its two ends
        // can now equal the step next to them.
        if b < steps.len() && steps[b].free == steps[b - 1].free {
            steps.remove(b);
        }
        if a > 0 && steps[a].free == steps[a - 1].free {
            steps.remove(a);
        }
    }
}

/// Makes a step start at `day`; its index.
fn split(steps: &mut Vec<Step>, day: i64) -> usize {
    let k = Profiles::step_at(steps, day);
    if steps[k].from == day {
        return k;
    }
    steps.insert(
        k + 1,
        Step {
            from: day,
            free: steps[k].free,
        },
    );
    k + 1
}
