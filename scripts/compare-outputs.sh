#!/usr/bin/env bash
# Every output whosaid makes, for checking that a refactoring changes none of them.
#
#   scripts/compare-outputs.sh BIN DIR            writes, with the binary BIN, the claims CSV and
#                                                 JSONL and the speakers table of news.jsonl,
#                                                 PolNeAR dev and data/samples at -j1 and -j2,
#                                                 dev with --beliefs, and the audit reports of
#                                                 the samples and of dev, into DIR
#   scripts/compare-outputs.sh --diff A B [SED]   compares two such directories file by file,
#                                                 after the sed script SED on A's files if given
#                                                 (for renamed rule ids); exit 1 on a difference
#   scripts/compare-outputs.sh --diff-confidence A B
#                                                 the same for A, written by a build before the
#                                                 `confidence` column, and B, written with
#                                                 --rules-only: B's claims files must be A's
#                                                 with `,1` (CSV) or `,"confidence":1` (JSONL)
#                                                 added at the end of every row, and nothing else
#   WHOSAID_FLAGS="--rules-only" scripts/compare-outputs.sh BIN DIR
#                                                 passes the flags to every command of BIN
#
# Needs ../shared (news.jsonl and PolNeAR dev); says so and exits 0 without it.
set -uo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == --diff ]]; then
  a=$2; b=$3; sedf=${4:-}
  rc=0
  for f in $(cd "$a" && ls); do
    if [[ -n "$sedf" ]]; then
      cmp -s <(sed -f "$sedf" "$a/$f") "$b/$f" || { echo "DIFF $f"; rc=1; }
    else
      cmp -s "$a/$f" "$b/$f" || { echo "DIFF $f"; rc=1; }
    fi
  done
  [[ $rc == 0 ]] && echo "all identical ($(ls "$a" | wc -l) files)"
  exit $rc
fi
if [[ "${1:-}" == --diff-confidence ]]; then
  a=$2; b=$3
  rc=0
  for f in $(cd "$a" && ls); do
    python3 - "$b/$f" "$f" <<'PY' | cmp -s "$a/$f" - || { echo "DIFF $f"; rc=1; }
import sys
path, name = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
out = bytearray()
if name.endswith(".speakers.csv") or name.endswith(".html"):
    out = data  # no confidence column in these
elif name.endswith(".jsonl"):
    for line in data.splitlines(keepends=True):
        suffix = b',"confidence":1}\n'
        if not line.endswith(suffix):
            sys.exit(f"{name}: a row without confidence 1 at its end: {line[-80:]!r}")
        out += line[: -len(suffix)] + b"}\n"
else:
    # CSV: a record ends at a line break outside quotes; its last field must be "1" (the
    # header's "confidence"), which goes with the comma before it.
    quoted, start, header = False, 0, True
    for i, c in enumerate(data):
        if c == 0x22:
            quoted = not quoted
        elif c == 0x0A and not quoted:
            record = data[start:i]
            want = b",confidence" if header else b",1"
            if not record.endswith(want):
                sys.exit(f"{name}: a record that does not end in {want!r}: {record[-80:]!r}")
            out += record[: -len(want)] + b"\n"
            start, header = i + 1, False
    out += data[start:]
sys.stdout.buffer.write(out)
PY
  done
  [[ $rc == 0 ]] && echo "all identical but the confidence column ($(ls "$a" | wc -l) files)"
  exit $rc
fi
if [[ $# -ne 2 ]]; then
  echo "usage: $0 BIN DIR | $0 --diff A B [SED]" >&2
  exit 2
fi
shared=../shared
if [[ ! -f $shared/corpus/news.jsonl || ! -f $shared/eval/polnear/dev.jsonl ]]; then
  echo "$shared is absent: nothing to compare on. Nothing was written."
  exit 0
fi
bin=$(realpath "$1"); out=$2; mkdir -p "$out"
read -r -a flags <<<"${WHOSAID_FLAGS:-}"
# A fixed path for dev's text, as the audit report's title names its input.
dev=/tmp/whosaid-compare-dev; mkdir -p $dev
[[ -f $dev/dev.jsonl ]] || python3 - "$shared/eval/polnear/dev.jsonl" "$dev/dev.jsonl" <<'PY'
import json, os, sys
tmp = sys.argv[2] + ".tmp%d" % os.getpid()
with open(sys.argv[1]) as f, open(tmp, "w") as g:
    for line in f:
        d = json.loads(line)
        g.write(json.dumps({"id": d["id"], "text": d["text"]}) + "\n")
os.rename(tmp, sys.argv[2])
PY
for j in 1 2; do
  for name in news dev samples; do
    case $name in news) in=$shared/corpus/news.jsonl;; dev) in=$dev/dev.jsonl;; samples) in=data/samples;; esac
    "$bin" "${flags[@]}" extract -q -j$j "$in" -o "$out/$name.j$j.csv" --speakers "$out/$name.j$j.speakers.csv"
    "$bin" "${flags[@]}" extract -q -j$j "$in" --format jsonl -o "$out/$name.j$j.jsonl"
  done
done
"$bin" "${flags[@]}" extract -q --beliefs $dev/dev.jsonl -o "$out/dev.beliefs.csv"
"$bin" "${flags[@]}" audit -q data/samples -o "$out/samples.audit.html"
"$bin" "${flags[@]}" audit -q --per-page 30 $dev/dev.jsonl -o "$out/dev.audit.html"
echo "$(ls "$out" | wc -l) files in $out"
