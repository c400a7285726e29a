#!/usr/bin/env bash
# Parsing speed: the whole corpus in one process, from a release build.
# Usage: Benchmarks/parse-corpus.sh [RUNS]   (fetches nothing; uses hyperfine when present)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "no corpus at $corpus"; exit 2; }

swift build -c release --product ballast >/dev/null
bin=$PWD/.build/release/ballast
list=$(mktemp)
trap 'rm -f "$list"' EXIT
(cd "$corpus" && find files -type f | sort) >"$list"
count=$(wc -l <"$list")
bytes=$(cd "$corpus" && xargs -a "$list" cat | wc -c)

cd "$corpus"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" --export-json /tmp/ballast-parse.json \
    "xargs -s 2000000 -a $list $bin parse --format buildkit >/dev/null" >/dev/null
  median=$(python3 -c "import json;print(json.load(open('/tmp/ballast-parse.json'))['results'][0]['median'])")
else
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    xargs -s 2000000 -a "$list" "$bin" parse --format buildkit >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
fi
python3 - "$median" "$count" "$bytes" <<'PY'
import sys
median, count, size = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print("files: %d (%.1f MB)" % (count, size / 1e6))
print("whole corpus, one process, median: %.3f s" % median)
print("per file: %.1f us, throughput: %.1f MB/s" % (median / count * 1e6, size / 1e6 / median))
PY
