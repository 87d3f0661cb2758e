"""Countries: however an editor writes a state, one canonical `Country`.

ISO 3166-1 codes and official names come from pycountry; the short names
readers know ("Russia", "Moldova", "Vietnam") from CLDR through Babel.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache, cached_property


# Exonyms that neither ISO 3166 nor CLDR lists, but releases still use.
EXTRA_NAMES = {
    "Turkey": "TR",
    "Burma": "MM",
    "Ivory Coast": "CI",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "Kirghizia": "KG",
    "Byelorussia": "BY",
    "Lao PDR": "LA",
}


@dataclass(frozen=True, eq=False)
class Country:
    """One state. There is one instance per country (see `canonical`), so
    identity is equality, and a country is cheap to hash and compare."""

    code: str  # ISO 3166-1 alpha-2, "RU"
    alpha3: str  # "RUS"
    name: str  # short display name, "Russia"
    official_name: str  # "Russian Federation"
    slug: str  # "russia", its page is countries/<slug>/

    def __reduce__(self):  # unpickled meetings share the one instance too
        return canonical, (self.code, self.alpha3, self.name, self.official_name, self.slug)


_instances: dict[str, Country] = {}


def canonical(code: str, *rest: str) -> Country:
    """The one Country with this code."""
    if code not in _instances:
        _instances[code] = Country(code, *rest)
    return _instances[code]


class UnknownCountry(LookupError):
    """A name no country goes by. Its closest names are looked for only when asked:
    the search compares it with every spelling (a few milliseconds), and the text
    scanner of `import` meets many a capitalised word that is no country at all."""

    def __init__(self, text: str):
        self.text = text
        super().__init__(text)

    @cached_property
    def suggestions(self) -> list[str]:
        by_key = _registry()
        close = difflib.get_close_matches(_key(self.text), by_key, n=3, cutoff=0.6)
        return list(dict.fromkeys(by_key[k].name for k in close))


def _key(text: str) -> str:
    """Fold case, spacing and a leading 'the' so that variants meet."""
    text = re.sub(r"\s+", " ", text.strip().casefold())
    return text.removeprefix("the ")


@cache
def _registry() -> dict[str, Country]:
    """Every accepted spelling, folded by `_key`, -> its Country."""
    import pycountry  # loaded on first use: a build whose releases are all cached needs none
    from babel import Locale
    from slugify import slugify

    cldr = Locale("en").territories
    by_key: dict[str, Country] = {}
    for entry in pycountry.countries:
        code = entry.alpha_2
        official = getattr(entry, "official_name", None) or entry.name
        name = _short(cldr.get(code)) or getattr(entry, "common_name", None) or entry.name
        country = canonical(code, entry.alpha_3, name, official, slugify(name))
        spellings = [code, entry.alpha_3, entry.name, official, name, cldr.get(code),
                     getattr(entry, "common_name", None), _uninverted(entry.name)]
        for spelling in filter(None, spellings):
            by_key.setdefault(_key(spelling), country)
    for spelling, code in EXTRA_NAMES.items():
        by_key.setdefault(_key(spelling), by_key[_key(code)])
    return by_key


def spellings() -> list[str]:
    """Every name of a state `lookup` knows (folded as it folds them), codes left out:
    what a text names a state by."""
    return [key for key in _registry() if len(key) > 3]


def _short(name: str | None) -> str | None:
    """CLDR's name without a trailing aside in brackets, as its short form writes
    it: 'Myanmar (Burma)' is Myanmar. (Babel carries CLDR's standard names only.)"""
    return re.sub(r"\s*\([^()]*\)$", "", name) if name else None


def _uninverted(name: str) -> str | None:
    """ISO writes 'Moldova, Republic of'; people write 'Republic of Moldova'."""
    head, sep, tail = name.partition(", ")
    return f"{tail} {head}" if sep else None


def lookup(text: str) -> Country:
    """The country `text` names; `UnknownCountry` with the closest names if none."""
    # A two-letter code already met (here, or in meetings loaded from the cache)
    # needs no registry: no other spelling is two letters long, so the registry
    # could only answer the same Country. (Loading it takes longer than a rebuild
    # after one edit.)
    code = text.strip().upper()
    if len(code) == 2 and code in _instances:
        return _instances[code]
    by_key = _registry()
    try:
        return by_key[_key(text)]
    except KeyError:
        raise UnknownCountry(text) from None
