"""The README's examples are real: a valid release, valid settings."""

from __future__ import annotations

import datetime as dt
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


def test_readme_registries_of_members_and_people_are_valid(tmp_path):
    from briefing.model.countries import lookup
    from briefing.read.organizations import load_memberships
    from briefing.read.people import load_directory

    section = (ROOT / "README.md").read_text().split("**Who belongs: `organizations.yaml`.**", 1)[1]
    members, people = re.findall(r"```yaml\n(.*?)```", section, re.S)[:2]
    (tmp_path / "organizations.yaml").write_text(members)
    (tmp_path / "people.yaml").write_text(people)
    memberships, problems = load_memberships(tmp_path / "organizations.yaml")
    assert problems == []
    csto = memberships.of("csto")
    assert [t.country.code for t in csto.members] == ["AM", "UZ", "AZ"]
    directory, problems = load_directory(tmp_path / "people.yaml")
    assert problems == []
    assert directory.find("эдвард  налбандян").name == "Edward Nalbandian"
    # and the example project's own, whose members on the example's date are its six
    memberships, problems = load_memberships(ROOT / "organizations.yaml")
    assert problems == []
    six = memberships.of("CSTO").members_on(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert sorted(c.code for c in six) == sorted(lookup(c).code for c in
                                                 ("AM", "BY", "KZ", "KG", "RU", "TJ"))
    assert load_directory(ROOT / "people.yaml")[1] == []
