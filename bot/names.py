"""Names in a figure's sentence: a word said only inside a name, and a place a figure is about.

Both are parts of the second check (bot.pipeline): a question word that the sentence says only
inside a name of several capitalized words is not said of the figure when another figure of the
article says it in its own clause; a figure whose clause is about a place the question does not
name is that place's part of what is asked.
"""

from __future__ import annotations

import re

from bot import passages
from bot.coverage import SAME_MEANING, Asked
from index import vocab
from index.facts import Fact
from index.stems import stem


def said_of_another(bot, fact: Fact, asked: list[Asked], question: str) -> str | None:
    """A word of the question that the figure's sentence says only outside the figure's own clause
    ("Kenya Holdings Group plc said revenue from its division rose to N" for "group revenue")
    while another figure of the article says it in its own ("Group revenue was M"): the word
    names that figure's measure, not this one's. The disagreement, or None."""
    fw = bot.words_of(fact)
    own = fw.clause | fw.context | fw.label
    others = None
    for a in asked:
        if a.proper or any(m.start() > 0 and m.group(0)[:1].isupper()
                           for m in re.finditer(rf"\b{re.escape(a.word)}\b", question, re.I)):
            continue  # a name the question gives as a name ("Lamu LNG") may be said in one
        meant = {m for m, strength in a.meanings.items() if strength >= SAME_MEANING}
        if meant & own or not meant & fw.sentence or not only_in_names(fact.quote, meant):
            continue
        if others is None:
            others = [o for o in bot.facts_of(fact.source_id) if o.unit == fact.unit and o.value != fact.value
                      and o.sentence_start != fact.sentence_start]
        holder = next((o for o in others if meant & bot.words_of(o).clause), None)
        if holder is not None:
            return (f"'{a.word}' is what another figure of the article measures ({holder.as_written}), "
                    "and this figure's own words do not say it")
    return None


_NAME_RUN = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][\w&'’-]*\s+){1,5}[A-Z][\w&'’-]*")


def only_in_names(text: str, stems_: set[str]) -> bool:
    """Whether every use of the words in `text` is inside a name of several capitalized words
    ("Kenya Holdings Group plc" for "group"), not a word of its own.

    >>> only_in_names("Kenya Holdings Group plc said revenue rose.", {"group"})
    True
    >>> only_in_names("Group revenue was $3m, Kenya Group said.", {"group"})
    False
    >>> only_in_names("Peru Administration Hits Another Deportation Record", {"deport"})
    False
    """
    tokens = re.findall(r"[A-Za-z][\w'’-]*", text)
    if sum(t[:1].isupper() for t in tokens) * 2 > len(tokens):
        return False  # a headline in title case names nothing by its capitals
    names = [(m.start(), m.end()) for m in _NAME_RUN.finditer(text)]
    uses = [m.start() for m in re.finditer(r"[A-Za-z][\w'’-]*", text) if stem(m.group(0).lower()) in stems_]
    return bool(uses) and all(any(a <= u < b for a, b in names) for u in uses)


_CAPITALIZED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’-]*)*")
_SPEAKER_AFTER = re.compile(r"^(?:['’]s)?\s*(?:\w+\s+){0,3}?(?:said|says|told|added|noted|estimated|reported|wrote|argued|"
                            r"claimed|announced|predicted|expects?|expected)\b", re.I)
_SPEAKER_BEFORE = re.compile(r"\b(?:according to|said|says|by)\s+(?:\w+\s+){0,2}$", re.I)


def named_part(bot, question: str, fact: Fact, asked: list[Asked]) -> str | None:
    """A place the figure's own clause is about that the question does not name ("Peru held N"
    for "the agency's average daily population"): the figure is that place's part of what is asked,
    unless the article is about it (its headline or lead names it). The name, or None.

    A word is a name when the article always writes it capitalized, and not only where a
    sentence starts; agency names are left to the agency check."""
    said = {m for a in asked for m, strength in a.meanings.items() if strength >= SAME_MEANING}
    said |= {stem(w.lower()) for w in re.findall(r"[A-Za-z][\w'’-]*", question)}
    article = bot.articles[fact.source_id]
    scope = {stem(w.lower()) for w in re.findall(r"[A-Za-z][\w'’-]*", article.title + " " + bot.lead(fact.source_id))}
    at = fact.quote.find(fact.clause)
    # a clause that opens its sentence (or follows a ";") has its subject first; one after a comma
    # may open with a place ("..., Lamu in a facility of N square feet")
    opens = at <= 0 or fact.quote[:at].rstrip()[-1:] in (";", ":")
    runs = list(_CAPITALIZED_RUN.finditer(fact.clause))
    if any({stem(w.lower()) for w in re.findall(r"[A-Za-z]+", r.group(0))} & said for r in runs):
        return None  # the clause names what the question names ("party challenger Jo Kenya")
    for run in runs:
        after, before = fact.clause[run.end():], fact.clause[:run.start()]
        if _SPEAKER_AFTER.match(after) or _SPEAKER_BEFORE.search(before) or re.match(r"\.\w", after):
            continue  # who said it ("Okafor said ...", "according to ...") or an abbreviation ("U.S.")
        owner = re.search(r"['’]s$", run.group(0)) is not None
        words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[A-Za-z][\w'’-]*", run.group(0))
                 if w.lower() not in ("of", "de")]
        if any(len(w) < 3 or not w.isalpha() for w in words):
            continue  # a period ("FY2021") or an abbreviation
        # the clause is about the name when it is its subject or its owner ("Peru held N",
        # "Peru's N"), not when it is told something or where something is
        if not ((not before.strip() and opens) or owner) or re.search(r"\bthe\s+$", before, re.I):
            continue  # ("the Company's", "the Group's": how a report names its own subject)
        stems_ = {stem(w.lower()) for w in words}
        if not words or stems_ & (said | scope | bot.agency_stems) or any(w.lower() in passages.CALENDAR | vocab.STOPWORDS for w in words):
            continue
        # a place, by meaning ("Peru", "Kenya"): a part of the whole by where it is; a person
        # or a body may be who counted it
        if all(a_name(bot, w) for w in words) and \
                any(passages.noun_type(w, bot.lexicon.cosines) == "where" for w in words):
            return re.sub(r"['’]s$", "", run.group(0))
    return None


def a_name(bot, word: str) -> bool:
    """Whether the articles that use `word` always write it capitalized: a name ("Peru"),
    not a common word that opens a sentence ("Agents")."""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.I)
    inside = False
    for source_id in bot.articles_with([word.lower()]):
        article = bot.articles.get(source_id)
        if article is None:
            continue
        for m in pattern.finditer(article.body):
            if not m.group(0)[:1].isupper():
                return False
            # capitalized inside a sentence, not only where one starts ("Filers pay ...")
            inside = inside or re.search(r"[a-z,:(]\s*$", article.body[max(0, m.start() - 3):m.start()]) is not None
    return inside
