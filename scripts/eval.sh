#!/usr/bin/env bash
# Runs `gapwatch replay` on a labelled corpus (default ../shared/eval/dev) and scores it with the
# corpus's score.py. Fails when alert F1 falls below MIN_ALERT_F1 (default 0.85) or alert precision
# below MIN_ALERT_PRECISION (default unset).
#
#   scripts/eval.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/eval/dev}"
score="${SCORE_PY:-$corpus/../score.py}"
[ -f "$score" ] || score="../shared/eval/score.py"   # the project's own corpora are scored by the shared scorer
[ -f "$corpus/labels.json" ] || { echo "eval: no labels.json in $corpus" >&2; exit 2; }
[ -f "$score" ] || { echo "eval: no score.py at $score" >&2; exit 2; }

bin=$(mktemp -d)/gapwatch
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/gapwatch

window=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['window_hours'])" "$corpus/labels.json")
lookback=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['lookback_hours'])" "$corpus/labels.json")
args=()
while IFS=$'\t' read -r name side; do
  args+=(--feed "$side=$corpus/feeds/$name.xml")
done < <(python3 -c "
import json,sys
for n,f in sorted(json.load(open(sys.argv[1]))['feeds'].items()): print(n+'\t'+f['side'])" "$corpus/labels.json")

pred="$(dirname "$bin")/predictions.jsonl"
"$bin" replay --window "${window}h" --lookback "${lookback}h" "${args[@]}" >"$pred"
min_args=(--min-alert-f1 "${MIN_ALERT_F1:-0.85}")
[ -n "${MIN_ALERT_PRECISION:-}" ] && min_args+=(--min-alert-precision "$MIN_ALERT_PRECISION")
python3 "$score" "$corpus" "$pred" "${min_args[@]}"
