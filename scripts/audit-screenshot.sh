#!/usr/bin/env bash
# Renders the audit report of the bundled samples and screenshots it with headless Chromium,
# to look at what a reader sees.
#
#   scripts/audit-screenshot.sh            target/audit/report.html -> target/audit/report.png
#   WIDTH=900 HEIGHT=1600 scripts/audit-screenshot.sh     another window size
#   ANCHOR=a3 scripts/audit-screenshot.sh                   scrolled to the third article
#
# Installs Debian's chromium when it is missing (needs root and the Debian mirror). Chromium
# runs with a throwaway profile and with background networking off; the report itself loads
# nothing from the network. Prints the PNG's path.
set -euo pipefail
cd "$(dirname "$0")/.."

WIDTH=${WIDTH:-1400}
HEIGHT=${HEIGHT:-2000}
ANCHOR=${ANCHOR:-}
OUT=target/audit

browser=""
for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then
        browser=$name
        break
    fi
done
if [ -z "$browser" ]; then
    echo "audit-screenshot: installing chromium (apt-get)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2
    browser=chromium
fi

mkdir -p "$OUT"
cargo run --release --quiet -- audit data/samples -o "$OUT/report.html" -q

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Chromium prints harmless D-Bus and GPU chatter on stderr; keep it out of the way unless it
# fails.
if ! "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$profile" --screenshot="$OUT/report.png" \
    --window-size="$WIDTH,$HEIGHT" "file://$PWD/$OUT/report.html${ANCHOR:+#$ANCHOR}" >"$profile/log" 2>&1; then
    cat "$profile/log" >&2
    echo "audit-screenshot: chromium failed" >&2
    exit 1
fi
if [ ! -s "$OUT/report.png" ]; then
    cat "$profile/log" >&2
    echo "audit-screenshot: no screenshot was written" >&2
    exit 1
fi
echo "$OUT/report.png"
