"""The README's example release is a real, valid release."""

from __future__ import annotations

import re

from conftest import ROOT, build, page, project, texts


def test_readme_example_release_builds(content, tmp_path):
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Writing a release", 1)[1]
    example = re.search(r"```markdown\n(.*?)```", section, re.S).group(1)
    (content / "example.md").write_text(example)
    report = build(project(content, tmp_path / "site"))
    assert report.warnings == ()
    tree = page(tmp_path / "site", "meetings/csto-anti-drug-council-xxiii/index.html")
    assert texts(tree, "//h1") == ["XXIII meeting of the CSTO Coordinating Council on Illicit Drug Trafficking"]
