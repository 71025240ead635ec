#!/usr/bin/env bash
# Scores factmine's quantities against the Recognizers-Text spec sets in
# ../shared/eval (see its README.md): runs `factmine extract` on each
# recognizers_{zh,en}_{Number,Percent,Currency,Dimension}Model.jsonl, scores
# the predictions with score_quantities.py, and prints one compact row per
# set plus the overall row (all sets pooled).
# Each set is a model of one kind, so extract keeps what that model reports:
#   Number     --layer numbers --dimensions number (every number but ordinals)
#   Percent    --dimensions percent,percentage_point
#   Currency   --dimensions currency --unit-mentions
#   Dimension  --dimensions mass,length,area,volume,speed,information --unit-mentions
# (those models also report a unit named without an amount, "人民币", "dollar").
# With UNFILTERED=1 every set gets the whole quantity layer instead.
#
# Usage: tools/score_quantities.sh OUTDIR [-- SCORER_OPTIONS...]
#   OUTDIR receives, per set: pred_<set>.jsonl (the extract output),
#   score_<set>.json (all metrics), errors_<set>.jsonl (missed/spurious per
#   case), score_<set>.txt (the scorer's own table); and the same for "all".
#   SCORER_OPTIONS are passed to score_quantities.py (e.g. --all).
# Environment: FACTMINE (default: build/factmine), EVAL_DIR (default:
#   ../shared/eval next to the repository), THREADS (default: 2),
#   UNFILTERED (set: no per-set selection).
# Exit code: 0, or 2 on a usage error or a failed run.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 1 && "$1" != -* ]] || usage
out="$1"
shift
if [[ $# -gt 0 ]]; then
  [[ "$1" == "--" ]] || usage
  shift
fi

repo="$(cd "$(dirname "$0")/.." && pwd)"
factmine="${FACTMINE:-$repo/build/factmine}"
eval_dir="${EVAL_DIR:-$repo/../shared/eval}"
threads="${THREADS:-2}"
scorer="$eval_dir/score_quantities.py"

[[ -x "$factmine" ]] || { echo "score_quantities: no factmine binary at $factmine (set FACTMINE)" >&2; exit 2; }
[[ -f "$scorer" ]] || { echo "score_quantities: no scorer at $scorer (set EVAL_DIR)" >&2; exit 2; }
mkdir -p "$out"

sets=()
for lang in zh en; do
  for model in Number Percent Currency Dimension; do
    sets+=("${lang}_${model}")
  done
done

: > "$out/gold_all.jsonl"
: > "$out/pred_all.jsonl"

# The extract options for a set ($1, e.g. zh_Currency).
select_for() {
  [[ -n "${UNFILTERED:-}" ]] && return
  case "${1#*_}" in
    Number) echo "--layer numbers --dimensions number" ;;
    Percent) echo "--dimensions percent,percentage_point" ;;
    Currency) echo "--dimensions currency --unit-mentions" ;;
    Dimension) echo "--dimensions mass,length,area,volume,speed,information --unit-mentions" ;;
  esac
}

# Runs extract on one gold file and scores it; $1 = set name, $2 = gold.
score_set() {
  local name="$1" gold="$2" code=0
  shift 2
  # shellcheck disable=SC2046  # the options are words
  "$factmine" extract --quiet --threads "$threads" $(select_for "$name") "$gold" \
    > "$out/pred_$name.jsonl" 2> "$out/extract_$name.err" || code=$?
  if [[ $code -gt 1 ]]; then
    echo "score_quantities: factmine extract failed on $gold (exit $code):" >&2
    cat "$out/extract_$name.err" >&2
    exit 2
  fi
  python3 "$scorer" "$gold" "$out/pred_$name.jsonl" "$@" \
    --json "$out/score_$name.json" --errors "$out/errors_$name.jsonl" \
    > "$out/score_$name.txt"
}

for s in "${sets[@]}"; do
  gold="$eval_dir/recognizers_${s}Model.jsonl"
  [[ -f "$gold" ]] || { echo "score_quantities: missing $gold" >&2; exit 2; }
  score_set "$s" "$gold" "$@"
  cat "$gold" >> "$out/gold_all.jsonl"
  cat "$out/pred_$s.jsonl" >> "$out/pred_all.jsonl"
done
# Overall: every set pooled (ids are unique across the sets).
python3 "$scorer" "$out/gold_all.jsonl" "$out/pred_all.jsonl" "$@" \
  --json "$out/score_all.json" --errors "$out/errors_all.jsonl" > "$out/score_all.txt"

python3 - "$out" "${sets[@]}" all <<'EOF'
import json, sys
out, names = sys.argv[1], sys.argv[2:]
def f1(r, k):
    m = r.get(k)
    return "  n/a" if m is None else "%5.1f" % m["F1"]
print("%-14s %6s  %-20s %8s %8s %8s %8s" %
      ("set", "cases", "value P / R / F1", "val+unit", "span_ex", "span_ov", "unit_acc"))
for n in names:
    r = json.load(open("%s/score_%s.json" % (out, n)))["overall"]
    v = r["value"]
    ua = r.get("unit_acc")
    print("%-14s %6d  %5.1f / %5.1f / %5.1f %8s %8s %8s %8s" %
          (n, r["cases"], v["P"], v["R"], v["F1"], f1(r, "value+unit"), f1(r, "span_exact"),
           f1(r, "span_overlap"), "  n/a" if ua is None else "%5.1f" % ua))
print("(outputs in %s: pred_*.jsonl, score_*.json, errors_*.jsonl)" % out)
EOF
