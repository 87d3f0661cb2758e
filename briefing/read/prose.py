"""The text of a release as the importer reads it: its sentences and clauses, and
the words that say which organization a sentence is about, or that it is about
another meeting than the one the release reports."""

from __future__ import annotations

import re

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
    "BRICS": (r"\bBRICS?\b", r"\bБРИКС?\b"),  # (BRIC until South Africa joined in 2011)
    "UN": (r"\bUnited Nations\b|\bUN\b|\bUNODC\b|\bECOSOC\b|(?<!Collective )(?<!of )Security "
           r"Council\b(?!s)|"
           r"Economic and Social Council|Commission on Narcotic Drugs|General Assembly",
           r"Организаци\w* Объединенных Наций|\bООН\b|Совет\w* Безопасности ООН"),
    "EU": (r"\bEuropean Union\b|\bEU\b", r"Европейск\w* союз\w*|\bЕС\b"),
}


ELSEWHERE = re.compile(r"\b(?:(?:next|previous|last|upcoming|forthcoming|following)\s+(?:\w+\s+)?"
                       r"(?:meeting|session|summit|sitting)|will be held|is scheduled|"
                       r"last (?:month|year|week)|в прошлом (?:месяце|году)|"
                       r"следующ\w*\s+(?:\w+\s+)?(?:заседани|встреч|саммит|сесси)|"
                       r"предыдущ\w*\s+(?:\w+\s+)?(?:заседани|встреч|саммит|сесси)|состоится|"
                       r"пройд[её]т)", re.I)


# Where one clause of a sentence ends and the next, with its own subject, begins:
# "A and B attended, while C was represented by ..."
CLAUSE = re.compile(r";\s*|,?\s+(?:while|whereas|but)\s+|,\s+(?:а(?!\s+также)|но|тогда как)\s+"
                    r"|,\s+and\s+(?=[^,;]*?\b(?:was|were|is|are|has|have|had|will|would)\b)")


EN_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"


RU_MONTH = (r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
            r"декабря|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|"
            r"ноябре|декабре)")


WEEKDAY = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"


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


def without_abbreviation_stops(text: str) -> str:
    """'H.E.', 'Mr.', 'Dr.' without their full stops, which would end a sentence."""
    return re.sub(r"\b(H\.E|Mr|Ms|Mrs|Dr|St|Gen|Col|Amb)\.", lambda m: m.group(1).replace(".", ""),
                  text)
