"""Who met, as the text says: the chair, the states that took part and the
officials named at the meeting. A state is a participant only when a clause says it
took part (attended, delegations of, приняли участие ...), its official was there, or
it chaired; a clause that says someone did not come, will come or was only invited
names no participant; a quotation names none."""

from __future__ import annotations

import re

from ..model.countries import Country
from ..model.people import person_key
from . import words
from .names import POSITION_ADJECTIVES, POSITION_NOUNS, TITLE_WORDS, person, \
    russian_name_size
from .prose import CLAUSE, ELSEWHERE, EN_MONTH, ORGANIZATIONS, WEEKDAY, split_sentences, \
    without_abbreviation_stops

TOOK_PART = {
    "en": re.compile(r"\b(?:attended|attending|took part|taking part|participated|participating|"
                     r"participants? (?:included|were|from)|delegations? (?:of|from|led)|"
                     r"delegations? (?:[\w-]+ ){0,3}?(?:was |were |is |are )?(?:led|headed) by|"
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
    "ru": re.compile(r"\b(?:главы|президенты|министры|премьер-министры|руководители|лидеры)\s", re.I),
}
# The verbs that say someone came: a clause after the first ("..., while C was
# represented by ...") lists participants only with one of them, not with "the
# delegation of C" that "was stuck at the airport"
CAME_WORDS = {
    "en": r"\b(?:attended|attending|took part|taking part|participated|participating|"
          r"(?:is|are|was|were) represented|joined|present|arrived)\b",
    "ru": r"(?:участвова\w*|участие|представля\w*|присутствова\w*|прибыл\w*|подключил\w*|"
          r"подъехал\w*)",
}
CAME = {lang: re.compile(words_, re.I) for lang, words_ in CAME_WORDS.items()}
# A group subject counts only where the clause says they came, or met or worked at it
# ("reviewed", "обсудили"), not "the leaders of A and B criticised the meeting"
MET = {lang: re.compile(CAME_WORDS[lang] + "|" + worked, re.I) for lang, worked in {
    "en": r"\b(?:met|gathered|convened|reviewed|discussed|considered|exchanged|adopted|"
          r"approved|signed|agreed|took stock|(?:are|were|is|was) (?:also )?in)\b",
    "ru": r"(?:обсудил\w*|обсужда\w*|рассмотрел\w*|рассматрива\w*|собрал\w*|встретил\w*|"
          r"подписал\w*|утвердил\w*|одобрил\w*|принял\w*|обменял\w*|заслушал\w*|подвел\w*|"
          r"подвели)",
}.items()}
# What a clause says of a time to come names no participant of this meeting
FUTURE = re.compile(r"\bwill (?:be )?(?:join|meet|take part|attend|participate|gather|hold|travel)\w*|"
                    r"\b(?:are|is) (?:expected|due|set) to\b|\bпримут участие|\bсоберутся|"
                    r"\bбуд(?:ет|ут) (?:участвовать|представлен\w*)", re.I)


ALL_MEMBERS = {"en": re.compile(r"\ball (?:the )?(?:\w+ ){0,2}(?:member|participating) "
                                r"(?:states|countries)\b", re.I),
               "ru": re.compile(r"\bвсе(?:х)? (?:\w+ ){0,2}государств\w*\s*[-–—]\s*член\w*|"
                                r"\bвсех стран\s*[-–—]\s*участниц", re.I)}


CHAIR = {
    "en": re.compile(r"(?:chaired by|under the chairmanship of|presided over by|"
                     r"under the chairship of)\s+(.+?)"
                     r"(?=,? (?:the|a|an) \w+ (?:meeting|session)|\.\s|\.$|;|, (?:was|were|took|"
                     r"held|met)\b| (?:was|were) held\b| (?:in|at) the |$)", re.I),
    # (who opened a meeting did not chair it, unless the text says so)
    "ru": re.compile(r"(?:под председательством|[Зз]аседание (?:[^.]*?\s)?(?:ведет|ведёт|вел|"
                     r"вёл)|[Пп]редседательствова\w*(?: на (?:заседании|совете|встрече))?)\s+(.+?)"
                     r"(?=\s(?:состоял|прошл|прошел|прошло|провел|состоялось|в режиме|в формате|"
                     r"в городе|в г\.|в [А-Я])|\s+и\s+(?=[а-яё])|[.;:]|$)"),
}


def chair(text: str, lang: str) -> dict[str, str]:
    """{name, position, country} of who chaired, as far as the text says."""
    # (a heading or dateline without a full stop still ends where it ends)
    flat = " ".join(s if re.search(r"[.!?:;]$", s) else f"{s}."
                    for s in split_sentences(without_abbreviation_stops(text)))
    match = CHAIR[lang].search(flat)
    if match:
        # the phrase up to the first comma, or on to the next ones where the first
        # holds no name ("the OSCE Chairperson-in-Office, Austrian Foreign Minister X")
        chunks = match.group(1).split(", ")
        # "под председательством X-а" is genitive; "заседание ведёт X" as written
        case = "gent" if "председательством" in flat[match.start():match.start(1)] else "nomn"
        for size in range(1, min(len(chunks), 3) + 1):
            found = person(", ".join(chunks[:size]), lang, case=case)
            if found.get("name") and len(chunks) > size and \
                    TITLE_WORDS.match(chunks[size]):  # "X, Deputy Prime Minister ..."
                return person(", ".join(chunks[:size + 1]), lang, case=case)
            if found.get("name") or (size == 1 and set(found) == {"country"}):
                return found
        return person(chunks[0], lang, case=case)
    president = PRESIDENT.search(flat)  # (UN: the president of the council presides)
    if president:
        found = person(president.group(2), lang)
        if found.get("name"):
            return {**found, "position": president.group(1)}
    if lang == "en":
        for sentence in split_sentences(without_abbreviation_stops(text)):
            someone = _chaired_by_subject(sentence)
            if someone:
                return someone
    return {}


def _chaired_by_subject(sentence: str) -> dict[str, str]:
    """The chair a sentence names as its subject: "X chaired the meeting", "X, the
    Chairperson-in-Office, who chaired", "with X chairing"; not one who chaired another
    meeting, or once ("who chaired the council in 2019"), or who did not come. The
    verb is found first, the name read back from it within a bound, so no text makes
    the search slow."""
    if ABSENT.search(sentence) or ELSEWHERE.search(sentence) or FUTURE.search(sentence) or \
            re.search(r"\bin (?:19|20)\d\d\b|\b(?:last year|previously|formerly)\b", sentence):
        return {}
    for verb in CHAIRED_VERB.finditer(sentence):
        before = sentence[max(0, verb.start() - WHO_SPAN):verb.start()]
        chunks = re.split(r",\s+|[.;:\"”»]\s+", before)
        for size in (1, 2) if verb.group("rel") else (1,):  # ("X, the OSCE CiO, who chaired")
            who = re.search(rf"(?:{WHO_WORDS})$", chunks[-size].strip()) if len(chunks) >= size \
                else None
            if who:
                someone = person(re.sub(LEADING_TIME, "", who.group(0)), "en", chair=True)
                if someone.get("name"):
                    return someone
    for with_ in re.finditer(r"\bwith\s+", sentence):
        who = re.match(rf"({WHO_WORDS})\s+(?:presiding|in the chair|chairing)\b",
                       sentence[with_.end():with_.end() + WHO_SPAN])
        if who:
            someone = person(who.group(1), "en", chair=True)
            if someone.get("name"):
                return someone
    return {}


# Who someone is: capitalised words (hyphens inside them, an initial) and the small
# words between, within a sentence; each word once, so no text makes it backtrack
WHO_WORD = r"(?:[A-Z][\w'’-]*|[A-Z]\.|of|the|and|for)"
WHO_WORDS = rf"{WHO_WORD}(?:\s+{WHO_WORD})*"
WHO_SPAN = 200  # characters a name and its position may take before or after their verb
LEADING_TIME = rf"^(?:On|In|At|During|After|Before)\s+(?:{WEEKDAY}|{EN_MONTH[1:-1]})(?:\s+\d+)?\s+"


PRESIDENT = re.compile(rf"\b[Tt]he (President of the (?:Security )?Council)(?: for [A-Z]\w+)?,\s+"
                       rf"({WHO_WORDS}(?:\s+of\s+{WHO_WORDS})?),")


# The verb of a sentence whose subject chaired: "X chaired the session", "X, who chairs
# the council", "X presided." (not "chaired a separate meeting")
CHAIRED_VERB = re.compile(
    r",\s+who\s+(?:currently\s+)?(?P<rel>chairs|chaired|is chairing|was chairing|presided|"
    r"presides)\b|(?:\s+(?:on|this|last)\s+\w+)?\s+(?:(?:chaired|presided over|is chairing)\s+"
    r"(?:the|this|a|an)\s+(?!(?:separate|another|different|previous|next|preparatory)\b)|presided\s*(?:[.;]|$))"
    r"|,\s+(?:is|was)\s+chairing\b")


# A sentence that says someone did not come, or came only in part, names no participant:
# its states are left out (a list the editor completes beats a state wrongly listed)
ABSENT = re.compile(r"\b(?:not(?! only)|could not|was unable|were unable|absent|declined|except|"
                    r"without (?:the )?(?:participation|delegations?|representatives?|(?-i:[A-Z]))|"
                    r"boycott\w*|stayed away|other than|left (?:\w+ ){0,3}before (?:the )?(?:meeting|"
                    r"session|summit|talks|it)|"
                    # (invited is not there, unless the clause says they came)
                    r"invited(?!.*\b(?:attended|attending|took part|taking part|joined|"
                    r"participated|(?:was|were) present)\b)|"
                    # a message or a letter is sent by who is not there
                    r"(?:message|letter|greetings?|address) from|by (?:a )?letter|by phone|"
                    r"stuck|remained in|stayed (?:at home|in)|посла\w* приветстви\w*|послани\w*|"
                    r"письм\w*|по телефону|застрял\w*|осталс\w* в|"
                    r"не\s+(?:принял\w*|участвова\w*|смог\w*|прибыл\w*|приехал\w*|был\w*)|без|кроме|"
                    r"за исключением|отказал\w*|по приглашению|отсутствова\w*)\b", re.I)


ALL = "all members"


def participants(sentences: list[str], lang: str, officials_: list[dict[str, str]],
                 chair_: dict[str, str]) -> list[Country] | str:
    """The states the text says took part, the officials' and the chair's included;
    or ALL, where it says all member states did. A clause that says someone did not
    come names no participant."""
    found: dict[Country, None] = {}
    for n, sentence in enumerate(sentences):
        if ELSEWHERE.search(sentence):
            continue
        for n_clause, clause in enumerate(_clauses(_unquoted(sentence), lang)):
            if ABSENT.search(clause) or FUTURE.search(clause):
                continue
            took_part, group = TOOK_PART[lang].search(clause), GROUP[lang].search(clause)
            if n_clause and not CAME[lang].search(clause):
                took_part = None  # (a later clause lists only with a verb: "while C attended")
            if not (took_part or group):
                continue
            part = _participant_part(clause, lang) if took_part else clause
            if ALL_MEMBERS[lang].search(clause) and len(words.states(part, lang)) < 2:
                return ALL
            for state in _group_list(clause, lang) if MET[lang].search(clause) else ():
                found[state] = None
            for start, state in words.states(part, lang) if took_part else ():
                if not re.search(r"\b(?:в|во|на)\s+$", part[:start]):  # ("положение в Сирии")
                    found[state] = None
        # "... took part:" followed by a list
        if sentence.rstrip().endswith(":") and n + 1 < len(sentences) and \
                TOOK_PART[lang].search(_clauses(sentence, lang)[-1]):
            for _, state in words.states(sentences[n + 1], lang):
                found[state] = None
    for official in officials_:  # "Prime Minister of Kazakhstan X" took part: so did KZ
        position = official.get("position", "")
        for start, _, state in words.spans(position, lang):
            # the state it is of ("Foreign Minister of Azerbaijan", "Kazakh Prime Minister",
            # "министр Казахстана"), not one it deals with ("Special Envoy for Syria")
            if lang == "ru" or re.search(r"(?:^|\bof\s+(?:the\s+)?)$", position[:start]):
                found[state] = None
    if chair_.get("country"):
        found[words.country(chair_["country"])] = None
    return list(found)


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
    it ("Украину представлял посол, а Молдавию – посол в Белоруссии"); what follows a
    colon is one of its own where it says someone was not there ("… led by X: Y and Z
    left before the meeting")."""
    clauses: list[str] = []
    pieces = []
    for clause in CLAUSE.split(sentence):
        head, colon, tail = clause.partition(": ")
        pieces += [head, tail] if colon and ABSENT.search(tail) else [clause]
    for clause in pieces:
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
        clauses = _clauses(_unquoted(sentence), lang)  # (who a quotation names was not there)
        parts = [_speakers(clause, lang) for clause in clauses]
        # the people of a clause that says they took part, not of one beside it ("while
        # X remained in Moscow")
        parts += [clause for clause in clauses if (TOOK_PART[lang].search(clause) or
                  GROUP[lang].search(clause)) and not ABSENT.search(clause)]
        if sentence.rstrip().endswith(":") and not ABSENT.search(sentence) and \
                TOOK_PART[lang].search(clauses[-1]):
            parts += sentences[n + 1:n + 2]
        for part in parts:
            for official in _people_in(without_abbreviation_stops(part), lang):
                if chair_name and person_key(official["name"]) == person_key(chair_name):
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
        # (the states in it found once: "North Macedonia Dimitar ..." starts with one)
        state_at = {len(" ".join(tokens)[:start].split()): len(" ".join(tokens)[:end].split())
                    for start, end, _ in words.english_spans(" ".join(tokens))}
        at = 0
        while at < len(tokens):
            if at in state_at and len(tokens) - state_at[at] >= 2:
                at = state_at[at]
            elif TITLE_WORDS.fullmatch(tokens[at]) or (tokens[at].isupper() and len(tokens[at]) > 1) \
                    or tokens[at] in ("The", "Of", "On", "In", "At", "By", "For", "From", "After") \
                    or re.fullmatch(rf"{EN_MONTH}|{WEEKDAY}", tokens[at]):
                at += 1
            else:
                break
        tokens = tokens[at:]
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
        someone = {**person(before, lang, chair=False), "name": name}
        organization = next((code for code, (names, _) in ORGANIZATIONS.items()
                             if re.search(names, before)), None)
        if not organization:  # "Deputy Director of Rosfinmonitoring": an agency
            of = re.search(r"\s+(?:of|at)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|and))*)$",
                           someone.get("position", ""))
            if of and not PORTFOLIO.fullmatch(of.group(1)) and not words.english_states(of.group(1)):
                someone["organization"] = of.group(1)
                someone["position"] = someone["position"][:of.start()].strip()
        if organization:
            someone["organization"] = organization
            position = re.sub(ORGANIZATIONS[organization][0], "", someone.get("position", ""))
            someone["position"] = re.sub(r"\s+(?:of|at)(?:\s+the)?\s*$", "",
                                        position.strip(" ,")).strip() or None
        people.append({k: v for k, v in someone.items() if v})
    return people


PORTFOLIO = re.compile(r"(?:(?:Foreign|Affairs|Internal|Interior|Defence|Defense|Justice|Economy|"
                       r"Finance|Health|Transport|Energy|Trade|Industry|Security|International|"
                       r"Relations|Cooperation|External|National|Emergency|Situations|Development|"
                       r"Agriculture|Education|Culture|Labour|Labor|Europe|Government|"
                       r"State|Council|Committee|Board|Commission|Staff|and|of|for)\s*)+")


def _russian_people(sentence: str) -> list[dict[str, str]]:
    """Names in a Russian sentence (see russian_name_size), put in the nominative."""
    tokens = [(m.start(), m.group())
              for m in re.finditer(r"[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Zа-яёa-z][а-яёa-z]+)*|[А-ЯЁ]\.|"
                                   r"[А-ЯЁ](?![\w.])", sentence)]
    people, run = [], []

    def close():
        named_after = run and re.search(r"\bимени\s+$", sentence[:run[0][0]])  # (a venue's name)
        size = russian_name_size([w for _, w in run])
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
            someone = person(f"{position} {' '.join(w for _, w in run[-size:])}", "ru",
                             chair=False, case=case)
            if someone.get("name"):
                people.append({k: v for k, v in someone.items() if v})
        run.clear()

    for at, word in tokens:
        adjacent = run and re.fullmatch(r"\s+", sentence[run[-1][0] + len(run[-1][1]):at])
        if not adjacent:
            close()
        run.append((at, word))
    close()
    return people
