"""The command line as an editor uses it."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from briefing.cli import main
from conftest import FIXTURES, ROOT


def test_build_with_folders_prints_one_summary_line(tmp_path, capsys):
    assert main(["build", "--content", str(FIXTURES / "corpus"), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1
    assert re.fullmatch(r"built 19 pages from 6 releases \(1 draft left out\) in \d+\.\d\d s, into .*/out/", out[0])


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


def test_serve_builds_and_serves_the_example_on_localhost():
    port = free_port()
    server = subprocess.Popen([sys.executable, "build.py", "serve", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    html = response.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert "XXIII meeting of the CSTO" in html
    finally:
        server.terminate()
        server.wait(timeout=10)
