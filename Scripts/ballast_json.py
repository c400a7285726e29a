"""Running ballast over many files from the comparison scripts (compare-peers.py,
compare-shellcheck.py): batches of paths, and the JSON documents it prints one after another."""
import json
import subprocess
import sys


def run_json_documents(command, cwd, env=None, accepted=(0, 1, 2)):
    """Runs ballast and decodes the JSON documents it prints; exits on any other status."""
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    if proc.returncode not in accepted or not proc.stdout.strip():
        sys.exit("ballast failed (%d): %s" % (proc.returncode, proc.stderr[:2000]))
    decoder = json.JSONDecoder()
    text, index, documents = proc.stdout, 0, []
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return documents
        document, index = decoder.raw_decode(text, index)
        documents.append(document)


def chunks(items, size=400):
    """The items in lists of at most `size`, so a command line stays short."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
