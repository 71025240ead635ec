#!/usr/bin/env bash
# Scores factmine's Chinese word segmentation on the SIGHAN 2005 MSR test
# set in ../shared/eval (see its README.md): runs `factmine segment` on
# msr_test.utf8, scores the output against msr_test_gold.utf8 with
# score_segmentation.py (OOV = not in msr_training_words.utf8), and prints
# precision, recall, F1, OOV recall and IV recall on one line each.
#
# Usage: tools/score_segmentation.sh [OUTDIR]
#   OUTDIR (default: a temporary directory, removed afterwards) receives
#   msr_pred.utf8 (the segmented text) and score.json (all metrics).
# Environment: FACTMINE (default: build/factmine), EVAL_DIR (default:
#   ../shared/eval next to the repository), SEGMENT_OPTIONS (extra options
#   for factmine segment, e.g. --raw).
# Exit code: 0, or 2 on a usage error or a failed run.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -le 1 && "${1:-}" != -* ]] || usage

repo="$(cd "$(dirname "$0")/.." && pwd)"
factmine="${FACTMINE:-$repo/build/factmine}"
eval_dir="${EVAL_DIR:-$repo/../shared/eval}"
scorer="$eval_dir/score_segmentation.py"
test_file="$eval_dir/msr_test.utf8"
gold="$eval_dir/msr_test_gold.utf8"
words="$eval_dir/msr_training_words.utf8"

[[ -x "$factmine" ]] || { echo "score_segmentation: no factmine binary at $factmine (set FACTMINE)" >&2; exit 2; }
for f in "$scorer" "$test_file" "$gold" "$words"; do
  [[ -f "$f" ]] || { echo "score_segmentation: missing $f (set EVAL_DIR)" >&2; exit 2; }
done

if [[ $# -eq 1 ]]; then
  out="$1"
  mkdir -p "$out"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

# shellcheck disable=SC2086  # SEGMENT_OPTIONS is a list of options
if ! "$factmine" segment ${SEGMENT_OPTIONS:-} < "$test_file" > "$out/msr_pred.utf8" 2> "$out/segment.err"; then
  echo "score_segmentation: factmine segment failed:" >&2
  cat "$out/segment.err" >&2
  exit 2
fi
python3 "$scorer" "$words" "$gold" "$out/msr_pred.utf8" --json > "$out/score.json"

python3 - "$out/score.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
print("MSR (SIGHAN 2005), %d gold words, OOV rate %.3f" % (r["gold_words"], r["oov_rate"]))
for k, name in (("P", "precision"), ("R", "recall"), ("F1", "F1"),
                ("oov_recall", "OOV recall"), ("iv_recall", "IV recall")):
    print("%-11s %.4f" % (name, r[k]))
if r["lines_text_mismatch"]:
    print("(%d lines whose text differs from the gold's; the gold file has misplaced quotes)"
          % r["lines_text_mismatch"])
EOF
