#!/usr/bin/env python3
"""Check that every editor recipe in README.md parses ballast's real `--format gnu` output:
positions, end positions, severity and message must equal the JSON output's.

Vim's errorformat (also used by efm-langserver and Vim's :make) and ALE's Vim regex run in
real Vim; nvim-lint's Lua pattern runs in real Lua (installed with apt when missing); the
VS Code problem matcher's JavaScript regex and the Emacs flymake regexp (translated from
Emacs syntax) run in Python. Each recipe must appear verbatim in README.md.
Usage: Scripts/test-editor-recipes.py BALLAST_BINARY"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "Tests", "Fixtures", "golden", "Dockerfile")

ERRORFORMAT = r"%f:%l.%c-%e.%k:\ %t%*[a-z]:\ %m"
ALE_PATTERN = r"\v^([^:]+):(\d+)\.(\d+)-(\d+)\.(\d+): (error|warning|note): (.*)$"
LUA_PATTERN = "^[^:]+:(%d+)%.(%d+)%-(%d+)%.(%d+): (%a+): (.*)$"
VSCODE_REGEXP = r"^(.*):(\\d+)\\.(\\d+)-(\\d+)\\.(\\d+):\\s+(error|warning|note):\\s+(.*)$"
EMACS_REGEXP = r'"^\\([^:]+\\):\\([0-9]+\\)\\.\\([0-9]+\\)-\\([0-9]+\\)\\.\\([0-9]+\\): \\(error\\|warning\\|note\\): \\(.*\\)$"'

passed = failed = 0


def check(name, got, want):
    global passed, failed
    if got == want:
        passed += 1
    else:
        failed += 1
        print("FAIL %s:\n  got  %s\n  want %s" % (name, str(got)[:400], str(want)[:400]))


def main():
    binary = os.path.abspath(sys.argv[1])
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    for name, recipe in [("errorformat", ERRORFORMAT), ("ALE", ALE_PATTERN), ("nvim-lint", LUA_PATTERN),
                         ("VS Code", VSCODE_REGEXP), ("Emacs", EMACS_REGEXP)]:
        check("README holds the %s recipe" % name, recipe in readme, True)

    work = tempfile.mkdtemp()
    path = os.path.join(work, "my app", "Dockerfile")
    os.makedirs(os.path.dirname(path))
    shutil.copy(FIXTURE, path)
    gnu = subprocess.run([binary, "--no-config", "-f", "gnu", path], capture_output=True, text=True).stdout
    data = json.loads(subprocess.run([binary, "--no-config", "-f", "json", path], capture_output=True, text=True).stdout)
    severity = {"error": "error", "warning": "warning", "info": "note", "style": "note"}
    want = [(f["line"], f["column"], f["endLine"], f["endColumn"], severity[f["severity"]],
             "%s [%s %s]" % (f["message"], f["rule"], f["name"])) for f in data["findings"]]
    lines = gnu.splitlines()
    check("one gnu line per finding", len(lines), len(want))

    vscode = re.compile(json.loads('"%s"' % VSCODE_REGEXP))
    got = []
    for line in lines:
        m = vscode.match(line)
        got.append((int(m[2]), int(m[3]), int(m[4]), int(m[5]), m[6], m[7]) if m and m[1] == path else None)
    check("VS Code problem matcher", got, want)

    emacs = EMACS_REGEXP[1:-1].replace("\\\\", "\\").replace("\\(", "(").replace("\\)", ")").replace("\\|", "|")
    got = []
    for line in lines:
        m = re.match(emacs, line)
        got.append((int(m[2]), int(m[3]), int(m[4]), int(m[5]), m[6], m[7]) if m and m[1] == path else None)
    check("Emacs flymake regexp", got, want)

    if shutil.which("vim"):
        out = os.path.join(work, "qf.txt")
        gnu_file = os.path.join(work, "gnu.txt")
        open(gnu_file, "w").write(gnu)
        script = os.path.join(work, "t.vim")
        open(script, "w").write("\n".join([
            "set errorformat=" + ERRORFORMAT,
            "cgetfile " + gnu_file.replace(" ", "\\ "),
            "let out = []",
            "for e in getqflist()",
            "  call add(out, printf('%s|%d|%d|%d|%d|%s|%s', bufname(e.bufnr), e.lnum, e.col, e.end_lnum, e.end_col, e.type, e.text))",
            "endfor",
            "for l in readfile('%s')" % gnu_file,
            "  let m = matchlist(l, '%s')" % ALE_PATTERN.replace("'", "''"),
            "  call add(out, 'ALE|' . join(m[1:7], '|'))",
            "endfor",
            "call writefile(out, '%s')" % out, "qa!"]))
        subprocess.run(["vim", "-u", "NONE", "-es", "-S", script], capture_output=True)
        raw = open(out, encoding="utf-8").read().splitlines()
        qf = [r.split("|", 6) for r in raw if not r.startswith("ALE|")]
        ale = [r.split("|", 7)[1:] for r in raw if r.startswith("ALE|")]
        types = {"e": "error", "w": "warning", "n": "note"}
        check("Vim errorformat (also efm-langserver)",
              [(int(r[1]), int(r[2]), int(r[3]), int(r[4]), types.get(r[5], r[5]), r[6]) for r in qf if r[0] == path], want)
        check("Vim ALE pattern", [(int(r[1]), int(r[2]), int(r[3]), int(r[4]), r[5], r[6]) for r in ale if r[0] == path], want)
    else:
        print("SKIPPED Vim checks: vim is not installed")

    lua = shutil.which("lua5.4") or shutil.which("lua")
    if not lua and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "lua5.4"], capture_output=True)
        lua = shutil.which("lua5.4")
    if lua:
        program = "for line in io.lines() do print(table.concat({line:match(%s)}, '|')) end" % json.dumps(LUA_PATTERN)
        res = subprocess.run([lua, "-e", program], input=gnu, capture_output=True, text=True).stdout.splitlines()
        got = [tuple(int(x) if i < 4 else x for i, x in enumerate(r.split("|", 5))) for r in res]
        check("nvim-lint Lua pattern", got, want)
    else:
        print("SKIPPED nvim-lint check: no Lua interpreter")
    print("editor recipes: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
