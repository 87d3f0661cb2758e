"""The environment fails: one clear line, exit 1, site/ untouched (issue 12, point 7).

A full disk, a read-only output and an output folder that is a mount point are
real here: each scenario runs in a user and mount namespace of its own (Linux's
`unshare`), where a small tmpfs is mounted. The scenario runs inside it (this
file, run as a program) and reports what it saw as JSON; the tests judge it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import FIXTURES, ROOT, cli, release_text  # noqa: E402
from test_killed_build import corpus, digest  # noqa: E402


def in_a_namespace(scenario: str, work: Path) -> dict:
    """Run `scenario` in a user and mount namespace of its own; what it reports."""
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"],
                           capture_output=True)
    if probe.returncode:
        pytest.skip(f"no user and mount namespaces here (unshare: {probe.stderr.decode().strip()})")
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", sys.executable,
                           __file__, scenario, str(work)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_full_disk_leaves_the_site_as_it_was_and_gives_back_the_room(tmp_path):
    seen = in_a_namespace("full_disk", tmp_path)
    assert seen["first"]["status"] == 0
    assert seen["second"]["status"] == 1
    assert seen["second"]["stderr"].splitlines() == [seen["second"]["stderr"].strip()]  # one line
    assert seen["second"]["stderr"].startswith("the build stopped: out/site/")
    assert seen["second"]["stderr"].endswith(": No space left on device; out/site/ left as it was\n")
    assert "Traceback" not in seen["second"]["stderr"]
    assert seen["site after"] == seen["site before"]
    assert seen["free after"] >= seen["free before"]  # no half-written spare fills the disk
    assert seen["beside the site"] == [".site.lock", "site"]


def test_a_read_only_output_leaves_the_site_as_it_was(tmp_path):
    seen = in_a_namespace("read_only", tmp_path)
    assert seen["first"]["status"] == seen["mounted first"]["status"] == 0
    assert seen["second"]["status"] == seen["mounted second"]["status"] == 1
    assert seen["second"]["stderr"] == (  # its folder read-only: the lock beside it is refused
        "the build stopped: out/.site.lock: Read-only file system; out/site/ left as it was\n")
    assert seen["mounted second"]["stderr"] == (  # itself a read-only volume
        "the build stopped while copying the new site into mounted/ (a mount point, written in "
        "place): mounted/.briefing-site.new: Read-only file system; it may hold parts of both "
        "sites: build again once this is fixed\n")
    assert seen["site after"] == seen["site before"]
    assert seen["mounted after"] == seen["mounted before"]


def test_an_output_folder_that_is_a_mount_point_is_written_in_place(tmp_path):
    seen = in_a_namespace("mount_point", tmp_path)
    assert [step["status"] for step in seen["steps"]] == [0, 0, 0, 0], seen["steps"]
    assert all("Traceback" not in step["stderr"] for step in seen["steps"])
    for step in seen["steps"]:  # after each build, the mounted folder holds exactly a clean build
        assert step["site"] == step["clean"], step["what"]
    assert seen["still mounted"]


def test_a_cache_that_is_a_file_is_named_and_left_alone(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.md").write_text(release_text())
    (tmp_path / ".cache").write_text("not a folder")
    done = cli("build", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "cannot use .cache/ for the cache .cache/: it is a file, not a folder; " \
                          "move it away\n"
    assert (tmp_path / ".cache").read_text() == "not a folder"
    assert not (tmp_path / "site").exists()


# -- the scenarios, run inside the namespace ---------------------------------------

def build(work: Path, content: str, *more: str) -> dict:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", content,
                           "--no-search", "--quiet", *more], cwd=work, capture_output=True,
                          text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    return {"status": done.returncode, "stderr": done.stderr}


def mount(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)


def free(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def full_disk(work: Path) -> dict:
    small = work / "small"
    shutil.copytree(FIXTURES / "corpus", small)
    corpus(work / "big", 40, "Big")
    mount(work / "out", "1m")
    first = build(work, "small", "--out", "out/site")
    before, room = digest(work / "out/site"), free(work / "out")
    second = build(work, "big", "--out", "out/site")
    return {"first": first, "second": second, "site before": before,
            "site after": digest(work / "out/site"), "free before": room,
            "free after": free(work / "out"),
            "beside the site": sorted(p.name for p in (work / "out").iterdir())}


def read_only(work: Path) -> dict:
    shutil.copytree(FIXTURES / "corpus", work / "content")
    mount(work / "out", "8m")
    mount(work / "mounted", "8m")
    seen = {"first": build(work, "content", "--out", "out/site"),
            "mounted first": build(work, "content", "--out", "mounted")}
    seen["site before"], seen["mounted before"] = digest(work / "out/site"), digest(work / "mounted")
    for folder in ("out", "mounted"):
        subprocess.run(["mount", "-o", "remount,ro", str(work / folder)], check=True)
    release = next((work / "content").rglob("*.md"))
    release.write_text(release.read_text() + "\nOne more paragraph.\n")
    seen["second"] = build(work, "content", "--out", "out/site")
    seen["mounted second"] = build(work, "content", "--out", "mounted")
    seen["site after"], seen["mounted after"] = digest(work / "out/site"), digest(work / "mounted")
    return seen


def mount_point(work: Path) -> dict:
    shutil.copytree(FIXTURES / "corpus", work / "content")
    mount(work / "site", "8m")
    releases = sorted((work / "content").rglob("*.md"))
    edits = [("first build", lambda: None),
             ("a text edited", lambda: releases[0].write_text(releases[0].read_text() + "\nMore.\n")),
             ("a release removed", lambda: releases[1].unlink()),
             ("a release added", lambda: (work / "content/new.md").write_text(release_text("New")))]
    steps = []
    for what, edit in edits:
        edit()
        step = build(work, "content")
        shutil.rmtree(work / "clean", ignore_errors=True)
        build(work, "content", "--out", "clean", "--no-cache")
        steps.append({"what": what, **step, "site": digest(work / "site"),
                      "clean": digest(work / "clean")})
    mounts = Path("/proc/self/mounts").read_text()
    return {"steps": steps, "still mounted": f" {work / 'site'} tmpfs " in mounts}


if __name__ == "__main__":
    scenario, folder = sys.argv[1], Path(sys.argv[2])
    print(json.dumps({"full_disk": full_disk, "read_only": read_only,
                      "mount_point": mount_point}[scenario](folder)))
