"""End-to-end tests of `ballast lsp` with pytest-lsp (a real LSP client, pygls).

Run: BALLAST=.build/debug/ballast python3 -m pytest Tests/LSP
"""

import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
BALLAST = os.environ.get("BALLAST", str(ROOT / ".build" / "debug" / "ballast"))
