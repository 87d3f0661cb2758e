"""Pictures of the record, as numbers the templates draw: bars and shades.

Every picture is drawn by a template as static SVG or an HTML table (no
script), and comes with its numbers as a table for those who cannot see it.
Here is only the arithmetic: counts per year, which body gets which colour,
how dark a cell is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model.bodies import Body
from ..model.meeting import Meeting, Roles
from ..model.site import CountryRecord

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
    total: int  # the meetings of the year (in a grouped chart, not the sum of its series)
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class YearChart:
    """Meetings per year. Stacked: each year's bar split by series that are parts of
    a whole (the bodies that met). Grouped: a bar per series side by side, for
    series that overlap (a state's roles: it may take part, chair and host at once)."""

    series: tuple[str, ...]  # legend labels, in colour order
    bars: tuple[Bar, ...]  # oldest year first, every year between first and last
    highest: int  # the tallest bar
    grouped: bool = False

    def scale(self, height: float) -> float:
        return height / max(self.top, 1)

    @property
    def top(self) -> int:
        """Where the value axis ends: the highest tick, at or above the tallest bar."""
        return self.ticks[-1]

    @property
    def ticks(self) -> tuple[int, ...]:
        """The value axis's marks, from 0 to the first at or above the tallest bar."""
        step = _nice_step(self.highest)
        return tuple(range(0, -(-max(self.highest, 1) // step) * step + 1, step))

    def every(self, step: float, label_width: float = 34) -> int:
        """Every how many years a year is written under its bar, for bars `step`
        apart and labels `label_width` wide: every year when there is room."""
        return max(1, -(-int(label_width) // max(int(step), 1)))

    def labelled(self, bar: Bar, step: float) -> bool:
        """Whether the bar's year is written under it (the last one always)."""
        every = self.every(step)
        offset = self.bars[-1].year - bar.year  # (counted from the latest year)
        return offset % every == 0


def _nice_step(highest: int, most: int = 5) -> int:
    """The least step of 1, 2 or 5 times a power of ten that climbs to `highest` in
    at most `most` steps."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            if -(-max(highest, 1) // (factor * power)) <= most:
                return factor * power
        power *= 10


def meetings_per_year(meetings: tuple[Meeting, ...], body_of: dict[str, Body]) -> YearChart:
    """The timeline's chart: each year's meetings, by body."""
    by_body = Counter(body_of.get(m.slug) for m in meetings)
    coloured = [body for body, _ in sorted(
        ((b, n) for b, n in by_body.items() if b is not None),
        key=lambda item: (-item[1], item[0].title))][:COLOURED]
    series_of: dict[Body | None, int] = {body: n for n, body in enumerate(coloured)}
    labels = [body.title for body in coloured]
    if len(by_body) > len(coloured):
        labels.append("Other bodies" if coloured else "Meetings")
    other = len(coloured)
    counts: dict[int, Counter] = {}
    for meeting in meetings:
        series = series_of.get(body_of.get(meeting.slug), other)
        counts.setdefault(meeting.year, Counter())[series] += 1
    return _chart(labels, counts)


def record_per_year(record: CountryRecord) -> YearChart:
    """A state's chart: each year, the meetings it took part in, chaired and hosted,
    side by side (the roles overlap: they are not parts of a whole)."""
    per_year = record.per_year()
    if not per_year:
        return YearChart(Roles.LABELS, (), 0, grouped=True)
    bars = []
    for year in range(min(per_year), max(per_year) + 1):  # a year without meetings is a gap
        counts = per_year.get(year)
        values = (counts.took_part, counts.chaired, counts.hosted) if counts else (0, 0, 0)
        bars.append(Bar(year, counts.listed if counts else 0,
                        tuple(Segment(n, value, 0) for n, value in enumerate(values) if value)))
    highest = max((segment.count for bar in bars for segment in bar.segments), default=0)
    return YearChart(Roles.LABELS, tuple(bars), highest, grouped=True)


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
    count: int  # meetings it took part in
    shade: int  # 0 (none) to SHADES
    missed: int = 0  # meetings of its organizations whose releases list others, not it


@dataclass(frozen=True)
class Matrix:
    """Countries by years: how many meetings each state took part in each year."""

    years: tuple[int, ...]
    rows: tuple[tuple[CountryRecord, tuple[Cell, ...]], ...]
    highest: int


def participation(countries: tuple[CountryRecord, ...], held: tuple[int, ...]) -> Matrix:
    """`held`: the years of the meetings held."""
    years = tuple(range(min(held), max(held) + 1)) if held else ()
    per_country = [(record, {year: counts.took_part for year, counts in record.per_year().items()},
                    record.not_listed_per_year())
                   for record in countries if record.meetings or record.not_listed]
    highest = max((n for _, counts, _ in per_country for n in counts.values()), default=0)
    rows = tuple(
        (record, tuple(Cell(year, counts.get(year, 0), _shade(counts.get(year, 0), highest),
                            missed.get(year, 0))
                       for year in years))
        for record, counts, missed in per_country)
    return Matrix(years, rows, highest)


def _shade(count: int, highest: int) -> int:
    """0 for none; otherwise 1 to SHADES, in equal steps up to the highest count."""
    if not count:
        return 0
    return max(1, -(-count * SHADES // highest))
