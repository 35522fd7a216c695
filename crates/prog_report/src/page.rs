//! The frame of every HTML page Prog writes (the plan report, the weekly
//! status, the portfolio): the head with one stylesheet, shared type, tables and rating
//! badges first, then what the page's family adds; and the end. Each page
//! is self-contained: inline CSS and SVG, no script, nothing fetched.

use crate::escape::html;

/// What every page shares.
const SHARED: &str = r#"
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;margin:0 auto;padding:16px 24px;max-width:1400px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#666;margin:0 0 12px}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right}
.rag{display:inline-block;min-width:56px;padding:1px 8px;border-radius:9px;font-weight:600;text-align:center}
.green{background:#d9f0d3;color:#1e5b2c}.amber{background:#fde9b6;color:#7a5200}.red{background:#f6b8b3;color:#8b1a1a}
"#;

/// The families of pages, each with the rules only it uses.
#[derive(Clone, Copy)]
pub enum Family {
    /// `prog report`: charts, the Gantt, the dependency graph, heatmaps.
    Report,
    /// `prog status`: a narrower page of tables and ratings.
    Status,
    /// `prog portfolio`: programs side by side, in tables.
    Portfolio,
}

impl Family {
    fn title(self) -> &'static str {
        match self {
            Family::Report => "plan report",
            Family::Status => "status",
            Family::Portfolio => "portfolio",
        }
    }

    fn style(self) -> &'static str {
        match self {
            Family::Report => REPORT,
            Family::Status | Family::Portfolio => STATUS,
        }
    }
}

const REPORT: &str = r#"
dl.summary{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:0}dl.summary dt{color:#666}dl.summary dd{margin:0}
.health li{margin:2px 0}.ok{color:#2b7a3d}.bad{color:#b3261e;font-weight:600}
.scroll{overflow:auto;max-width:100%;border:1px solid #eee}
details{margin:4px 0 4px 12px}summary{cursor:pointer;font-weight:600}
.legend span{display:inline-block;margin-right:14px}.key{display:inline-block;width:18px;height:10px;margin-right:4px;vertical-align:middle}
svg text{font-family:system-ui,"DejaVu Sans",sans-serif}
.gantt .label{font-size:12px;fill:#222}.gantt .group .label{font-weight:600}
.gantt .task .bar{fill:#4a78b5}.gantt .milestone .bar{fill:#444}.gantt .group .bar{fill:#333}
.gantt .crit .bar{fill:#d62728}.gantt .group.crit .bar{fill:#8b1a1a}
.gantt .external .bar{fill:#fff;stroke:#7b4fa0;stroke-width:2}.gantt .external.crit .bar{stroke:#d62728}
.gantt .done{fill:#000;fill-opacity:.45}.gantt .float{stroke:#888;stroke-width:2}
.grid line{stroke:#e6e6e6}.grid text{font-size:10px;fill:#666}
.status{stroke:#2a9d8f;stroke-width:2;stroke-dasharray:5 3}
.deps path{fill:none;stroke:#9a9a9a;stroke-width:1;marker-end:url(#arrow)}
.deps path.crit{stroke:#d62728;stroke-width:1.6;marker-end:url(#arrow-crit)}
.node rect{fill:#fff;stroke:#4a78b5;stroke-width:1.2}.node.crit rect{stroke:#d62728;stroke-width:2.2}
.node.external rect{fill:#f6f0fb;stroke:#7b4fa0;stroke-dasharray:5 3}.node.external.crit rect{stroke:#d62728}
.node.milestone rect{rx:15px}.node.group rect{stroke-dasharray:5 3}.node text{font-size:11px;fill:#222}
td.low{background:#d9f0d3}td.medium{background:#fde9b6}td.high{background:#f6b8b3}
td.over{background:#f6b8b3;color:#8b1a1a;font-weight:600}
.heat td{width:110px;height:44px}.heat th{font-weight:normal;color:#555}
.burn .planned{fill:none;stroke:#4a78b5;stroke-width:2}.burn .actual{fill:none;stroke:#d62728;stroke-width:2.5}
.burn .axis{stroke:#999}.burn text{font-size:11px;fill:#555}
.scurve .cdf{fill:none;stroke:#4a78b5;stroke-width:2}.scurve text{font-size:11px;fill:#555}
.scurve .marker line{stroke:#d62728;stroke-dasharray:4 3}.scurve .marker.planned line{stroke:#222;stroke-dasharray:none}
.evm .pv{fill:none;stroke:#4a78b5;stroke-width:2}.evm .ev{fill:none;stroke:#2b7a3d;stroke-width:2.5}circle.ev{fill:#2b7a3d}
.evm .ac{fill:none;stroke:#d62728;stroke-width:2.5}circle.ac{fill:#d62728}.evm .bac{stroke:#222;stroke-dasharray:2 3}.evm .eac{stroke:#d62728;stroke-dasharray:6 3}
.evm text{font-size:11px;fill:#555}.evm .grid line{stroke:#e6e6e6}
.gantt .planned{fill:#999;fill-opacity:.55}.gantt .deadline{stroke:#b3261e;stroke-width:2}
"#;

const STATUS: &str = r#"
body{max-width:1100px}h2{margin-top:24px}
.overall{font-size:16px;margin:10px 0}
"#;

/// The page's start, up to and including `<body>`, titled with the
/// program's `name` (escaped here).
pub fn start(out: &mut String, family: Family, name: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{} — {}</title>\n<style>{SHARED}{}</style>\n</head>\n<body>\n",
        html(name),
        family.title(),
        family.style()
    ));
}

pub fn end(out: &mut String) {
    out.push_str("</body>\n</html>\n");
}
