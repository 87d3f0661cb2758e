"""Recount a built site's country records by hand, as a reader would: every number a
page shows of a state is compared with the meetings listed under it, with the
countries index, the participation matrix and the data file. Shared by the
property test and the 1,000-release test."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import lxml.html

ROLES = ("Took part", "Chaired", "Hosted")


def recount(site: Path, today: str) -> list[str]:
    """Every disagreement found on the site (none, if it is honest). `today`: the
    build's day, YYYY-MM-DD, which divides meetings held from upcoming."""
    wrong = []
    index = countries_index(site)
    pages = {page.parent.name for page in site.glob("countries/*/index.html")}
    if len(pages) != len(index):
        wrong.append(f"{len(pages)} country pages, {len(index)} rows in the countries index")
    home = lxml.html.parse(str(site / "index.html")).getroot()
    tiles = dict(zip((dt.text_content() for dt in home.xpath("//dl[@class='counts']//dt")),
                     (dd.text_content() for dd in home.xpath("//dl[@class='counts']//dd"))))
    if tiles.get("Countries") != str(len(pages)):
        wrong.append(f"the home page counts {tiles.get('Countries')} countries, {len(pages)} have pages")
    matrix = participation_matrix(site)
    data = from_data(site, today)
    if set(data) != pages:
        wrong.append(f"states with a role in the data but no page: {sorted(set(data) - pages)}, "
                     f"pages of no state in the data: {sorted(pages - set(data))}")
    for page in sorted(site.glob("countries/*/index.html")):
        slug = page.parent.name
        tree = lxml.html.parse(str(page)).getroot()
        name = tree.xpath("string(//h1)")
        tiles = {dt.text_content(): int(dd.text_content())
                 for dt, dd in zip(tree.xpath("//dl[@class='counts']//dt"),
                                   tree.xpath("//dl[@class='counts']//dd"))}
        held = tree.xpath("//section[@aria-labelledby='meetings-heading']//li[@class='meeting']")
        listed = Counter(role for item in held for role in badges(item))
        if name not in index:
            wrong.append(f"{slug}: not in the countries index")
        for role in ROLES:
            if tiles[role] != listed[role]:
                wrong.append(f"{slug}: tile {role} {tiles[role]}, listed {listed[role]}")
            if name in index and index[name][role] != tiles[role]:
                wrong.append(f"{slug}: index {role} {index[name][role]}, tile {tiles[role]}")
            if data[slug][role] != tiles[role]:
                wrong.append(f"{slug}: data {role} {data[slug][role]}, tile {tiles[role]}")
        note = tree.xpath("string(//p[@class='counts-note'])")
        if not note.startswith(f"{len(held)} meeting"):
            wrong.append(f"{slug}: the note says {note.split(',')[0]!r}, {len(held)} listed")
        wrong += years(slug, name, tree, matrix)
    return wrong


def badges(item) -> list[str]:
    text = item.xpath("string(.//strong[@class='badge'])")
    return [role for role in text.split(" · ") if role in ROLES]


def years(slug: str, name: str, tree, matrix: dict) -> list[str]:
    """Each year's row of the chart's numbers against that year's list, and the matrix."""
    wrong = []
    rows = {row.xpath("string(th)"): [int(cell.text_content()) for cell in row.xpath("td")]
            for row in tree.xpath("//figure[@class='chart']//tbody/tr")}
    for heading in tree.xpath("//section[@aria-labelledby='meetings-heading']/h3"):
        year = heading.text_content()
        items = heading.getnext().xpath(".//li[@class='meeting']")
        listed = Counter(role for item in items for role in badges(item))
        expected = [listed[role] for role in ROLES] + [len(items)]
        if rows.get(year) != expected:
            wrong.append(f"{slug} {year}: numbers {rows.get(year)}, listed {expected}")
        if matrix.get((name, year), 0) != listed["Took part"]:
            wrong.append(f"{slug} {year}: matrix {matrix.get((name, year))}, "
                         f"took part {listed['Took part']}")
    shown = {year for year, row in rows.items() if row[-1]}
    listed_years = {h.text_content() for h in tree.xpath(
        "//section[@aria-labelledby='meetings-heading']/h3")}
    if shown != listed_years:
        wrong.append(f"{slug}: years in the numbers {sorted(shown)}, listed {sorted(listed_years)}")
    return wrong


def countries_index(site: Path) -> dict[str, dict[str, int]]:
    tree = lxml.html.parse(str(site / "countries/index.html")).getroot()
    found = {}
    for row in tree.xpath("//table[@class='records']/tbody/tr"):
        cells = [cell.text_content() for cell in row.xpath("td")]
        found[row.xpath("string(th)")] = dict(zip(ROLES, map(int, cells[:3])))
    return found


def participation_matrix(site: Path) -> dict[tuple[str, str], int]:
    tree = lxml.html.parse(str(site / "countries/index.html")).getroot()
    years = [th.text_content() for th in tree.xpath("//table[@class='matrix']/thead//th")][1:]
    found = {}
    for row in tree.xpath("//table[@class='matrix']/tbody/tr"):
        name = row.xpath("string(th)")
        for year, cell in zip(years, row.xpath("td")):
            if cell.text_content():
                found[(name, year)] = int(cell.text_content())
    return found


def from_data(site: Path, today: str) -> dict[str, Counter]:
    """The roles counted from meetings.json, by country page slug: what another program
    reading the data would find (every state with a role has an entry). A meeting is
    upcoming, and in no count, if its first day is after today."""
    records = json.loads((site / "data/meetings.json").read_text())["meetings"]
    slugs = country_slugs(site)
    counts: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        for code in {*record["countries"], record["chair_country"], record["host"]} - {None}:
            counts[slugs[code]]  # a page for every state with a role, even upcoming only
        if first_day(record["date"]) > today:
            continue  # upcoming: in no count
        for code in record["countries"]:
            counts[slugs[code]]["Took part"] += 1
        if record["chair_country"]:
            counts[slugs[record["chair_country"]]]["Chaired"] += 1
        if record["host"]:
            counts[slugs[record["host"]]]["Hosted"] += 1
    return counts


def first_day(date: str) -> str:
    """The first day a date of the data can mean: 2021 -> 2021-01-01, 2021-12 -> 2021-12-01."""
    return {4: f"{date}-01-01", 7: f"{date}-01"}.get(len(date), date)


def country_slugs(site: Path) -> dict[str, str]:
    """ISO code -> the country page's slug, from the data (code and name side by side)."""
    from briefing.model.countries import lookup

    records = json.loads((site / "data/meetings.json").read_text())["meetings"]
    codes = {code for r in records for code in [*r["countries"], r["host"], r["chair_country"]] if code}
    return {code: lookup(code).slug for code in codes}
