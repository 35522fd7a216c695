//! End-to-end tests of `prog portfolio` on examples/portfolio (worked out
//! in crates/prog_portfolio/tests/portfolio.rs).

mod run;

use run::{code, prog, stderr, stdout, temp_file};

#[test]
fn the_example_portfolio_in_every_format() {
    let out = prog(&["portfolio", "--format", "json", "examples/portfolio"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The people file is imported by both, so it is no program of its own.
    let ids: Vec<&str> = json["programs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["checkout", "platform"]);
    assert_eq!(json["programs"][1]["milestones_at_risk"][0], "ga");
    let sam = json["shared"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "sam")
        .unwrap();
    assert_eq!(sam["over_allocated"][0]["first"], "2027-03-22");
    assert_eq!(sam["over_allocated"][0]["load"], 120);
    // Why a program is red is said in the portfolio as `prog status` of
    // that program says it: the reasons of its red areas (the platform's
    // schedule and cost).
    let status = prog(&["status", "--format", "json", "examples/portfolio/platform.prog"]);
    let rag: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let reason = |area: &str| {
        rag["rag"][area]["reason"]
            .as_str()
            .unwrap()
            .trim_end_matches('.')
            .to_string()
    };
    assert_eq!(
        json["programs"][1]["rating_reason"],
        format!(
            "the schedule ({}) and cost ({})",
            reason("schedule"),
            reason("cost")
        )
    );
    let md = stdout(&prog(&["portfolio", "examples/portfolio"]));
    assert!(md.contains("## Shared people and teams"), "{md}");
    assert!(
        md.contains("| Platform: payments API v3 | red | the schedule (SPI(t) "),
        "{md}"
    );
    let html = stdout(&prog(&["portfolio", "--format", "html", "examples/portfolio"]));
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains(
                "<td>Checkout v2</td><td><span class=\"rag red\">red</span></td><td>the schedule ("
            ),
        "{html}"
    );
}

#[test]
fn a_broken_program_is_listed_and_the_exit_status_says_so() {
    let broken = temp_file(
        "broken.prog",
        "program broken \"<b>\" { start 2027-03-01 }\ntask t { after nope }\n",
    );
    let out = prog(&[
        "portfolio",
        "examples/portfolio/checkout.prog",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1);
    let md = stdout(&out);
    assert!(md.contains("| Checkout v2 | red |"), "{md}");
    assert!(md.contains("| &lt;b&gt; | **not analysed** |"), "{md}");
    // Backticks of the message are escaped like any text of the plan.
    assert!(md.contains(r"2:16: unknown id \`nope\`"), "{md}");
}
