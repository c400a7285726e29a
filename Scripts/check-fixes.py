#!/usr/bin/env python3
"""Check `--fix --unsafe-fixes` on a copy of every corpus file (in a temporary folder outside
the project) and report five counts, each of which must be 100% (or every exception listed
with its reason in Scripts/fix-exceptions.tsv):

  1. parses:      the fixed file is accepted by the official BuildKit parser
                  (../shared/conformance/oracle.py) whenever the original was, and ballast's
                  own parser reports no syntax problem the original did not have;
  2. resolved:    no finding of a fixed rule is left at an instruction where its fix applied;
  3. no new:      no finding of any rule appears at an instruction that did not have it;
  4. idempotent:  a second `--fix --unsafe-fixes` changes nothing;
  5. diff:        `--diff --unsafe-fixes` applied with `git apply` gives the same bytes.

Usage: Scripts/check-fixes.py [--ballast PATH] [--corpus DIR] [--sample N] [--show N]
Exits 1 when a count is below 100% for a reason not listed as an exception.
"""
import argparse
import collections
import difflib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
EXCEPTIONS = os.path.join(ROOT, "Scripts", "fix-exceptions.tsv")
BATCH = 400
CHECKS = ["parses", "resolved", "no new", "idempotent", "diff"]


def chunks(items, size=BATCH):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def ballast_json(binary, args, files, cwd):
    """Runs ballast over `files` in batches; returns {file: [findings]} and the fixed lists."""
    findings = collections.defaultdict(list)
    fixed = collections.defaultdict(list)
    refused = collections.defaultdict(list)
    for chunk in chunks(files):
        proc = subprocess.run([binary] + args + ["--format", "json", "--"] + chunk, cwd=cwd,
                              capture_output=True)
        if proc.returncode not in (0, 1):
            sys.exit("ballast %s failed (%d): %s" % (" ".join(args), proc.returncode,
                                                     proc.stderr.decode()[:2000]))
        doc = json.loads(proc.stdout)
        for f in doc["findings"]:
            findings[f["file"]].append(f)
        for f in doc.get("fixed", []):
            fixed[f["file"]].append(f)
        for f in doc.get("notApplied", []):
            refused[f["file"]].append(f)
    return findings, fixed, refused


def instruction_lines(binary, files, cwd):
    """{file: [(start_line, end_line, cmd)]} from ballast's BuildKit-shaped parse output."""
    result = {}
    for chunk in chunks(files):
        proc = subprocess.run([binary, "parse", "--format", "buildkit", "--"] + chunk, cwd=cwd,
                              capture_output=True)
        for line in proc.stdout.decode().splitlines():
            doc = json.loads(line)
            result[doc["file"]] = [(i["start_line"], i["end_line"], i["cmd"].lower(),
                                    i.get("original", "")) for i in doc.get("instructions", [])]
    return result


def instruction_of(line, instructions):
    """Index of the instruction holding `line`, or of the next one (comments above it)."""
    for index, (start, end, _, _) in enumerate(instructions):
        if line <= end:
            return index
    return len(instructions)


def alignment(before, after):
    """Maps instruction indices of the fixed file to the original's. Unchanged instructions
    anchor the alignment; between anchors, edited ones pair up in order, and where fixes
    deleted some (an overridden CMD, a RUN merged into another) by keyword (fixes rename ADD
    to COPY and MAINTAINER to LABEL)."""
    mapping = [None] * len(after)
    norm = {"add": "copy", "maintainer": "label"}
    anchors = difflib.SequenceMatcher(
        a=[o for *_, o in before], b=[o for *_, o in after], autojunk=False).get_matching_blocks()
    old_start = new_start = 0
    for block in anchors:
        gap_old = list(range(old_start, block.a))
        gap_new = list(range(new_start, block.b))
        if len(gap_old) == len(gap_new):
            for i, j in zip(gap_old, gap_new):
                mapping[j] = i
        else:
            a = [norm.get(before[i][2], before[i][2]) for i in gap_old]
            b = [norm.get(after[j][2], after[j][2]) for j in gap_new]
            for inner in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks():
                for k in range(inner.size):
                    mapping[gap_new[inner.b + k]] = gap_old[inner.a + k]
        for k in range(block.size):
            mapping[block.b + k] = block.a + k
        old_start, new_start = block.a + block.size, block.b + block.size
    return mapping


def oracle_accepts(files, cwd):
    """{file: accepted?} by the official parser."""
    oracle = os.path.join(SHARED, "conformance", "oracle.py")
    result = {}
    for chunk in chunks(files):
        proc = subprocess.run([sys.executable, oracle] + chunk, cwd=cwd, capture_output=True)
        for line in proc.stdout.decode().splitlines():
            doc = json.loads(line)
            result[doc["file"]] = doc.get("error_kind") not in ("parse",)
    return result


def load_exceptions():
    exceptions = {}
    if os.path.exists(EXCEPTIONS):
        for line in open(EXCEPTIONS, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                check, path, reason = line.rstrip("\n").split("\t", 2)
                exceptions[(check, path)] = reason
    return exceptions


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ballast", default=os.path.join(ROOT, ".build", "debug", "ballast"))
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus"))
    ap.add_argument("--sample", type=int, default=0, help="check N random files only")
    ap.add_argument("--show", type=int, default=10, help="failures to print per check")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    binary = os.path.abspath(args.ballast)
    manifest = os.path.join(args.corpus, "MANIFEST.tsv")
    if not os.path.exists(manifest):
        print("corpus not found at %s: fix check skipped" % args.corpus)
        return 0
    try:
        import dockerfile  # noqa: F401  (the oracle's backend)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "dockerfile"], check=False)
    with open(manifest, encoding="utf-8") as f:
        files = [line.split("\t")[0] for line in f.read().splitlines()[1:] if line]
    if args.sample:
        files = sorted(random.Random(17).sample(files, min(args.sample, len(files))))
    work = tempfile.mkdtemp(prefix="ballast-fix-check-")
    try:
        return run(binary, args, files, work)
    finally:
        if args.keep:
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(binary, args, files, work):
    folders = {name: os.path.join(work, name) for name in ("original", "fixed", "again", "diff")}
    for folder in folders.values():
        for path in files:
            target = os.path.join(folder, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(args.corpus, path), target)
    common = ["--no-config", "--no-context", "--color", "never"]
    # Files ballast refuses to read (binary, invalid UTF-8) are left out.
    before, _, _ = ballast_json(binary, common, files, folders["original"])
    _, fixed, refused = ballast_json(binary, common + ["--fix", "--unsafe-fixes"], files,
                                     folders["fixed"])
    # What the fixed files hold, linted afresh rather than taken from --fix's own report.
    after, _, _ = ballast_json(binary, common, files, folders["fixed"])

    def read(folder, path):
        with open(os.path.join(folders[folder], path), "rb") as f:
            return f.read()

    changed = [p for p in files if read("original", p) != read("fixed", p)]
    failures = {check: [] for check in CHECKS}

    # 1. The result parses: the oracle accepts it whenever it accepted the original, and
    # ballast's parser finds no new syntax problem (BL0001/BL0003 findings compared below too).
    accepted_before = oracle_accepts(changed, folders["original"])
    accepted_after = oracle_accepts(changed, folders["fixed"])
    for path in changed:
        if accepted_before.get(path, True) and not accepted_after.get(path, False):
            failures["parses"].append((path, "the official parser rejects the fixed file"))

    # 2 and 3: findings per (rule, instruction), before and after, with fixed ones counted.
    lines_before = instruction_lines(binary, changed, folders["original"])
    lines_after = instruction_lines(binary, changed, folders["fixed"])
    for path in changed:
        old, new = lines_before.get(path, []), lines_after.get(path, [])
        mapping = alignment(old, new)
        count_before = collections.Counter(
            (f["rule"], instruction_of(f["line"], old)) for f in before[path])
        count_fixed = collections.Counter(
            (f["rule"], instruction_of(f["line"], old)) for f in fixed[path])
        count_after = collections.Counter()
        for f in after[path]:
            index = instruction_of(f["line"], new)
            origin = mapping[index] if index < len(mapping) else len(old)
            count_after[(f["rule"], origin)] += 1
        for key, count in sorted(count_after.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
            rule, index = key
            where = "instruction %s" % (index + 1 if index is not None else "?")
            if count_fixed[key] and count > max(0, count_before[key] - count_fixed[key]):
                failures["resolved"].append(
                    (path, "%s still reported at %s after its fix" % (rule, where)))
            elif count > count_before[key]:
                failures["no new"].append((path, "new %s finding at %s" % (rule, where)))
        for f in refused[path]:
            # Refused fixes are reported by ballast itself; list them as information.
            print("  not applied: %s:%s %s: %s" % (path, f["line"], f["rule"], f["reason"]))

    # 4. A second run changes nothing.
    for path in changed:
        target = os.path.join(folders["again"], path)
        shutil.copyfile(os.path.join(folders["fixed"], path), target)
    ballast_json(binary, common + ["--fix", "--unsafe-fixes"], changed, folders["again"])
    for path in changed:
        if read("again", path) != read("fixed", path):
            failures["idempotent"].append((path, "a second --fix changed the file again"))

    # 5. --diff, applied with git apply, gives the same bytes.
    patches = collections.defaultdict(str)
    for chunk in chunks(files):
        proc = subprocess.run([binary] + common + ["--diff", "--unsafe-fixes", "--"] + chunk,
                              cwd=folders["diff"], capture_output=True)
        current = None
        for line in proc.stdout.decode().splitlines(keepends=True):
            if line.startswith("--- a/"):
                current = line[len("--- a/"):].rstrip("\n").rstrip("\t")
            patches[current] += line
    for path in changed:
        patch = patches.get(path, "")
        proc = subprocess.run(["git", "apply", "--unsafe-paths", "-"], input=patch.encode(),
                              cwd=folders["diff"], capture_output=True)
        if proc.returncode != 0:
            failures["diff"].append((path, "git apply failed: " + proc.stderr.decode()[:200]))
        elif read("diff", path) != read("fixed", path):
            failures["diff"].append((path, "the patched file differs from --fix's"))
    extra = set(patches) - set(changed)
    for path in sorted(p for p in extra if p):
        failures["diff"].append((path, "--diff changed a file --fix left alone"))

    exceptions = load_exceptions()
    fixes = sum(len(v) for v in fixed.values())
    rules = collections.Counter(f["rule"] for v in fixed.values() for f in v)
    print("corpus files: %d, changed by --fix --unsafe-fixes: %d, fixes applied: %d, not applied: %d"
          % (len(files), len(changed), fixes, sum(len(v) for v in refused.values())))
    print("fixes per rule: " + ", ".join("%s %d" % kv for kv in sorted(rules.items())))
    unexplained = 0
    for check in CHECKS:
        listed = [(p, r) for p, r in failures[check] if (check, p) in exceptions]
        open_failures = [(p, r) for p, r in failures[check] if (check, p) not in exceptions]
        bad_files = {p for p, _ in failures[check]}
        rate = 100.0 * (len(changed) - len(bad_files)) / len(changed) if changed else 100.0
        print("%-11s %d/%d changed files (%.2f%%), %d listed exceptions"
              % (check + ":", len(changed) - len(bad_files), len(changed), rate, len(listed)))
        for path, reason in listed[:args.show]:
            print("    exception %s: %s (%s)" % (path, reason, exceptions[(check, path)]))
        for path, reason in open_failures[:args.show]:
            print("    FAIL %s: %s" % (path, reason))
        unexplained += len(open_failures)
    if unexplained:
        print("%d failures not listed in %s" % (unexplained, os.path.relpath(EXCEPTIONS, ROOT)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
