#!/usr/bin/env bash
# Renders the audit report of the bundled samples and screenshots it with headless Chromium,
# to look at what a reader sees.
#
#   scripts/audit-screenshot.sh            target/audit/report.html -> target/audit/report.png
#   WIDTH=900 HEIGHT=1600 scripts/audit-screenshot.sh     another window size
#   ANCHOR=a3 scripts/audit-screenshot.sh                   scrolled to the third article
#   KEYS="n n" scripts/audit-screenshot.sh                  after pressing n twice (the second
#                                                           claim to review, details open)
#   HOVER='[data-row=a1-3]' AT=0.9 scripts/audit-screenshot.sh
#                                   the mouse over a claim placed 90% down the window
#   PNG=/tmp/shot.png scripts/audit-screenshot.sh           written elsewhere
#   INPUT="a.jsonl --claims c.csv" scripts/audit-screenshot.sh   other articles (whitespace-
#                                                           separated arguments of audit)
#
# Installs Debian's chromium when it is missing (needs root and the Debian mirror); needs
# python3. Chromium runs with a throwaway profile and with background networking off; the
# report itself loads nothing from the network. Fails when the report's script throws.
# Prints the PNG's path.
set -euo pipefail
cd "$(dirname "$0")/.."

WIDTH=${WIDTH:-1400}
HEIGHT=${HEIGHT:-2000}
ANCHOR=${ANCHOR:-}
KEYS=${KEYS:-}
HOVER=${HOVER:-}
AT=${AT:-0.5}
read -r -a input <<<"${INPUT:-data/samples}"
OUT=target/audit
PNG=${PNG:-$OUT/report.png}

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
cargo run --release --quiet -- audit "${input[@]}" -o "$OUT/report.html" -q
rm -f "$PNG"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Chromium is driven over the DevTools protocol on a pipe (no port is opened): the mouse and
# the keys are real input events, as a reader's would be. Its D-Bus and GPU chatter goes to a
# log, shown only when something fails.
if ! python3 - "$browser" "$profile" "file://$PWD/$OUT/report.html${ANCHOR:+#$ANCHOR}" \
    "$PNG" "$WIDTH" "$HEIGHT" "$HOVER" "$AT" "$KEYS" 2>"$profile/log" <<'PY'; then
import base64, json, os, subprocess, sys, time

browser, profile, url, png, width, height, hover, at, keys = sys.argv[1:]
to_chrome, from_us = os.pipe()
from_chrome, to_us = os.pipe()

def fds():
    # Chromium reads commands from fd 3 and writes answers to fd 4. Copied out of the way
    # first: a pipe may already be fd 3 or 4, and dup2 onto itself would keep it close-on-exec.
    a, b = os.dup(to_chrome), os.dup(to_us)
    os.dup2(a, 3)
    os.dup2(b, 4)

chrome = subprocess.Popen(
    [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
     "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
     "--remote-debugging-pipe", f"--user-data-dir={profile}", f"--window-size={width},{height}",
     "about:blank"],
    close_fds=False, preexec_fn=fds,
    stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "chrome.log"), "wb"))
os.close(to_chrome)
os.close(to_us)
out, buf, ids, session = os.fdopen(from_us, "wb"), b"", iter(range(1, 10**6)), None
events = []

def read():
    global buf
    while b"\0" not in buf:
        chunk = os.read(from_chrome, 1 << 20)
        if not chunk:
            sys.exit("chromium closed the pipe")
        buf += chunk
    msg, buf = buf.split(b"\0", 1)
    return json.loads(msg)

def send(method, **params):
    i = next(ids)
    msg = {"id": i, "method": method, "params": params}
    if session and not method.startswith("Target."):
        msg["sessionId"] = session
    out.write(json.dumps(msg).encode() + b"\0")
    out.flush()
    while True:
        m = read()
        if m.get("id") == i:
            if "error" in m:
                sys.exit(f"{method}: {m['error']}")
            return m.get("result", {})
        events.append(m)

def wait(event, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        while events:
            if events.pop(0).get("method") == event:
                return
        events.append(read())
    sys.exit(f"no {event}")

def js(expr):
    r = send("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
    if "exceptionDetails" in r:
        sys.exit(f"script error: {r['exceptionDetails']}")
    return r["result"].get("value")

def settle():
    js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

target = next(t for t in send("Target.getTargets")["targetInfos"] if t["type"] == "page")
session = send("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]
send("Page.enable")
send("Runtime.enable")
# Focus rings show as they would in a window that has the focus.
send("Emulation.setFocusEmulationEnabled", enabled=True)
send("Page.navigate", url=url)
wait("Page.loadEventFired")
settle()
if hover:
    point = js(f"""(() => {{
        const el = document.querySelector({json.dumps(hover)});
        if (!el) return null;
        window.scrollBy(0, el.getClientRects()[0].top - {float(at)} * window.innerHeight);
        const r = el.getClientRects()[0];
        return [r.left + Math.min(r.width / 2, 40), r.top + r.height / 2];
    }})()""")
    if point is None:
        sys.exit(f"nothing matches {hover}")
    settle()
    # Two moves: the second is the one onto the claim, with a movement.
    for dx in (-30, 0):
        send("Input.dispatchMouseEvent", type="mouseMoved", x=point[0] + dx, y=point[1])
for key in keys.split():
    for kind in ("keyDown", "keyUp"):
        send("Input.dispatchKeyEvent", type=kind, key=key, text=key if kind == "keyDown" else "",
             code=f"Key{key.upper()}", windowsVirtualKeyCode=ord(key.upper()))
    settle()
settle()
for m in events:
    if m.get("method") == "Runtime.exceptionThrown":
        sys.exit(f"the report's script failed: {m['params']['exceptionDetails']}")
shot = send("Page.captureScreenshot", format="png")["data"]
open(png, "wb").write(base64.b64decode(shot))
send("Browser.close")
chrome.wait(timeout=20)
PY
    cat "$profile/log" "$profile/chrome.log" >&2 2>/dev/null || true
    echo "audit-screenshot: chromium failed" >&2
    exit 1
fi
if [ ! -s "$PNG" ]; then
    echo "audit-screenshot: no screenshot was written" >&2
    exit 1
fi
echo "$PNG"
