// The TextMate grammar lives in grammar/textmate/ next to the tree-sitter grammar; the
// extension ships a copy, since a .vsix holds only files under this directory.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
mkdirSync(join(root, "syntaxes"), { recursive: true });
copyFileSync(
  join(root, "..", "..", "grammar", "textmate", "prog.tmLanguage.json"),
  join(root, "syntaxes", "prog.tmLanguage.json"),
);
