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
  and again the whole site (search index, feeds, calendars, sitemap) beside
  Hugo followed by Pagefind over its meeting pages, the way Hugo's users add
  search. Each tool finds the output folder of its last build, as Hugo's users
  and ours do, and writes every file of it anew (a first run makes it);
- no-change rebuild: the same command again;
- one release edited: a sentence added to one release, then a rebuild
  (and how many files that rewrote); and the same, and one release's facts
  edited, in the whole site, search index included;
- search in the browser: the search page of the whole site opened with a
  query, in Chromium, until its first results show (and the bytes it loaded);
- one release edited in the live preview: `build.py serve` running, a
  sentence added to one release; the time is the rebuild's own, as the server
  reports it, and the note gives the time from the save until the server
  answers with the new page (polling and rebuild included);
- template edited: a comment added to meeting.html, then a rebuild (and how
  many releases that parsed: it should be none);
- peak memory of the cold build, like for like and whole site (proportional
  set size of the process and all its workers and Pagefind's, sampled in a
  cold build of its own, so that the sampler does not slow the timed builds).

Timings are medians; the table compares them with the targets of the speed
issues, marks each one missed, and the run exits with status 1 if any was.
"""

from __future__ import annotations

import argparse
import importlib.util
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
BIG = 10_000  # the size at which most targets hold
# measure -> (the target as the table shows it, whether a row meets it: (size, ours, Hugo's,
# note) -> bool); the rows without a target only report
TARGETS = {
    "cold build": ("≤ Hugo (ratio ≤ 1.0)", lambda n, ours, hugo, note: not hugo or ours <= hugo),
    "cold build, whole site": ("≤ Hugo + Pagefind",
                               lambda n, ours, hugo, note: not hugo or ours <= hugo),
    "no-change rebuild": ("≤ 0.3 s at 10,000", lambda n, ours, hugo, note: n < BIG or ours <= 0.3),
    "one release edited": ("≤ 0.5 s at 10,000", lambda n, ours, hugo, note: n < BIG or ours <= 0.5),
    "one release's text edited, whole site": (
        "≤ 1.0 s at 10,000", lambda n, ours, hugo, note: n < BIG or ours <= 1.0),
    "one release's facts edited, whole site": (
        "≤ 1.5 s at 10,000", lambda n, ours, hugo, note: n < BIG or ours <= 1.5),
    "search, a query in the browser": (
        "< 300 ms at 10,000", lambda n, ours, hugo, note: n < BIG or ours < 300),
    "one release edited, live preview": (
        "≤ 0.5 s at 10,000", lambda n, ours, hugo, note: n < BIG or ours <= 0.5),
    "live preview, nobody saving": (
        "≤ 1 % of a core at 10,000", lambda n, ours, hugo, note: n < BIG or ours <= 1.0),
    "template edited": ("0 releases parsed",
                        lambda n, ours, hugo, note: set(note.split(": ")[1].split(", ")) == {"0"}),
    "peak memory (cold)": ("≤ 500 MB at 10,000", lambda n, ours, hugo, note: n < BIG or ours <= 500),
    "peak memory, whole site": ("≤ 500 MB at 10,000",
                                lambda n, ours, hugo, note: n < BIG or ours <= 500),
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

    def again(self, full: bool = False) -> tuple[float, float, str]:
        return run(self.command(full), self.work)

    def edits(self, release: Path, runs: int, change, full: bool = False
              ) -> tuple[list[float], list[str]]:
        """`change` (the release's text, the run's number -> its new text) made to
        `release` runs + 1 times, each followed by a rebuild: their times, and how many
        files each wrote. The first edit also makes the spare twin: it is reported apart."""
        original = release.read_text()
        seconds, written = [], []
        try:
            for n in range(runs + 1):
                release.write_text(change(original, n))
                took, _, out = self.again(full)
                seconds.append(took)
                written.append(written_count(out))
        finally:
            release.write_text(original)
        self.again(full)
        return seconds, written

    def search_latency(self, queries: list[str]) -> tuple[list[float], float, int]:
        """The whole site's search in Chromium, as a reader meets it: milliseconds from
        each query to its first five results (their titles and excerpts loaded), once
        the search page has loaded Pagefind; and, the page opened afresh with the first
        query, milliseconds until its results show and the bytes it loaded by then."""
        from playwright.sync_api import sync_playwright  # (a test dependency)

        server = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                                   "--directory", str(self.work / "site-full"),
                                   str(port := _free_port())],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(lambda: _page(f"http://127.0.0.1:{port}/robots.txt"), server, 30)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                tab = browser.new_page()
                loaded = []
                tab.on("response", lambda response: loaded.append(response))
                tab.goto(f"http://127.0.0.1:{port}/search/index.html?q={queries[0]}")
                tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=60_000)
                opened = tab.evaluate("performance.now()")
                size = sum(len(response.body()) for response in loaded)
                times = [tab.evaluate(QUERY_TIME, query) for query in queries]
                browser.close()
        finally:
            server.terminate()
            server.wait()
        return times, opened, size


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


# One query through the search page's own Pagefind (the module its interface
# loaded, shards merged): ms until its first five results' data are in.
QUERY_TIME = """async (query) => {
  const shards = await (await fetch("/pagefind/shards.json")).json();
  const pagefind = await import("/pagefind/" + shards[0] + "/pagefind.js");
  const started = performance.now();
  const found = await pagefind.search(query);
  await Promise.all(found.results.slice(0, 5).map((result) => result.data()));
  return performance.now() - started;
}"""

IDLE_SECONDS = 20
CHROMIUM = "/usr/bin/chromium"  # Debian's (never `playwright install`)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# words of the generated releases, seldom to often found
QUERIES = ["Dushanbe", "border security", "training", "cooperation"]


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

    def whole(self, sample: bool = False) -> tuple[float, float, str]:
        """Hugo, then Pagefind over its meeting pages, as Hugo's users add search (the
        binary straight, as ours runs it)."""
        from pagefind.service import get_executable  # (ours depends on it)

        shutil.rmtree(self.work / "resources", ignore_errors=True)
        public = self.work / "public"
        return run(["sh", "-c", 'hugo --quiet -s "$1" && "$2" --site "$3" --glob '
                    '"meetings/**/*.html" --silent', "-", str(self.work),
                    str(get_executable()), str(public)], self.work, sample)


def generate(folder: Path, size: int, flavor: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(folder), str(size),
                    "--seed", "1", "--flavor", flavor], check=True, capture_output=True)


def sentence(text: str, n: int) -> str:
    """A release's text with a sentence added (its text edited, no fact)."""
    return text + f"\nA sentence added by the benchmark ({n}).\n"


def moved(text: str, n: int) -> str:
    """A release's text with its place changed (one of its facts), or a place given."""
    place = f'location: "Benchmark City {n}"'
    if re.search(r"^location: ", text, re.M):
        return re.sub(r"^location: .*$", place, text, count=1, flags=re.M)
    return text.replace("\n", f"\n{place}\n", 1)  # (after the opening ---)


def parsed_count(out: str) -> str:
    match = re.search(r"parsed (\d+) of", out)
    return match.group(1) if match else "?"


def written_count(out: str) -> str:
    match = re.search(r"wrote (\d+) file", out)
    return match.group(1) if match else "?"


def measure(size: int, runs: int, work: Path, with_hugo: bool) -> list[tuple]:
    ours = Ours(work / str(size), size)
    hugo = Hugo(work / str(size), size) if with_hugo else None
    cold, hugo_cold, full, hugo_full = [], [], [], []
    for n in range(runs):  # alternate, so that both see the same machine
        progress(f"{size:,}: cold builds, run {n + 1} of {runs}")
        full.append(ours.cold(full=True)[0])
        if hugo:
            hugo_full.append(hugo.whole()[0])
        cold.append(ours.cold()[0])
        if hugo:
            hugo_cold.append(hugo.cold()[0])
    progress(f"{size:,}: peak memory")
    hugo_memory = hugo.cold(sample=True)[1] if hugo else None
    hugo_full_memory = hugo.whole(sample=True)[1] if hugo else None
    full_memory = ours.cold(full=True, sample=True)[1]
    cold_memory = ours.cold(sample=True)[1]  # (the last build: the rebuilds below follow it)
    progress(f"{size:,}: rebuilds")
    unchanged = [ours.again()[0] for _ in range(runs)]

    release = sorted(ours.content.rglob("*.md"))[size // 2]
    edits, rewritten = ours.edits(release, runs, sentence)
    template = ours.work / "templates" / "meeting.html"
    text = template.read_text()
    template_runs, parsed = [], []
    for n in range(runs):
        template.write_text(text + f"{{# benchmark edit {n} #}}\n")
        seconds, _, out = ours.again()
        template_runs.append(seconds)
        parsed.append(parsed_count(out))
    template.write_text(text)

    ours.again(full=True)  # (the cache follows one output folder: now the whole site's)
    text_edits, text_written = ours.edits(release, runs, sentence, full=True)
    fact_edits, fact_written = ours.edits(release, runs, moved, full=True)
    progress(f"{size:,}: search in the browser")
    search_ms, opened_ms, search_bytes = ours.search_latency(QUERIES)

    progress(f"{size:,}: edits in the live preview")
    preview_rebuilds, preview_latencies, idle = ours.preview_edits(release, runs)

    median = statistics.median
    hugo_median = median(hugo_cold) if hugo else None
    hugo_full_median = median(hugo_full) if hugo else None
    rows = [
        ("cold build", median(cold), hugo_median,
         f"ratio {median(cold) / hugo_median:.2f}" if hugo else ""),
        ("cold build, whole site", median(full), hugo_full_median,
         (f"ratio {median(full) / hugo_full_median:.2f}; " if hugo else "")
         + "search, feeds, calendars, sitemap; Hugo's: Hugo + Pagefind"),
        ("no-change rebuild", median(unchanged), None, ""),
        ("one release edited", median(edits[1:]), None,
         f"first edit {edits[0]:.2f} s; files rewritten: {', '.join(rewritten[1:])}"),
        ("one release's text edited, whole site", median(text_edits[1:]), None,
         f"search included; files rewritten: {', '.join(text_written[1:])}"),
        ("one release's facts edited, whole site", median(fact_edits[1:]), None,
         f"its place; files rewritten: {', '.join(fact_written[1:])}"),
        ("search, a query in the browser", median(search_ms), None,
         "; ".join(f"{query}: {ms:.0f}" for query, ms in zip(QUERIES, search_ms))
         + f"; the page opened with a query: results at {opened_ms:.0f} ms, "
         f"{search_bytes / 1e6:.1f} MB loaded"),
        ("one release edited, live preview", median(preview_rebuilds), None,
         f"save to new page served: {median(preview_latencies):.2f} s"),
        ("live preview, nobody saving", idle * 100, None, ""),
        ("template edited", median(template_runs), None, f"releases parsed: {', '.join(parsed)}"),
        ("peak memory (cold)", cold_memory, hugo_memory, "MB"),
        ("peak memory, whole site", full_memory, hugo_full_memory,
         "MB, Pagefind's processes included; Hugo's: Hugo + Pagefind"),
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

    # (the search row needs them: better said now than after an hour of builds)
    if importlib.util.find_spec("playwright") is None:
        raise SystemExit("playwright is missing: pip install -r requirements-dev.txt")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium")

    # Python byte-compiles the engine once, as pip does for an installed package
    # (where PYTHONDONTWRITEBYTECODE is set, every build would compile it again)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "briefing")], check=True)
    rows = []
    for size in args.sizes:
        rows += measure(size, args.runs, args.work, with_hugo)

    print(f"\n{os.cpu_count()} cores, Python {sys.version.split()[0]}, medians of {args.runs} runs\n")
    print("| releases | measure | ours | Hugo 0.111 | notes | target |")
    print("|---:|---|---:|---:|---|---|")
    missed = []
    for size, name, value, hugo_value, note in rows:
        unit = (" MB" if "memory" in name else " % of a core" if "nobody" in name
                else " ms" if "browser" in name else " s")
        hugo_text = f"{hugo_value:.2f}{unit}" if hugo_value is not None else ""
        target, met = TARGETS.get(name, ("", lambda *row: True))
        if not met(size, value, hugo_value, note):
            missed.append(f"{size:,}: {name}: {value:.2f}{unit}, target {target}")
            note = f"**MISSED** {note}"
        print(f"| {size:,} | {name} | {value:.2f}{unit} | {hugo_text} | {note} | {target} |")
    sizes = sorted({size for size, *_ in rows})
    if len(sizes) > 1:  # growth from the smallest size to the largest, every measure
        small, large = sizes[0], sizes[-1]
        print(f"\ngrowth from {small:,} to {large:,} releases (target ≤ {large / small:.0f}×):")
        values = {(size, name): value for size, name, value, *_ in rows}
        for name in dict.fromkeys(name for _, name, *_ in rows):
            if name == "live preview, nobody saving" or not values[small, name]:
                continue  # (a share of a core near nothing: its growth is noise)
            growth = values[large, name] / values[small, name]
            if growth > large / small:
                missed.append(f"growth of {name}: {growth:.1f}×")
            print(f"- {name}: {growth:.1f}×")
    for line in missed:
        print(f"MISSED {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
