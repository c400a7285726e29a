#!/usr/bin/env bash
# Builds the libFuzzer harness (Tests/Fuzz) with address sanitizer and runs it, seeded from
# ../shared/conformance and a sample of ../shared/corpus.
# Usage: Scripts/fuzz.sh [SECONDS] [extra libFuzzer flags]   (default 60 s; 0 = until stopped)
# Crashes are written to Benchmarks/results/fuzz/crash-*; replay one with
#   .build-fuzz/ballast-fuzz path/to/crash
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}; shift || true
out=.build-fuzz
swift build -c release --scratch-path "$out" --sanitize=fuzzer --sanitize=address \
  --target LintFormatters >/dev/null
swift build -c release --scratch-path "$out" --sanitize=fuzzer --sanitize=address \
  --target LintRules >/dev/null
bin=$out/release
objects=$(ls "$bin"/{DockerfileSyntax,DockerfileSemantics,LintEngine,LintRules,LintFormatters}.build/*.o)
swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$bin/Modules" \
  Tests/Fuzz/FuzzTarget.swift $objects -o "$out/ballast-fuzz"

corpus=$out/corpus
mkdir -p "$corpus" Benchmarks/results/fuzz
if [ -z "$(ls -A "$corpus")" ]; then
  find ../shared/conformance -name Dockerfile -exec sh -c 'cp "$1" "$2/$(echo "$1" | md5sum | cut -c1-12)"' _ {} "$corpus" \; 2>/dev/null || true
  if [ -d ../shared/corpus/files ]; then
    find ../shared/corpus/files -type f | sort | awk 'NR % 20 == 0' | while read -r f; do
      cp "$f" "$corpus/$(echo "$f" | md5sum | cut -c1-12)"
    done
  fi
fi
exec "$out/ballast-fuzz" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -artifact_prefix=Benchmarks/results/fuzz/ -print_final_stats=1 "$@"
