#!/usr/bin/env python3
"""Benchmark: build times and peak memory at 1,000 and 10,000 releases, beside Hugo.

    python bench/run.py                      # 1,000 and 10,000 releases, 3 runs each
    python bench/run.py --sizes 1000 --runs 5
    python bench/run.py --no-hugo

Corpora come from the project's own generator, bench/corpus.py (seed 1). For
each size it measures, as whole processes and alternating ours with Hugo's:

- cold build: no cache; like for like with the Hugo site of ../shared/bench
  (it comes with the workspace, not with this repository: without it, or
  without Hugo, only ours is measured)
  (no search index, feeds, calendars or sitemap: `--no-search`, no base_url),
  and again with all of them (Pagefind's index included). Each tool finds the
  output folder of its last build, as Hugo's users and ours do, and writes
  every file of it anew (a first run makes it);
- no-change rebuild: the same command again;
- one release edited: a sentence added to one release, then a rebuild
  (and how many files that rewrote);
- one release edited in the live preview: `build.py serve` running, a
  sentence added to one release; the time is the rebuild's own, as the server
  reports it, and the note gives the time from the save until the server
  answers with the new page (polling and rebuild included);
- template edited: a comment added to meeting.html, then a rebuild (and how
  many releases that parsed: it should be none);
- peak memory of the cold build (proportional set size of the process and
  its workers, sampled in a cold build of its own, so that the sampler does
  not slow the timed builds).

Timings are medians; the table compares them with the targets of the speed
issue. Nothing is asserted: this reports.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUGO_SITE = ROOT.parent / "shared" / "bench" / "hugo-site"  # the workspace's, if present
TARGETS = {  # measure -> (target, what it is compared with)
    "cold build": "≤ Hugo (ratio ≤ 1.0)",
    "cold build, search and feeds too": "(Hugo's site makes neither)",
    "no-change rebuild": "≤ 0.3 s at 10,000",
    "one release edited": "≤ 0.5 s at 10,000",
    "one release edited, live preview": "≤ 0.5 s at 10,000",
    "live preview, nobody saving": "≤ 1 % of a core at 10,000",
    "template edited": "0 releases parsed",
    "peak memory (cold)": "≤ 500 MB at 10,000",
}


def run(command: list[str], cwd: Path, sample: bool = False) -> tuple[float, float, str]:
    """Wall seconds, peak memory in MB (all processes of the run; 0 unless `sample`),
    and stdout. Memory is sampled in runs of its own: the sampler takes CPU time
    that a timed run on two cores would miss."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    peak = PeakMemory(process.pid) if sample else None
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    if peak:
        peak.stop()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    return seconds, peak.megabytes if peak else 0.0, out


class PeakMemory:
    """Samples the proportional set size of a process and its children (Linux)."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.done = pid, 0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(0.02):
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))

    def stop(self) -> None:
        self.done.set()
        self.thread.join()

    @property
    def megabytes(self) -> float:
        return self.peak / 1024


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                todo += map(int, Path(f"/proc/{current}/task/{task}/children").read_text().split())
        except OSError:
            pass
    return found


def _pss(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


class Ours:
    def __init__(self, work: Path, size: int):
        self.work = work
        self.content = work / "content"
        if not self.content.is_dir():
            generate(self.content, size, "native")
        shutil.copytree(ROOT / "templates", work / "templates", dirs_exist_ok=True)

        (work / "full.yaml").write_text("base_url: https://briefings.example.org/\n")

    def command(self, full: bool = False) -> list[str]:
        """Like for like with Hugo's site; `full`: with search, feeds, calendars, sitemap."""
        like_hugo = ["--out", "site", "--config", "none.yaml", "--no-search"]
        return [sys.executable, str(ROOT / "build.py"), "build", "--content", "content",
                "--templates", "templates", "--assets", str(ROOT / "assets"), "--verbose",
                *(["--out", "site-full", "--config", "full.yaml"] if full else like_hugo)]

    def cold(self, full: bool = False, sample: bool = False) -> tuple[float, float, str]:
        shutil.rmtree(self.work / ".cache", ignore_errors=True)
        return run(self.command(full), self.work, sample)

    def again(self) -> tuple[float, float, str]:
        return run(self.command(), self.work)

    def preview_edits(self, release: Path, runs: int
                      ) -> tuple[list[float], list[float], float]:
        """Edit `release` runs + 1 times under `build.py serve`: the rebuild times the
        server reports (the first, which loads what later ones keep, left out), the
        times from each save until the served page shows it, and the share of a core
        the server uses while nobody saves (IDLE_SECONDS, before the edits)."""
        port = _free_port()
        command = [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
                   "--content", "content", "--templates", "templates", "--assets",
                   str(ROOT / "assets"), "--config", "none.yaml"]
        server = subprocess.Popen(command, cwd=self.work, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        lines = _lines_of(server)
        url = f"http://127.0.0.1:{port}/meetings/{release.stem}/"
        original = release.read_text()
        rebuilds, latencies = [], []
        try:
            _wait(lambda: any(line.startswith("serving on") for line in lines), server)
            time.sleep(2)  # (the first build's settling looks are over)
            idle = _cpu_seconds(server.pid)
            time.sleep(IDLE_SECONDS)
            idle = (_cpu_seconds(server.pid) - idle) / IDLE_SECONDS
            for n in range(runs + 1):
                before = len(lines)
                sentence = f"A sentence saved in the preview ({n})."
                saved = time.perf_counter()
                release.write_text(original + f"\n{sentence}\n")
                _wait(lambda: sentence in _page(url), server)
                latencies.append(time.perf_counter() - saved)
                _wait(lambda: any(" built " in line for line in lines[before:]), server)
                built = next(line for line in lines[before:] if " built " in line)
                rebuilds.append(float(re.search(r" in (\d+\.\d+) s", built).group(1)))
        finally:
            server.terminate()
            server.wait()
            release.write_text(original)
        return rebuilds[1:], latencies[1:], idle


IDLE_SECONDS = 20
IDLE_TARGET = 0.01  # of a core, the live preview while nobody saves (issue 18)


def _cpu_seconds(pid: int) -> float:
    """User and system time of a process, all its threads (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lines_of(process: subprocess.Popen) -> list[str]:
    """The process's output lines, collected as they come."""
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    return lines


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except OSError:
        return ""


def _wait(condition, server: subprocess.Popen, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the preview stopped or stalled: {server.args}")
        time.sleep(0.01)


class Hugo:
    def __init__(self, work: Path, size: int):
        self.work = work / "hugo"
        if not (self.work / "content").is_dir():
            shutil.copytree(HUGO_SITE, self.work, dirs_exist_ok=True)
            for path in self.work.rglob("*"):
                path.chmod(path.stat().st_mode | 0o200)
            generate(self.work / "content", size, "hugo")

    def cold(self, sample: bool = False) -> tuple[float, float, str]:
        shutil.rmtree(self.work / "resources", ignore_errors=True)  # its cache; public/ stays
        return run(["hugo", "--quiet", "-s", str(self.work)], self.work, sample)


def generate(folder: Path, size: int, flavor: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(folder), str(size),
                    "--seed", "1", "--flavor", flavor], check=True, capture_output=True)


def parsed_count(out: str) -> str:
    match = re.search(r"parsed (\d+) of", out)
    return match.group(1) if match else "?"


def written_count(out: str) -> str:
    match = re.search(r"wrote (\d+) file", out)
    return match.group(1) if match else "?"


def measure(size: int, runs: int, work: Path, with_hugo: bool) -> list[tuple]:
    ours = Ours(work / str(size), size)
    hugo = Hugo(work / str(size), size) if with_hugo else None
    cold, hugo_cold, full = [], [], []
    for n in range(runs):  # alternate, so that both see the same machine
        progress(f"{size:,}: cold builds, run {n + 1} of {runs}")
        full.append(ours.cold(full=True)[0])
        cold.append(ours.cold()[0])
        if hugo:
            hugo_cold.append(hugo.cold()[0])
    progress(f"{size:,}: peak memory")
    hugo_memory = hugo.cold(sample=True)[1] if hugo else None
    cold_memory = ours.cold(sample=True)[1]
    progress(f"{size:,}: rebuilds")
    unchanged = [ours.again()[0] for _ in range(runs)]

    release = sorted(ours.content.rglob("*.md"))[size // 2]
    original = release.read_text()
    edits, rewritten = [], []
    for n in range(runs + 1):  # the first edit also makes the spare twin: reported apart
        release.write_text(original + f"\nA sentence added by the benchmark ({n}).\n")
        seconds, _, out = ours.again()
        edits.append(seconds)
        rewritten.append(written_count(out))
    release.write_text(original)
    ours.again()

    progress(f"{size:,}: edits in the live preview")
    preview_rebuilds, preview_latencies, idle = ours.preview_edits(release, runs)

    template = ours.work / "templates" / "meeting.html"
    text = template.read_text()
    template_runs, parsed = [], []
    for n in range(runs):
        template.write_text(text + f"{{# benchmark edit {n} #}}\n")
        seconds, _, out = ours.again()
        template_runs.append(seconds)
        parsed.append(parsed_count(out))
    template.write_text(text)

    median = statistics.median
    hugo_median = median(hugo_cold) if hugo else None
    rows = [
        ("cold build", median(cold), hugo_median,
         f"ratio {median(cold) / hugo_median:.2f}" if hugo else ""),
        ("cold build, search and feeds too", median(full), None,
         f"{median(full) / median(cold):.1f}× the like-for-like build"),
        ("no-change rebuild", median(unchanged), None, ""),
        ("one release edited", median(edits[1:]), None,
         f"first edit {edits[0]:.2f} s; files rewritten: {', '.join(rewritten[1:])}"),
        ("one release edited, live preview", median(preview_rebuilds), None,
         f"save to new page served: {median(preview_latencies):.2f} s"),
        ("live preview, nobody saving", idle * 100, None,
         "MISSED" if idle > IDLE_TARGET else ""),
        ("template edited", median(template_runs), None, f"releases parsed: {', '.join(parsed)}"),
        ("peak memory (cold)", cold_memory, hugo_memory, "MB"),
    ]
    return [(size, *row) for row in rows]


def progress(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"),
                        help="where corpora and outputs go (kept between runs)")
    parser.add_argument("--no-hugo", action="store_true")
    args = parser.parse_args()
    with_hugo = not args.no_hugo and shutil.which("hugo") is not None and HUGO_SITE.is_dir()
    if not args.no_hugo and not with_hugo:
        print("hugo or its site (../shared/bench/hugo-site) not found: measuring ours only",
              file=sys.stderr)

    # Python byte-compiles the engine once, as pip does for an installed package
    # (where PYTHONDONTWRITEBYTECODE is set, every build would compile it again)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "briefing")], check=True)
    rows = []
    for size in args.sizes:
        rows += measure(size, args.runs, args.work, with_hugo)
    cold = {size: seconds for size, name, seconds, *_ in rows if name == "cold build"}

    print(f"\n{os.cpu_count()} cores, Python {sys.version.split()[0]}, medians of {args.runs} runs\n")
    print("| releases | measure | ours | Hugo 0.111 | notes | target |")
    print("|---:|---|---:|---:|---|---|")
    for size, name, value, hugo_value, note in rows:
        unit = " MB" if "memory" in name else " % of a core" if "nobody" in name else " s"
        hugo_text = f"{hugo_value:.2f}{unit}" if hugo_value is not None else ""
        print(f"| {size:,} | {name} | {value:.2f}{unit} | {hugo_text} | {note} | {TARGETS[name]} |")
    if len(cold) > 1:
        small, large = min(cold), max(cold)
        print(f"\ngrowth: cold build of {large:,} costs {cold[large] / cold[small]:.1f}× that of "
              f"{small:,} (target ≤ {1.1 * large / small:.0f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
