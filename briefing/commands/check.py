"""`build.py check`: every problem of a project, without building the site.

Besides what stops a build (errors) it reviews what a reader would notice
(warnings): a release without a summary or a source, one body's session
numbers given twice or out of date order, a date more than a year ahead, a
1 January the release never names (a year written as a day), a meeting said
to last weeks, a body whose name is one slip away from another's. Then it compiles every template
and renders one page of each kind in memory, so that a template's mistake
shows too. Parse results go to the build cache; nothing else is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter, defaultdict
from typing import Callable

import jinja2
from markupsafe import Markup

from ..model.attendance import attendance
from ..model.bodies import Body, Registry, identify
from ..model.meeting import ALL_MEMBERS, LISTED, slug_of
from ..model.organizations import Memberships
from ..model.people import CHAIR, Directory, appearances, person_key
from ..problems import ContentError, Problem, counted, errors_in
from ..project import Project, today_in
from ..publish.guard import WAIT, Refused, cache_locked
from ..read.parse import Parsed
from ..read.settings import Config
from ..read.sources import scan
from ..render.plan import Page, plan
from ..render.templates import MeetingItems, Renderer, TemplateFailed, template_problem
from ..reuse import Memory, Reuse, reusing
from . import stages

SIMILAR_BODIES = 0.9  # difflib ratio above which two body names look like one mistyped


def check(project: Project, drafts: bool = False, today: dt.date | None = None,
          wait: float = WAIT, waiting: Callable[[str], None] = lambda line: None) -> list[Problem]:
    """Every error and warning, sorted by file and line. (It keeps what it parses in
    the build cache, so it takes the cache's lock, as a build does.)"""
    with cache_locked(project.cache, wait, waiting):
        try:
            problems = reusing(project.cache, project.out, Memory(), False,
                               lambda reuse: _check(project, drafts, today, reuse))
        except OSError as err:  # the cache's disk: full, read-only, ...
            raise Refused(f"cannot write {err.filename or 'the build cache'}: "
                          f"{err.strerror or err}") from None
    return sorted(problems, key=lambda p: p.place)


def _check(project: Project, drafts: bool, today: dt.date | None, reuse: Reuse) -> list[Problem]:
    """The build's own steps (read_given, reuse.parsed, arrange_site, plan), its pages
    tried (see `trial`) instead of published, and nothing of the build's state kept or
    forgotten; then what a reader would notice."""
    scanned = scan(project.content)
    given = stages.read_given(project, scanned)
    releases = reuse.parsed(scanned.sources, given.timezone, project.content)
    today = today or today_in(given.timezone)
    settings = given.settings
    noticed = review([one for one in releases.parsed if one.meeting], today, settings.registry,
                     lambda key: reuse.texts({key}).get(key, ""),
                     settings.memberships, settings.directory)
    try:
        site, summary = stages.arrange_site(releases, given, drafts, today)
    except ContentError as failed:  # (the templates are tried on a site that can be built)
        return [*failed.problems, *noticed, *reuse.warnings]
    pages = list(plan(site, releases.text_keys(), given.settings.config))
    tried = trial(pages, project, given.settings.config, reuse.texts)
    return [*summary.warnings, *noticed, *tried, *reuse.warnings]


# -- what a reader would notice ------------------------------------------------

def review(parsed: list[Parsed], today: dt.date, registry: Registry,
           text_of: Callable[[str], str] = lambda key: "",
           memberships: Memberships = Memberships({}), directory: Directory = Directory({})
           ) -> list[Problem]:
    """What a reader would notice; `text_of` gives a release's text (HTML) by its key."""
    problems = []
    for one in parsed:
        meeting = one.meeting
        for field, what in (("summary", "a sentence or two for lists and search"),
                            ("source", "the web address of the original release")):
            if getattr(meeting, field) is None:
                problems.append(_warning(one, field, "missing", f"'{field}:', {what}"))
        problems += dates(one, today, text_of)
    problems += sessions(parsed, identify([one.meeting for one in parsed], registry))
    problems += similar_bodies(parsed)
    problems += members(parsed, memberships)
    problems += similar_people(parsed, directory)
    return problems


# "1 January", "1–2 January", "1 and 2 Jan", "January 1st", "01.01.2021", "2021-01-01",
# "1 января", "1-2 января": the release names the day
NAMES_JANUARY_1 = re.compile(
    r"\b(?:0?1|1st)(?:\s*(?:[–—-]|and|to)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?Jan(?:uary)?\b"
    r"|\bJan(?:uary)?\.?\s+(?:0?1|1st)\b(?!\d)|\b0?1[./]0?1[./]\d{2,4}|\b\d{4}-01-01\b"
    r"|\b1(?:-го)?(?:\s*[–—-]\s*\d{1,2}(?:-го)?)?\s+января", re.IGNORECASE)
LONG_MEETING = 14  # days: an end date further than this from the date is checked for a slip


def dates(one: Parsed, today: dt.date, text_of: Callable[[str], str]) -> list[Problem]:
    """A date a reader would doubt: years ahead, a 1 January the release never names
    (a year written as a day), a meeting said to last for weeks."""
    meeting, problems = one.meeting, []
    if (meeting.first_day - today).days > 366:
        problems.append(_warning(one, "date", f"{meeting.date.iso} is more than a year ahead: a "
                                 "typo?", "the date the meeting was or will be held"))
    if meeting.date.precision == "day" and (meeting.date.month, meeting.date.day) == (1, 1):
        said = " ".join(filter(None, (meeting.title, meeting.summary,
                                      Markup(text_of(one.key)).striptags())))
        if not NAMES_JANUARY_1.search(said):
            problems.append(_warning(
                one, "date", f"{meeting.date.iso}, but the release never names 1 January: is the "
                f"day known?", f"date: {meeting.year} if only the year is known"))
    days = (meeting.last_day - meeting.first_day).days + 1
    if meeting.date.precision == "day" and days > LONG_MEETING + 1:
        problems.append(_warning(
            one, "end_date", f"the meeting would last {days} days", f"an end_date within "
            f"{LONG_MEETING} days of the date, for a meeting of several days"))
    return problems


def _warning(one: Parsed, field: str, message: str, expected: str = "") -> Problem:
    return Problem(one.meeting.source_file, one.line(field), field, message, expected, warning=True)


def sessions(parsed: list[Parsed], body_of: dict[str, Body]) -> list[Problem]:
    """One body's sessions: each number once, and numbers rising with the dates."""
    by_body: dict[Body, list[Parsed]] = defaultdict(list)
    for one in parsed:
        if one.meeting.slug in body_of and one.meeting.session is not None:
            by_body[body_of[one.meeting.slug]].append(one)
    problems = []
    for held in by_body.values():
        held.sort(key=lambda one: (one.meeting.first_day, one.meeting.session))
        first: dict[int, Parsed] = {}
        for before, one in zip([None, *held], held):
            meeting = one.meeting
            if meeting.session in first:
                other = first[meeting.session].meeting
                problems.append(_warning(one, "session", f"session {meeting.session} of "
                                         f"{meeting.body} is also {other.source_file}",
                                         "each session number once per body"))
                continue
            first[meeting.session] = one
            earlier = before.meeting if before else None
            # (out of order only if certain: a meeting of "2021" may be before or
            # after one of 3 June 2021)
            if earlier and earlier.session > meeting.session and \
                    earlier.last_day < meeting.first_day:
                problems.append(_warning(
                    one, "session", f"session {meeting.session} on {meeting.dates} comes after "
                    f"session {earlier.session} on {earlier.dates} ({earlier.source_file})",
                    "session numbers that rise with the dates"))
    return problems


def similar_bodies(parsed: list[Parsed]) -> list[Problem]:
    """A body named by few releases, one slip away from a body named by more: a typo."""
    names = Counter(one.meeting.body for one in parsed if one.meeting.body)
    suspects = {}
    for name in names:
        for other in names:
            if names[other] > names[name] and _similar(name, other):
                suspects[name] = other
                break
    return [_warning(one, "body", f"'{one.meeting.body}' is close to "
                     f"'{suspects[one.meeting.body]}', the body of "
                     f"{names[suspects[one.meeting.body]]} releases: a typo?",
                     "the body's name spelt as in its other releases")
            for one in parsed if one.meeting.body in suspects]


def _similar(a: str, b: str) -> bool:
    matcher = difflib.SequenceMatcher(None, a.casefold(), b.casefold())
    return matcher.real_quick_ratio() >= SIMILAR_BODIES and matcher.ratio() >= SIMILAR_BODIES


def members(parsed: list[Parsed], memberships: Memberships) -> list[Problem]:
    """A listed participant that was not a member on the date (a guest? a slip?), and
    "all members" where the registry does not know the members on the date."""
    problems = []
    for one in parsed:
        meeting = one.meeting
        organization = memberships.of(meeting.organization)
        if meeting.listing == ALL_MEMBERS and (organization is None or organization.members_on(
                meeting.first_day, meeting.last_day) is None):
            why = ("is not in organizations.yaml" if organization is None else
                   f"changed within {meeting.dates}")
            problems.append(_warning(one, "countries", f"'all members', but the membership of "
                                     f"{meeting.organization} {why}: no state is listed",
                                     "the states listed, or the organization's members in "
                                     "organizations.yaml"))
        known = attendance(meeting, memberships)
        for country in known.guests if known and meeting.listing == LISTED else ():
            problems.append(_warning(one, "countries", f"{country.name} was not a member of "
                                     f"{organization.code} on {meeting.dates}: a guest?",
                                     "its membership in organizations.yaml, if it was a member"))
    return problems


SIMILAR_PEOPLE = 0.85  # difflib ratio of two names in Latin letters that look like one person
SIMILAR_WORDS = 0.75  # ... and of their first words, and of their last words


def similar_people(parsed: list[Parsed], directory: Directory) -> list[Problem]:
    """A name that looks like another one (a spelling, a transliteration) but is not
    joined to it: the same person? Only people.yaml joins them."""
    places: dict[str, list[tuple[Parsed, str]]] = defaultdict(list)
    spelled: dict[str, Counter] = defaultdict(Counter)
    for one in parsed:
        for appearance in appearances(one.meeting):
            joined = directory.find(appearance.name)
            key = person_key(joined.name if joined else appearance.name)
            places[key].append((one, "chair" if appearance.role == CHAIR else "officials"))
            spelled[key][" ".join(appearance.name.split())] += 1
    latin = {key: slug_of(key).replace("-", " ") for key in places}
    registered = {key: directory.find(key) is not None for key in places}
    # compared only with names that share the start of their first or last word: a
    # slip seldom falls there, and comparing every pair grows with the square
    blocks: dict[str, set[str]] = defaultdict(set)
    for key, letters in latin.items():
        words = letters.split() or [""]
        blocks["<" + words[0][:3]].add(key)
        blocks[">" + words[-1][:3]].add(key)
    problems = []
    for key in sorted(places):
        words = latin[key].split() or [""]
        near = blocks["<" + words[0][:3]] | blocks[">" + words[-1][:3]]
        # (two names both in people.yaml are the editors' decision: two people)
        close = [other for other in near if (len(places[other]), key) > (len(places[key]), other)
                 and not (registered[key] and registered[other])
                 and _alike(latin[key], latin[other])]
        if not close:
            continue
        other = min(close, key=lambda o: (-len(places[o]), o))
        name, other_name = (spelled[k].most_common(1)[0][0] for k in (key, other))
        problems += [_warning(one, field, f"'{name}' is close to '{other_name}' "
                              f"({counted(len(places[other]), 'meeting')}): the same person? "
                              "add them to people.yaml", "one name per person, or both joined "
                              "in people.yaml")
                     for one, field in places[key]]
    return problems


def _alike(a: str, b: str) -> bool:
    """Whole names alike, and their first words and their last words each alike:
    'Valery'/'Valeriy Semerikov' are, 'Aida'/'Zarina Abdrakhmanov' are not."""
    if not a or not b:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < SIMILAR_PEOPLE or matcher.ratio() < SIMILAR_PEOPLE:
        return False
    words, others = a.split(), b.split()
    return all(difflib.SequenceMatcher(None, x, y).ratio() >= SIMILAR_WORDS
               for x, y in ((words[0], others[0]), (words[-1], others[-1])))


# -- templates -----------------------------------------------------------------

def trial(pages: list[Page], project: Project, config: Config,
          texts: Callable[[set[str]], dict[str, str]]) -> list[Problem]:
    """The sink of `check`: compile every template and render one page of each
    kind, in memory; write nothing."""
    first: dict[str, Page] = {}
    for page in pages:
        first.setdefault(page.template, page)
    renderer = Renderer(project.templates, config,
                        texts({page.text_of for page in first.values() if page.text_of}),
                        MeetingItems({}))
    problems = []
    for name in renderer.env.list_templates(filter_func=lambda name: name.endswith(".html")):
        try:
            renderer.env.get_template(name)
        except jinja2.TemplateError as err:
            problems.append(template_problem(err, project.templates))
    if problems:  # a template that does not compile cannot render either
        return problems
    for page in first.values():
        try:
            renderer.page(page)
        except TemplateFailed as failed:
            problems.append(failed.problem)
    return list(dict.fromkeys(problems))


def summary(problems: list[Problem]) -> str:
    errors = len(errors_in(problems))
    files = len({p.path for p in problems})
    return (f"{counted(errors, 'error')} and {counted(len(problems) - errors, 'warning')}"
            f" in {counted(files, 'file')}")
