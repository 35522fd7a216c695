//! The plan split in two: its shape (what scheduling reads) and its titles,
//! prose and keys, so that an edit to a title or a `key` changes nothing the
//! schedule reads.

use prog_plan::{People, Plan, Rare};

/// The titles (and a risk's mitigation, a task's or resource's key, an
/// external's contact) taken
/// out of a plan, indexed like it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Titles {
    program: Option<String>,
    calendars: Vec<Option<String>>,
    /// Boxed: two words a task, not three (every task of a large plan
    /// has an entry).
    resources: Vec<Option<Box<str>>>,
    tasks: Vec<Option<Box<str>>>,
    /// The keys there are, by index: most resources and tasks have none.
    resource_keys: Vec<(u32, String)>,
    task_keys: Vec<(u32, String)>,
    risks: Vec<(Option<String>, Option<String>)>,
    approvals: Vec<Option<String>>,
    /// Each external's `contact`.
    contacts: Vec<Option<String>>,
    /// Stakeholders, actions, blocked work and RACI statements: no engine
    /// reads them, so an edit to them schedules nothing again.
    people: People,
}

impl Titles {
    pub(crate) fn people(&self) -> &People {
        &self.people
    }
}

/// Takes the titles out of `plan`. A mitigation's text goes too, but the
/// plan keeps whether the risk has one.
pub(crate) fn take_titles(plan: &mut Plan) -> Titles {
    Titles {
        program: plan.program.title.take(),
        calendars: plan.calendars.iter_mut().map(|c| c.title.take()).collect(),
        resources: plan.resources.iter_mut().map(|r| boxed(r.title.take())).collect(),
        tasks: plan.tasks.iter_mut().map(|t| boxed(t.title.take())).collect(),
        resource_keys: keys(plan.resources.iter_mut().map(|r| r.key.take())),
        task_keys: keys(plan.tasks.iter_mut().map(|t| t.key.take())),
        risks: plan
            .risks
            .iter_mut()
            .map(|r| {
                let mitigation = r.mitigation.as_mut().map(std::mem::take);
                (r.title.take(), mitigation)
            })
            .collect(),
        approvals: plan.approvals.iter_mut().map(|a| a.title.take()).collect(),
        contacts: plan.externals.iter_mut().map(|e| e.contact.take()).collect(),
        people: std::mem::take(&mut plan.people),
    }
}

fn boxed(title: Option<String>) -> Option<Box<str>> {
    title.map(String::into_boxed_str)
}

/// The keys among `keys`, each with its index.
fn keys(keys: impl Iterator<Item = Option<String>>) -> Vec<(u32, String)> {
    keys.enumerate()
        .filter_map(|(i, key)| Some((i as u32, key?)))
        .collect()
}

/// Puts titles taken by [`take_titles`] back into a copy of the plan.
pub(crate) fn with_titles(shape: &Plan, titles: &Titles) -> Plan {
    let mut plan = shape.clone();
    plan.program.title.clone_from(&titles.program);
    fn fill<T>(items: &mut [T], titles: &[Option<String>], title: impl Fn(&mut T) -> &mut Option<String>) {
        for (item, t) in items.iter_mut().zip(titles) {
            title(item).clone_from(t);
        }
    }
    fill(&mut plan.calendars, &titles.calendars, |c| &mut c.title);
    for (resource, title) in plan.resources.iter_mut().zip(&titles.resources) {
        resource.title = title.as_deref().map(String::from);
    }
    for (task, title) in plan.tasks.iter_mut().zip(&titles.tasks) {
        task.title = Rare::new(title.as_deref().map(String::from));
    }
    for (r, key) in &titles.resource_keys {
        plan.resources[*r as usize].key = Some(key.clone());
    }
    for (t, key) in &titles.task_keys {
        plan.tasks[*t as usize].key = Rare::new(Some(key.clone()));
    }
    fill(&mut plan.approvals, &titles.approvals, |a| &mut a.title);
    fill(&mut plan.externals, &titles.contacts, |e| &mut e.contact);
    plan.people.clone_from(&titles.people);
    for (risk, (title, mitigation)) in plan.risks.iter_mut().zip(&titles.risks) {
        risk.title.clone_from(title);
        risk.mitigation.clone_from(mitigation);
    }
    plan
}
