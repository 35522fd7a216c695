// Tokenizes every example plan with the shipped TextMate grammar, as VS Code does, and fails
// if any token is marked invalid or if any non-blank text gets no scope of its own.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import oniguruma from "vscode-oniguruma";
import textmate from "vscode-textmate";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..", "..");
const require = createRequire(import.meta.url);

const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
await oniguruma.loadWASM(wasm);
const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async () =>
    textmate.parseRawGrammar(
      readFileSync(join(here, "..", "syntaxes", "prog.tmLanguage.json"), "utf8"),
      "prog.json",
    ),
});
const grammar = await registry.loadGrammar("source.prog");

// Plans named on the command line, or else every example.
const plans =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        ...readdirSync(join(repo, "examples"))
          .filter((f) => f.endsWith(".prog"))
          .map((f) => join(repo, "examples", f)),
        join(repo, "tests", "fixtures", "contract.prog"),
      ];
let failures = 0;
for (const plan of plans) {
  let state = textmate.INITIAL;
  readFileSync(plan, "utf8")
    .split("\n")
    .forEach((line, i) => {
      const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
      state = ruleStack;
      for (const t of tokens) {
        const text = line.slice(t.startIndex, t.endIndex);
        const bad =
          t.scopes.some((s) => s.startsWith("invalid")) || (t.scopes.length === 1 && text.trim() !== "");
        if (bad) {
          failures++;
          console.error(`${plan}:${i + 1}:${t.startIndex + 1}: \`${text}\` has scopes ${t.scopes.join(" ")}`);
        }
      }
    });
}
if (failures > 0) {
  console.error(`${failures} badly highlighted token(s)`);
  process.exit(1);
}
console.log(`highlighted ${plans.length} example plans without an invalid or unscoped token`);
