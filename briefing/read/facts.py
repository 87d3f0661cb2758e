"""The facts of a raw release, drawn from its text as an editor would, never guessed.

`extract(raw, bodies)` reads a release (read/raw.py) in English or Russian and
returns a `Draft`: each field the text supports, in the schema's forms, and for
each field it does not, what was looked for. A value the text supports only
weakly comes with a `check` saying why, for the editor to confirm.

The rules that keep a draft honest:
- the meeting is the one the first sentence that names a meeting describes (its
  "lead"): a session number, a date or a place named elsewhere (the next meeting,
  another body's session in the agenda) is not this meeting's;
- a state is a participant only when a clause says it took part (attended,
  delegations of, приняли участие ...; "the ministers of A and B met"), its
  official was there, or it chaired; a state named as a topic, a venue of
  something else or a subject is not;
- "all member states" is `all members`, never a list made up.

The pieces: prose.py (sentences, clauses), who.py (chair, participants,
officials), names.py (a person's name, position and state), words.py (states,
cities, Russian morphology, ordinals); this module reads what, when and where.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

import roman

from ..model.bodies import key_of
from ..model.countries import Country
from ..model.meeting import FIRST_YEAR, LAST_YEAR, MAX_ROMAN, MAX_SESSION, When, ordinal
from . import words
from .prose import CLAUSE, ELSEWHERE, EN_MONTH, ORGANIZATIONS, RU_MONTH, WEEKDAY, split_sentences
from .raw import Raw
from .who import ALL, chair, officials, participants

MEETING = {"en": r"\b(?:meeting|session|sitting|summit|conference|talks)\b",
           "ru": r"\b(?:заседани|сесси|встреч|совещани|саммит|конференци)\w*"}


FORMATS = [
    ("hybrid", r"\bhybrid\b|mixed format|in-person and online|both in person and (?:online|by "
               r"video)|смешанном формате|гибридном формате|очно-заочн"),
    ("videoconference", r"video ?conferenc\w*|video link|videolink|online format|virtual(?:ly)? "
                        r"(?:format|meeting|session)|held online|видеоконференц\w*|видеосвяз\w*|"
                        r"онлайн-формате|режиме онлайн|дистанционном формате"),
    ("in person", r"\bin person\b|\bin-person\b|face-to-face|очном формате|\bочно\b"),
]


MONTHS = {"en": ["january", "february", "march", "april", "may", "june", "july", "august",
                 "september", "october", "november", "december"],
          "ru": ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
                 "октябр", "ноябр", "декабр"]}


DASH = r"\s*(?:[–—-]|\band\b|\bto\b|\bи\b|\bпо\b)\s*"


@dataclass
class Draft:
    """The facts of one release as the importer finds them. `checks`: why a value
    needs the editor's eye; `missing`: what was looked for and not found."""

    lang: str
    title: str | None = None
    date: When | None = None
    end_date: When | None = None
    date_note: str | None = None
    organization: str | None = None
    body: str | None = None
    session: int | None = None
    format: str | None = None
    location: str | None = None
    chair: dict[str, str] = field(default_factory=dict)
    countries: list[Country] | str = field(default_factory=list)  # or "all members"
    officials: list[dict[str, str]] = field(default_factory=list)
    source: str | None = None
    checks: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)


def extract(raw: Raw, bodies: dict[tuple[str, str], str] | None = None,
            source: str | None = None) -> Draft:
    """The facts of `raw`. `bodies`: the bodies already known (by their key, see
    model/bodies.key_of), so that a body named another way is matched to them."""
    lang, text = raw.lang, raw.text
    draft = Draft(lang, source=source)
    sentences = split_sentences(text)
    lead = lead_sentence(sentences, lang)
    draft.organization = organization(lead, text, lang)
    draft.body = body(lead, lang, draft.organization, bodies or {}, draft.checks)
    draft.session = session(lead, lang)
    draft.format = meeting_format(text)
    dates(draft, lead, sentences, raw)
    draft.chair = chair(text, lang)
    if draft.chair and not (draft.chair.get("name") or draft.chair.get("country")):
        draft.missing["chair"] = (f"the text names the chair's position only "
                                  f"('{draft.chair.get('position')}'), not who or which state")
        draft.chair = {}
    _body_named(draft)
    draft.location = location(lead, sentences, lang, draft.format)
    draft.officials = officials(sentences, lang, draft.chair.get("name"))
    draft.countries = participants(sentences, lang, draft.officials, draft.chair)
    if draft.countries == ALL and not draft.organization:  # (members of what?)
        draft.missing["countries"] = ("the text says all member states took part, but not of "
                                      "which organization")
        draft.countries = []
    draft.title = title(draft, lead) or "A meeting"
    if draft.title == "A meeting":
        draft.checks["title"] = "no headline could be drawn from the text: write one"
    for name, looked in (("organization", "the organization that met"),
                         ("body", "the council or committee that met"),
                         ("session", "the session's number (XXIII, 23rd, twenty-third)"),
                         ("format", "videoconference, in person or hybrid"),
                         ("location", "the city where it met"), ("chair", "who chaired"),
                         ("countries", "the states that took part"),
                         ("date", "the date it was held")):
        if not getattr(draft, name):
            draft.missing.setdefault(name, f"not named in the text (looked for {looked})")
    return draft


def _body_named(draft: Draft) -> None:
    """'President of the Council' in a release about the Security Council is the
    President of the Security Council: the position names the body in full."""
    position, body_ = draft.chair.get("position"), draft.body or ""
    short = re.search(r"\bof the (Council|Commission|Committee|Assembly|Conference)$", position or "")
    if short and body_.endswith(short.group(1)) and draft.lang == "en":
        draft.chair["position"] = position[:short.start()] + f"of the {body_}"


# -- the meeting ---------------------------------------------------------------

def lead_sentence(sentences: list[str], lang: str) -> str:
    """The first sentence that names a meeting or a body that met, or the first."""
    named = MEETING[lang] + (rf"|\b{BODY_WORDS}\b" if lang == "en" else r"|\b[Сс]овет\w*")
    for sentence in sentences[:6]:
        if re.search(named, sentence, re.I if lang == "ru" else 0) and \
                re.search(MEETING[lang] + "|" + (BODY_WORDS if lang == "en" else "x^"), sentence,
                          re.I) and not ELSEWHERE.search(sentence):
            return sentence
    return sentences[0] if sentences else ""


# -- who met -------------------------------------------------------------------

def organization(lead: str, text: str, lang: str) -> str | None:
    """The organization the lead names first; else the one the text names most."""
    index = 0 if lang == "en" else 1
    found = [(m.start(), code) for code, names in ORGANIZATIONS.items()
             for m in re.finditer(names[index], lead)]
    if found:
        return min(found)[1]
    counts = {code: len(re.findall(names[index], text)) for code, names in ORGANIZATIONS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


BODY_WORDS = r"(?:Council|Committee|Commission|Assembly|Conference|Board|Meeting|Forum|Summit)"


RU_BODIES = {  # lemmatised Russian names -> English, for the bodies releases name most
    "совет министр иностранный дело": "Council of Foreign Ministers",
    "совет министр оборона": "Council of Defence Ministers",
    "совет глава государство": "Council of Heads of State",
    "совет глава правительство": "Council of Heads of Government",
    "совет коллективный безопасность": "Collective Security Council",
    "комитет секретарь совет безопасность": "Committee of Secretaries of Security Councils",
    "координационный совет руководитель компетентный орган по противодействие незаконный "
    "оборот наркотик": "Coordinating Council of Heads of Competent Authorities to Combat "
                       "Illicit Drug Trafficking",
    "совет министр внутренний дело": "Council of Ministers of Internal Affairs",
    "экономический совет": "Economic Council",
    "евразийский межправительственный совет": "Eurasian Intergovernmental Council",
    "высший евразийский экономический совет": "Supreme Eurasian Economic Council",
    "совет руководитель таможенный служба": "Council of Heads of Customs Services",
    "совет национальный координатор": "Council of National Coordinators",
    "совещание генеральный прокурор": "Meeting of Prosecutors General",
    "совет министр": "Council of Ministers",
    "совет постоянный представитель": "Council of Permanent Representatives",
    "межпарламентский ассамблея": "Interparliamentary Assembly",
    "совет министр юстиция": "Council of Ministers of Justice",
    "совет руководитель миграционный орган": "Council of Heads of Migration Authorities",
    "совет по сотрудничество в область здравоохранение": "Council on Health Cooperation",
    "совет министр энергетика": "Council of Energy Ministers",
    "совет региональный антитеррористический структура": "Council of the Regional Anti-Terrorist "
                                                         "Structure",
    "совет министр транспорт": "Council of Transport Ministers",
    "совет безопасность": "Security Council",
    "высокий евразийский экономический совет": "Supreme Eurasian Economic Council",  # ("Высшего")
    "веэс": "Supreme Eurasian Economic Council",
    "саммит асеан": "Summit",
}


def body(lead: str, lang: str, organization: str | None, known: dict,
         checks: dict[str, str] | None = None) -> str | None:
    """The body the lead names, as a known body names it if it is one: by the same
    name (case and spacing aside), or by a name close to it, with a check."""
    name = _russian_body(lead) if lang == "ru" else _english_body(lead, organization)
    if not (name and organization):
        return name
    known_name = known.get(key_of(organization, name))
    if known_name:
        return known_name
    ours = key_of(organization, name)
    close = [(difflib.SequenceMatcher(None, _content_words(key[1]), _content_words(ours[1])).ratio(),
              known_name) for key, known_name in known.items() if key[0] == ours[0]]
    ratio, closest = max(close, default=(0, None))
    if closest and ratio >= SIMILAR_BODY:
        if checks is not None:
            checks["body"] = f"the body already known closest to the text's '{name}'"
        return closest
    return name


HEADLINE = re.compile(r"\b(?:Hold|Holds|Held|Their|Its|Open|Opens|Opened|Meet|Meets|Met|Begin|"
                      r"Begins|Began|End|Ends|Ended|Kick|Kicks|Start|Starts|Close|Closes|Closed|"
                      r"Convene|Convenes|Gather|Gathers|Discuss|Discusses|Adopt|Adopts|Sign|Signs|"
                      r"Say|Says|Tell|Tells|Call|Calls|Urge|Urges)\b")
SIMILAR_BODY = 0.8  # difflib ratio of two bodies' names, their small words left out


def _content_words(name: str) -> str:
    return " ".join(w for w in name.split() if w not in ("the", "of", "for", "to", "on", "and"))


def _english_body(lead: str, organization: str | None) -> str | None:
    words_ = r"(?:[A-Z][\w'’-]*|of|the|for|on|and|to|in|against)"
    pattern = rf"((?:[A-Z][\w'’-]* (?:and |of |for )?)*{BODY_WORDS}\b(?: {words_})*)"
    for match in re.finditer(pattern, lead):
        if re.search(r"\b(?:sidelines|margins|eve|ahead|run-up)\s+of\b",
                     lead[max(0, match.start() - 60):match.start()]):
            continue  # ("on the sidelines of the UN General Assembly": another body)
        name = re.sub(r"^(?:Meeting|Session|Sitting) of (?:the )?", "", match.group(1))
        if organization and re.fullmatch(ORGANIZATIONS[organization][0], name) and \
                re.search(rf"{BODY_WORDS}$", name):
            return name  # ("the Supreme Eurasian Economic Council": a body, not the union)
        for code, (names, _) in ORGANIZATIONS.items():  # the organization's own name off
            name = re.sub(rf"\s+of\s+(?:the\s+)?(?:Member States of the\s+)?(?:{names}).*$", "",
                          name)
            name = re.sub(rf"^(?:{names})\s+", "", name)
        name = re.sub(r"\s+of\s+(?:the\s+)?(?:Member States|Participating States)\b.*$", "", name)
        name = re.sub(r"(?:\s+(?:of|the|for|on|and|to|in|against))+$", "", name)
        name = re.sub(r"^(?:The|A|An)\s+", "", name)
        if name == "Summit" and organization and re.search(
                rf"(?:{ORGANIZATIONS[organization][0]})\s+Summit\b", match.group(0)):
            return name  # ("the 42nd ASEAN Summit": the body is the organization's summit)
        if re.fullmatch(rf"{BODY_WORDS}", name) or name.lower().startswith(("meeting of",)):
            continue
        if HEADLINE.search(name):
            continue  # ("BRIC Leaders Hold Their First Summit in ...": a headline's words)
        if len(name.split()) >= 2:
            return name
    # a body named by who meets: "The BRICS Ministers of Foreign Affairs held their meeting"
    met = re.search(r"\b(Ministers|Heads of State|Heads of Government)( of [A-Z][\w'’-]*"
                    r"(?: (?:and |of |for )?[A-Z][\w'’-]*)*)?\s+(?:met|held (?:their|its|the) "
                    r"(?:\w+ )?meeting|gathered)\b", lead)
    if met:
        return f"Meeting of {met.group(1)}{met.group(2) or ''}"
    return None


def _russian_body(lead: str) -> str | None:
    lemmas = " ".join(words.lemma(w) for w in re.findall(r"[А-Яа-яЁё-]+", lead))
    for russian, english in sorted(RU_BODIES.items(), key=lambda kv: -len(kv[0])):
        if russian in lemmas:
            return english
    return None


def session(lead: str, lang: str) -> int | None:
    number = _session(lead, lang)
    return number if number and 1 <= number <= MAX_SESSION else None


def _session(lead: str, lang: str) -> int | None:
    """The session number the lead gives this meeting: 'XXIII meeting', '23rd session',
    'twenty-third meeting', '27-е заседание', 'восемнадцатое заседание'."""
    meeting = MEETING[lang]
    numeral = rf"\b([IVXLC]+)\s+(?:\w+\s+)?{meeting}"
    match = re.search(numeral, lead)
    if match:
        try:
            return roman.fromRoman(match.group(1))
        except roman.InvalidRomanNumeralError:
            pass
    if lang == "en":
        match = re.search(rf"\b(\d{{1,5}})(?:st|nd|rd|th)\s+(?:[\w'’-]+\s+){{0,5}}?"
                          rf"(?:{meeting}|{BODY_WORDS})", lead, re.I)
        if match:
            return int(match.group(1))
        match = re.search(rf"\b((?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?"
                          rf"[a-z]+)\s+(?:\w+\s+)?{meeting}", lead, re.I)
        return words.english_ordinal(match.group(1)) if match else None
    match = re.search(rf"\b(\d{{1,3}})-?(?:[еийгмоя]{{1,3}})\s+(?:\w+\s+)?{meeting}", lead, re.I)
    if match:
        return int(match.group(1))
    match = re.search(rf"\b((?:[а-яё]+\s+)?[а-яё]+)\s+{meeting}", lead, re.I)
    if match:
        number = words.russian_ordinal(match.group(1))
        if number is None and " " in match.group(1):
            number = words.russian_ordinal(match.group(1).split()[-1])
        return number
    return None


def meeting_format(text: str) -> str | None:
    """The format the text first states, in a sentence about this meeting ("held in
    person, unlike the videoconferences of 2020-2021" is in person)."""
    found = []
    for sentence in split_sentences(text):
        if ELSEWHERE.search(sentence):
            continue
        found += [(m.start(), n, name) for n, (name, pattern) in enumerate(FORMATS)
                  for m in [re.search(pattern, sentence, re.I)] if m]
        if found:
            return min(found)[2]  # (the first in the sentence; "hybrid" before its parts)
    return None


# -- when ----------------------------------------------------------------------

def dates(draft: Draft, lead: str, sentences: list[str], raw: Raw) -> None:
    """The date, as precise as the text says: a day (and the last, for a meeting of
    several), a month, a year; the date above the text where the text says "today"."""
    lang, published = raw.lang, raw.published
    at = sentences.index(lead) if lead in sentences else 0
    head = " ".join(sentences[at:at + 2])
    today = re.search(TODAY, lead, re.I)
    dated = _explicit_date(lead, lang, None) if not published and today else None
    if dated and dated[1] is None and dated[0].first == dated[0].last:
        published = dated[0].first  # ("Vienna, 22 March 2019 - ... closed today")
    if published and (span := _span(head, lang, published, bool(today))):
        draft.date, draft.end_date = span
        draft.date_note = f"header date; the text says '{today.group(0)}'" if today else None
        return
    found = _explicit_date(lead, lang, published)
    weekday = re.search(WEEKDAYS[lang], lead, re.I)
    day_given = found and found[0].first == found[0].last
    if not day_given and published and weekday and not today:  # (before a month beside it)
        back = (published.weekday() - _weekday(weekday.group(1), lang)) % 7
        draft.date = When.of(published - dt.timedelta(days=back))
        draft.date_note = f"the '{weekday.group(0)}' before the header date, {published.isoformat()}"
        draft.checks["date"] = "a weekday counted back from the date above the text"
        return
    found = found or _explicit_date(" ".join(sentences[:2]), lang, published) or \
        _month_or_year(lead, lang, published)
    # "today" in the lead: the date above the text, unless the lead's date holds it (a
    # date beside it may be of something else: "the report covering 1 August 2012")
    if found and today and published and not \
            found[0].first <= published <= (found[1] or found[0]).last:
        found = None
    if found:
        draft.date, draft.end_date = found
        if published and found[0].year != published.year and not re.search(r"\b\d{4}\b", lead):
            draft.checks["date"] = "the year is the publication date's; the text gives none"
        return
    today = today or re.search(TODAY, raw.text, re.I)
    if published and today:
        word = today.group(0).lower()
        day = published - dt.timedelta(days=1) if word in ("yesterday", "вчера") else published
        if (day.month, day.day) == (1, 1):  # a placeholder as often as a day
            draft.date = When(day.year)
            draft.date_note = (f"the release is dated {day.isoformat()}, which often stands for "
                               f"its year only; the text says '{today.group(0)}'")
            draft.checks["date"] = "1 January may stand for the year only: is the day known?"
        else:
            draft.date = When.of(day)
            draft.date_note = f"header date; the text says '{today.group(0)}'"
        return
    if published:
        draft.date = When(published.year, published.month)
        draft.date_note = "the month of the publication date; the text gives no date"
        draft.checks["date"] = "the text gives no date: the month it was published in"


def _span(head: str, lang: str, published: dt.date, today: bool) -> tuple[When, When] | None:
    """A meeting of several days: opened today and runs until a day; or closed today
    (or on a day) having begun on another."""
    month = EN_MONTH if lang == "en" else RU_MONTH
    day = rf"(\d{{1,2}}\s+{month})"
    until = re.search(rf"\b(?:until|till|through|до|(?:end|close|conclude)s? on(?:\s+\w+day,)?)"
                      rf"\s+{day}", head, re.I)
    began = re.search(rf"\b(?:began|opened|started) on\s+{day}|накануне,?\s+{day}", head, re.I)
    closed = re.search(r"\b(?:closed|concluded|ended|завершил\w*|закрыл\w*)", head, re.I)
    if today and until:
        end = _explicit_date(until.group(1), lang, published)
        if end and end[0].first > published:
            return When.of(published), end[0]
    if closed and began:
        start = _explicit_date(began.group(1) or began.group(3), lang, published)
        end = When.of(published) if today else (_explicit_date(head[closed.start():], lang,
                                                                published) or (None,))[0]
        if start and end and start[0].first < end.first:
            return start[0], end
    return None


TODAY = (r"\b(?:today|this morning|this afternoon|tonight|yesterday|сегодня|вчера|проход(?:ит|ят)|"
         r"открыл(?:ось|ся|ась)\s+сегодня)\b")


WEEKDAYS = {"en": rf"\bon ({WEEKDAY})\b",
            "ru": r"\bв(?:о)? (понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b"}


def _weekday(name: str, lang: str) -> int:
    names = (["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
             if lang == "en" else ["понедельник", "вторник", "среду", "четверг", "пятницу",
                                   "субботу", "воскресенье"])
    return names.index(name.casefold())


def _month_or_year(text: str, lang: str, published: dt.date | None
                   ) -> tuple[When, None] | None:
    """'in July 2022', 'в конце октября 2025 года' (a month); 'in 2020', 'в 2014 году'
    (a year); never from a clause about what will happen ("Malta will chair it in 2024")."""
    text = " ".join(c for c in CLAUSE.split(text) if not re.search(
        r"\bwill\b|\bбуд(?:ет|ут)\b|\bпримет\b|\bсостоится\b", c, re.I))
    month_name = EN_MONTH if lang == "en" else RU_MONTH
    months = MONTHS[lang]
    month = re.search(rf"\b(?:in|в|во)\s+(?:(?:early|mid|late|the end of|the beginning of|"
                      rf"начале|конце|середине)\s+)?{month_name}(?:\s+(\d{{4}}))?", text, re.I)
    if month and (month.group(2) or published):
        number = next(n for n, m in enumerate(months, 1) if month.group(1).casefold().startswith(m))
        year = int(month.group(2)) if month.group(2) else published.year
        return (When(year, number), None) if FIRST_YEAR <= year <= LAST_YEAR else None
    year = re.search(r"\b(?:in|в)\s+(\d{4})(?:\s+году)?\b", text, re.I)
    if year and FIRST_YEAR <= int(year.group(1)) <= LAST_YEAR:
        return When(int(year.group(1))), None
    return None


def _day(year: int, month: int, day: int) -> When | None:
    """The day, if there is one such in the years a release may have."""
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return When(year, month, day) if FIRST_YEAR <= year <= LAST_YEAR else None


def _explicit_date(text: str, lang: str, published: dt.date | None
                   ) -> tuple[When, When | None] | None:
    months = MONTHS[lang]

    def month_of(name: str) -> int:
        name = name.casefold()
        return next(n for n, m in enumerate(months, 1) if name.startswith(m))

    def year_of(text_year: str | None) -> int | None:
        return int(text_year) if text_year else published.year if published else None

    month_name = EN_MONTH if lang == "en" else RU_MONTH
    day_first = re.search(rf"\b(\d{{1,2}})(?:{DASH}(\d{{1,2}}))?\s+{month_name}(?:,?\s+(\d{{4}}))?",
                          text, re.I)
    day_after = re.search(rf"\b{month_name}\s+(\d{{1,2}})(?:{DASH}(\d{{1,2}}))?(?:,?\s+(\d{{4}}))?",
                          text, re.I) if lang == "en" else None
    spans = []
    if day_first:
        spans.append((day_first.start(), day_first.group(1), day_first.group(2),
                      day_first.group(3), day_first.group(4)))
    if day_after:
        spans.append((day_after.start(), day_after.group(2), day_after.group(3),
                      day_after.group(1), day_after.group(4)))
    if spans:
        _, first, last, month, year = min(spans)
        year = year_of(year)
        if year is None:
            return None
        start = _day(year, month_of(month), int(first))
        end = _day(year, month_of(month), int(last)) if last else None
        if start is None or (last and end is None):
            return None
        return start, end if end and end != start else None
    month_only = re.search(rf"\b(?:in|в)\s+{month_name}(?:\s+(\d{{4}}))?", text, re.I)
    if month_only:
        year = year_of(month_only.group(2))
        return (When(year, month_of(month_only.group(1))), None) \
            if year and FIRST_YEAR <= year <= LAST_YEAR else None
    return None


# -- where ---------------------------------------------------------------------

def location(lead: str, sentences: list[str], lang: str, held: str | None) -> str | None:
    """'City, Country' of the city the lead (or the sentence after it) says it met in;
    none for a videoconference."""
    if held == "videoconference":
        return None
    pattern = (r"\b(?:in|at)\s+(?:the city of\s+)?([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)"
               r"|([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) (?:hosted|welcomed)\b"
               if lang == "en" else
               r"\b[вВ]о?\s+(?:городе\s+|г\.\s*)?([А-ЯЁ][а-яё]+(?:[- ][А-ЯЁ][а-яё]+)?)")
    at = sentences.index(lead) if lead in sentences else 0
    for sentence in sentences[:at + 2]:
        if ELSEWHERE.search(sentence) and sentence != lead:
            continue
        for match in re.finditer(pattern, sentence):
            name = match.group(1) or match.group(2)
            for candidate in (name, name.split()[0]):
                if candidate.isupper() and len(candidate) <= 4:
                    continue  # an abbreviation ("UN Headquarters"), not a town named "Un"
                found = words.city(candidate, lang)
                if found:
                    city, state = found
                    # (in English, the city as the text names it: "New York", not GeoNames'
                    # "New York City")
                    shown = candidate if lang == "en" else city
                    return f"{shown}, {state.name}"
            states = words.states(name, lang)
            if states and lang == "en":
                return states[0][1].name
    # a dateline: "GENEVA, 2 March 2015 –", "Vienna (Austria), 2 March 2020 -"
    dateline = re.match(r"([A-ZА-ЯЁ][\w'’ -]{1,30}?)(?:\s*\([^)]*\))?,\s+\d{1,2}\s+\w+",
                        sentences[0] if sentences else "")
    found = dateline and words.city(dateline.group(1).title(), lang)
    if found:
        return f"{found[0]}, {found[1].name}"
    return None


# -- the headline --------------------------------------------------------------

def title(draft: Draft, lead: str) -> str:
    """A headline from the facts: 'XXIII meeting of the CSTO Coordinating Council ...'
    (in Russian, the lead sentence's opening, for the editor to shorten)."""
    if draft.body and draft.lang == "en":
        org = f"{draft.organization} " if draft.organization else ""
        # the number and the word as the text writes them: "XXIII meeting", "63rd session"
        word = "session" if re.search(r"\bsession\b", lead, re.I) else "meeting"
        roman_in_text = draft.session and draft.session <= MAX_ROMAN and \
            re.search(rf"\b{roman.toRoman(draft.session)}\b", lead)
        number = f"{roman.toRoman(draft.session)} " if roman_in_text else \
            f"{ordinal(draft.session)} " if draft.session else ""
        headline = f"{number}{word} of the {org}{draft.body}".strip()
        return headline[:1].upper() + headline[1:]
    draft.checks["title"] = "the opening of the first sentence: make it a headline"
    words_ = re.sub(r"\s+", " ", lead).split()
    headline = ""
    for word in words_:
        if len(headline) + len(word) > 110:
            break
        headline = f"{headline} {word}".strip()
    return headline.rstrip(" ,.")
