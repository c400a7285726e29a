#!/usr/bin/env python3
"""Splits the shared corpus by repository into a part to tune rules on and a held-out part to
measure precision on (files of one repository are near-copies of each other, so a split by file
would leak). The split is fixed: a repository's part depends only on its name.

Usage:
  Scripts/corpus-split.py tune|holdout       paths of that part's files, one per line
  Scripts/corpus-split.py --summary          repositories and files per part
  Scripts/corpus-split.py --part FILE...     the part of each corpus file (path or files/ name)
"""
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")


def part_of(repository):
    """About 40% of repositories are held out."""
    digest = hashlib.sha256(("ballast-split-1:" + repository).encode()).digest()
    return "holdout" if digest[0] < 102 else "tune"


def manifest():
    rows = []
    with open(os.path.join(CORPUS, "MANIFEST.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            fields = dict(zip(header, line.rstrip("\n").split("\t")))
            rows.append((fields["local_path"], fields["repo"]))
    return rows


def main(arguments):
    if not os.path.isdir(CORPUS):
        print("../shared/corpus is not present", file=sys.stderr)
        return 2
    rows = manifest()
    if arguments == ["--summary"]:
        for name in ("tune", "holdout"):
            repositories = {r for _, r in rows if part_of(r) == name}
            files = [p for p, r in rows if part_of(r) == name]
            print("%s: %d repositories, %d files" % (name, len(repositories), len(files)))
        return 0
    if arguments[:1] == ["--part"]:
        by_path = {}
        for path, repository in rows:
            by_path[path] = by_path[os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path)] = part_of(repository)
        for item in arguments[1:]:
            key = item if item in by_path else "/".join(os.path.normpath(item).split(os.sep)[-2:])
            print("%s\t%s" % (item, by_path.get(key, "unknown")))
        return 0
    if len(arguments) == 1 and arguments[0] in ("tune", "holdout"):
        for path, repository in rows:
            if part_of(repository) == arguments[0]:
                print(os.path.join(CORPUS, path))
        return 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
