"""Neovim, headless, as the editor: its built-in LSP client attaches `ballast lsp` to a
Dockerfile, receives the diagnostics, and applies a quick fix and the fix-all action."""

import json
import pathlib
import shutil
import subprocess

import pytest

from conftest import BALLAST

NVIM = shutil.which("nvim")


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (apt-get install neovim)")
def test_neovim_receives_diagnostics_and_applies_code_actions(tmp_path):
    dockerfile = tmp_path / "Dockerfile"
    original = "FROM debian:12-slim\nADD conf /etc/conf\nMAINTAINER Jane\n"
    dockerfile.write_text(original)
    result = tmp_path / "result.json"
    script = pathlib.Path(__file__).parent / "neovim" / "session.lua"
    subprocess.run(
        [NVIM, "--headless", "--clean", "-n", "-c", f"luafile {script}"],
        env={"BALLAST": BALLAST, "DOCKERFILE": str(dockerfile), "RESULT": str(result),
             "HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_STATE_HOME": str(tmp_path)},
        timeout=120, check=False, capture_output=True)
    report = json.loads(result.read_text())
    assert "error" not in report, report
    assert report["first"] == ["BL5001", "BL5002"]
    assert report["encoding"] == "utf-16"
    assert "BL5001 add-instead-of-copy" in report["hover"]
    assert "Ignore BL5001 for this instruction" in report["steps"]
    assert report["after_quick_fix"] == ["FROM debian:12-slim", "COPY conf /etc/conf", "MAINTAINER Jane"]
    assert report["after_fix_all"] == [
        "FROM debian:12-slim", "COPY conf /etc/conf", 'LABEL org.opencontainers.image.authors="Jane"']
    # The edits went into Neovim's buffer; the file on disk is as it was.
    assert report["modified"] is True
    assert dockerfile.read_text() == original
