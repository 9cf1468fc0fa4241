#!/usr/bin/env bash
# Scores whosaid's speakers on the speakers check set (tests/fixtures/speakers: 43 hand-annotated
# Reuters, BBC and PolNeAR-train articles with each claim's resolved name, type, title and role).
# The annotation holds no article text; this needs ../shared for the texts and says so if absent.
# After score.py's figures, each track prints whosaid's own on the speaker fields: name, anon,
# type, title (and spurious titles), org, and malformed speakers (see `whosaid eval --help`).
#
#   scripts/eval-speakers.sh                 # both tracks
#   scripts/eval-speakers.sh --errors 20     # further flags go to `whosaid eval`
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d ../shared/corpus || ! -d ../shared/eval/polnear ]]; then
  echo "../shared is absent: the speakers check set needs its texts (Reuters-21578, BBC, PolNeAR)."
  echo "Nothing was measured."
  exit 0
fi
gold=$(mktemp --suffix=.speakers.gold.jsonl)
trap 'rm -f "$gold"' EXIT
python3 tests/fixtures/speakers/build_gold.py -o "$gold"
cargo build --release --quiet
echo "== whosaid eval --gold tests/fixtures/speakers (built from ../shared) $*"
target/release/whosaid eval --gold "$gold" "$@"
