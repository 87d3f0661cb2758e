"""Pictures of the record, as numbers the templates draw: bars and shades.

Every picture is drawn by a template as static SVG or an HTML table (no
script), and comes with its numbers as a table for those who cannot see it.
Here is only the arithmetic: counts per year, which body gets which colour,
how dark a cell is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .bodies import Body
from .site import CountryRecord, Site

COLOURED = 7  # bodies with a colour of their own in the timeline chart; the rest are "other"
SHADES = 5  # levels of the participation matrix, 0 (none) to SHADES


@dataclass(frozen=True)
class Segment:
    series: int  # index into the chart's series: its colour and legend entry
    count: int
    start: int  # meetings below it in its bar


@dataclass(frozen=True)
class Bar:
    year: int
    total: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class YearChart:
    """Meetings per year, each bar split by series (bodies, or roles)."""

    series: tuple[str, ...]  # legend labels, in colour order
    bars: tuple[Bar, ...]  # oldest year first, every year between first and last
    highest: int  # the tallest bar

    def scale(self, height: float) -> float:
        return height / max(self.highest, 1)

    def labelled(self, bar: Bar) -> bool:
        """Whether the bar's year is written under it: every fifth year from the
        first, and the last when it is not crowded by the one before."""
        offset = bar.year - self.bars[0].year
        last = self.bars[-1].year - self.bars[0].year
        return offset % 5 == 0 and last - offset >= 3 or offset == last


def meetings_per_year(site: Site) -> YearChart:
    """The timeline's chart: each year's meetings, by body."""
    by_body = Counter(site.body_of.get(m.slug) for m in site.meetings)
    coloured = [body for body, _ in sorted(
        ((b, n) for b, n in by_body.items() if b is not None),
        key=lambda item: (-item[1], item[0].title))][:COLOURED]
    series_of: dict[Body | None, int] = {body: n for n, body in enumerate(coloured)}
    labels = [body.title for body in coloured]
    if len(by_body) > len(coloured):
        labels.append("Other bodies" if coloured else "Meetings")
    other = len(coloured)
    counts: dict[int, Counter] = {}
    for meeting in site.meetings:
        series = series_of.get(site.body_of.get(meeting.slug), other)
        counts.setdefault(meeting.date.year, Counter())[series] += 1
    return _chart(labels, counts)


def record_per_year(record: CountryRecord) -> YearChart:
    """A country's chart: each year's meetings, chaired or hosted apart from the rest."""
    counts: dict[int, Counter] = {}
    for meeting in record.meetings:
        role = 0 if meeting.slug in record.chaired else 1 if meeting.slug in record.hosted else 2
        counts.setdefault(meeting.date.year, Counter())[role] += 1
    return _chart(["Chaired", "Hosted", "Attended"], counts)


def _chart(labels: list[str], counts: dict[int, Counter]) -> YearChart:
    if not counts:
        return YearChart(tuple(labels), (), 0)
    bars = []
    for year in range(min(counts), max(counts) + 1):  # a year without meetings is a gap
        of_year, start, segments = counts.get(year, Counter()), 0, []
        for series in sorted(of_year):
            segments.append(Segment(series, of_year[series], start))
            start += of_year[series]
        bars.append(Bar(year, start, tuple(segments)))
    return YearChart(tuple(labels), tuple(bars), max(bar.total for bar in bars))


@dataclass(frozen=True)
class Cell:
    year: int
    count: int
    shade: int  # 0 (none) to SHADES


@dataclass(frozen=True)
class Matrix:
    """Countries by years: how many meetings each country attended each year."""

    years: tuple[int, ...]
    rows: tuple[tuple[CountryRecord, tuple[Cell, ...]], ...]
    highest: int


def participation(site: Site) -> Matrix:
    years = tuple(range(min(site.years), max(site.years) + 1)) if site.years else ()
    per_country = [(record, record.per_year()) for record in site.countries]
    highest = max((n for _, counts in per_country for n in counts.values()), default=0)
    rows = tuple(
        (record, tuple(Cell(year, counts.get(year, 0), _shade(counts.get(year, 0), highest))
                       for year in years))
        for record, counts in per_country)
    return Matrix(years, rows, highest)


def _shade(count: int, highest: int) -> int:
    """0 for none; otherwise 1 to SHADES, in equal steps up to the highest count."""
    if not count:
        return 0
    return max(1, -(-count * SHADES // highest))
