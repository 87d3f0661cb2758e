"""The live preview as an editor lives with it: `build.py serve` in a real process,
looked at through Debian's Chromium (Playwright). Every save must show in the open
page without a hand on the reload button; a broken save must show what broke, and
the next good save must bring the page back."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

SEEN = 15_000  # ms a save may take to show in the page (it takes well under one)
RELEASE = "content/2021/csto-drug-council-xxiv.md"
PAGE = "meetings/csto-drug-council-xxiv/"


class Server:
    """`build.py serve` on a free port, in `folder`; its output collected as it comes."""

    def __init__(self, folder: Path, *options: str, port: int | None = None,
                 env: dict | None = None):
        self.folder, self.port = folder, port or free_port()
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(self.port), *options],
            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def wait_for_line(self, start: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = [line for line in self.lines if line.startswith(start)]
            if found:
                return found[-1]
            assert self.process.poll() is None, "\n".join(self.lines)
            time.sleep(0.05)
        raise AssertionError(f"no line {start!r} in:\n" + "\n".join(self.lines))

    def builds(self) -> int:
        """How many builds ran since the start (the first one included)."""
        return sum(1 for line in self.lines if " built " in line or " nothing changed" in line
                   or "the build failed" in line)

    def stop(self, signum: int = signal.SIGINT) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                raise AssertionError(f"still running 10 s after signal {signum}:\n"
                                     + "\n".join(self.lines)) from None
        return self.process.returncode


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.fixture
def work(tmp_path) -> Path:
    """A project folder with a copy of the fixture releases and of the templates."""
    shutil.copytree(FIXTURES / "corpus", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


@pytest.fixture
def server(work):
    running = Server(work)
    running.wait_for_line("serving on")
    yield running
    running.stop()


@pytest.fixture
def live(browser, server):
    """A browser tab on the meeting page, connected to the preview's live reload."""
    tab = browser.new_page()
    refused = []
    tab.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    with tab.expect_websocket() as opened:
        tab.goto(server.url + PAGE)
    socket_ = opened.value
    # livereload's handshake: the client says hello, the server answers, the client
    # sends "info", after which the server counts the tab among those to reload
    socket_.wait_for_event("framesent", predicate=lambda frame: "info" in str(frame), timeout=SEEN)
    time.sleep(0.2)
    yield tab
    assert refused == [], "the page's security policy refused the preview's script"
    tab.close()


def save(work: Path, title: str, text: str = "The council met in Minsk.") -> None:
    """Save the release with a new title (and text), as an editor's save does."""
    path = work / RELEASE
    old = path.read_text()
    front, _ = old.split("\n---\n", 1)
    lines = [f"title: {title}" if line.startswith("title:") else line for line in front.split("\n")]
    path.write_text("\n".join(lines) + f"\n---\n\n{text}\n")


def shows(tab, text: str) -> None:
    tab.get_by_text(text, exact=False).first.wait_for(timeout=SEEN)


def heading(tab) -> str:
    return tab.locator("h1").first.inner_text()


def test_a_save_shows_in_the_open_page_without_reloading_by_hand(work, live):
    shows(live, "XXIV meeting of the CSTO")
    save(work, "Edited title", "A sentence added by the editor.")
    shows(live, "A sentence added by the editor.")
    assert heading(live) == "Edited title"


def test_two_saves_a_second_apart_both_show(work, live):
    save(work, "First save")
    started = time.monotonic()
    shows(live, "First save")
    time.sleep(max(0.0, 1 - (time.monotonic() - started)))
    save(work, "Second save")
    shows(live, "Second save")


def test_three_saves_within_a_second_the_last_wins(work, server, live):
    for n in (1, 2, 3):
        save(work, f"Save number {n}")
        time.sleep(0.3)
    shows(live, "Save number 3")
    time.sleep(1)  # and nothing comes after it
    assert heading(live) == "Save number 3"


def test_a_save_right_after_the_start_shows(work, browser):
    running = Server(work)
    try:
        running.wait_for_line("serving on")
        save(work, "Saved at once")
        tab = browser.new_page()
        tab.goto(running.url + PAGE)
        # (the page's security policy lets no string run as script: a selector waits)
        tab.locator("h1", has_text="Saved at once").wait_for(timeout=SEEN)
    finally:
        assert running.stop() == 0


@pytest.mark.parametrize("breakage, where", [
    ("yaml", f"{RELEASE}:7:7: front matter: YAML syntax error"),
    ("country", f"{RELEASE}:10: countries: unknown country 'Atlantis'"),
    ("template", "meeting.html:"),
])
def test_a_broken_save_shows_the_problem_and_the_next_good_save_recovers(work, live, breakage, where):
    release, template = work / RELEASE, work / "templates" / "meeting.html"
    good = release.read_text()
    if breakage == "yaml":
        release.write_text(good.replace("session: 24", "session: [24\nformat: x"))
    elif breakage == "country":
        release.write_text(good.replace("countries: [AM,", "countries: [Atlantis,"))
    else:
        template.write_text(template.read_text().replace("{% endblock %}", "{% endblok %}", 1))
    shows(live, "The build failed")
    assert where in live.locator("main").inner_text()
    if breakage == "template":
        template.write_text((ROOT / "templates" / "meeting.html").read_text())
        release.write_text(good.replace("title: XXIV", "title: Back again, XXIV"))
    else:
        release.write_text(good.replace("title: XXIV", "title: Back again, XXIV"))
    shows(live, "Back again, XXIV")


def test_the_settings_are_watched_too(work, live):
    settings = work / "site.yaml"
    settings.write_text("title: Renamed site\n")
    shows(live, "Renamed site")
    settings.write_text("title: Renamed site\nhome_meetings: lots\n")
    shows(live, "The build failed")
    assert "site.yaml:2: home_meetings: 'lots' is not a number" in live.locator("main").inner_text()
    settings.write_text("title: Fixed site\n")
    shows(live, "Fixed site")


def test_new_deleted_and_renamed_files_are_picked_up(work, server):
    added = work / "content/2023/new-meeting.md"
    added.parent.mkdir()
    added.write_text("---\ntitle: A new meeting\ndate: 2023-01-01\n---\n\nText.\n")
    wait_until(lambda: status(server.url + "meetings/new-meeting/") == 200)
    added.rename(work / "content/2023/renamed-meeting.md")
    wait_until(lambda: status(server.url + "meetings/renamed-meeting/") == 200)
    assert status(server.url + "meetings/new-meeting/") == 404
    (work / "content/2023/renamed-meeting.md").unlink()
    wait_until(lambda: status(server.url + "meetings/renamed-meeting/") == 404)


def test_a_burst_of_saves_is_one_rebuild(work, server):
    time.sleep(0.5)
    before = server.builds()
    for n in range(30):  # "save all", or a git checkout
        path = work / "content" / "burst" / f"meeting-{n}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"---\ntitle: Burst {n}\ndate: 2023-02-{1 + n % 28:02d}\n---\n\nText.\n")
    wait_until(lambda: status(server.url + "meetings/meeting-29/") == 200)
    time.sleep(1)
    assert server.builds() == before + 1, "\n".join(server.lines)


def test_an_idle_preview_does_not_wake_to_look_at_its_inputs(work, server):
    """Nobody saves: the preview waits for the operating system's word instead of
    looking at every input ten times a second (it woke 30 times in 3 s before). Its
    loop's wake-ups are counted by the kernel (voluntary context switches)."""
    def wakeups() -> int:
        status_ = Path(f"/proc/{server.process.pid}/status").read_text()
        return int(next(line.split()[1] for line in status_.splitlines()
                        if line.startswith("voluntary_ctxt_switches")))

    time.sleep(1.5)  # (the first build and its settling looks are over)
    before = wakeups()
    time.sleep(3)
    assert wakeups() - before < 10
    # and a save still shows at once
    page = work / "content" / "idle.md"
    page.write_text("---\ntitle: Saved while idle\ndate: 2023-03-01\n---\n\nText.\n")
    started = time.monotonic()
    wait_until(lambda: status(server.url + "meetings/idle/") == 200)
    assert time.monotonic() - started < 3


def test_a_content_folder_made_anew_is_watched_anew(work, server):
    """A `git checkout` may delete the folder and make it again: the saves into the
    new one show at once too (the watch of the old folder went with it)."""
    time.sleep(0.5)
    shutil.move(work / "content", work / "content-away")
    wait_until(lambda: status(server.url + PAGE) == 500 or "no such folder" in
               "\n".join(server.lines))
    shutil.copytree(work / "content-away", work / "content")
    time.sleep(1)
    (work / "content" / "anew.md").write_text("---\ntitle: Saved anew\ndate: 2023-03-01\n---\n\n"
                                              "Text.\n")
    wait_until(lambda: status(server.url + "meetings/anew/") == 200, seconds=2.5)


def test_without_the_operating_systems_events_the_preview_polls_and_sees_every_save(work,
                                                                                   tmp_path):
    """Where the events cannot be had (here: watchfiles fails to load), the preview
    looks ten times a second, as before, and misses nothing."""
    import os

    shim = tmp_path / "shim" / "watchfiles"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError('no events on this machine')\n")
    env = {**os.environ, "PYTHONPATH": str(shim.parent)}
    running = Server(work, env=env)
    try:
        running.wait_for_line("serving on")
        time.sleep(0.5)
        for n in (1, 2):  # two saves a second apart: both show
            (work / "content" / f"polled-{n}.md").write_text(
                f"---\ntitle: Polled {n}\ndate: 2023-03-0{n}\n---\n\nText.\n")
            wait_until(lambda: status(running.url + f"meetings/polled-{n}/") == 200, seconds=2.5)
            time.sleep(1)
    finally:
        running.stop()


def test_drafts_show_with_a_banner_only_with_drafts(work):
    for options, expected in [((), 404), (("--drafts",), 200)]:
        running = Server(work, *options)
        try:
            running.wait_for_line("serving on")
            url = running.url + "meetings/draft-meeting/"
            assert status(url) == expected
            if expected == 200:
                with urllib.request.urlopen(url) as response:
                    assert 'class="draft-banner"' in response.read().decode()
        finally:
            running.stop()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_a_term_stops_cleanly(server, signum):
    assert server.stop(signum) == 0
    assert server.lines[-1] == "stopped"
    assert not any("Traceback" in line for line in server.lines)


def test_a_port_in_use_gives_a_clear_message(work):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        running = Server(work, port=port)
        assert running.process.wait(timeout=30) == 1
        time.sleep(0.1)
    assert f"port {port} is already in use; try --port {port + 1}" in running.lines


def wait_until(condition, seconds: float = SEEN / 1000) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the preview never caught up"
        time.sleep(0.05)


def raw(port: int, request: str) -> str:
    """The status line the server answers a request written by hand with."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(request.encode())
        return connection.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


def get(port: int, path: str = "/", host: str | None = None, more: str = "") -> str:
    return raw(port, f"GET {path} HTTP/1.1\r\nHost: {host or f'127.0.0.1:{port}'}\r\n{more}\r\n")


def test_the_preview_answers_only_its_own_names_its_own_origin_and_sane_paths(server):
    idle = socket.create_connection(("127.0.0.1", server.port))  # says nothing from now on
    opened = time.monotonic()
    port = server.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "192.168.0.9:8000"):
        assert get(port, host=host) == "HTTP/1.1 200 OK", host
    for host in (f"evil.example:{port}", "attacker.example", f"localhost.evil.example:{port}"):
        for path in ("/", "/livereload.js", "/forcereload", "/livereload"):
            assert get(port, path, host) == "HTTP/1.1 403 Forbidden", (host, path)
    handshake = ("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
    assert get(port, "/livereload", more=handshake + f"Origin: http://127.0.0.1:{port}\r\n") == \
        "HTTP/1.1 101 Switching Protocols"
    assert get(port, "/livereload", more=handshake + "Origin: http://evil.example\r\n") == \
        "HTTP/1.1 403 Forbidden"
    assert get(port, "/meetings/%00/index.html") == "HTTP/1.1 400 Bad Request"
    assert get(port, "/%00") == "HTTP/1.1 400 Bad Request"
    from briefing.commands.serve import IDLE

    time.sleep(max(0.0, IDLE + 0.5 - (time.monotonic() - opened)))
    idle.settimeout(2)
    assert idle.recv(1) == b""  # closed by the server
    idle.close()
    assert not [line for line in server.lines if "Traceback" in line or "Error" in line]


def test_a_fifo_saved_into_content_is_shown_as_a_problem_and_never_freezes_the_preview(work, server):
    import os

    done = server.builds()
    os.mkfifo(work / "content/2021/pipe.md")
    server.wait_for_line("content/2021/pipe.md: file: a FIFO (named pipe), not a file; not read")
    assert status(server.url + PAGE) == 500  # the page shows the problem
    with urllib.request.urlopen(server.url + "livereload.js", timeout=5) as answer:
        assert answer.status == 200  # and the server answers on
    (work / "content/2021/pipe.md").unlink()
    deadline = time.monotonic() + 30
    while status(server.url + PAGE) != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert server.builds() >= done + 2


def test_while_another_build_holds_the_cache_the_preview_answers_and_builds_after(work, server):
    from briefing.publish.guard import locked

    with locked(work / ".cache/lock", "the cache"):  # a `build` or a `check`, at length
        save(work, "Held back while another build runs")
        deadline = time.monotonic() + 15
        while not any("is running: the preview builds once it is done" in l for l in server.lines):
            assert time.monotonic() < deadline, "\n".join(server.lines)
            time.sleep(0.05)
        with urllib.request.urlopen(server.url + PAGE, timeout=5) as answer:  # it answers on
            assert b"Held back" not in answer.read()
    deadline = time.monotonic() + 30
    while True:
        with urllib.request.urlopen(server.url + PAGE, timeout=5) as answer:
            if b"Held back while another build runs" in answer.read():
                break
        assert time.monotonic() < deadline, "\n".join(server.lines)
        time.sleep(0.1)


def test_a_preview_folder_an_earlier_version_left_in_the_cache_is_taken_back(work):
    from briefing.publish.guard import MARKER

    old = work / ".cache/preview/site"
    old.mkdir(parents=True)
    (old / "index.html").write_text("an earlier version's preview, without a marker")
    running = Server(work)
    try:
        running.wait_for_line("serving on")
        assert status(running.url) == 200 and (old / MARKER).is_file()
        with urllib.request.urlopen(running.url, timeout=5) as answer:
            assert b"earlier version" not in answer.read()
    finally:
        running.stop()
