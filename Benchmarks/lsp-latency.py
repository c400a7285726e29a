#!/usr/bin/env python3
"""How long `ballast lsp` takes from a keystroke to its diagnostics.

Opens a Dockerfile over a real pipe (as an editor does: UTF-16 positions, incremental
sync), types keystroke-sized edits into it one by one, each time waiting for the
publishDiagnostics of that version, and prints the latency percentiles. Also: the first
diagnostics after didOpen, a hover, the code actions at a finding, and fix-all.

Files: the corpus's largest Dockerfile, and one of median size (../shared/corpus/files), or
the paths given.

Usage: Benchmarks/lsp-latency.py [--ballast BIN] [--edits N] [FILE...]
       (default BIN: a release build, made with `swift build -c release` if missing)
"""

import argparse
import json
import os
import pathlib
import random
import select
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "files"


class Server:
    def __init__(self, binary):
        self.process = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.buffer = b""
        self.next_id = 1

    def send(self, message):
        body = json.dumps(dict(jsonrpc="2.0", **message)).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read(self):
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                length = int(self.buffer[:end].split(b":")[1])
                if len(self.buffer) >= end + 4 + length:
                    body = self.buffer[end + 4:end + 4 + length]
                    self.buffer = self.buffer[end + 4 + length:]
                    return json.loads(body)
            select.select([self.process.stdout], [], [])
            chunk = os.read(self.process.stdout.fileno(), 1 << 20)
            if not chunk:
                raise EOFError
            self.buffer += chunk

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == request_id and "method" not in message:
                return message

    def diagnostics(self, version):
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
                return message["params"]["diagnostics"]

    def cpu_seconds(self):
        """User and system time the server has used (Linux /proc), for load-independent cost."""
        try:
            fields = pathlib.Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return float("nan")

    def close(self):
        self.request("shutdown", None)
        self.send({"method": "exit"})
        self.process.wait(10)


def utf16_position(lines, line, index):
    return {"line": line, "character": len(lines[line][:index].encode("utf-16-le")) // 2}


def percentiles(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return (f"median {statistics.median(ordered):6.2f} ms   p90 {pick(0.9):6.2f}   "
            f"p99 {pick(0.99):6.2f}   max {ordered[-1]:6.2f}")


def measure(binary, path, edits, rng, quiet=False):
    text = path.read_text(errors="replace")
    uri = path.resolve().as_uri()
    server = Server(binary)
    server.request("initialize", {"processId": os.getpid(), "capabilities": {
        "textDocument": {"publishDiagnostics": {"relatedInformation": True}}}})
    server.send({"method": "initialized", "params": {}})
    started = time.perf_counter()
    server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "dockerfile", "version": 1, "text": text}}})
    first = server.diagnostics(1)
    opened = (time.perf_counter() - started) * 1000
    lines = text.split("\n")
    # Keystrokes inside instructions: a letter typed, then deleted again (so the file stays
    # realistic), at random places on non-empty lines.
    candidates = [number for number, line in enumerate(lines) if line.strip()]
    latencies = []
    version = 1
    cpu_before = server.cpu_seconds()
    for _ in range(edits):
        line = rng.choice(candidates)
        index = rng.randrange(0, len(lines[line]) + 1)
        start = utf16_position(lines, line, index)
        for change in ({"range": {"start": start, "end": start}, "text": "x"},
                       {"range": {"start": start, "end": {"line": start["line"], "character": start["character"] + 1}}, "text": ""}):
            version += 1
            sent = time.perf_counter()
            server.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
            server.diagnostics(version)
            latencies.append((time.perf_counter() - sent) * 1000)
    cpu_per_edit = (server.cpu_seconds() - cpu_before) * 1000 / len(latencies)
    doc = {"uri": uri}

    def timed(method, params, runs=20):
        samples = []
        for _ in range(runs):
            sent = time.perf_counter()
            server.request(method, params)
            samples.append((time.perf_counter() - sent) * 1000)
        return samples

    hover = timed("textDocument/hover", {"textDocument": doc, "position": {"line": 0, "character": 6}})
    where = first[0]["range"] if first else {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    actions = timed("textDocument/codeAction", {"textDocument": doc, "range": where,
                                                 "context": {"diagnostics": [], "only": ["quickfix"]}})
    fix_all = timed("textDocument/codeAction", {"textDocument": doc, "range": where,
                                                 "context": {"diagnostics": [], "only": ["source.fixAll"]}}, runs=5)
    server.close()
    size = len(text.encode())
    if quiet:
        return latencies, cpu_per_edit
    print(f"{path.relative_to(CORPUS) if CORPUS in path.parents else path}: {size:,} bytes, "
          f"{len(lines):,} lines, {len(first)} findings")
    print(f"  didOpen → diagnostics   {opened:6.2f} ms")
    print(f"  keystroke → diagnostics {percentiles(latencies)}   ({len(latencies)} edits)")
    print(f"  server CPU per keystroke {cpu_per_edit:5.2f} ms (mean; does not grow with the machine's load)")
    print(f"  hover                   {percentiles(hover)}")
    print(f"  code actions (quickfix) {percentiles(actions)}")
    print(f"  fix-all                 {percentiles(fix_all)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ballast")
    parser.add_argument("--edits", type=int, default=100, help="typed-and-deleted letters per file")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="also: N random corpus files, 10 keystrokes each, latencies pooled")
    parser.add_argument("files", nargs="*", type=pathlib.Path)
    arguments = parser.parse_args()
    binary = arguments.ballast
    if binary is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "ballast"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        binary = str(ROOT / ".build" / "release" / "ballast")
    files = arguments.files
    if not files:
        if not CORPUS.is_dir():
            sys.exit("no files given and ../shared/corpus is not present")
        every = sorted((p.stat().st_size, p) for p in CORPUS.rglob("*") if p.is_file())
        files = [every[-1][1], every[len(every) // 2][1]]
    rng = random.Random(18)
    for path in files:
        measure(binary, path, arguments.edits, rng)
    if arguments.sample:
        every = sorted(p for p in CORPUS.rglob("*") if p.is_file())
        pooled, cpu = [], []
        for path in rng.sample(every, arguments.sample):
            latencies, cost = measure(binary, path, 5, rng, quiet=True)
            pooled += latencies
            cpu.append(cost * len(latencies))
        print(f"{arguments.sample} random corpus files, {len(pooled)} keystrokes:")
        print(f"  keystroke → diagnostics {percentiles(pooled)}")
        # /proc counts in clock ticks (10 ms): only the total over many keystrokes is exact.
        print(f"  server CPU per keystroke {sum(cpu) / len(pooled):5.2f} ms (mean over all of them)")


if __name__ == "__main__":
    main()
