#!/usr/bin/env bash
# Builds the libFuzzer harness (Tests/Fuzz) with address sanitizer and runs it, seeded from
# ../shared/conformance and a sample of ../shared/corpus.
#
#   Scripts/fuzz.sh [SECONDS] [libFuzzer flags]   explore (default 60 s; 0 = until stopped); the
#                                                 corpus in .build-fuzz/corpus grows run by run
#   Scripts/fuzz.sh --smoke                       what CI runs: replays every checked-in crash
#                                                 under ASan, then a fixed number of mutations
#                                                 with a fixed seed from fresh seeds, so the
#                                                 same commit always gives the same verdict
#
# Crashes are written to Benchmarks/results/fuzz/crash-*; replay one with
#   .build-fuzz/ballast-fuzz path/to/crash
# and keep it in Tests/LintRulesTests/FuzzRegressions/ so `swift test` replays it forever.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=explore
if [ "${1:-}" = "--smoke" ]; then mode=smoke; shift; fi
seconds=${1:-60}; [ $# -gt 0 ] && shift
out=.build-fuzz
# One combined flag: swiftc keeps only the last of several `-sanitize=` options, so SwiftPM's
# `--sanitize=fuzzer --sanitize=address` builds ASan objects without coverage counters and the
# fuzzer runs blind (36 edges instead of thousands).
sanitize=(-Xswiftc -sanitize=fuzzer,address)
swift build -c release --scratch-path "$out" "${sanitize[@]}" --target LintFormatters >/dev/null
swift build -c release --scratch-path "$out" "${sanitize[@]}" --target LintRules >/dev/null
bin=$out/release
objects=$(ls "$bin"/{DockerfileSyntax,DockerfileSemantics,LintEngine,LintRules,LintFormatters}.build/*.o)
swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$bin/Modules" \
  Tests/Fuzz/FuzzTarget.swift $objects -o "$out/ballast-fuzz"

seed_corpus() {
  mkdir -p "$1"
  # Configuration files are fuzzed too (the harness reads every input as one).
  printf '{"version": 1, "ignore": ["maintainer-deprecated"], "failureThreshold": "warning",\n "trustedRegistries": ["ghcr.io/acme"], "rules": {"BL5001": {"severity": "error"},\n "unpinned-base-image": {"enabled": false}}}\n' > "$1/config-full"
  printf '{"version": 1, "rules": {"BL1": {"enabled": true}}, "failureThreshold": "none"}' > "$1/config-prefix"
  find ../shared/conformance -name Dockerfile -exec sh -c 'cp "$1" "$2/$(echo "$1" | md5sum | cut -c1-12)"' _ {} "$1" \; 2>/dev/null || true
  if [ -d ../shared/corpus/files ]; then
    find ../shared/corpus/files -type f | sort | awk -v step="$2" 'NR % step == 0' | while read -r f; do
      cp "$f" "$1/$(echo "$f" | md5sum | cut -c1-12)"
    done
  fi
}

mkdir -p Benchmarks/results/fuzz
flags=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
  -dict=Tests/Fuzz/dockerfile.dict)
if [ "$mode" = smoke ]; then
  # Swift seeds its hashing per process; fixed, the same commit explores the same inputs.
  export SWIFT_DETERMINISTIC_HASHING=1
  "$out/ballast-fuzz" "${flags[@]}" Tests/LintRulesTests/FuzzRegressions/*
  corpus=$(mktemp -d)
  trap 'rm -rf "$corpus"' EXIT
  seed_corpus "$corpus" 100
  # Not `exec`: the trap must still remove the scratch corpus.
  "$out/ballast-fuzz" "$corpus" "${flags[@]}" -seed=1 -runs=4000 \
    -artifact_prefix=Benchmarks/results/fuzz/ "$@"
  exit
fi
corpus=$out/corpus
if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then seed_corpus "$corpus" 20; fi
exec "$out/ballast-fuzz" "$corpus" "${flags[@]}" -max_total_time="$seconds" \
  -artifact_prefix=Benchmarks/results/fuzz/ "$@"
