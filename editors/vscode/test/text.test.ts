import assert from "node:assert/strict";
import { test } from "node:test";
import { criticalPath, dates, previewShell, serverCommand, taskAt } from "../src/text.ts";

test("the server is the configured path, else the bundled binary, else `prog` on PATH", () => {
  assert.deepEqual(serverCommand(undefined), { command: "prog", source: "PATH" });
  assert.deepEqual(serverCommand("  "), { command: "prog", source: "PATH" });
  assert.deepEqual(serverCommand("  ", "/ext/bin/prog"), { command: "/ext/bin/prog", source: "bundled" });
  assert.deepEqual(serverCommand(" /opt/prog/bin/prog ", "/ext/bin/prog"), {
    command: "/opt/prog/bin/prog",
    source: "prog.server.path",
  });
});

const location = {
  uri: "file:///plan.prog",
  range: { start: { line: 3, character: 5 }, end: { line: 3, character: 8 } },
};

test("criticalPath keeps the steps in order with their locations", () => {
  const steps = criticalPath([
    { id: "kickoff", title: "Kick-off", start: "2027-01-04", finish: "2027-01-04", location: null },
    { id: "api", title: "Design", start: "2027-01-05", finish: "2027-01-11", location, duration_days: 5 },
  ]);
  assert.deepEqual(
    steps.map((s) => s.id),
    ["kickoff", "api"],
  );
  assert.equal(steps[0].location, undefined);
  assert.deepEqual(steps[1].location, location);
  assert.equal(steps[1].title, "Design");
});

test("criticalPath drops what is not a step", () => {
  assert.deepEqual(criticalPath(null), []);
  assert.deepEqual(criticalPath({ id: "a" }), []);
  assert.deepEqual(
    criticalPath([3, "x", { id: 4 }, { id: "ok", location: { uri: 1 } }]).map((s) => [s.id, s.location]),
    [["ok", undefined]],
  );
});

test("dates shows a range, or a single day for a milestone", () => {
  assert.equal(dates({ id: "a", start: "2027-01-05", finish: "2027-01-11" }), "2027-01-05 → 2027-01-11");
  assert.equal(dates({ id: "m", start: "2027-01-12", finish: "2027-01-12" }), "2027-01-12");
  assert.equal(dates({ id: "x" }), "");
});

test("the preview page lets nothing be fetched and runs only its own script", () => {
  const page = previewShell("abc123", "https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js");
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? "";
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
  assert.doesNotMatch(csp, /https?:|\*/);
  assert.match(page, /<script nonce="abc123" src="[^"]+preview\.js"><\/script>/);
});

test("taskAt reads the task id from a Gantt bar's tooltip", () => {
  assert.equal(taskAt("api: Design the API — 2027-01-05 to 2027-01-11, float 0d"), "api");
  assert.equal(taskAt("  ready_2: Ready"), "ready_2");
  assert.equal(taskAt("status date 2027-02-01"), undefined);
  assert.equal(taskAt(undefined), undefined);
});
