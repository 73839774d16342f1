"""Initialisms a name of the articles may be asked by: "Drug Enforcement Administration" is
"DEA", and the inner part of "Department of Health and Human Services" is "HHS".

A question may shorten a name the articles spell out (and never shorten themselves). The build
reads every run of capitalized words once and keeps, for each string of initials of two to six
of its consecutive words, the words it stands for, as written (`index.factindex` stores the
table). A question that uses one is read with the name in its place (`bot.pipeline`).
"""

from __future__ import annotations

import re

from index.stems import stem

# a capitalized word (not an acronym or an initial: "FBI", "U.S.") and what may join two
# words of one name: a space, a comma of a list inside it ("Alcohol, Tobacco, Firearms and
# Explosives"), a lowercase joining word ("of", "and", "for", "the", "on") or "&"
_WORD = r"[A-Z][a-z][\w'’]*"
_JOIN = r"(?:,\s+|\s+(?:(?:of|and|for|the|on|&)\s+)*)"
_RUN = re.compile(rf"(?<![\w.]){_WORD}(?:{_JOIN}{_WORD})+")
LONGEST = 6  # letters of the longest initialism kept
NAMES_PER_INITIALISM = 5


def initialisms(texts: list[str]) -> dict[str, list[str]]:
    """Initialisms ("DEA") -> the words they may stand for ("Drug Enforcement Administration").
    Three letters or more may stand for part of a longer name ("HHS"); two only for a whole
    one ("Border Patrol" is "BP", but "Rio Grande Valley" gives no "GV").

    >>> found = initialisms(["The Department of Health and Human Services and the Drug Enforcement Administration."])
    >>> found["HHS"], found["DEA"], "DH" in found, "HH" in found
    (['Health and Human Services'], ['Drug Enforcement Administration'], False, False)
    >>> initialisms(["the Bureau of Alcohol, Tobacco, Firearms and Explosives"])["ATF"]
    ['Alcohol, Tobacco, Firearms']
    """
    out: dict[str, list[str]] = {}
    for text in texts:
        for run in _RUN.finditer(text):
            words = list(re.finditer(_WORD, run.group(0)))
            for i in range(len(words)):
                for j in range(i + 2, min(len(words), i + LONGEST) + 1):
                    if j - i == 2 and (i, j) != (0, len(words)):
                        continue
                    letters = "".join(w.group(0)[0] for w in words[i:j])
                    names = out.setdefault(letters, [])
                    name = run.group(0)[words[i].start():words[j - 1].end()]
                    if name not in names and len(names) < NAMES_PER_INITIALISM:
                        names.append(name)
    return out


_SILENT = r"(?:\s+(?:of|and|for|on|the))*"  # joining words that give no letter ("department of homeland security")
# prepositions that give a letter inside a phrase ("permits to dock", "driving under the influence")
_LETTERED = frozenset({"to", "under", "without", "in", "at", "by", "after", "over"})


def phrases_for(letters: str, texts: list[str], stopwords: frozenset[str] = frozenset()) -> list[str]:
    """The lowercase phrases of `texts` an initialism of two to four letters may stand for
    ("HM" -> "harbour masters"), each once by its stems, in the order first written. A joining
    word inside ("of", "and", "for", "on", "the") gives no letter; a preposition inside gives
    one ("permits to dock", "driving under the influence"); no other word of the phrase is one
    of `stopwords`. Of several, only those a
    figure counts are kept (see `counted`).

    >>> text = "Two harbour masters left; permits to dock grew. The harbour master sat."
    >>> phrases_for("HM", [text]), phrases_for("PTD", [text]), phrases_for("TH", [text], frozenset({"two"}))
    (['harbour masters'], ['permits to dock'], [])
    >>> phrases_for("SUT", ["9 sailing under the tide"], frozenset({"under", "the"}))
    ['sailing under the tide']
    """
    if not 2 <= len(letters) <= 4 or not letters.isalpha():
        return []
    words = [rf"({c.lower()}[a-z'’-]+)" for c in letters]
    pattern = re.compile(r"(?<![\w.'’-])" + (_SILENT + r"\s+").join(words) + r"(?![\w'’-])")
    out, seen = [], set()
    for text in texts:
        for m in pattern.finditer(text):
            inner = m.groups()[1:-1]
            if any(w in stopwords for w in m.groups()) and \
                    not all(w not in stopwords or (w in _LETTERED and w in inner) for w in m.groups()):
                continue
            key = tuple(stem(w) for w in m.groups())
            if key not in seen:
                seen.add(key)
                out.append(m.group(0))
    return out if len(out) <= 1 else counted(out, texts)


def counted(phrases: list[str], texts: list[str]) -> list[str]:
    """Those of `phrases` some text writes right after a figure, as what it counts ("filed 510
    permit applications"), not as a subject and its verb ("the program assisted").

    >>> counted(["permit applications", "program assisted"], ["The program assisted 9 people and filed 510 permit applications."])
    ['permit applications']
    """
    return [p for p in phrases
            if any(re.search(rf"\d(?:[\d,.]*\d)?\s+(?:[—–-]\s+)?{re.escape(p)}(?![\w'’-])", t) for t in texts)]


def cased_names(texts: list[str]) -> dict[str, str]:
    """Names as the articles write them, by their lowercase form, so that a question typed in
    lowercase ("lamu aid alliance in lamu city") reads them as names: runs of capitalized words
    (a leading "The" or other sentence opener is not part of one), and words the articles write
    only capitalized, not only where a sentence starts.

    >>> cased_names(["The Peru Refugee Services office and Lamu Aid Alliance of Lamu City."])["lamu aid alliance"]
    'Lamu Aid Alliance'
    >>> sorted(cased_names(["The Peru Refugee Services office serves refugees."]))
    ['peru', 'peru refugee services', 'services']
    >>> names = cased_names(["Judges sit in Malindi, and the court serves Malindi.", "The court is busy."])
    >>> names["malindi"], "court" in names, "judges" in names
    ('Malindi', False, False)
    """
    out: dict[str, str] = {}
    capitalized: dict[str, str] = {}
    lowercase: set[str] = set()
    for text in texts:
        # a word written only capitalized, and not only where a sentence starts, is a name ("Malindi")
        for m in re.finditer(r"(?<![\w.'’-])([A-Za-z][a-z]{2,})(?![\w'’-])", text):
            word = m.group(1)
            if word[0].islower():
                lowercase.add(stem(word))
            elif re.search(r"[a-z,;]\s+$", text[max(0, m.start() - 3):m.start()]):
                capitalized.setdefault(word.lower(), word)
        for run in _RUN.finditer(text):
            # the whole run ("Lamu Aid Alliance of Lamu City") and its parts between joining words
            for part in [run.group(0), *re.split(r",\s+|\s+(?:of|and|for|the|on|&)\s+", run.group(0))]:
                words = part.split()
                while words and words[0].lower() in _OPENERS:
                    words = words[1:]
                if len(words) >= 2 and words[-1].lower() not in _OPENERS:
                    name = " ".join(words)
                    out.setdefault(name.lower(), name)
    for lower, word in capitalized.items():
        if stem(lower) not in lowercase and lower not in _OPENERS:
            out.setdefault(lower, word)
    return out


_OPENERS = {"the", "a", "an", "in", "on", "at", "by", "for", "of", "and", "but", "as", "this", "that", "these",
            "those", "its", "his", "her", "their", "our", "from", "to", "with", "after", "before", "when", "while",
            "since", "during", "under", "over", "why", "how", "what", "who", "where", "which"}
