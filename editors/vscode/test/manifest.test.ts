import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

// Run from the extension directory (npm scripts do).
const manifest = JSON.parse(readFileSync("package.json", "utf8"));
const source = readFileSync("src/extension.ts", "utf8");

test("every contributed command is registered, and no other", () => {
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  const registered = [...source.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(registered, contributed);
  // The server's own command id is registered by the language client; taking it too would clash.
  assert.ok(!contributed.includes("prog.showCriticalPath"));
});

test("critical tokens have a default colour", () => {
  const rules = manifest.contributes.configurationDefaults["editor.semanticTokenColorCustomizations"].rules;
  assert.match(rules["*.critical:prog"].foreground, /^#[0-9a-f]{6}$/i);
  assert.ok(manifest.contributes.semanticTokenModifiers.some((m: { id: string }) => m.id === "critical"));
});

test("the settings the extension reads are declared", () => {
  const declared = Object.keys(manifest.contributes.configuration.properties);
  for (const key of ["server.path", "inlayHints.float", "inlayHints.baseline"]) {
    assert.ok(source.includes(`"${key}"`), `extension.ts does not read ${key}`);
    assert.ok(declared.includes(`prog.${key}`), `package.json does not declare prog.${key}`);
  }
  assert.ok(declared.includes("prog.trace.server"));
});
