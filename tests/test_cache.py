"""The build cache stays about the size of the content and never serves another
engine's results."""

from __future__ import annotations

import sqlite3

from briefing import cache as cache_module
from briefing.cache import Cache


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
