#!/usr/bin/env bash
# CI for `prog report`: render the HTML report of the example plan in headless
# Chromium and fail on a load error or a missing or empty screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    echo "== installing chromium (Debian)"
    sudo_if_needed=""
    if [ "$(id -u)" -ne 0 ]; then sudo_if_needed="sudo"; fi
    $sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
fi
chromium --version

echo "== cargo build --release -p prog_cli"
cargo build --release -p prog_cli

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
html="$work/report.html"
png="$work/report.png"

echo "== prog report examples/feature_rollout.prog"
target/release/prog report examples/feature_rollout.prog -o "$html"
test -s "$html"

echo "== chromium --headless --screenshot"
log="$work/chromium.log"
# A page that fails to load still gives a screenshot (of an error page), so
# the log is checked too.
if ! timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --screenshot="$png" --window-size=1400,4000 \
    "file://$html" >"$log" 2>&1; then
    cat "$log"
    echo "chromium failed" >&2
    exit 1
fi
if grep -E "ERR_(FILE_NOT_FOUND|ACCESS_DENIED|INVALID_URL|FAILED)|Failed to load|net::ERR_" "$log"; then
    echo "the report failed to load" >&2
    exit 1
fi
if [ ! -s "$png" ]; then
    cat "$log"
    echo "no screenshot written" >&2
    exit 1
fi
# A PNG starts with its 8-byte signature.
if [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
    echo "the screenshot is not a PNG" >&2
    exit 1
fi
echo "report rendered: $(wc -c <"$png") bytes of PNG"
if [ -n "${REPORT_PNG:-}" ]; then cp "$png" "$REPORT_PNG"; fi
