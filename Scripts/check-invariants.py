#!/usr/bin/env python3
"""Invariants over real files (the whole corpus by default, or --sample N files):
- every finding's range lies inside its file, and offsets agree with line/column;
- every output format is valid: JSON parses, SARIF validates against the schema,
  checkstyle and junit are well-formed XML, GitLab and SonarQube JSON and each Code Climate
  issue parse;
- the same input gives byte-identical output across runs and across thread counts.
Usage: Scripts/check-invariants.py BALLAST_BINARY [--sample N]"""
import json
import os
import subprocess
import sys
import xml.dom.minidom

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def main():
    binary = os.path.abspath(sys.argv[1])
    sample = int(sys.argv[sys.argv.index("--sample") + 1]) if "--sample" in sys.argv else 0
    corpus = os.path.join(SHARED, "corpus")
    if not os.path.isdir(corpus):
        print("corpus not found: nothing to check")
        return 0
    files = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(corpus, "files")) for f in fs)
    if sample:
        files = files[::max(1, len(files) // sample)]
    failures = 0

    def run(*args):
        return subprocess.run([binary, "--no-config", "--failure-threshold", "none"] + list(args) + files,
                              capture_output=True).stdout

    report = json.loads(run("-f", "json"))
    contents = {}
    for f in report["findings"]:
        data = contents.setdefault(f["file"], open(f["file"], "rb").read())
        start, end = f["offset"], f["endOffset"]
        if not (0 <= start <= end <= len(data)):
            failures += 1
            print("range outside file:", f["file"], f["rule"], start, end)
            continue
        line = data[:start].count(b"\n") + 1
        if line != f["line"]:
            failures += 1
            print("line mismatch:", f["file"], f["rule"], line, f["line"])
        line_start = data.rfind(b"\n", 0, start) + 1
        prefix = data[line_start:start]
        if data.startswith(b"\xef\xbb\xbf") and line_start == 0:
            prefix = prefix[3:]
        column = len(prefix.decode("utf-8", "replace")) + 1
        if column != f["column"]:
            failures += 1
            print("column mismatch:", f["file"], f["rule"], column, f["column"])

    try:
        import jsonschema
        schema = json.load(open(os.path.join(SHARED, "schemas", "sarif-schema-2.1.0.json")))
        jsonschema.validate(json.loads(run("-f", "sarif")), schema)
    except ImportError:
        print("jsonschema missing: SARIF schema check skipped")
    xml.dom.minidom.parseString(run("-f", "checkstyle"))
    xml.dom.minidom.parseString(run("-f", "junit"))
    json.loads(run("-f", "gitlab"))
    json.loads(run("-f", "sonarqube"))
    for issue in run("-f", "codeclimate").split(b"\0")[:-1]:
        json.loads(issue)

    first = run("-f", "json", "--jobs", "1")
    for jobs in ("2", "7"):
        if run("-f", "json", "--jobs", jobs) != first:
            failures += 1
            print("output differs with --jobs", jobs)
    if run("-f", "json") != first:
        failures += 1
        print("output differs between runs")
    print("invariants: %d files, %d findings: %d passed, %d failed"
          % (len(files), len(report["findings"]), 1 if failures == 0 else 0, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
