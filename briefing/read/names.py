"""People in a release's text: a name, the position written around it and the state
it is of ('the State Secretary – Deputy Minister of Internal Affairs of the Russian
Federation Igor Zubov', 'Ambassador Dominika Krois, Permanent Representative of
Poland', 'министра иностранных дел КНР Ван И'), Russian names put in the nominative."""

from __future__ import annotations

import re

from . import words

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
                         r"Embassy|Protocol|Agreement|Resolution|Agenda|Report|Vision|Assistant|Adviser|Advisor|"
                         r"Spokesman|Spokesperson|Undersecretary)\b")


HONORIFICS = r"^(?:(?:the|The|H\.?E\.?|HE|Mr|Ms|Mrs|Dr|His Excellency|Her Excellency)\.?\s+)+"


def person(phrase: str, lang: str, chair: bool = True, case: str | None = None
            ) -> dict[str, str]:
    """A name, its position and the state it is of (a chair's), from 'the State
    Secretary – Deputy Minister of Internal Affairs of the Russian Federation Igor
    Zubov', 'Armenia's Defence Minister Suren Papikyan', 'Ambassador Mansoor Ahmad
    Khan of Pakistan' or 'Igor Zubov, State Secretary ...' (Russian: in the nominative)."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.").replace(" - ", " – ")
    phrase = re.sub(HONORIFICS, "", phrase)
    found: dict[str, str] = {}
    state = None
    if lang == "en" and chair:  # "... Khan of Pakistan": the state after the name
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
        for size in (4, 3, 2):  # the longest run of name-like words that ends the phrase
            name = tokens[-size:]
            if len(tokens) >= size and all(NAME_WORD.fullmatch(t) for t in name) and \
                    not TITLE_WORDS.search(" ".join(name)) and \
                    not words.english_states(" ".join(name)):
                return " ".join(name), " ".join(tokens[:-size])
        return None, phrase
    tokens = phrase.split()
    size = russian_name_size([t.strip(",") for t in tokens])
    if size:
        return " ".join(t.strip(",") for t in tokens[-size:]), " ".join(tokens[:-size])
    return None, phrase


MAX_NAME_WORDS = 4  # "Нгуен Тхи Ким Нган"


def russian_name_size(tokens: list[str]) -> int:
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

