"""The README's examples are real: a valid release, valid settings."""

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


def test_readme_settings_example_is_valid(tmp_path):
    from briefing.read.settings import Config, load_config

    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Settings: `site.yaml`", 1)[1]
    (tmp_path / "site.yaml").write_text(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))
    config, problems = load_config(tmp_path / "site.yaml")
    assert problems == []
    assert config == Config(title="CSTO meeting briefings", base_url="https://briefings.example.org/",
                            language="en", timezone="Europe/Moscow", home_meetings=10)
