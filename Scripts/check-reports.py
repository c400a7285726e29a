#!/usr/bin/env python3
"""Read ballast's CI report formats the way their consumers do. Usage:
Scripts/check-reports.py BALLAST_BINARY

- junit: parsed with junitparser (a JUnit/xUnit reader; `pip install junitparser`); every
  case has a name and a classname, the counts agree with the cases, a clean file is one
  passing case.
- sonarqube: the fields SonarQube's generic external issues format (10.3+) requires, with its
  enumerations; lines 1-based, columns 0-based, start before end.
- codeclimate: NUL-separated JSON objects with the fields the Code Climate engine
  specification requires (type, check_name, description, categories from its list, location
  with lines or positions), severities from its list.
- gitlab: GitLab Code Quality's required fields (integrations notes, section 2.2), a JSON
  array without BOM, unique fingerprints.
The input is the repository's fixtures plus a clean file."""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = [os.path.join("Examples", "Dockerfile"),
            os.path.join("Tests", "Fixtures", "golden", "Dockerfile"),
            os.path.join("Tests", "Fixtures", "ci-formats", "input")]
CLEAN = "FROM scratch\nCOPY app /app\n"


def run(binary, fmt, path, stdin=None):
    # The clean file is clean for the one rule it is linted with.
    only = ["--select", "BL5001"] if path == "clean/Dockerfile" else []
    proc = subprocess.run([binary, "lint", "--no-config", "-f", fmt, "--stdin-filename", path]
                          + only + ["-"],
                          cwd=ROOT, capture_output=True, input=stdin)
    assert proc.returncode in (0, 1), (fmt, path, proc.stderr)
    return proc.stdout


def inputs():
    for fixture in FIXTURES:
        with open(os.path.join(ROOT, fixture), "rb") as f:
            yield fixture, f.read()
    yield "clean/Dockerfile", CLEAN.encode()


def check_junit(binary):
    from junitparser import JUnitXml, Failure, Error
    cases = 0
    for path, data in inputs():
        with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
            f.write(run(binary, "junit", path, data))
            name = f.name
        try:
            xml = JUnitXml.fromfile(name)
        finally:
            os.unlink(name)
        suites = list(xml)
        assert len(suites) == 1, path
        suite = suites[0]
        assert suite.name == path, (suite.name, path)
        found = list(suite)
        assert found and suite.tests == len(found), (path, suite.tests, len(found))
        failures = sum(1 for case in found for r in case.result if isinstance(r, Failure))
        errors = sum(1 for case in found for r in case.result if isinstance(r, Error))
        assert suite.failures == failures and suite.errors == errors, path
        for case in found:
            assert case.name and case.classname, (path, case.name, case.classname)
            for result in case.result:
                assert result.message and result.type in ("error", "warning", "info", "style")
        if path == "clean/Dockerfile":
            assert len(found) == 1 and not found[0].result, "a clean file is one passing case"
        else:
            assert failures + errors >= 1, path
        cases += len(found)
    return cases


SONAR_ATTRIBUTES = {"FORMATTED", "CONVENTIONAL", "IDENTIFIABLE", "CLEAR", "COMPLETE", "EFFICIENT",
                    "LOGICAL", "DISTINCT", "FOCUSED", "MODULAR", "TESTED", "LAWFUL", "RESPECTFUL",
                    "TRUSTWORTHY"}


def check_text_range(text_range, lines):
    assert 1 <= text_range["startLine"] <= lines, text_range
    if "startColumn" in text_range:
        start = (text_range["startLine"], text_range["startColumn"])
        end = (text_range["endLine"], text_range["endColumn"])
        assert text_range["startColumn"] >= 0 and start < end, text_range


def check_sonarqube(binary):
    issues = 0
    for path, data in inputs():
        report = json.loads(run(binary, "sonarqube", path, data))
        assert set(report) == {"rules", "issues"}, report.keys()
        lines = data.decode("utf-8", "replace").count("\n") + 1
        ids = set()
        for rule in report["rules"]:
            for key in ("id", "name", "description", "engineId", "cleanCodeAttribute"):
                assert isinstance(rule[key], str) and rule[key], (key, rule)
            assert rule["cleanCodeAttribute"] in SONAR_ATTRIBUTES, rule
            assert rule["impacts"], rule
            for impact in rule["impacts"]:
                assert impact["softwareQuality"] in ("SECURITY", "RELIABILITY", "MAINTAINABILITY")
                assert impact["severity"] in ("HIGH", "MEDIUM", "LOW"), impact
            ids.add(rule["id"])
        for issue in report["issues"]:
            assert issue["ruleId"] in ids, issue
            location = issue["primaryLocation"]
            assert location["message"] and location["filePath"] == path, location
            check_text_range(location["textRange"], lines)
            for secondary in issue.get("secondaryLocations", []):
                assert secondary["filePath"] == path
                check_text_range(secondary["textRange"], lines)
        issues += len(report["issues"])
    return issues


CODECLIMATE_CATEGORIES = {"Bug Risk", "Clarity", "Compatibility", "Complexity", "Duplication",
                          "Performance", "Security", "Style"}
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def check_location(location, path):
    assert location["path"] == path, location
    if "lines" in location:
        assert location["lines"]["begin"] >= 1
    else:
        begin = location["positions"]["begin"]
        end = location["positions"]["end"]
        assert begin["line"] >= 1 and begin["column"] >= 1, location
        assert (begin["line"], begin["column"]) <= (end["line"], end["column"]), location


def check_codeclimate(binary):
    issues = 0
    for path, data in inputs():
        output = run(binary, "codeclimate", path, data)
        assert not output or output.endswith(b"\0"), "each issue ends with NUL"
        for chunk in output.split(b"\0")[:-1]:
            issue = json.loads(chunk)
            assert issue["type"] == "issue"
            assert issue["check_name"] and issue["description"], issue
            assert issue["categories"] and set(issue["categories"]) <= CODECLIMATE_CATEGORIES
            assert issue["severity"] in SEVERITIES, issue
            assert isinstance(issue["content"]["body"], str)
            check_location(issue["location"], path)
            issues += 1
    return issues


def check_gitlab(binary):
    issues = 0
    for path, data in inputs():
        output = run(binary, "gitlab", path, data)
        assert not output.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
        report = json.loads(output)
        assert isinstance(report, list)
        fingerprints = [issue["fingerprint"] for issue in report]
        assert len(set(fingerprints)) == len(fingerprints), "fingerprints are unique"
        for issue in report:
            assert issue["description"] and issue["check_name"] and issue["fingerprint"]
            assert issue["severity"] in SEVERITIES, issue
            check_location(issue["location"], path)
        issues += len(report)
    return issues


def main():
    binary = os.path.abspath(sys.argv[1])
    try:
        import junitparser  # noqa: F401
    except ImportError:
        print("junitparser is not installed: pip install junitparser")
        return 1
    counts = (check_junit(binary), check_sonarqube(binary), check_codeclimate(binary),
              check_gitlab(binary))
    assert all(counts), counts
    print("reports read: junit %d cases, sonarqube %d issues, codeclimate %d issues, "
          "gitlab %d issues" % counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
