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

/// checkout's `platform_ga` is the platform's `ga`. The platform's own
/// forecast (status date Wed 03-10, build and review not started, 15 days
/// each from Thu 03-11) puts `ga` on Wed 2027-03-31. In checkout, with
/// every external free to arrive when wanted, cart ends Tue 03-16 and
/// payments (10 days) runs Wed 03-17 to Tue 03-30, the finish; so
/// api_switch (2 days) may start Mon 03-29 at the latest and `platform_ga`
/// is needed by Fri 03-26. Expected Wed 03-31: 3 working days late (29, 30,
/// 31).
#[test]
fn the_example_portfolio_draws_the_dependency_between_its_programs() {
    let out = prog(&["portfolio", "--format", "json", "examples/portfolio"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["dependencies"],
        serde_json::json!([{
            "waiting": "checkout",
            "external": "platform_ga",
            "on": "platform",
            "milestone": "ga",
            "expected": "2027-03-31",
            "needed_by": "2027-03-26",
            "slack_days": -3.0,
            "delivered": false,
        }])
    );
    let md = stdout(&prog(&["portfolio", "examples/portfolio"]));
    assert!(
        md.contains(
            "```mermaid\nflowchart LR\n  p0[\"Platform∶ payments API v3\"]\n  p1[\"Checkout v2\"]\n  p0 -->|\"ga · 3d late\"| p1\n```"
        ),
        "{md}"
    );
    assert!(
        md.contains("| Checkout v2 | `platform_ga` | Platform: payments API v3 | `ga` | 2027-03-31 | 2027-03-26 | 3d late |"),
        "{md}"
    );
    let html = stdout(&prog(&["portfolio", "--format", "html", "examples/portfolio"]));
    let svg = &html[html.find("<svg class=\"dependencies\"").expect("a graph")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(svg.contains(">Platform: payments API v3</text>"), "{svg}");
    assert!(svg.contains(">Checkout v2</text>"), "{svg}");
    assert!(svg.contains("stroke=\"#c0392b\""), "the late edge is red: {svg}");
    assert!(svg.contains(">ga · 3d late</text>"), "{svg}");
    assert!(html.contains("<td class=\"red\">3d late</td>"), "{html}");
    // The tables name programs as the first table and the graph do.
    assert!(
        html.contains(
            "<tr><td>Checkout v2</td><td><code>platform_ga</code></td><td>Platform: payments API v3</td>"
        ),
        "{html}"
    );
    assert!(
        md.contains("| Checkout v2, Platform: payments API v3 | 120% | 2027-03-22 – 2027-03-31: 120% of 100% (Checkout v2 60%, Platform: payments API v3 60%) |"),
        "{md}"
    );
}

/// A program whose title is markup: escaped in the graph and the table of
/// each format.
#[test]
fn program_names_in_the_dependency_graph_are_escaped() {
    let dir = std::env::temp_dir().join(format!("prog-cli-{}-portfolio-deps", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.prog"),
        "program a \"<script>x</script>\" { start 2027-03-01 }\ntask t { duration 2d }\nmilestone m { after t }\n",
    )
    .unwrap();
    // t: Mon 03-01 – Tue 03-02, so m is on Tue 03-02; b's u (3 days) is
    // all b has, so e is needed at the start (working time 0, shown as
    // Mon 03-01) and arrives at the end of Tue 03-02 (working time 2 days):
    // 2 days late.
    std::fs::write(
        dir.join("b.prog"),
        "program b \"B\" { start 2027-03-01 }\nexternal e { from \"a.prog\" milestone m }\ntask u { after e  duration 3d }\n",
    )
    .unwrap();
    let dir = dir.display().to_string();
    let html = stdout(&prog(&["portfolio", "--format", "html", &dir]));
    assert!(!html.contains("<script>x"), "{html}");
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;</text>"), "{html}");
    assert!(
        html.contains("<td>&lt;script&gt;x&lt;/script&gt;</td><td><code>m</code>"),
        "{html}"
    );
    let md = stdout(&prog(&["portfolio", &dir]));
    assert!(md.contains("p0[\"‹script›x‹/script›\"]"), "{md}");
    assert!(
        md.contains("| B | `e` | &lt;script&gt;x&lt;/script&gt; | `m` | 2027-03-02 | 2027-03-01 | 2d late |"),
        "{md}"
    );
}
