"""The build cache stays about the size of the content, never serves another
engine's results, and is disposable: a damaged file of it is set aside."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from briefing.reuse import store as cache_module
from briefing.reuse.store import Cache
from conftest import FIXTURES, ROOT, cli
from test_killed_build import digest


def rows(folder) -> list[str]:
    with sqlite3.connect(folder / "releases.sqlite") as db:
        return sorted(key for (key,) in db.execute("SELECT key FROM releases"))


def test_earlier_versions_are_forgotten_once_they_outnumber_the_current(tmp_path):
    cache = Cache(tmp_path)
    cache.remember((f"k{n:02}", b"facts", "<p>text</p>") for n in range(30))
    cache.keep_only({"k00", "k01", "k02"}, spare=30)  # 30 rows: not yet too many
    assert len(rows(tmp_path)) == 30
    cache.keep_only({"k00", "k01", "k02"}, spare=10)
    cache.close()
    assert rows(tmp_path) == ["k00", "k01", "k02"]
    assert Cache(tmp_path).texts(["k01", "k05"]) == {"k01": "<p>text</p>"}


def test_another_engines_cache_is_dropped_not_read(tmp_path, monkeypatch):
    cache = Cache(tmp_path)
    cache.remember([("k", b"facts", "<p>old engine</p>")])
    cache.close()
    monkeypatch.setattr(cache_module, "ENGINE", cache_module.ENGINE + " next")
    assert Cache(tmp_path).known() == set()
    assert rows(tmp_path) == []


def test_the_engine_names_the_libraries_output_depends_on():
    # another Markdown (or Jinja2, nh3, ...) may make other bytes: a cache made with
    # one is never used with another
    import jinja2
    import markdown

    assert f"markdown {markdown.__version__}" in cache_module.ENGINE
    assert f"jinja2 {jinja2.__version__}" in cache_module.ENGINE


# -- a damaged cache is set aside: the build goes on cold, with --no-cache's output --

def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2 + 100]


def garbage(data: bytes) -> bytes:
    return bytes((n * 7919) % 251 for n in range(len(data)))


def zeroed_pages(data: bytes) -> bytes:
    """The header page kept, the rest zeroed, as after a crash of the disk's cache."""
    return data[:4096] + bytes(len(data) - 4096)


@pytest.mark.parametrize("damage", [truncated, garbage, zeroed_pages])
def test_a_damaged_database_is_set_aside_and_the_build_goes_on_cold(tmp_path, damage):
    work = tmp_path
    shutil.copytree(FIXTURES / "corpus", work / "content")
    assert cli("build", "--no-search", cwd=work).returncode == 0
    database = work / ".cache/releases.sqlite"
    database.write_bytes(damage(database.read_bytes()))
    release = next((work / "content").rglob("*.md"))
    release.write_text(release.read_text() + "\nA paragraph added.\n")
    done = cli("build", "--no-search", cwd=work)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if ": cache: " in line]
    assert len(warnings) == 1 and warnings[0].startswith(
        ".cache/releases.sqlite: warning: cache: cannot be read (") and warnings[0].endswith(
        "); set aside as releases.sqlite.unreadable, and the build went on without it")
    assert (work / ".cache/releases.sqlite.unreadable").is_file()
    clean = cli("build", "--no-search", "--no-cache", "--out", "clean", cwd=work)
    assert clean.returncode == 0
    assert digest(work / "site") == digest(work / "clean")
    again = cli("build", "--no-search", cwd=work)  # the new cache works
    assert again.returncode == 0 and ": cache: " not in again.stderr
    assert again.stdout.startswith("nothing changed")


def test_damaged_state_files_are_warned_about_and_rebuilt(tmp_path):
    shutil.copytree(FIXTURES / "corpus", tmp_path / "content")
    assert cli("build", "--no-search", cwd=tmp_path).returncode == 0
    for state in (tmp_path / ".cache").glob("*.pickle"):
        state.write_bytes(garbage(state.read_bytes()))
    done = cli("build", "--no-search", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ": cache: cannot be read (" in done.stderr
    clean = cli("build", "--no-search", "--no-cache", "--out", "clean", cwd=tmp_path)
    assert clean.returncode == 0 and digest(tmp_path / "site") == digest(tmp_path / "clean")


def test_a_stored_release_that_cannot_be_unpickled_sets_the_database_aside(tmp_path):
    """The bug: facts the store holds but this engine cannot unpickle (damaged
    bytes, or a class since moved) ended the build with a traceback."""
    shutil.copytree(FIXTURES / "corpus", tmp_path / "content")
    assert cli("build", "--no-search", cwd=tmp_path).returncode == 0
    with sqlite3.connect(tmp_path / ".cache/releases.sqlite") as db:
        db.execute("UPDATE releases SET facts = x'80049500'")  # a pickle cut short
    for state in (tmp_path / ".cache").glob("*.pickle"):  # so the facts come from the store
        state.unlink()
    set_aside_and_rebuilt(tmp_path, "a stored release cannot be read (UnpicklingError)")


def test_a_release_text_gone_from_the_database_sets_it_aside_not_a_page_without_it(tmp_path):
    """The bug: a stored release whose text was lost (its facts kept) gave its page
    no text at all, silently, when a template edit rendered it again."""
    shutil.copytree(FIXTURES / "corpus", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    assert cli("build", "--no-search", cwd=tmp_path).returncode == 0
    with sqlite3.connect(tmp_path / ".cache/releases.sqlite") as db:
        db.execute("UPDATE releases SET html = NULL")
    page = tmp_path / "templates/meeting.html"
    page.write_text(page.read_text() + "<!-- edited -->\n")  # every meeting page again
    set_aside_and_rebuilt(tmp_path, "a release's text is missing")


def set_aside_and_rebuilt(work, reason: str) -> None:
    """A build in `work` sets the database aside for `reason`, and its site is a clean build's."""
    done = cli("build", "--no-search", cwd=work)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f".cache/releases.sqlite: warning: cache: cannot be read ({reason}); set aside as " \
           "releases.sqlite.unreadable" in done.stderr
    clean = cli("build", "--no-search", "--no-cache", "--out", "clean", cwd=work)
    assert clean.returncode == 0 and digest(work / "site") == digest(work / "clean")


def test_the_stored_texts_are_read_in_forked_workers_and_their_failures_come_back_whole(
        tmp_path):
    import pickle

    from briefing.parallel import SMALL, fork_map

    cache = Cache(tmp_path)
    cache.remember([("k1", b"facts", "<p>one</p>"), ("k2", b"facts", None)])
    texts = cache.text_source()
    assert texts["k1"] == "<p>one</p>"  # (a connection of this process, which the workers inherit)
    assert list(fork_map(read, ["k1"] * SMALL, shared=texts)) == ["<p>one</p>"] * SMALL
    with pytest.raises(cache_module.Unreadable, match="a release's text is missing"):
        list(fork_map(read, ["k2"] * SMALL, shared=texts))
    assert texts["k1"] == "<p>one</p>"  # (this process's connection, untouched by the workers)
    unreadable = pickle.loads(pickle.dumps(cache_module.Unreadable(tmp_path / "x", "why")))
    assert (unreadable.path, unreadable.reason) == (tmp_path / "x", "why")
    cache.close()


def read(texts, key: str) -> str:
    return texts[key]
