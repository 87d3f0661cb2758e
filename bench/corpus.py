#!/usr/bin/env python3
"""Synthetic press releases about intergovernmental meetings, for tests and the benchmark.

    python3 bench/corpus.py OUT_DIR N [--seed S] [--flavor native|hugo]

or, from Python, `generate(out, count, seed=1, flavor="native")`, which returns
the paths it wrote.

It writes N releases that look like the ones editors write: a council of the
CSTO, CIS, SCO, EAEU or IPA CIS meets on a weekday between 2000 and
November 2026, in a member state's city or by videoconference, chaired by one
of the states taking part, and the release tells what was on the agenda, what
was said and what was decided, in 300 to 650 words of Markdown with headings,
lists, a block quote, a link and sometimes a table. Members are the states that
were members that year (those that joined later come before as guests, those
that left stop coming); about one meeting in ten that has a venue is held in a
member or partner the release does not list as taking part (a guest host: the
site must still count it), and one in twenty lists the delegations besides the
chair's. Most releases give the day; a few the month or the year only, or two
or three days (`end_date`). Each body's session numbers rise with its dates.
N is at most 30,000.

The project keeps its own generator so that its tests and its benchmark need
nothing from outside the repository, and so that the corpora follow this
project's front matter exactly (see "Writing a release" in the README). The
facts are real (bodies, organizations, states, capitals); the people and what
they said are invented.

Two flavours of the same meetings:

  native  OUT_DIR/<year>/<slug>.md: this project's front matter, title, date,
          organization, body, session, format, location (left out for a
          videoconference), chair, countries (ISO 3166-1 alpha-2 codes),
          officials, topics, summary, source, slug and lang. A `build.py check`
          of it reports no error and no warning.
  hugo    OUT_DIR/meetings/<year>/<slug>.md with the same front matter plus the
          `bodies` taxonomy (`countries` and `topics` are taxonomies of the Hugo
          site as they are), and OUT_DIR/timeline.md, the page (layout
          "timeline") that the Hugo site's archive hangs on. Made for the site
          in ../shared/bench/hugo-site, to compare build times like for like.

The output depends only on (N, seed, flavor): one `random.Random(seed)` draws
everything, in a fixed order, from lists (never from sets, whose order changes
with hash randomisation), and neither the clock nor the locale is read. Files
of the same names are overwritten; nothing else in OUT_DIR is touched.
Only the Python standard library is used.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import itertools
import json
import pathlib
import random
import string
import sys
from collections.abc import Sequence
from dataclasses import dataclass

FLAVORS = ("native", "hugo")
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2026, 11, 1)  # `check` warns about dates after today: stay clear of them
# Session numbers must stay within what a Roman numeral (and the schema) allows,
# 3999: at this many releases the busiest body reaches about 2,900.
MAX_COUNT = 30_000

# -- reference data --------------------------------------------------------------


@dataclass(frozen=True)
class Organization:
    name: str
    site: str
    members: tuple[str, ...]
    partners: tuple[str, ...]  # observers, dialogue partners, usual guests
    staff: tuple[str, ...]  # positions in its secretariat


ORGANIZATIONS = {
    "CSTO": Organization(
        "Collective Security Treaty Organization", "https://en.odkb-csto.org/",
        ("AM", "BY", "KZ", "KG", "RU", "TJ"), ("UZ", "RS", "AF", "MN", "TM"),
        ("Secretary General", "Deputy Secretary General", "Chief of the Joint Staff",
         "Head of the Department for Countering Challenges and Threats")),
    "CIS": Organization(
        "Commonwealth of Independent States", "https://e-cis.info/",
        ("AM", "AZ", "BY", "KZ", "KG", "MD", "RU", "TJ", "TM", "UZ"), ("GE", "UA"),
        ("Chairman of the Executive Committee", "Deputy Chairman of the Executive Committee",
         "Director of the Department for Economic Cooperation", "Head of the Legal Department")),
    "SCO": Organization(
        "Shanghai Cooperation Organisation", "https://eng.sectsco.org/",
        ("CN", "IN", "KZ", "KG", "PK", "RU", "TJ", "UZ", "IR", "BY"),
        ("MN", "AF", "TR", "EG", "QA", "SA", "AE", "KH", "NP", "LK", "MM", "BH", "KW",
         "MV", "AZ", "AM"),
        ("Secretary-General", "Deputy Secretary-General",
         "Director of the RATS Executive Committee",
         "Counsellor of the Secretariat")),
    "EAEU": Organization(
        "Eurasian Economic Union", "https://eec.eaeunion.org/en/",
        ("AM", "BY", "KZ", "KG", "RU"), ("MD", "UZ", "CU", "IR", "VN", "RS"),
        ("Chairman of the Board of the Eurasian Economic Commission",
         "Minister in Charge of Integration and Macroeconomics", "Minister of Trade",
         "Director of the Protocol Department")),
    "IPA CIS": Organization(
        "Interparliamentary Assembly of the CIS", "https://iacis.ru/eng/",
        ("AM", "AZ", "BY", "KZ", "KG", "MD", "RU", "TJ", "UZ"), ("TM", "MN", "RS", "CU", "NI"),
        ("Secretary General of the Council", "Deputy Secretary General",
         "Head of the International Department", "Senior Adviser")),
}

# Partners that stopped coming: Georgia left the CIS in 2009, Ukraine stopped
# taking part in its bodies in 2014. After that year they are never guests.
UNTIL = {("CIS", "GE"): 2008, ("CIS", "UA"): 2013}
# States that joined after 2000: before that year they come as partners.
JOINED = {("SCO", "IN"): 2017, ("SCO", "PK"): 2017, ("SCO", "IR"): 2023, ("SCO", "BY"): 2024,
          ("EAEU", "AM"): 2015, ("EAEU", "KG"): 2015}


@dataclass(frozen=True)
class Country:
    name: str  # the short English name Babel gives (the project's countries.lookup)
    cities: tuple[str, ...]  # the capital first
    people: str  # which pool of names its officials come from


COUNTRIES = {
    "AM": Country("Armenia", ("Yerevan", "Dilijan"), "cis"),
    "AZ": Country("Azerbaijan", ("Baku", "Gabala"), "cis"),
    "BY": Country("Belarus", ("Minsk", "Brest"), "cis"),
    "KZ": Country("Kazakhstan", ("Astana", "Almaty", "Turkestan"), "cis"),
    "KG": Country("Kyrgyzstan", ("Bishkek", "Cholpon-Ata"), "cis"),
    "MD": Country("Moldova", ("Chisinau",), "cis"),
    "RU": Country("Russia", ("Moscow", "Saint Petersburg", "Sochi", "Kazan"), "cis"),
    "TJ": Country("Tajikistan", ("Dushanbe",), "cis"),
    "TM": Country("Turkmenistan", ("Ashgabat", "Turkmenbashi"), "cis"),
    "UZ": Country("Uzbekistan", ("Tashkent", "Samarkand"), "cis"),
    "GE": Country("Georgia", ("Tbilisi",), "cis"),
    "UA": Country("Ukraine", ("Kyiv",), "cis"),
    "MN": Country("Mongolia", ("Ulaanbaatar",), "cis"),
    "CN": Country("China", ("Beijing", "Qingdao", "Shanghai"), "cn"),
    "IN": Country("India", ("New Delhi", "Goa"), "south"),
    "PK": Country("Pakistan", ("Islamabad",), "south"),
    "NP": Country("Nepal", ("Kathmandu",), "south"),
    "LK": Country("Sri Lanka", ("Colombo",), "south"),
    "MV": Country("Maldives", ("Male",), "south"),
    "IR": Country("Iran", ("Tehran",), "west"),
    "AF": Country("Afghanistan", ("Kabul",), "west"),
    "TR": Country("Türkiye", ("Ankara", "Istanbul"), "west"),
    "EG": Country("Egypt", ("Cairo",), "west"),
    "AE": Country("United Arab Emirates", ("Abu Dhabi", "Dubai"), "west"),
    "SA": Country("Saudi Arabia", ("Riyadh",), "west"),
    "QA": Country("Qatar", ("Doha",), "west"),
    "BH": Country("Bahrain", ("Manama",), "west"),
    "KW": Country("Kuwait", ("Kuwait City",), "west"),
    "VN": Country("Vietnam", ("Hanoi",), "east"),
    "KH": Country("Cambodia", ("Phnom Penh",), "east"),
    "MM": Country("Myanmar", ("Naypyidaw",), "east"),
    "RS": Country("Serbia", ("Belgrade",), "far"),
    "CU": Country("Cuba", ("Havana",), "far"),
    "NI": Country("Nicaragua", ("Managua",), "far"),
}
ARTICLE = {"AE"}  # names that take "the" in a sentence


@dataclass(frozen=True)
class Body:
    code: str  # the first part of its meetings' slugs
    organization: str
    name: str
    weight: int  # how often it meets, relative to the others
    since: int  # the first year it can meet in the corpus
    first_session: int  # its session number at that time
    chairs: tuple[str, ...]  # positions of those who chair it
    delegates: str  # position of a head of delegation
    topics: tuple[str, ...]  # what it usually discusses


BODIES = (
    Body("csto-ccdt", "CSTO",
         "Coordinating Council of Heads of Competent Authorities to Combat Illicit Drug Trafficking",
         2, 2005, 1,
         ("Minister of Internal Affairs", "State Secretary – Deputy Minister of Internal Affairs",
          "Director of the Drug Control Agency"), "Head of the Drug Control Service",
         ("illicit drug trafficking", "synthetic drugs", "precursor control", "drug legalization",
          "online drug sales", "money laundering")),
    Body("csto-cdm", "CSTO", "Council of Defence Ministers", 2, 2000, 11,
         ("Minister of Defence",), "Minister of Defence",
         ("collective defence", "peacekeeping", "military-technical cooperation", "border security",
          "emergency response")),
    Body("csto-cssc", "CSTO", "Committee of Secretaries of Security Councils", 2, 2000, 6,
         ("Secretary of the Security Council",), "Secretary of the Security Council",
         ("counter-terrorism", "extremism prevention", "information security", "border security",
          "cybercrime")),
    Body("cis-chs", "CIS", "Council of Heads of State", 1, 2000, 27,
         ("President",), "President",
         ("humanitarian cooperation", "trade facilitation", "energy security",
          "migration management")),
    Body("cis-chg", "CIS", "Council of Heads of Government", 2, 2000, 31,
         ("Prime Minister",), "Prime Minister",
         ("trade facilitation", "transport corridors", "energy security", "digital economy",
          "food security")),
    Body("cis-cfm", "CIS", "Council of Foreign Ministers", 2, 2000, 24,
         ("Minister of Foreign Affairs",), "Minister of Foreign Affairs",
         ("humanitarian cooperation", "election observation", "legal harmonization",
          "migration management")),
    Body("cis-ec", "CIS", "Economic Council", 3, 2000, 19,
         ("First Deputy Prime Minister", "Deputy Prime Minister"), "Deputy Prime Minister",
         ("trade facilitation", "digital economy", "food security", "statistics harmonization",
          "transport corridors")),
    Body("cis-cmia", "CIS", "Council of Ministers of Internal Affairs", 2, 2000, 9,
         ("Minister of Internal Affairs",), "Minister of Internal Affairs",
         ("cybercrime", "human trafficking", "illicit drug trafficking", "migration management",
          "extremism prevention")),
    Body("cis-chcs", "CIS", "Council of Heads of Customs Services", 3, 2000, 30,
         ("Chairman of the State Customs Committee", "Head of the Customs Service"),
         "Head of the Customs Service",
         ("customs cooperation", "trade facilitation", "precursor control", "border security")),
    Body("cis-cchc", "CIS", "Council for Cooperation in Health Care", 2, 2000, 8,
         ("Minister of Health",), "Minister of Health",
         ("public health", "epidemic response", "labour migration", "statistics harmonization")),
    Body("sco-cnc", "SCO", "Council of National Coordinators", 3, 2001, 1,
         ("National Coordinator for SCO Affairs",), "National Coordinator for SCO Affairs",
         ("trade facilitation", "transport corridors", "humanitarian cooperation", "youth policy",
          "energy security")),
    Body("sco-rats", "SCO", "Council of the Regional Anti-Terrorist Structure", 2, 2004, 1,
         ("Director of the State Security Service", "Chairman of the National Security Committee"),
         "Head of the Counter-Terrorism Service",
         ("counter-terrorism", "terrorism financing", "extremism prevention",
          "information security")),
    Body("sco-mpg", "SCO", "Meeting of Prosecutors General", 1, 2002, 1,
         ("Prosecutor General",), "Prosecutor General",
         ("legal harmonization", "money laundering", "cybercrime", "human trafficking")),
    Body("eaeu-seec", "EAEU", "Supreme Eurasian Economic Council", 1, 2015, 1,
         ("President",), "President",
         ("trade facilitation", "digital economy", "energy security", "transport corridors")),
    Body("eaeu-eic", "EAEU", "Eurasian Intergovernmental Council", 2, 2015, 1,
         ("Prime Minister",), "Prime Minister",
         ("customs cooperation", "food security", "digital economy", "labour migration")),
    Body("ipa-cis-council", "IPA CIS", "Council of the Interparliamentary Assembly", 2, 2000, 21,
         ("Chairman of the Parliament", "Speaker of the National Assembly"),
         "Chairman of the Parliament",
         ("legal harmonization", "election observation", "youth policy",
          "environmental protection")),
)

TOPICS = (
    "illicit drug trafficking", "synthetic drugs", "precursor control", "drug legalization",
    "online drug sales", "border security", "counter-terrorism", "extremism prevention",
    "cybercrime", "information security", "money laundering", "terrorism financing",
    "migration management", "labour migration", "customs cooperation", "trade facilitation",
    "transport corridors", "energy security", "food security", "digital economy",
    "public health", "epidemic response", "collective defence", "peacekeeping",
    "military-technical cooperation", "emergency response", "environmental protection",
    "water resources", "humanitarian cooperation", "legal harmonization",
    "election observation", "youth policy", "human trafficking", "statistics harmonization",
)

# Given names (men's, women's) and family names by region; a family name ending
# in -ov, -ev or -in takes an -a for a woman, as it does in these languages.
PEOPLE = {
    "cis": (("Igor", "Sergei", "Nurlan", "Timur", "Marat", "Rustam", "Bakyt", "Arman", "Viktor",
             "Andrei", "Farrukh", "Azamat", "Dmitry", "Kairat", "Ruslan", "Davron", "Ashot",
             "Elchin", "Vadim", "Pavel"),
            ("Aida", "Olga", "Dilnoza", "Elena", "Gulnara", "Zarina", "Natalia", "Anna", "Saule",
             "Marina", "Lilit", "Nigora"),
            ("Abdrakhmanov", "Sadykov", "Mirzaev", "Sokolov", "Dzhumabaev", "Grigoryan", "Nazarov",
             "Volkov", "Rakhimov", "Lukin", "Yusupov", "Orlov", "Beisenov", "Kuznetsov", "Morozov",
             "Akhmetov", "Tursunov", "Hovhannisyan", "Mammadov", "Sharipov", "Ismoilov",
             "Kovalenko", "Rusu", "Botirov", "Zhumagulov", "Melnikov", "Osipov", "Gasparyan")),
    "cn": (("Wei", "Jun", "Ming", "Hao", "Qiang"), ("Hong", "Lan", "Mei", "Ying"),
           ("Zhang", "Chen", "Wang", "Liu", "Zhao", "Sun", "Huang")),
    "south": (("Rahul", "Anil", "Imran", "Farhan", "Sanjay", "Kamal"),
              ("Priya", "Sunita", "Ayesha", "Nadia", "Kavya"),
              ("Sharma", "Khan", "Verma", "Qureshi", "Rahman", "Perera", "Thapa", "Iyer")),
    "west": (("Ahmed", "Hassan", "Omar", "Reza", "Mehmet", "Yusuf", "Karim"),
             ("Fatima", "Leila", "Samira", "Zeynep", "Maryam"),
             ("Haddad", "Rahimi", "Demir", "Karimi", "Nasser", "Yilmaz", "Farouk", "Benali")),
    "east": (("Minh", "Somchai", "Budi", "Aung", "Sokha"), ("Siti", "Lan Anh", "Malee", "Dara"),
             ("Nguyen", "Tran", "Santoso", "Phommachanh", "Sok", "Win")),
    "far": (("Carlos", "Jose", "Thabo", "Dragan", "Abebe"), ("Maria", "Ana", "Milica", "Naledi"),
            ("Garcia", "Rodriguez", "Silva", "Mokoena", "Petrovic", "Tesfaye")),
}

# -- prose: the sentences a release is made of -----------------------------------
# Slots: {body} {org} {org_name} {nth} {when} {where} {city} {chair} {chair_position}
# {chair_country} {topic} {topic2} {country} {country2} {past_year} {next_year}
# {next_year2} {next_city} {site}

OPENINGS = (
    "The {body} of the {org_name} held its {nth} meeting {where} {when}.",
    "{when}, the {org} {body} met {where} for its {nth} session.",
    "Delegations gathered {where} {when} for the {nth} session of the {body}, "
    "one of the statutory bodies of the {org_name}.",
    "The {nth} session of the {org} {body} took place {where} {when}.",
)
CHAIRING = (
    "{chair}, {chair_position} of {chair_country}, was in the chair.",
    "The session was chaired by {chair_country}, represented by its {chair_position}, {chair}.",
    "Opening the session, the chair, {chair_position} of {chair_country} {chair}, welcomed the "
    "delegations and set out the order of business.",
    "{chair_country} holds the chairmanship this year, and {chair}, its {chair_position}, led the "
    "proceedings.",
)
GUEST_HOST = (
    "{host} provided the venue as a guest of the chairmanship and took no part in the "
    "deliberations.",
    "The session was held in {host}, which is not represented on the {body}, at the invitation "
    "of its government.",
)
ATTENDANCE = (
    "Delegations of {count} states took part: {countries}.",
    "{countries} sent delegations to the session.",
    "Taking part were the delegations of {countries}.",
)
GUESTS = (
    "{guests} attended as guests of the chairmanship.",
    "Representatives of {guests} followed the session as observers.",
)
STAFF = (
    "The {org} was represented by {officials}.",
    "From the secretariat, {officials} attended.",
    "Also present were {officials}.",
)
TABLE_INTROS = ("The heads of delegation were:", "Delegations were led by:")
AGENDA_INTROS = ("The agenda comprised {count} items:", "Members went through the following items:",
                 "The {body} considered:")
AGENDA = (
    "progress on the decisions taken at the previous session",
    "a joint action plan on {topic} for {next_year}–{next_year2}",
    "national reports on {topic}",
    "the budget for joint measures in {next_year}",
    "membership of the expert group on {topic}",
    "the venue and date of the next session",
    "contacts with partner organizations on {topic}",
    "the annual report of the secretariat",
    "a draft agreement on {topic}",
    "the outcome of the joint exercise held in {past_year}",
)
DISCUSSION = (
    "Much of the debate concerned {topic}.",
    "{country} reported on the national measures on {topic} taken since the last session.",
    "The secretariat presented an overview of {topic} across the {org} region.",
    "Delegates agreed that {topic} cannot be handled by any one state on its own.",
    "Several members asked for regular exchanges of data on {topic} between their agencies.",
    "{country} suggested a joint seminar on {topic} for mid-level officials.",
    "The delegation of {country} described a pilot project on {topic} launched in {past_year}.",
    "Experts from {country} and {country2} presented a joint assessment of {topic}.",
    "Members noted progress on {topic}, while warning that **gaps remain** in practice.",
    "The discussion of {topic} ended with an instruction to the working group to report back "
    "within six months.",
    "Figures presented by the secretariat suggest that {topic} will remain a priority for "
    "*several years*.",
    "A number of speakers linked {topic} to {topic2} and called for one approach to both.",
    "The {body} reviewed how its earlier recommendations on {topic} have been put into practice.",
    "{country} offered to host a training course on {topic} in {next_year}.",
    "Members heard a progress report on the joint programme on {topic} for "
    "{past_year}–{next_year}.",
    "It was agreed that the national contact points for {topic} would update their details by the "
    "end of the year.",
    "The chair invited delegations to send written proposals on {topic} before the next session.",
    "Concerns were raised about new risks in the area of {topic}, in particular those linked to "
    "online platforms.",
    "Delegates compared national legislation on {topic} and identified where it could be brought "
    "closer together.",
    "{country} informed the meeting of recent changes to its laws on {topic}.",
    "The working group on {topic} presented its draft recommendations, which were broadly "
    "supported.",
    "Members stressed that cooperation on {topic} must respect the sovereignty of each state.",
    "An exchange of views on {topic} took place behind closed doors.",
    "Observers from partner organizations shared their experience of {topic}.",
    "The meeting welcomed the results of the joint operation carried out in {past_year}, in which "
    "{country} played a leading part.",
    "Members discussed how the {org} could involve partner states in its work on {topic}.",
    "A proposal from {country} to set up a standing expert panel on {topic} was referred to the "
    "working group.",
    "The secretariat was asked to prepare a consolidated analysis of {topic} for the next session.",
    "Funding for joint activities on {topic} was discussed, and members agreed to keep their "
    "contributions at the current level.",
    "Speakers agreed that training and staff exchanges are the quickest way to improve cooperation "
    "on {topic}.",
    "The delegation of {country} drew attention to the cross-border side of {topic}.",
    "{country} and {country2} reported on a bilateral arrangement on {topic} that could serve as a "
    "model for others.",
)
QUOTE_INTROS = ("Opening the debate, {chair} said:", "{chair} summed up the discussion:",
                "In the chair's words:")
QUOTES = (
    "What we agree in this room only matters if it changes the work of our services on the ground.",
    "The threats we face do not stop at borders, and neither should our cooperation.",
    "We have made real progress on {topic}, but the figures leave no room for complacency.",
    "Every member state brings its own experience; our task is to turn it into common practice.",
    "This {body} is most useful when it is candid about what has not worked.",
    "Our citizens expect results rather than declarations, and that is how this session will be "
    "judged.",
    "The next two years will show whether our joint programmes are more than plans on paper.",
    "Cooperation on {topic} has become one of the strongest parts of our work together.",
    "We should measure our success by the practical steps we take, not by the meetings we hold.",
)
DECISION_INTROS = ("The {body} decided:", "Members adopted decisions:", "The session ended with "
                   "agreement:")
DECISIONS = (
    "to approve the plan of joint measures on {topic} for {next_year}–{next_year2};",
    "to take note of the report of the secretariat;",
    "to set up an expert group on {topic};",
    "to forward the draft agreement on {topic} to the member states for their internal procedures;",
    "to approve the budget of joint activities for {next_year};",
    "to instruct the secretariat to report on {topic} at the next session;",
    "to hold the next session in {next_city};",
)
OUTCOMES = (
    "At the end of the session the members signed a protocol and a decision on {topic}.",
    "The {body} adopted its work plan for {next_year} and approved a statement on {topic}.",
    "No documents were signed; the members agreed to return to {topic} at their next session.",
)
NEXT = (
    "The next session is planned for {next_year} in {next_city}.",
    "The date and venue of the next session will be agreed through diplomatic channels.",
    "{next_country} will chair the {body} next, and the members accepted its invitation to meet in "
    "{next_city}.",
)
LINKS = (
    "The documents of the session are published on the [website of the {org}]({site}).",
    "More about the {body}: [{org_name}]({site}).",
    "The full text of the decisions is available from the [{org} secretariat]({site}).",
)
HEADINGS = {
    "participants": ("Participants", "Delegations", "Who attended"),
    "agenda": ("Agenda", "Items on the agenda", "Order of business"),
    "discussion": ("Discussion", "Main points", "The debate"),
    "decisions": ("Decisions", "Outcome", "Results"),
    "next": ("Next meeting", "Next steps", "What comes next"),
}
TITLES = (
    "{nth} meeting of the {org} {body}",
    "{roman} session of the {body} of the {org}",
    "{org} {body} holds its {nth} session {where}",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve")


# -- the meetings ----------------------------------------------------------------


@dataclass
class Person:
    name: str
    position: str
    country: str | None = None
    organization: str | None = None


@dataclass
class Meeting:
    body: Body
    date: dt.date
    session: int
    format: str = ""
    host: str | None = None  # country code of the venue
    city: str | None = None
    chair: Person | None = None
    countries: tuple[str, ...] = ()
    officials: tuple[Person, ...] = ()
    topics: tuple[str, ...] = ()
    title: str = ""
    summary: str = ""
    text: str = ""
    precision: str = "day"  # what the release tells of the date: day, month or year
    days: int = 1  # how many days the meeting lasted

    @property
    def slug(self) -> str:
        return f"{self.body.code}-{self.session}"

    @property
    def location(self) -> str | None:
        return f"{self.city}, {COUNTRIES[self.host].name}" if self.city else None

    @property
    def last_day(self) -> dt.date:
        return self.date + dt.timedelta(days=self.days - 1)

    @property
    def written_date(self) -> str:
        """The date as the front matter gives it: 2021, 2021-12 or 2021-12-03."""
        return self.date.isoformat()[:{"year": 4, "month": 7, "day": 10}[self.precision]]

    @property
    def source(self) -> str:
        return f"{ORGANIZATIONS[self.body.organization].site}news/{self.date.year}/{self.slug}/"


def plan(count: int, rng: random.Random) -> list[Meeting]:
    """Every meeting's body, date and session, in date order."""
    weights = list(itertools.accumulate(body.weight for body in BODIES))
    days = [weekdays(body.since) for body in BODIES]
    taken: list[set[int]] = [set() for _ in BODIES]  # membership only, never iterated
    held = []
    for _ in range(count):
        b = bisect.bisect_right(weights, rng.random() * weights[-1])
        held.append((meeting_day(rng, days[b], taken[b]), b))
    held.sort()
    sessions = [body.first_session - 1 for body in BODIES]
    meetings = []
    for day, b in held:
        # now and then a session is missing from the corpus, as in a real archive
        sessions[b] += 2 if rng.random() < 0.03 else 1
        meetings.append(Meeting(BODIES[b], dt.date.fromordinal(day), sessions[b]))
    return meetings


def weekdays(since: int) -> list[int]:
    """The days, Monday to Friday, on which a body founded in `since` can meet."""
    first = max(FIRST_DAY, dt.date(since, 1, 1)).toordinal()
    # day 1 of the proleptic calendar was a Monday: % 7 gives 6 on Saturdays, 0 on Sundays
    return [day for day in range(first, LAST_DAY.toordinal() + 1) if day % 7 not in (0, 6)]


def meeting_day(rng: random.Random, days: list[int], taken: set[int]) -> int:
    """A day on which the body has not met yet (while there is one)."""
    day = rng.choice(days)
    while day in taken and len(taken) < len(days):
        day = rng.choice(days)
    taken.add(day)
    return day


def describe(meeting: Meeting, rng: random.Random) -> None:
    """Who met where, about what, and the release that says so."""
    body, year = meeting.body, meeting.date.year
    meeting.precision, meeting.days = how_dated(rng)
    meeting.countries = participants(rng, body.organization, year)
    meeting.chair = chair(rng, body, year, meeting.countries)
    if rng.random() < 0.05 and len(meeting.countries) > 3:
        # a release that lists the delegations besides the chair's (the site counts the
        # chairing state as taking part all the same)
        meeting.countries = tuple(c for c in meeting.countries if c != meeting.chair.country)
    meeting.format = meeting_format(rng, year)
    if meeting.format != "videoconference":
        meeting.host = host_country(rng, meeting)
        meeting.city = city_of(rng, meeting.host)
    meeting.topics = topics(rng, body)
    meeting.officials = officials(rng, body.organization)
    Release(meeting, rng).write()


def how_dated(rng: random.Random) -> tuple[str, int]:
    """What the release tells of its date, and how long the meeting was: mostly the
    day of a one-day meeting; now and then two or three days, or only the month
    or the year (a release dated by its publication, 'today')."""
    draw = rng.random()
    if draw < 0.03:
        return "month", 1
    if draw < 0.05:
        return "year", 1
    return "day", (rng.choice((2, 3)) if draw > 0.94 else 1)


def when(meeting: Meeting) -> str:
    """The date as a release's sentence gives it: 'on 3 December 2021', 'on 7–8
    December 2017', 'from 30 November to 1 December 2021', 'in December 2021'."""
    day, last = meeting.date, meeting.last_day
    if meeting.precision == "year":
        return f"in {day.year}"
    if meeting.precision == "month":
        return f"in {MONTHS[day.month - 1]} {day.year}"
    if last == day:
        return f"on {long_date(day)}"
    if last.month == day.month:
        return f"on {day.day}–{long_date(last)}"
    return f"from {day.day} {MONTHS[day.month - 1]} to {long_date(last)}"


def members(organization: str, year: int) -> tuple[list[str], list[str]]:
    """An organization's member states in `year`, and its partners then."""
    org = ORGANIZATIONS[organization]
    joined = [code for code in org.members if JOINED.get((organization, code), 0) <= year]
    waiting = [code for code in org.members if code not in joined]
    partners = [code for code in org.partners if UNTIL.get((organization, code), year) >= year]
    return joined, waiting + partners


def participants(rng: random.Random, organization: str, year: int) -> tuple[str, ...]:
    """3 to 12 states: most or all of the members, now and then a guest or two."""
    joined, partners = members(organization, year)  # at least five members, always
    absent = 0 if rng.random() < 0.6 else rng.randint(1, len(joined) - 3)
    present = rng.sample(joined, len(joined) - absent)
    guests = rng.sample(partners, min(len(partners), rng.choice((0, 0, 0, 1, 1, 2, 3))))
    # listed as press offices do: members in the organization's order, then guests
    return (tuple(code for code in joined if code in present) + tuple(guests))[:12]


def chair(rng: random.Random, body: Body, year: int, countries: tuple[str, ...]) -> Person:
    """The chair comes from a member state taking part (guests do not chair)."""
    joined = members(body.organization, year)[0]
    country = rng.choice([code for code in countries if code in joined])
    return Person(person_name(rng, country), rng.choice(body.chairs), country=country)


def meeting_format(rng: random.Random, year: int) -> str:
    """Video links were rare before 2020, the rule in 2020-2021, common since."""
    if year < 2020:
        return "in person" if rng.random() < 0.93 else "videoconference"
    if year < 2022:
        return rng.choice(("videoconference", "videoconference", "hybrid", "in person"))
    return rng.choice(("in person", "in person", "in person", "hybrid", "videoconference"))


def host_country(rng: random.Random, meeting: Meeting) -> str:
    """Usually the chair's state or another taking part; about one time in ten a
    member or partner of the organization that is not listed, as when a session
    is held at the invitation of a state whose delegation the release leaves out."""
    joined, partners = members(meeting.body.organization, meeting.date.year)
    others = [code for code in joined + partners if code not in meeting.countries]
    if others and rng.random() < 0.1:
        return rng.choice(others)
    if rng.random() < 0.6:
        return meeting.chair.country
    return rng.choice(meeting.countries)


def city_of(rng: random.Random, country: str) -> str:
    cities = COUNTRIES[country].cities
    return cities[0] if rng.random() < 0.7 else rng.choice(cities)


def topics(rng: random.Random, body: Body) -> tuple[str, ...]:
    """One to four topics, mostly the body's usual ones."""
    chosen: list[str] = []
    for _ in range(rng.randint(1, 4)):
        pool = body.topics if rng.random() < 0.75 else TOPICS
        topic = rng.choice(pool)
        if topic not in chosen:
            chosen.append(topic)
    return tuple(chosen)


def officials(rng: random.Random, organization: str) -> tuple[Person, ...]:
    """One to three people of the organization's secretariat, each in a different
    post, nationals of member states."""
    org = ORGANIZATIONS[organization]
    return tuple(Person(person_name(rng, rng.choice(org.members)), position,
                        organization=organization)
                 for position in rng.sample(org.staff, rng.randint(1, 3)))


def person_name(rng: random.Random, country: str) -> str:
    men, women, families = PEOPLE[COUNTRIES[country].people]
    woman = rng.random() < 0.3
    given, family = rng.choice(women if woman else men), rng.choice(families)
    if woman and family.endswith(("ov", "ev", "in")):
        family += "a"
    return f"{family} {given}" if country == "CN" else f"{given} {family}"


# -- the release's text ----------------------------------------------------------


class Release:
    """The title, summary and Markdown text of one meeting, drawn from the
    sentences above; the text is 300 to 650 words."""

    def __init__(self, meeting: Meeting, rng: random.Random):
        self.m, self.rng = meeting, rng
        body, org = meeting.body, meeting.body.organization
        self.names = [country_name(code) for code in meeting.countries]
        next_host = rng.choice(members(org, meeting.date.year)[0])
        self.slots = {
            "body": body.name, "org": org, "org_name": ORGANIZATIONS[org].name,
            "nth": ordinal(meeting.session), "roman": roman(meeting.session),
            "when": when(meeting), "where": where(meeting), "city": meeting.city,
            "chair": meeting.chair.name, "chair_position": meeting.chair.position,
            "chair_country": country_name(meeting.chair.country),
            "past_year": meeting.date.year - rng.randint(1, 3),
            "next_year": meeting.date.year + 1, "next_year2": meeting.date.year + 3,
            "next_country": country_name(next_host), "next_city": COUNTRIES[next_host].cities[0],
            "site": ORGANIZATIONS[org].site,
        }

    def fill(self, template: str, **more: object) -> str:
        """A template with its slots filled, topics and countries drawn afresh
        (only those it names: drawing costs time), and a capital letter to start."""
        rng, m, wanted = self.rng, self.m, slots_of(template)
        if "topic" in wanted:
            more["topic"] = rng.choice(m.topics)
            if "topic2" in wanted:
                more["topic2"] = other(rng, TOPICS, more["topic"])
        if "country" in wanted:
            more["country"] = rng.choice(self.names)
            if "country2" in wanted:
                more["country2"] = other(rng, self.names, more["country"])
        text = template.format(**self.slots, **more)
        return text[0].upper() + text[1:]

    def pick(self, templates: tuple[str, ...], **more: object) -> str:
        return self.fill(self.rng.choice(templates), **more)

    def heading(self, part: str) -> str:
        return "## " + self.rng.choice(HEADINGS[part])

    def write(self) -> None:
        m, rng = self.m, self.rng
        m.title = self.pick(TITLES)
        m.summary = self.summary()
        before = [self.lead(), self.heading("participants"), self.attendance()]
        if rng.random() < 0.3:
            before += [rng.choice(TABLE_INTROS), self.delegations()]
        before += [self.heading("agenda"), *self.agenda(), self.heading("discussion")]
        after = [self.heading("decisions"), *self.decisions(),
                 self.heading("next"), self.pick(NEXT) + " " + self.pick(LINKS)]
        quote = [self.pick(QUOTE_INTROS), "> " + self.pick(QUOTES)]
        fixed = sum(len(block.split()) for block in before + after + quote)
        target = rng.randint(330, 590)
        m.text = "\n\n".join(before + self.discussion(target - fixed, quote) + after) + "\n"

    def summary(self) -> str:
        m = self.m
        first = (f"The {m.body.organization} {m.body.name} met {self.slots['where']} "
                 f"{self.slots['when']} to discuss {human_list(list(m.topics))}.")
        if self.rng.random() < 0.5:
            return first
        return first + f" {self.slots['chair_country']} chaired the session."

    def lead(self) -> str:
        sentences = [self.pick(OPENINGS), self.pick(CHAIRING)]
        if self.m.host and self.m.host not in self.m.countries:
            sentences.append(self.pick(GUEST_HOST, host=country_name(self.m.host)))
        return " ".join(sentences)

    def attendance(self) -> str:
        m = self.m
        joined = members(m.body.organization, m.date.year)[0]
        own = [country_name(code) for code in m.countries if code in joined]
        guests = [country_name(code) for code in m.countries if code not in joined]
        sentences = [self.pick(ATTENDANCE, count=number(len(own)), countries=human_list(own))]
        if guests:
            sentences.append(self.pick(GUESTS, guests=human_list(guests)))
        staff = human_list([f"{p.name} ({p.position})" for p in m.officials])
        sentences.append(self.pick(STAFF, officials=staff))
        return " ".join(sentences)

    def delegations(self) -> str:
        rows = ["| Delegation | Head of delegation | Position |", "|---|---|---|"]
        countries = self.m.countries
        for code in self.rng.sample(countries, min(len(countries), self.rng.randint(3, 6))):
            rows.append(f"| {COUNTRIES[code].name} | {person_name(self.rng, code)} | "
                        f"{self.m.body.delegates} |")
        return "\n".join(rows)

    def agenda(self) -> list[str]:
        items = self.rng.sample(AGENDA, self.rng.randint(3, 6))
        return [self.pick(AGENDA_INTROS, count=number(len(items))),
                "\n".join("- " + self.fill(item) for item in items)]

    def discussion(self, words: int, quote: list[str]) -> list[str]:
        """Paragraphs of two to four sentences, about `words` long, the quote
        after the first."""
        pool = list(DISCUSSION)
        self.rng.shuffle(pool)  # no sentence twice in one release
        sentences: list[str] = []
        while pool and (len(sentences) < 3 or words > 0):
            sentences.append(self.fill(pool.pop()))
            words -= len(sentences[-1].split())
        paragraphs = []
        while sentences:
            size = self.rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[:size]))
            sentences = sentences[size:]
        return paragraphs[:1] + quote + paragraphs[1:]

    def decisions(self) -> list[str]:
        if self.rng.random() < 0.5:
            return [self.pick(OUTCOMES)]
        chosen = self.rng.sample(DECISIONS, self.rng.randint(2, 4))
        items = [f"{n}. {self.fill(item)}" for n, item in enumerate(chosen, 1)]
        items[-1] = items[-1].rstrip(";") + "."
        return [self.pick(DECISION_INTROS), "\n".join(items)]


@functools.cache
def slots_of(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def other(rng: random.Random, choices: Sequence[str], taken: str) -> str:
    """Any of `choices` but `taken` (of which there are at least two)."""
    choice = rng.choice(choices)
    while choice == taken:
        choice = rng.choice(choices)
    return choice


def where(meeting: Meeting) -> str:
    if meeting.format == "videoconference":
        return "by videoconference"
    if meeting.format == "hybrid":
        return f"in {meeting.city} and by video link"
    return f"in {meeting.city}"


def country_name(code: str) -> str:
    name = COUNTRIES[code].name
    return f"the {name}" if code in ARTICLE else name


def human_list(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def number(n: int) -> str:
    return NUMBERS[n] if n < len(NUMBERS) else str(n)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def roman(n: int) -> str:
    digits = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in digits:
        count, n = divmod(n, value)
        out += letters * count
    return out


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# -- files -----------------------------------------------------------------------


# A YAML scalar that reads back as exactly the string given: a JSON string is
# one. (One encoder for all: json.dumps with options makes a new one per call.)
quoted = json.JSONEncoder(ensure_ascii=False).encode


def front_matter(meeting: Meeting, hugo: bool) -> str:
    chair = meeting.chair
    lines = [
        "---",
        f"title: {quoted(meeting.title)}",
        # (Hugo reads a day only: its twin of a year or month is dated by its first day)
        f"date: {meeting.date.isoformat() if hugo else meeting.written_date}",
        *([f"end_date: {meeting.last_day.isoformat()}"] if meeting.days > 1 else []),
        f"organization: {quoted(meeting.body.organization)}",
        f"body: {quoted(meeting.body.name)}",
        f"session: {meeting.session}",
        f"format: {quoted(meeting.format)}",
    ]
    if meeting.location:  # a videoconference has none
        lines.append(f"location: {quoted(meeting.location)}")
    lines += ["chair:", f"  name: {quoted(chair.name)}", f"  position: {quoted(chair.position)}",
              f"  country: {quoted(chair.country)}",
              f"countries: [{', '.join(quoted(code) for code in meeting.countries)}]",
              "officials:"]
    for person in meeting.officials:
        lines += [f"  - name: {quoted(person.name)}", f"    position: {quoted(person.position)}",
                  f"    organization: {quoted(person.organization)}"]
    lines.append(f"topics: [{', '.join(quoted(topic) for topic in meeting.topics)}]")
    if hugo:  # the Hugo site's third taxonomy; `countries` and `topics` serve as they are
        lines.append(f"bodies: [{quoted(meeting.body.name)}]")
    lines += [f"summary: {quoted(meeting.summary)}", f"source: {quoted(meeting.source)}",
              f"slug: {quoted(meeting.slug)}", "lang: en", "---", "", ""]
    return "\n".join(lines)


def save(path: pathlib.Path, content: str, folders: set[pathlib.Path]) -> pathlib.Path:
    if path.parent not in folders:  # a year's folder is made once, not once per release
        path.parent.mkdir(parents=True, exist_ok=True)
        folders.add(path.parent)
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(content)
    return path


def meetings(count: int, seed: int = 1) -> list[Meeting]:
    """The same meetings, with the same text, for the same (count, seed)."""
    if not 0 <= count <= MAX_COUNT:
        raise ValueError(f"count must be 0 to {MAX_COUNT:,}, not {count}")
    rng = random.Random(seed)
    planned = plan(count, rng)
    for meeting in planned:
        describe(meeting, rng)
    return planned


# The page the Hugo site's chronological archive hangs on (layouts/_default/timeline.html).
TIMELINE = '---\ntitle: "Timeline"\nlayout: "timeline"\n---\n'


def generate(out: pathlib.Path, count: int, seed: int = 1, flavor: str = "native"
             ) -> list[pathlib.Path]:
    """Write `count` releases under `out`; return the paths written."""
    if flavor not in FLAVORS:
        raise ValueError(f"flavor must be one of {', '.join(FLAVORS)}, not {flavor!r}")
    out = pathlib.Path(out)
    hugo = flavor == "hugo"
    folder = out / "meetings" if hugo else out
    made: set[pathlib.Path] = set()
    written = [save(folder / str(m.date.year) / f"{m.slug}.md", front_matter(m, hugo) + m.text,
                    made)
               for m in meetings(count, seed)]
    if hugo:  # the timeline page: its layout lists every meeting by year
        written.append(save(out / "timeline.md", TIMELINE, made))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N synthetic meeting releases to OUT_DIR.")
    parser.add_argument("out_dir", type=pathlib.Path, metavar="OUT_DIR")
    parser.add_argument("count", type=int, metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flavor", choices=FLAVORS, default="native")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= MAX_COUNT:
        parser.error(f"N must be 1 to {MAX_COUNT:,}")
    generate(args.out_dir, args.count, args.seed, args.flavor)
    print(f"wrote {args.count} {args.flavor} releases to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
