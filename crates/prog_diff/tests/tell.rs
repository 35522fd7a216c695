//! Who to tell: the stakeholders whose interests a change moved.

mod common;

use common::diff;
use prog_diff::TellReason;

/// Working days from Monday 2027-01-04: `ui` days 0-5 (Jan 4-8), so
/// `web_done` is reached Friday 8th; `server` days 0-3, `api_done` Wednesday
/// 6th. The cfo follows `web_done`; the cto the `api` group, as consulted.
const PLAN: &str = r#"program p "P" { start 2027-01-04 }
person alice {}
person bob {}
group web "Web" {
  task ui { duration 5d  owner alice }
  milestone web_done "Web done" { after ui }
}
group api "API" {
  task server { duration 3d  owner bob }
  milestone api_done { after server }
}
approval sign "Sign-off" { gates api_done  approvers bob }
stakeholder cfo "CFO" { interest web_done }
stakeholder cto { interest api  role consulted }
"#;

#[test]
fn only_the_stakeholder_whose_milestone_moved_is_told() {
    // `ui` takes 7 days instead of 5: `web_done` moves from Friday 8th to
    // Tuesday 12th, 2 working days (4 calendar days). `api_done` stays.
    let d = diff(PLAN, &PLAN.replace("duration 5d", "duration 7d"));
    assert_eq!(d.tell.len(), 1, "{:?}", d.tell);
    let cfo = &d.tell[0];
    assert_eq!(cfo.stakeholder, "cfo");
    match cfo.reasons.as_slice() {
        [TellReason::MilestoneMoved { id, moved, .. }] => {
            assert_eq!(id, "web_done");
            assert_eq!(
                (moved.old.to_string(), moved.new.to_string()),
                ("2027-01-08".into(), "2027-01-12".into())
            );
            assert_eq!(
                (moved.working_days.0.days_text(), moved.calendar_days),
                ("2".into(), 4)
            );
        }
        other => panic!("one milestone move, not {other:?}"),
    }
    let json = serde_json::to_value(&d.tell).unwrap();
    assert_eq!(json[0]["stakeholder"], "cfo");
    assert_eq!(json[0]["reasons"][0]["kind"], "milestone_moved");
    assert_eq!(json[0]["reasons"][0]["id"], "web_done");
}

#[test]
fn a_group_finish_a_new_risk_and_an_approval_consulted_on_are_told() {
    // `server` takes 4 days: `api_done`, inside the `api` group, and the
    // group itself finish Thursday 7th instead of Wednesday 6th (+1d); a
    // new risk on `server`; `sign`, gating `api_done`, approved.
    let new = PLAN
        .replace("duration 3d", "duration 4d")
        .replace("approvers bob }", "approvers bob  status approved }")
        + "risk vendor \"Vendor late\" { probability 30%  impact 2d  affects server  owner bob  mitigation \"Mock\" }\n";
    let d = diff(PLAN, &new);
    let told: Vec<&str> = d.tell.iter().map(|t| t.stakeholder.as_str()).collect();
    assert_eq!(told, ["cto"]);
    let kinds: Vec<String> = d.tell[0]
        .reasons
        .iter()
        .map(|r| match r {
            TellReason::MilestoneMoved { id, moved, .. } => {
                format!("milestone {id} {} → {}", moved.old, moved.new)
            }
            TellReason::GroupFinishMoved { id, moved, .. } => {
                format!("group {id} {} → {}", moved.old, moved.new)
            }
            TellReason::RiskAppeared { id, affects, .. } => format!("risk {id} on {affects:?}"),
            TellReason::ApprovalChanged {
                id, change, status, ..
            } => {
                format!(
                    "approval {id} {change} {:?}",
                    status.as_ref().map(|s| (s.old, s.new))
                )
            }
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "milestone api_done 2027-01-06 → 2027-01-07",
            "group api 2027-01-06 → 2027-01-07",
            "risk vendor on [\"server\"]",
            "approval sign changed Some((\"pending\", \"approved\"))",
        ]
    );
}

#[test]
fn blocked_work_actions_and_stakeholders_are_changes_of_their_own() {
    let old = format!("{PLAN}action a1 {{ owner alice  due 2027-01-05 }}\naction a2 {{ owner bob }}\n");
    let new = old
        .replace(
            "task ui { duration 5d  owner alice }",
            "task ui { duration 5d  owner alice  blocked \"no access\" }",
        )
        .replace(
            "action a1 { owner alice  due 2027-01-05 }",
            "action a1 { owner alice  due 2027-01-05  done }",
        )
        .replace("action a2 { owner bob }\n", "action a3 { owner bob }\n")
        .replace("stakeholder cto { interest api  role consulted }\n", "");
    let d = diff(&old, &new);
    // Nothing moved, yet the plan changed.
    assert!(!d.is_empty());
    let p = &d.people;
    assert_eq!(
        (p.blocked[0].id.as_str(), p.blocked[0].reason.as_str()),
        ("ui", "no access")
    );
    assert_eq!(
        (
            p.actions_added.clone(),
            p.actions_done.clone(),
            p.actions_removed.clone()
        ),
        (
            vec!["a3".to_string()],
            vec!["a1".to_string()],
            vec!["a2".to_string()]
        )
    );
    assert_eq!(p.stakeholders_removed, ["cto"]);
    // And back: unblocked.
    let back = diff(&new, &new.replace("  blocked \"no access\"", ""));
    assert_eq!(back.people.unblocked, ["ui"]);
    assert!(back.people.blocked.is_empty());
}
