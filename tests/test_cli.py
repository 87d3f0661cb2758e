"""The command line as an editor uses it."""

from __future__ import annotations

import importlib.util
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from briefing.commands.cli import main
from conftest import FIXTURES, ROOT


def test_build_with_folders_prints_one_summary_line(tmp_path, capsys):
    assert main(["build", "--content", str(FIXTURES / "corpus"), "--out", str(tmp_path / "out"),
                 "--config", str(tmp_path / "site.yaml"), "--bodies", str(tmp_path / "bodies.yaml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert re.fullmatch(r"built 41 pages from 6 releases \(1 draft left out\) in \d+\.\d\d s, into .*/out/", out[0])


def test_plain_command_builds_content_into_site(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "corpus", tmp_path / "content")
    assert main([]) == 0
    assert (tmp_path / "site/index.html").is_file()


def test_drafts_flag_includes_drafts(tmp_path):
    assert main(["--content", str(FIXTURES / "corpus"), "--out", str(tmp_path / "s"), "--drafts", "-q"]) == 0
    assert (tmp_path / "s/meetings/draft-meeting/index.html").is_file()


def test_help_lists_the_commands(capsys):
    try:
        main(["--help"])
    except SystemExit as done:
        assert done.code == 0
    text = capsys.readouterr().out
    assert "build" in text and "serve" in text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return None


def wait_for(url: str, wanted: str, server: subprocess.Popen, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while True:
        html = fetch(url)
        if html and wanted in html:
            return html
        assert server.poll() is None, server.stdout.read()
        assert time.monotonic() < deadline, f"{url} never showed {wanted!r}; last: {html!r}"
        time.sleep(0.2)


def test_serve_builds_and_serves_the_example_on_localhost():
    port = free_port()
    server = subprocess.Popen([sys.executable, "build.py", "serve", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "XXIII meeting of the CSTO", server)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_missing_package_is_named_with_the_command_that_installs_it(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "markdown" else real(name, *a))
    assert main(["build"]) == 2
    assert capsys.readouterr().err == (
        "missing Python packages (markdown): run python3 -m pip install -r requirements.txt\n")
