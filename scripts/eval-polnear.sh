#!/usr/bin/env bash
# Scores whosaid on PolNeAR (dev by default; `train` as the argument for train), both tracks,
# and prints the referee's own figures for the same claims beside them, so that a reader sees
# the two agree.
#
#   scripts/eval-polnear.sh            # dev
#   scripts/eval-polnear.sh train      # train
#   scripts/eval-polnear.sh dev --errors 20    # further flags go to `whosaid eval`
#   scripts/eval-polnear.sh dev --beliefs      # with sourceless beliefs, as PolNeAR marks them
set -euo pipefail
cd "$(dirname "$0")/.."

split="${1:-dev}"
shift || true
case "$split" in
  dev | train) ;;
  *) echo "usage: $0 [dev|train] [whosaid eval flags...]" >&2; exit 2 ;;
esac

shared="../shared/eval"
gold="$shared/polnear/$split.jsonl"
if [[ ! -f "$gold" ]]; then
  cat <<EOF
$gold is absent: this benchmark needs PolNeAR converted to the gold JSONL of
whosaid eval (one article per line: id, text, quotes with character offsets).
PolNeAR: Newell, Margolin & Ruths, "An Attribution Relations Corpus for Political News",
LREC 2018 (github networkdynamics/PolNeAR)
Nothing was measured.
EOF
  exit 0
fi

cargo build --release --quiet
whosaid=target/release/whosaid

echo "== whosaid eval --gold $gold $*"
start=$(date +%s)
"$whosaid" eval --gold "$gold" "$@"
echo "(extraction and scoring: $(( $(date +%s) - start )) s)"

if [[ -f "$shared/score.py" ]] && command -v python3 >/dev/null; then
  claims=$(mktemp --suffix=.csv)
  trap 'rm -f "$claims"' EXIT
  # The referee reads the CSV that extract writes; --no-sanitize keeps fields exactly as found.
  # --beliefs, when given, changes what is extracted, so the referee's claims get it too.
  extract_flags=()
  for flag in "$@"; do
    if [[ "$flag" == --beliefs ]]; then extract_flags+=(--beliefs); fi
  done
  "$whosaid" extract --quiet --no-sanitize "${extract_flags[@]}" -o "$claims" "$gold"
  echo
  echo "== referee: python3 $shared/score.py on the same claims"
  for track in all quoted; do
    python3 "$shared/score.py" --gold "$gold" --pred "$claims" --track "$track"
  done
  echo
  echo "== whosaid eval --pred on the same claims (must print the same as the referee)"
  "$whosaid" eval --gold "$gold" --pred "$claims"
else
  echo "(python3 or $shared/score.py missing: the referee's figures are not shown)"
fi
