"""The facts of a raw release, drawn from its text as an editor would, never guessed.

`extract(raw, bodies)` reads a release (read/raw.py) in English or Russian and
returns a `Draft`: each field the text supports, in the schema's forms, and for
each field it does not, what was looked for. A value the text supports only
weakly comes with a `check` saying why, for the editor to confirm.

The rules that keep a draft honest:
- the meeting is the one the first sentence that names a meeting describes (its
  "lead"): a session number, a date or a place named elsewhere (the next meeting,
  another body's session in the agenda) is not this meeting's;
- a state is a participant only when a sentence says it took part (attended,
  delegations of, приняли участие ...) or it chaired; a state named as a topic,
  a venue of something else or a subject is not;
- "all member states" is `all members`, never a list made up.
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
from .raw import Raw

ORGANIZATIONS = {  # code -> (English names, Russian names), as regular expressions
    "CSTO": (r"Collective Security Treaty Organi[sz]ation|\bCSTO\b",
             r"Организаци\w* Договора о коллективной безопасности|\bОДКБ\b"),
    "CIS": (r"Commonwealth of Independent States|\bCIS\b",
            r"Содружеств\w* Независимых Государств|\bСНГ\b"),
    "SCO": (r"Shanghai Cooperation Organi[sz]ation|\bSCO\b",
            r"Шанхайск\w* организаци\w* сотрудничества|\bШОС\b"),
    "EAEU": (r"Eurasian Economic (?:Union|Commission)|\bEAEU\b|\bEAEC\b|Eurasian Intergovernmental"
             r" Council|Supreme Eurasian Economic Council",
             r"Евразийск\w* экономическ\w* (?:союз|комисси)\w*|\bЕАЭС\b|\bЕЭК\b"
             r"|Евразийск\w* межправительственн\w* совет\w*|Высш\w* Евразийск\w* экономическ\w*"),
    "OSCE": (r"Organi[sz]ation for Security and Co-?operation in Europe|\bOSCE\b",
             r"Организаци\w* по безопасности и сотрудничеству в Европе|\bОБСЕ\b"),
    "ASEAN": (r"Association of Southeast Asian Nations|\bASEAN\b", r"\bАСЕАН\b"),
    "BRICS": (r"\bBRICS\b", r"\bБРИКС\b"),
    "UN": (r"\bUnited Nations\b|\bUN\b|\bUNODC\b|\bECOSOC\b|(?<!Collective )(?<!of )Security "
           r"Council\b(?!s)|"
           r"Economic and Social Council|Commission on Narcotic Drugs|General Assembly",
           r"Организаци\w* Объединенных Наций|\bООН\b|Совет\w* Безопасности ООН"),
    "EU": (r"\bEuropean Union\b|\bEU\b", r"Европейск\w* союз\w*|\bЕС\b"),
}
MEETING = {"en": r"\b(?:meeting|session|sitting|summit|conference|talks)\b",
           "ru": r"\b(?:заседани|сесси|встреч|совещани|саммит|конференци)\w*"}
ELSEWHERE = re.compile(r"\b(?:(?:next|previous|last|upcoming|forthcoming|following)\s+(?:\w+\s+)?"
                       r"(?:meeting|session|summit|sitting)|will be held|is scheduled|"
                       r"следующ\w*\s+(?:\w+\s+)?(?:заседани|встреч|саммит|сесси)|"
                       r"предыдущ\w*\s+(?:\w+\s+)?(?:заседани|встреч|саммит|сесси)|состоится|"
                       r"пройд[её]т)", re.I)
TOOK_PART = {
    "en": re.compile(r"\b(?:attended|attending|took part|taking part|participated|participating|"
                     r"participants? (?:included|were|from)|delegations? (?:of|from|led)|"
                     r"representatives (?:of|from)|heads of (?:delegations|the)|(?:is|are|was|were) "
                     r"represented|joined by|also present|present were|around the table|"
                     r"brought together|gathered|joined the (?:call|meeting|session|talks|"
                     r"videoconference)|joining the (?:call|meeting|session|talks|summit|videoconference)|"
                     r"(?:first|last|among the \w+) to arrive|arrived (?:for|at) the|"
                     r"sent (?:its|their)|sent (?:a |an )?(?:delegation|minister)|"
                     r"with the participation of|joined (?:via|by|through|online|in person))\b", re.I),
    "ru": re.compile(r"(?:участи[ея]|участв\w*|присутствова\w*|делегаци|представител(?!ьств)|"
                     r"представля\w*|подключил\w*|приняли участие|прибыл\w*|подъехал\w*|"
                     r"собрал\w*)", re.I),
}
# Who met, named by their states as the clause's subject: "The foreign ministers of A, B
# and C reviewed ...", "обсудили главы правительств России, ..." (nominative); not "a
# letter from the ministers of A". Only the list right after it counts.
GROUP = {
    "en": re.compile(r"^\W*(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:ministers|heads of (?:state|government)|"
                     r"leaders|presidents|premiers) of\b", re.I),
    "ru": re.compile(r"\b(?:главы|президенты|министры|премьер-министры|руководители|лидеры)\s"),
}
# What a clause says of a time to come names no participant of this meeting
FUTURE = re.compile(r"\bwill (?:be )?(?:join|meet|take part|attend|participate|gather|hold|travel)\w*|"
                    r"\b(?:are|is) (?:expected|due|set) to\b|\bпримут участие|\bсоберутся|"
                    r"\bбуд(?:ет|ут) (?:участвовать|представлен\w*)", re.I)
# Where one clause of a sentence ends and the next, with its own subject, begins:
# "A and B attended, while C was represented by ..."
CLAUSE = re.compile(r";\s*|,?\s+(?:while|whereas|but)\s+|,\s+(?:а(?!\s+также)|но|тогда как)\s+"
                    r"|,\s+and\s+(?=[^,;]*?\b(?:was|were|is|are|has|have|had|will|would)\b)")
ALL_MEMBERS = {"en": re.compile(r"\ball (?:the )?(?:\w+ ){0,2}(?:member|participating) "
                                r"(?:states|countries)\b", re.I),
               "ru": re.compile(r"\bвсе(?:х)? (?:\w+ ){0,2}государств\w*\s*[-–—]\s*член\w*|"
                                r"\bвсех стран\s*[-–—]\s*участниц", re.I)}
CHAIR = {
    "en": re.compile(r"(?:chaired by|under the chairmanship of|presided over by|"
                     r"under the chairship of)\s+(.+?)"
                     r"(?=,? (?:the|a|an) \w+ (?:meeting|session)|\.\s|\.$|;|, (?:was|were|took|"
                     r"held|met)\b| (?:was|were) held\b|$)", re.I),
    # (who opened a meeting did not chair it, unless the text says so)
    "ru": re.compile(r"(?:под председательством|[Зз]аседание (?:[^.]*?\s)?(?:ведет|ведёт|вел|"
                     r"вёл)|[Пп]редседательствова\w*(?: на (?:заседании|совете|встрече))?)\s+(.+?)"
                     r"(?=\s(?:состоял|прошл|прошел|прошло|провел|состоялось|в режиме|в формате|"
                     r"в городе|в г\.|в [А-Я])|[.;]|$)"),
}
CHAIRED = {"en": re.compile(r"([A-Z][\w'’-]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2}), ([^.;]+?),"
                            r" (?:chaired|presided over|opened)\b")}

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
EN_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
RU_MONTH = (r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
            r"декабря|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|"
            r"ноябре|декабре)")
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
    participants(draft, sentences, lang)
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


# -- sentences -----------------------------------------------------------------

def split_sentences(text: str) -> list[str]:
    """The text's sentences (a list item is one), Markdown marks removed."""
    plain = re.sub(r"[*_`#>]+", "", text)
    found = []
    for block in plain.split("\n\n"):
        lines = [line.strip(" -•\t") for line in block.split("\n")]
        if len(lines) > 1 and all(len(line) < 80 for line in lines[1:]):  # a list
            found.append(" ".join(lines))
            continue
        joined = " ".join(lines)
        # (not after an initial: "З. Ахмед", "S. Jaishankar")
        found += [s for s in re.split(r"(?<=[.!?])(?<!\b[A-ZА-ЯЁ]\.)\s+(?=[A-ZА-ЯЁ«\"])", joined)
                  if s.strip()]
    return found


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
    for name, pattern in FORMATS:
        if re.search(pattern, text, re.I):
            return name
    return None


# -- when ----------------------------------------------------------------------

def dates(draft: Draft, lead: str, sentences: list[str], raw: Raw) -> None:
    """The date, as precise as the text says: a day (and the last, for a meeting of
    several), a month, a year; the date above the text where the text says "today"."""
    lang, published = raw.lang, raw.published
    at = sentences.index(lead) if lead in sentences else 0
    head = " ".join(sentences[at:at + 2])
    today = re.search(TODAY, lead, re.I)
    if published and (span := _span(head, lang, published, bool(today))):
        draft.date, draft.end_date = span
        draft.date_note = f"header date; the text says '{today.group(0)}'" if today else None
        return
    found = _explicit_date(lead, lang, published) or \
        _explicit_date(" ".join(sentences[:2]), lang, published) or \
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
    weekday = re.search(WEEKDAYS[lang], lead, re.I)
    if published and weekday and not today:
        back = (published.weekday() - _weekday(weekday.group(1), lang)) % 7
        draft.date = When.of(published - dt.timedelta(days=back))
        draft.date_note = f"the '{weekday.group(0)}' before the header date, {published.isoformat()}"
        draft.checks["date"] = "a weekday counted back from the date above the text"
        return
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
WEEKDAY = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
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


# -- who -----------------------------------------------------------------------

def chair(text: str, lang: str) -> dict[str, str]:
    """{name, position, country} of who chaired, as far as the text says."""
    # (a heading or dateline without a full stop still ends where it ends)
    flat = " ".join(s if re.search(r"[.!?:;]$", s) else f"{s}."
                    for s in split_sentences(_abbreviations(text)))
    match = CHAIR[lang].search(flat)
    if match:
        # the phrase up to the first comma, or on to the next ones where the first
        # holds no name ("the OSCE Chairperson-in-Office, Austrian Foreign Minister X")
        chunks = match.group(1).split(", ")
        # "под председательством X-а" is genitive; "заседание ведёт X" as written
        case = "gent" if "председательством" in flat[match.start():match.start(1)] else "nomn"
        for size in range(1, min(len(chunks), 3) + 1):
            found = _person(", ".join(chunks[:size]), lang, case=case)
            if found.get("name") and len(chunks) > size and \
                    TITLE_WORDS.match(chunks[size]):  # "X, Deputy Prime Minister ..."
                return _person(", ".join(chunks[:size + 1]), lang, case=case)
            if found.get("name") or (size == 1 and set(found) == {"country"}):
                return found
        return _person(chunks[0], lang, case=case)
    president = PRESIDENT.search(flat)  # (UN: the president of the council presides)
    if president:
        found = _person(president.group(2), lang)
        if found.get("name"):
            return {**found, "position": president.group(1)}
    if lang == "en":
        for pattern in CHAIRED_BY_SUBJECT:
            found = pattern.search(flat)
            if found:
                person = _person(found.group(1), lang, chair=True)
                if person.get("name"):
                    return person
    return {}


# Who someone is: capitalised words (hyphens inside them) and the small words between,
# each word once: separators and words never overlap, so no text makes it backtrack
WHO = r"(?:[A-Z][\w'’.-]*|of|the|and|for)(?:(?:\s+|\s*[,–]\s+)(?:[A-Z][\w'’.-]*|of|the|and|for))*"
PRESIDENT = re.compile(rf"\b[Tt]he (President of the (?:Security )?Council)(?: for [A-Z]\w+)?,\s+"
                       rf"({WHO}),")
CHAIRED_BY_SUBJECT = [  # "<who> chaired the session", "<who>, who chairs the council"
    re.compile(rf"(?:^|[.;]\s+|,\s+)({WHO}),\s+who\s+(?:currently\s+)?(?:chairs|chaired|"
               r"is chairing|was chairing|presided|presides)\b"),
    re.compile(rf"(?:^|[.;]\s+)({WHO})(?:\s+(?:on|this|last)\s+\w+)?\s+(?:chaired|presided over|"
               rf"is chairing)\s+(?:the|this|a|an)\s+"),
    # "X, the OSCE Chairperson-in-Office, who chaired": the name before the position
    re.compile(rf"(?:^|[.;]\s+|,\s+|[\"”»]\s+)({WHO}),\s+{WHO},\s+who\s+(?:currently\s+)?(?:chairs|chaired|"
               r"is chairing|was chairing|presided|presides)\b"),
    re.compile(rf",?\s+with\s+({WHO})\s+(?:presiding|in the chair)\b"),
    re.compile(rf"(?:^|[.;]\s+)(?:The host,\s+)?({WHO}),\s+(?:is|was)\s+chairing\b"),
]


def _abbreviations(text: str) -> str:
    """'H.E.', 'Mr.', 'Dr.' without their full stops, which would end a sentence."""
    return re.sub(r"\b(H\.E|Mr|Ms|Mrs|Dr|St|Gen|Col|Amb)\.", lambda m: m.group(1).replace(".", ""),
                  text)


UPPER, LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿĀ-ž"  # (Latin letters with accents: "Rücker", "Narváez")
NAME_PART = rf"[{UPPER}][{LOWER}'’-]+"
NAME_WORD = re.compile(rf"{NAME_PART}|[{UPPER}]\.?")
TITLE_WORDS = re.compile(r"\b(?:Affairs|Minister|Ministers|Ministry|Council|Secretary|General|"
                         r"Federation|Republic|Organi[sz]ation|Security|Service|Director|Deputy|"
                         r"Chairman|Chair|Chairperson|President|Head|Prime|State|Foreign|Defence|"
                         r"Defense|Interior|Justice|Agency|Committee|Commission|Office|Department|"
                         r"Ambassador|Representative|Envoy|Special|Permanent|Executive|Vice|"
                         r"First|Colonel|Major|Lieutenant|Police|Border|Customs|Premier|"
                         r"Rosfinmonitoring|HE|Dr|Mr|Ms|Mrs|Acting|Relations|Cooperation|"
                         r"International|National|External|Under-Secretary-General|"
                         r"Secretary-General|Authorities|Authority|Staff|Structure|Councils|Forces|"
                         r"Trafficking|Countering|Regional|Joint|Peacekeeping|Collective|Competent|"
                         r"Anti-Terrorist|Drug|Drugs|Control|Board|Narcotics|Heads|Union|Economic|"
                         r"Community|Assembly|Forum|Summit|Meeting|Session|Group|Bank|Fund|"
                         r"Parliament|Government|Kingdom|Emirates|States|United|Cabinet|Centre|"
                         r"Center|Institute|University|Headquarters|Palace|Hall|Hotel|Building|"
                         r"Programme|Program|Strategy|Plan|Declaration|Statement|Charter|Treaty|Convention|"
                         r"Commissioner|Nations|Rights|Human|Secretariat|Mission|Delegation|"
                         r"Embassy|Protocol|Agreement|Resolution|Agenda|Report|Vision)\b")
HONORIFICS = r"^(?:(?:the|The|H\.?E\.?|HE|Mr|Ms|Mrs|Dr|His Excellency|Her Excellency)\.?\s+)+"


def _person(phrase: str, lang: str, chair: bool = True, case: str | None = None
            ) -> dict[str, str]:
    """A name, its position and the state it is of (a chair's), from 'the State
    Secretary – Deputy Minister of Internal Affairs of the Russian Federation Igor
    Zubov', 'Armenia's Defence Minister Suren Papikyan', 'Ambassador Mansoor Ahmad
    Khan of Pakistan' or 'Igor Zubov, State Secretary ...' (Russian: in the nominative)."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.").replace(" - ", " – ")
    phrase = re.sub(HONORIFICS, "", phrase)
    found: dict[str, str] = {}
    state = None
    if lang == "en":  # "... Khan of Pakistan": the state after the name
        after = re.search(r"\s+(?:of|from)\s+(?:the\s+)?([A-Z][\w ]+)$", phrase)
        if after:
            named = words.english_spans(after.group(1))
            if named and named[0][0] == 0 and named[0][1] >= len(after.group(1)) - 1:
                state, phrase = named[0][2], phrase[:after.start()]
    name, position = _split_name(phrase, lang)
    if name:
        # (Russian: `case` is the one the words around the name are in, if known)
        found["name"] = words.person_nominative(name, case) if lang == "ru" else name
    named = words.spans(position, lang) if position and chair else []
    if named:  # the chair's state: out of the position ("of the Russian Federation"); an
        # official's stays in it, as the schema has no field for it
        start, end, state = named[-1] if state is None else (*named[-1][:2], state)
        position = _without(position, start, end, lang)
    position = re.sub(HONORIFICS, "", position.strip(" ,.–")) if position else ""
    position = re.sub(r"^(?:(?:its|his|her|their|while|whereas|and|a|an|the)\s+)+", "", position)
    position = re.sub(r",?\s+(?:H\.?E\.?|HE|Mr|Ms|Mrs|Dr)$", "", position)
    if lang == "ru":  # ("премьер-министр председательствующей в совете Беларуси")
        position = re.sub(r"\s*председательствующ\w*(?:\s+в\s+\w+)?", "", position)
    if position.casefold() in ("сторона", "стороны", "side", "delegation", "делегация"):
        position = ""  # ("under the chairmanship of the Russian side": a state, no person)
    if position:
        found["position"] = words.nominative(position) if lang == "ru" else position
    if state and chair:
        found["country"] = state.code
    if not name and state and chair and not position:
        return {"country": state.code}
    return found


def _split_name(phrase: str, lang: str) -> tuple[str | None, str]:
    """(the name, the rest) of a phrase that ends or begins with a person's name."""
    if lang == "en":
        chunks = phrase.split(", ")
        for n, chunk in enumerate(chunks[:-1] if len(chunks) > 1 else ()):
            tokens = chunk.split()
            for at in range(len(tokens)):  # "Ambassador Dominika Krois, Permanent Representative"
                name = " ".join(tokens[at:])
                if all(TITLE_WORDS.fullmatch(t) for t in tokens[:at]) and \
                        re.fullmatch(rf"{NAME_PART}(?: [{UPPER}]\.)?(?: {NAME_PART}){{1,2}}", name) \
                        and not TITLE_WORDS.search(name) and not words.english_states(name):
                    # (a title before the name, and the chunks around it: the position)
                    title = " ".join(tokens[:at])
                    rest = [*chunks[:n], *([title] if title else []), *chunks[n + 1:]]
                    return name, ", ".join(rest)
        tokens = phrase.split()
        for size in (3, 2):  # the longest run of name-like words that ends the phrase
            name = tokens[-size:]
            if len(tokens) >= size and all(NAME_WORD.fullmatch(t) for t in name) and \
                    not TITLE_WORDS.search(" ".join(name)) and \
                    not words.english_states(" ".join(name)):
                return " ".join(name), " ".join(tokens[:-size])
        return None, phrase
    tokens = phrase.split()
    size = _russian_name_size([t.strip(",") for t in tokens])
    if size:
        return " ".join(t.strip(",") for t in tokens[-size:]), " ".join(tokens[:-size])
    return None, phrase


MAX_NAME_WORDS = 4  # "Нгуен Тхи Ким Нган"


def _russian_name_size(tokens: list[str]) -> int:
    """How many of the last words of `tokens` are a person's name (0: none). A name is
    two to four capitalised words, at least one of them a name the dictionary knows as
    one or a word it does not know; the others may be words it knows as something else
    ("Аскар Мамин", "Нгуен Суан Фука"), initials ("З. Ахмед") or a one-letter given
    name ("Ван И"); never a state, a position or an institution."""
    size = 0
    for word in reversed(tokens):
        if size == MAX_NAME_WORDS or not (_name_part(word) or re.fullmatch(r"[А-ЯЁ]\.", word)
                                          or (size == 0 and re.fullmatch(r"[А-ЯЁ]", word))):
            break
        size += 1
    # a name begins with a name or an initial ("Заседание Аскар Мамин" is "Аскар Мамин"),
    # unless it ends with a one-letter given name ("Ван И")
    one_letter = size and re.fullmatch(r"[А-ЯЁ]", tokens[-1])
    while size and not (_name_like(tokens[-size]) or re.fullmatch(r"[А-ЯЁ]\.", tokens[-size])
                        or one_letter):
        size -= 1
    named = one_letter or any(_name_like(w) for w in tokens[len(tokens) - size:])
    return size if size >= 2 and named else 0


def _without(position: str, start: int, end: int, lang: str) -> str:
    """The position without the state named from `start` to `end` in it."""
    before, after = position[:start], position[end:]
    if lang == "en":
        before = re.sub(r"\s+(?:of|for)\s+(?:the\s+)?$", "", before)
        before = re.sub(r"(?:^|\s)the\s*$", "", before)
    return re.sub(r"\s+", " ", f"{before} {after}").strip(" ,")


# A sentence that says someone did not come, or came only in part, names no participant:
# its states are left out (a list the editor completes beats a state wrongly listed)
ABSENT = re.compile(r"\b(?:not(?! only)|could not|was unable|were unable|absent|declined|except|"
                    r"without (?:the )?(?:participation|delegations?|representatives?|(?-i:[A-Z]))|"
                    r"boycott\w*|stayed away|other than|"
                    # (invited is not there, unless the clause says they came)
                    r"invited(?!.*\b(?:attended|attending|took part|taking part|joined|"
                    r"participat\w*|present)\b)|"
                    r"не\s+(?:принял\w*|участвова\w*|смог\w*|прибыл\w*|приехал\w*|был\w*)|без|кроме|"
                    r"за исключением|отказал\w*|по приглашению|отсутствова\w*)\b", re.I)


def participants(draft: Draft, sentences: list[str], lang: str) -> None:
    """The states the text says took part, the chair's included; 'all members'. A
    clause that says someone did not come names no participant."""
    found: dict[Country, None] = {}
    for n, sentence in enumerate(sentences):
        if ELSEWHERE.search(sentence):
            continue
        for clause in _clauses(_unquoted(sentence), lang):
            if ABSENT.search(clause) or FUTURE.search(clause):
                continue
            took_part, group = TOOK_PART[lang].search(clause), GROUP[lang].search(clause)
            if not (took_part or group):
                continue
            part = _participant_part(clause, lang) if took_part else clause
            if ALL_MEMBERS[lang].search(clause) and len(words.states(part, lang)) < 2:
                if draft.organization:  # (members of what? without it, nothing can be said)
                    draft.countries = "all members"
                else:
                    draft.missing["countries"] = ("the text says all member states took part, "
                                                  "but not of which organization")
                return
            for state in _group_list(clause, lang):
                found[state] = None
            for start, state in words.states(part, lang) if took_part else ():
                if not re.search(r"\b(?:в|во|на)\s+$", part[:start]):  # ("положение в Сирии")
                    found[state] = None
        # "... took part:" followed by a list
        if sentence.rstrip().endswith(":") and n + 1 < len(sentences) and \
                TOOK_PART[lang].search(_clauses(sentence, lang)[-1]):
            for _, state in words.states(sentences[n + 1], lang):
                found[state] = None
    for official in draft.officials:  # "Prime Minister of Kazakhstan X" took part: so did KZ
        position = official.get("position", "")
        for start, _, state in words.spans(position, lang):
            # the state it is of ("Foreign Minister of Azerbaijan", "Kazakh Prime Minister",
            # "министр Казахстана"), not one it deals with ("Special Envoy for Syria")
            if lang == "ru" or re.search(r"(?:^|\bof\s+(?:the\s+)?)$", position[:start]):
                found[state] = None
    chair_state = draft.chair.get("country")
    if chair_state:
        found[words.country(chair_state)] = None
    draft.countries = list(found)


def _unquoted(sentence: str) -> str:
    """The sentence without what it quotes: «Сегодня это Украина ...» names no participant."""
    return re.sub(r"«[^»]*»|“[^”]*”|\"[^\"]*\"", "", sentence)


def _group_list(clause: str, lang: str) -> list[Country]:
    """The states right after a group subject ('the foreign ministers of A, B and C'):
    the first within three words of it, the next each joined by a comma or 'and'."""
    group = GROUP[lang].search(clause)
    if not group:
        return []
    found, base = [], group.end()
    at = base
    for start, end, state in words.spans(clause[base:], lang):
        gap = clause[at:base + start]
        joined = r"\s*(?:,\s*)?(?:(?:and|и)\s+)?(?:the\s+)?" if found else \
            r"\s*(?:[\w-]+\s+){0,3}?(?:the\s+)?"
        if not re.fullmatch(joined, gap, re.I):
            break
        found.append(state)
        at = base + end
    return found


def _clauses(sentence: str, lang: str) -> list[str]:
    """The sentence's clauses. A Russian clause without a verb shares the one before
    it ("Украину представлял посол, а Молдавию – посол в Белоруссии")."""
    clauses: list[str] = []
    for clause in CLAUSE.split(sentence):
        if clauses and lang == "ru" and not any(
                words.morph().parse(w)[0].tag.POS in ("VERB", "PRTS")
                for w in re.findall(r"[а-яё]+", clause, re.I)):
            clauses[-1] += f", {clause}"
        else:
            clauses.append(clause)
    return clauses


# Where the list of who took part ends, after the word that says they did: a clause
# ("; ...", "which ...", ", agreed to ...") or a preposition other than "of" and "from"
# ("... took part in a discussion of drug production in Afghanistan")
LIST_ENDS = {
    "en": re.compile(r";|\b(?:which|who|whose|where|but|while|to discuss|discussed|in|on|about|"
                     r"regarding|concerning|against|over|for|to|at|into|with)\b|,\s+(?!and\b|as well"
                     r"|the\b|[A-Z])[a-z]", re.I),
    "ru": re.compile(r";|\b(?:которы\w*|где|но|обсудил\w*|обсужд\w*|о|об|по вопрос\w*|касающ\w*|"
                     r"в связи|ситуаци\w*|для|на|против)\b"),
}
TRIGGER_SPAN = 40  # characters after the trigger that may still be part of it ("took part in")


def _participant_part(sentence: str, lang: str) -> str:
    """The part of a sentence that names who took part: what comes before the word
    saying they did, and the list right after it, up to where the sentence goes on
    to something else ('... on drug production in Afghanistan')."""
    trigger = TOOK_PART[lang].search(sentence)
    start = trigger.end() if trigger else 0
    tail = sentence[start:]
    # "took part in the meeting": the words that close the trigger are not the list's end
    skip = re.match(r"\s*(?:in|at)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:meeting|session|talks|call|"
                    r"summit|sitting)\b|\s*(?:в|во)\s+(?:\w+\s+){0,2}?(?:заседани|встреч|"
                    r"совещани|саммит|работе)\w*", tail[:TRIGGER_SPAN], re.I)
    offset = skip.end() if skip else 0
    end = LIST_ENDS[lang].search(tail, offset)
    return sentence[:start] + tail[:end.start() if end else len(tail)]


def officials(sentences: list[str], lang: str, chair_name: str | None) -> list[dict[str, str]]:
    """The people a sentence about who took part names, or who spoke or greeted the
    others at the meeting, besides the chair: each name with the position and
    organization written before it ('SCO Secretary-General Rashid Alimov')."""
    found: dict[str, dict[str, str]] = {}
    for n, sentence in enumerate(sentences):
        if ELSEWHERE.search(sentence):
            continue
        parts = []
        if (TOOK_PART[lang].search(sentence) or GROUP[lang].search(sentence)) and \
                not ABSENT.search(sentence):
            parts = [sentence, *(sentences[n + 1:n + 2] if sentence.rstrip().endswith(":") else ())]
        parts += [_speakers(clause, lang) for clause in _clauses(sentence, lang)]
        for part in parts:
            for official in _people_in(_abbreviations(part), lang):
                if chair_name and _same_name(official["name"], chair_name):
                    continue
                found.setdefault(official["name"], official)
    return list(found.values())


# Who was at the meeting because they spoke at it or greeted the others
SPOKE = {"en": re.compile(r"\b(?:addressed|spoke|delivered|made (?:a|an|the) (?:speech|statement|"
                          r"report|address)|briefed|greeted|opened the (?:meeting|session|summit|"
                          r"conference|debate))\b(\s+by\b)?"),
         "ru": re.compile(r"\b(?:выступил\w*|с докладом|с речью|обращаясь|доложил\w*|встретил\w*|"
                          r"встречал\w*|приветствовал\w*|хозяин\w*|открыл\w*)")}


def _speakers(clause: str, lang: str) -> str:
    """The part of a clause that names who spoke or greeted: in English the subject
    ('X, President of ..., also spoke'), the agent ('addressed by X, by Y') or, for a
    greeting, both sides; in Russian, with its free word order, the whole clause."""
    said = SPOKE[lang].search(clause)
    if not said or ABSENT.search(clause):
        return ""
    if lang == "ru" or said.group(0) == "greeted":
        return clause
    return clause[said.end():] if said.group(1) else clause[:said.start()]


PERSON_RUN = re.compile(r"(?:[A-Z][\w'’.-]*|(?:de|van|der|bin|al|da|dos)\b)(?:\s+(?:[A-Z][\w'’.-]*|"
                        r"(?:de|van|der|bin|al|da|dos)\b))+")


def _people_in(sentence: str, lang: str) -> list[dict[str, str]]:
    if lang == "ru":
        return _russian_people(sentence)
    people = []
    for run in PERSON_RUN.finditer(sentence):
        tokens = [t.rstrip(".,") if len(t.rstrip(".")) > 1 else t
                  for t in re.sub(r"['’]s\b", "", run.group(0)).split()]
        # the position's words before the name: titles, states, organizations
        while tokens:
            state = words.english_spans(" ".join(tokens))  # ("North Macedonia Dimitar ...")
            if state and state[0][0] == 0 and len(tokens) > 2:
                tokens = " ".join(tokens)[state[0][1]:].split()
            elif TITLE_WORDS.fullmatch(tokens[0]) or (tokens[0].isupper() and len(tokens[0]) > 1) \
                    or tokens[0] in ("The", "Of", "On", "In", "At", "By", "For", "From", "After") \
                    or re.fullmatch(rf"{EN_MONTH}|{WEEKDAY}", tokens[0]):
                tokens.pop(0)
            else:
                break
        if len(tokens) < 2 or len(tokens) > 4 or any(TITLE_WORDS.fullmatch(t) for t in tokens) or \
                words.english_states(" ".join(tokens)) or not tokens[-1][:1].isupper() or \
                words.city(" ".join(tokens), lang) or \
                any(re.search(names, " ".join(tokens)) for names, _ in ORGANIZATIONS.values()):
            continue
        name = " ".join(tokens)
        start = run.start() + run.group(0).index(tokens[0])
        chunks = re.split(r",\s+|\s+and\s+|:\s+|\(|\bby\b|\bwere\b|\bare\b|\bincluding\b|"
                          r"\bas well as\b|\balso\b|\btogether with\b|\bjoined by\b|"
                          r"\bamong them\b|\bwith\b|\bbrought together\b|\battended by\b|"
                          r"\btook part\b|\bsent\b", sentence[max(0, start - 200):start])
        before = chunks[-1]
        if not before.strip() and len(chunks) > 1 and \
                TITLE_WORDS.match(re.sub(r"^\s*(?:the\s+)?", "", chunks[-2])):
            before = chunks[-2]  # "the President of the Board, Cornelis de Joncheere"
        person = {**_person(before, lang, chair=False), "name": name}
        organization = next((code for code, (names, _) in ORGANIZATIONS.items()
                             if re.search(names, before)), None)
        if not organization:  # "Deputy Director of Rosfinmonitoring": an agency
            of = re.search(r"\s+(?:of|at)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|and))*)$",
                           person.get("position", ""))
            if of and not PORTFOLIO.fullmatch(of.group(1)) and not words.english_states(of.group(1)):
                person["organization"] = of.group(1)
                person["position"] = person["position"][:of.start()].strip()
        if organization:
            person["organization"] = organization
            position = re.sub(ORGANIZATIONS[organization][0], "", person.get("position", ""))
            person["position"] = re.sub(r"\s+(?:of|at)(?:\s+the)?\s*$", "",
                                        position.strip(" ,")).strip() or None
        people.append({k: v for k, v in person.items() if v})
    return people


PORTFOLIO = re.compile(r"(?:(?:Foreign|Affairs|Internal|Interior|Defence|Defense|Justice|Economy|"
                       r"Finance|Health|Transport|Energy|Trade|Industry|Security|International|"
                       r"Relations|Cooperation|External|National|Emergency|Situations|Development|"
                       r"Agriculture|Education|Culture|Labour|Labor|Europe|Affairs|Government|"
                       r"State|Council|Committee|Board|Commission|Staff|and|of|for)\s*)+")


def _russian_people(sentence: str) -> list[dict[str, str]]:
    """Names in a Russian sentence (see _russian_name_size), put in the nominative."""
    tokens = [(m.start(), m.group())
              for m in re.finditer(r"[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Zа-яёa-z][а-яёa-z]+)*|[А-ЯЁ]\.|"
                                   r"[А-ЯЁ](?![\w.])", sentence)]
    people, run = [], []

    def close():
        named_after = run and re.search(r"\bимени\s+$", sentence[:run[0][0]])  # (a venue's name)
        size = _russian_name_size([w for _, w in run])
        if size and not named_after:
            start = run[-size][0]
            before = re.split(r",\s+|\s+и\s+|:\s+|\s+а также\s+",
                              sentence[max(0, start - 200):start])[-1]
            # the position starts at its head noun ("заместитель", "министра"), whose
            # case is the name's: "секретаря Станислава Зася" is genitive; "министр ...
            # Бахтиёр Саидов" is as written
            tokens = before.split()
            at = next((i for i, t in enumerate(tokens) if words.lemma(t) in POSITION_NOUNS), None)
            if at and words.lemma(tokens[at - 1]) in POSITION_ADJECTIVES:  # "первый заместитель"
                at -= 1
            case = words.morph().parse(tokens[at])[0].tag.case if at is not None else None
            position = " ".join(tokens[at:]) if at is not None else before
            person = _person(f"{position} {' '.join(w for _, w in run[-size:])}", "ru",
                             chair=False, case=case)
            if person.get("name"):
                people.append({k: v for k, v in person.items() if v})
        run.clear()

    for at, word in tokens:
        adjacent = run and re.fullmatch(r"\s+", sentence[run[-1][0] + len(run[-1][1]):at])
        if not adjacent:
            close()
        run.append((at, word))
    close()
    return people


POSITION_NOUNS = {"министр", "заместитель", "секретарь", "председатель", "директор", "глава",
                  "президент", "премьер-министр", "начальник", "руководитель", "посол",
                  "представитель", "статс-секретарь", "вице-премьер", "советник",
                  "помощник", "командующий", "премьер"}
POSITION_ADJECTIVES = {"первый", "генеральный", "исполнительный", "государственный"}


RU_INSTITUTIONS = {"совет", "комитет", "правительство", "собрание", "ассамблея", "кабинет",
                   "комиссия", "коллегия", "министерство", "политбюро", "республика", "федерация",
                   "организация", "секретариат", "структура", "академия", "институт", "группа",
                   "банк", "фонд", "союз", "содружество", "госсовет", "центр", "цк", "парламент",
                   "дума", "служба", "управление", "ведомство", "штаб", "лидер", "участник"}


NOT_NAMES = POSITION_NOUNS | POSITION_ADJECTIVES | RU_INSTITUTIONS


def _name_part(word: str) -> bool:
    """A capitalised word that may be part of a name: a name, an unknown word, or a noun
    that is no state, position or institution ("Мамин", "Фука")."""
    if not word[:1].isupper() or word.isupper() or len(word) < 2:
        return False
    lemma = words.lemma(word)
    if lemma in NOT_NAMES or lemma in words.RU_ADJECTIVES or words.russian_states(word):
        return False
    parses = words.morph().parse(word)
    return _name_like(word) or any(p.tag.POS in ("NOUN", None) or "Poss" in p.tag.grammemes
                                   for p in parses)


def _name_like(word: str) -> bool:
    if not word[:1].isupper() or word.isupper():
        return False
    parses = words.morph().parse(word)
    grammemes = {g for p in parses for g in p.tag.grammemes}
    if words.lemma(word) in words.RU_ADJECTIVES or words.russian_states(word):
        return False
    return bool({"Name", "Surn", "Patr"} & grammemes) or not words.morph().word_is_known(word)


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


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
