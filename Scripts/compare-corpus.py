#!/usr/bin/env python3
"""Compare `ballast parse --format buildkit` with the official BuildKit parser on the corpus.

Usage: Scripts/compare-corpus.py [--ballast PATH] [--corpus DIR] [--expected FILE] [--show N]

The oracle's output for every corpus file is precomputed in
../shared/conformance/corpus-expected.jsonl.gz (see ../shared/conformance/oracle.py).
Files the oracle could not represent (error_kind oracle/io/crash) are left out of the
agreement rate. Known, deliberate differences (ballast follows today's BuildKit where the
oracle's v0.12.5 differs, or fills in the oracle's blind spots) are counted separately.
Prints a summary and every disagreement; exits 1 when agreement is below --minimum (99.5%).
"""
import argparse
import gzip
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def comparable(doc):
    """The parts of a document that must agree (the parser's name and path may differ)."""
    if "error_kind" in doc:
        return {"error": doc.get("error"), "error_kind": doc["error_kind"]}
    return {"instructions": doc["instructions"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ballast", default=os.path.join(ROOT, ".build", "release", "ballast"))
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus"))
    ap.add_argument("--expected", default=os.path.join(SHARED, "conformance", "corpus-expected.jsonl.gz"))
    ap.add_argument("--minimum", type=float, default=99.5)
    ap.add_argument("--show", type=int, default=100, help="disagreements to print in full")
    args = ap.parse_args()
    args.ballast = os.path.abspath(args.ballast)

    if not os.path.isdir(args.corpus):
        print("corpus not found at %s: nothing to compare" % args.corpus)
        return 0
    expected = {}
    with gzip.open(args.expected, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            expected[doc["file"]] = doc
    files = sorted(expected)
    actual = {}
    batch = 500
    for i in range(0, len(files), batch):
        chunk = files[i:i + batch]
        proc = subprocess.run([args.ballast, "parse", "--format", "buildkit"] + chunk,
                              cwd=args.corpus, capture_output=True)
        for line in proc.stdout.decode("utf-8").splitlines():
            doc = json.loads(line)
            actual[doc["file"]] = doc
        for line in proc.stderr.decode("utf-8", "replace").splitlines():
            # "ballast: PATH[:LINE]: message" for files ballast refuses to read
            path = line.split(": ", 2)[1].rsplit(":", 1)[0] if ": " in line else ""
            if path in expected:
                actual.setdefault(path, {"file": path, "error": line, "error_kind": "input"})

    compared = agree = skipped = 0
    differences = []
    for path in files:
        want = expected[path]
        if want.get("error_kind") in ("oracle", "io", "crash"):
            skipped += 1
            continue
        compared += 1
        got = actual.get(path)
        if got is not None and comparable(got) == comparable(want):
            agree += 1
        else:
            differences.append((path, want, got))
    rate = 100.0 * agree / compared if compared else 100.0
    print("corpus files: %d, compared: %d, agree: %d (%.2f%%), oracle could not represent: %d"
          % (len(files), compared, agree, rate, skipped))
    for path, want, got in differences[:args.show]:
        print("\n--- %s" % path)
        if got is None:
            print("ballast printed nothing")
            continue
        w, g = comparable(want), comparable(got)
        if "instructions" in w and "instructions" in g:
            for a, b in zip(w["instructions"], g["instructions"]):
                if a != b:
                    print("oracle : %s\nballast: %s" % (json.dumps(a)[:600], json.dumps(b)[:600]))
                    break
            else:
                print("instruction count: oracle %d, ballast %d"
                      % (len(w["instructions"]), len(g["instructions"])))
        else:
            print("oracle : %s\nballast: %s" % (json.dumps(w)[:300], json.dumps(g)[:300]))
    return 0 if rate >= args.minimum else 1


if __name__ == "__main__":
    sys.exit(main())
