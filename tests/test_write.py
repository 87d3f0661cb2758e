"""write: the new site replaces the old one whole, or not at all."""

from __future__ import annotations

import pytest

from briefing.urls import file_of, relative
from briefing.write import UnsafePath, publish


def test_publish_writes_pages_and_assets(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "style.css").write_text("body {}")
    count = publish([("index.html", b"home"), ("meetings/a/index.html", b"a")], assets, tmp_path / "site")
    assert count == 2
    assert (tmp_path / "site/meetings/a/index.html").read_bytes() == b"a"
    assert (tmp_path / "site/assets/style.css").read_text() == "body {}"


def test_stale_pages_disappear_and_no_staging_is_left(tmp_path):
    out = tmp_path / "site"
    publish([("index.html", b"1"), ("meetings/old/index.html", b"old")], None, out)
    publish([("index.html", b"2")], None, out)
    assert not (out / "meetings").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_failure_while_rendering_leaves_the_old_site(tmp_path):
    out = tmp_path / "site"
    publish([("index.html", b"old")], None, out)

    def pages():
        yield "index.html", b"new"
        raise RuntimeError("a template failed half way")

    with pytest.raises(RuntimeError):
        publish(pages(), None, out)
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("path", ["../evil.html", "meetings/../../evil.html", "/etc/evil.html", ""])
def test_paths_outside_the_output_are_refused(tmp_path, path):
    with pytest.raises(UnsafePath):
        publish([(path, b"x")], None, tmp_path / "site")
    assert not (tmp_path / "evil.html").exists()
    assert not (tmp_path / "site").exists()


def test_leftovers_of_a_killed_build_are_swept(tmp_path):
    (tmp_path / ".site.build-abc123").mkdir()
    publish([("index.html", b"x")], None, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_relative_links_work_from_any_depth_and_from_disk():
    assert file_of("") == "index.html" and file_of("timeline/") == "timeline/index.html"
    assert relative("", "countries/russia/") == "countries/russia/index.html"
    assert relative("meetings/x/", "") == "../../index.html"
    assert relative("meetings/x/", "assets/style.css") == "../../assets/style.css"
    assert relative("404.html", "timeline/") == "timeline/index.html"
