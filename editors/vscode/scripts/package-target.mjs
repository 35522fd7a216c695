// Packages the extension for one platform with the `prog` binary inside (bin/prog):
//   node scripts/package-target.mjs linux-x64 [path/to/prog]
// The binary defaults to the repository's release build. Writes prog-<target>.vsix.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, rmSync } from "node:fs";

const [target, binary = "../../target/release/prog"] = process.argv.slice(2);
if (!target) {
  console.error("usage: node scripts/package-target.mjs TARGET [PROG_BINARY]");
  process.exit(2);
}
mkdirSync("bin", { recursive: true });
copyFileSync(binary, "bin/prog");
chmodSync("bin/prog", 0o755);
try {
  const out = `prog-${target}.vsix`;
  execFileSync(
    "npx",
    [
      "vsce",
      "package",
      "--no-dependencies",
      "--skip-license",
      // Where the README's screenshot resolves (the repository's placeholder address, as in package.json).
      "--baseImagesUrl",
      "https://example.invalid/prog/raw/main/editors/vscode",
      "--target",
      target,
      "--out",
      out,
    ],
    { stdio: "inherit" },
  );
} finally {
  // The universal package (`npm run package`) must not pick up a binary left behind.
  rmSync("bin", { recursive: true, force: true });
}
