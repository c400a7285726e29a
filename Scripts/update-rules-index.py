#!/usr/bin/env python3
"""Rewrite the rule table of Rules/README.md from `ballast rules --format json`.
Usage: Scripts/update-rules-index.py [BALLAST_BINARY]   (a test fails when the table is stale)"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "ballast")
    rules = json.loads(subprocess.run([binary, "rules", "--format", "json"], capture_output=True,
                                      check=True, text=True).stdout)
    lines = ["| id | name | category | severity | default | fix | summary |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rules:
        lines.append("| [%s](%s.md) | `%s` | %s | %s | %s | %s | %s |" % (
            r["id"], r["id"], r["name"], r["category"], r["severity"],
            "on" if r["enabledByDefault"] else "off", r.get("fix") or "", r["summary"]))
    path = os.path.join(ROOT, "Rules", "README.md")
    text = open(path, encoding="utf-8").read()
    head = text.split("| id | name |")[0]
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
