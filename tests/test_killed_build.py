"""A build killed at any moment leaves site/ as the complete old site or the complete new one."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT


def digest(site: Path) -> str:
    """One hash over every file's path and bytes: equal only for identical sites."""
    total = hashlib.sha256()
    for file in sorted(site.rglob("*")):
        if file.is_file():
            total.update(file.relative_to(site).as_posix().encode() + b"\0" + file.read_bytes())
    return total.hexdigest()


def build_command(content: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
            "--out", str(out), "--quiet"]


def corpus(folder: Path, copies: int, marker: str) -> Path:
    """A corpus big enough for a build to take a while: the fixture corpus, many times."""
    for n in range(copies):
        for release in (FIXTURES / "corpus").rglob("*.md"):
            text = release.read_text().replace("title: ", f"title: {marker} ", 1)
            target = folder / f"{release.stem}-{n}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
    return folder


def test_sigkill_at_random_moments_leaves_old_or_new_site(tmp_path):
    old, new = corpus(tmp_path / "old", 40, "Old"), corpus(tmp_path / "new", 40, "New")
    site = tmp_path / "site"
    expected = {}
    for name, content in (("new", new), ("old", old)):  # old last: it is what site/ holds
        started = time.monotonic()
        subprocess.run(build_command(content, site), check=True, cwd=tmp_path)
        duration = time.monotonic() - started
        expected[digest(site)] = name
    assert len(expected) == 2

    rng = random.Random(20261127)
    current, kills = "old", 0
    for attempt in range(14):
        target = "new" if current == "old" else "old"
        process = subprocess.Popen(build_command(new if target == "new" else old, site), cwd=tmp_path)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
        state = expected.get(digest(site))
        assert state in (current, target), f"attempt {attempt}: site/ is neither the old nor the new site"
        current = state
    assert kills >= 8  # most attempts really were killed part way
    # the next build sweeps what killed builds left beside site/ (all but its spare twin)
    subprocess.run(build_command(old, site), check=True, cwd=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) in (
        [".cache", ".site.lock", "new", "old", "site"],
        [".cache", ".site.lock", ".site.spare", "new", "old", "site"])


def test_ctrl_c_stops_a_build_with_a_message_and_a_whole_site(tmp_path, interruptible):
    """Ctrl-C reaches the build and its workers (the terminal's whole process group):
    one line says what became of site/, no traceback, and site/ is one whole build."""
    old, new = corpus(tmp_path / "old", 40, "Old"), corpus(tmp_path / "new", 40, "New")
    site, reference = tmp_path / "site", tmp_path / "new-site"
    subprocess.run(build_command(new, reference), check=True, cwd=tmp_path)
    subprocess.run(build_command(old, site), check=True, cwd=tmp_path)
    whole = {digest(site), digest(reference)}
    # timed as the attempts below are made: the other corpus, both parsed already (a
    # build that parses is the slower by far: Ctrl-C at a share of it came too late)
    started = time.monotonic()
    subprocess.run(build_command(new, site), check=True, cwd=tmp_path)
    duration = time.monotonic() - started
    assert len(whole) == 2 and digest(site) in whole
    interrupted, scale, seen = 0, 1.0, []
    for attempt, share in enumerate((0.3, 0.5, 0.7, 0.4) * 2):
        if attempt >= 4 and interrupted >= 2:
            break
        # each attempt builds the other corpus, so that each is a whole build
        content = old if attempt % 2 == 0 else new
        output = tmp_path / "output.txt"  # (a pipe not read at once could hold the build up)
        with output.open("w") as written:
            process = subprocess.Popen(build_command(content, site), cwd=tmp_path, stdout=written,
                                       stderr=subprocess.STDOUT, start_new_session=True)
            sent = time.monotonic()
            time.sleep(share * scale * duration)
            if process.poll() is None:
                seen.append(signals_of(process.pid))  # (said if no Ctrl-C ever lands)
                os.killpg(process.pid, signal.SIGINT)
            process.wait(timeout=60)
        assert digest(site) in whole, "site/ is not a whole build"
        if process.returncode == 0:  # done before the Ctrl-C: the next one comes sooner
            scale /= 2  # (a loaded machine's builds vary more than their timing foresees)
            seen.append(f"done in {time.monotonic() - sent:.2f} s of {duration:.2f} s")
            continue
        interrupted += 1
        lines = output.read_text().strip().splitlines()
        assert process.returncode == 130, "\n".join(lines[-20:])
        assert not any("Traceback" in line for line in lines)
        assert lines[-1] == f"interrupted; {site}/ holds the last complete build"
    assert interrupted >= 2, seen


@pytest.fixture
def interruptible():
    """Builds started by this test take Ctrl-C, however the tests were started: a shell's
    background job (`bash .ci/run &`) ignores SIGINT, and what it starts would too (an
    ignored signal stays ignored through exec; a caught one is reset to the default)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def signals_of(pid: int) -> str:
    """The signals a process ignores and catches, as /proc says."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return "gone"
    return " ".join(line for line in status if line.startswith(("SigIgn", "SigCgt")))


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def test_the_workers_of_a_killed_build_end_with_it(tmp_path):
    """Its lock goes with the build: workers writing on would share the spare with
    the next build. Killed while its workers render and write pages, none writes on."""
    content = corpus(tmp_path / "content", 60, "Many")
    process = subprocess.Popen(build_command(content, tmp_path / "site"), cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.build-*/meetings/*/index.html")):
        assert process.poll() is None and time.monotonic() < deadline, "no page was written"
        time.sleep(0.005)
    workers = children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    time.sleep(0.01)  # (a worker killed with it may be finishing the file it is writing)
    written = {page: page.stat().st_mtime_ns for page in tmp_path.glob(".site.build-*/**/*.html")}
    time.sleep(0.5)
    assert workers and [pid for pid in workers if alive(pid)] == []
    assert {page: page.stat().st_mtime_ns for page in tmp_path.glob(".site.build-*/**/*.html")} \
        == written


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False
