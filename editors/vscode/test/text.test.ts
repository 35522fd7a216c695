import assert from "node:assert/strict";
import { test } from "node:test";
import { criticalPath, dates, serverCommand } from "../src/text.ts";

test("the server is `prog` on PATH unless a path is configured", () => {
  assert.equal(serverCommand(undefined), "prog");
  assert.equal(serverCommand("  "), "prog");
  assert.equal(serverCommand(" /opt/prog/bin/prog "), "/opt/prog/bin/prog");
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
