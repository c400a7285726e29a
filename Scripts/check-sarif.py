#!/usr/bin/env python3
"""Validate ballast's SARIF output against the official SARIF 2.1.0 schema and GitHub code
scanning's documented limits. Usage: Scripts/check-sarif.py BALLAST_BINARY"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(os.path.dirname(ROOT), "shared", "schemas", "sarif-schema-2.1.0.json")


def main():
    binary = os.path.abspath(sys.argv[1])
    try:
        import jsonschema
    except ImportError:
        print("jsonschema is not installed: pip install jsonschema")
        return 1
    proc = subprocess.run([binary, "lint", "--no-config", "--format", "sarif", "Tests/Fixtures", "Examples"],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        print(proc.stderr)
        return 1
    log = json.loads(proc.stdout)
    with open(SCHEMA, encoding="utf-8") as f:
        jsonschema.validate(log, json.load(f))
    run = log["runs"][0]
    results = run["results"]
    assert results, "the fixtures must produce findings"
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) <= 25000 and len(results) <= 25000
    for rule in rules:
        assert rule.get("helpUri") and rule["help"]["text"], rule["id"]
        assert len(rule["fullDescription"]["text"]) <= 1024
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith("/"), location
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert result["partialFingerprints"]["primaryLocationLineHash"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    # Fixes: each change is to the result's own file, regions are ordered and within it.
    fixes = 0
    for result in results:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for fix in result.get("fixes", []):
            fixes += 1
            assert fix["description"]["text"], result
            for change in fix["artifactChanges"]:
                assert change["artifactLocation"]["uri"] == uri, change
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    assert (region["startLine"], region["startColumn"]) <= \
                        (region["endLine"], region["endColumn"]), region
    assert fixes, "the fixtures must produce findings with fixes"
    # Related locations (a file deleted one layer after the COPY that added it).
    related_input = "FROM debian:12-slim\nCOPY app.tar.gz /tmp/app.tar.gz\nRUN rm /tmp/app.tar.gz\n"
    proc = subprocess.run([binary, "lint", "--no-config", "--format", "sarif", "--stdin-filename",
                           "Dockerfile", "-"], cwd=ROOT, capture_output=True, text=True,
                          input=related_input)
    related_log = json.loads(proc.stdout)
    with open(SCHEMA, encoding="utf-8") as f:
        jsonschema.validate(related_log, json.load(f))
    related = [location for result in related_log["runs"][0]["results"]
               for location in result.get("relatedLocations", [])]
    assert related and all(location["id"] >= 1 and location["message"]["text"] for location in related)
    assert related[0]["physicalLocation"]["region"]["startLine"] == 2, related
    # Suppressed findings (with --report-suppressed): results with `suppressions` (each unique,
    # with the comment's place; `justification` only where the comment gives a reason).
    suppressed_input = ("FROM alpine:3.20\n# ballast ignore=BL5001 -- unpacked later\n"
                        "ADD a.conf /a.conf\n# hadolint ignore=DL3020\n# ballast ignore=BL5001\n"
                        "ADD b.conf /b.conf\n")
    proc = subprocess.run([binary, "lint", "--no-config", "--select", "BL5001", "--format",
                           "sarif", "--stdin-filename", "Dockerfile", "-"], cwd=ROOT,
                          capture_output=True, text=True, input=suppressed_input)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["runs"][0]["results"] == [], "suppressed: only when asked"
    proc = subprocess.run([binary, "lint", "--no-config", "--select", "BL5001", "--format",
                           "sarif", "--report-suppressed", "--stdin-filename", "Dockerfile", "-"],
                          cwd=ROOT, capture_output=True, text=True, input=suppressed_input)
    assert proc.returncode == 0, proc.stderr
    suppressed_log = json.loads(proc.stdout)
    with open(SCHEMA, encoding="utf-8") as f:
        jsonschema.validate(suppressed_log, json.load(f))
    suppressions = [result.get("suppressions", [])
                    for result in suppressed_log["runs"][0]["results"]]
    assert [len(each) for each in suppressions] == [1, 2], suppressions
    assert suppressions[0][0]["justification"] == "unpacked later", suppressions
    assert all("justification" not in each for each in suppressions[1]), suppressions
    print("SARIF valid: %d results (%d with fixes), %d rules; %d related locations; "
          "%d suppressed results" % (len(results), fixes, len(rules), len(related),
                                     len(suppressions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
