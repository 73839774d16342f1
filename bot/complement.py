"""The rest of a whole: what a question asks when the articles state the whole and the part it
does not ask for.

"Of those, A had no criminal conviction" answers "how many had a criminal conviction?" only as
the whole less A, shown as a calculation on the two cited figures. The whole is the figure the
part is listed under in its sentence ("N people, including A who ..."), or the one figure of the
sentence before that "Of those" points back to.
"""

from __future__ import annotations

import re

from bot.agree import negated_words
from bot.coverage import REST, SAME_MEANING
from bot.lexicon import phrases_to_words, stem, stems
from index.facts import Fact
from index.periods import compatible

# "Of those, A had ...", "Among them, A ...": the part of a figure of the sentence before
_OF_THOSE = re.compile(r"^\W*(?:of|among)\s+(?:those|them|these|whom|this\s+total|that\s+total)\b", re.I)


def whole_before(bot, part: Fact) -> Fact | None:
    """The figure of the sentence before that a sentence opening "Of those" takes its part of:
    the first one of the part's unit there; None when the sentence does not open so."""
    if not _OF_THOSE.match(part.quote[:part.start - part.sentence_start]):
        return None
    return _first_before(bot, part, part.unit)


def whole_of_part(bot, part: Fact) -> Fact | None:
    """The whole `part` is stated as a part of, in its own sentence or the one before; None when
    it is stated as no part, or the whole is not larger."""
    whole = bot.whole_of(part) or whole_before(bot, part)
    if whole is None or whole.unit != part.unit or whole.value <= part.value or whole.unit != "count":
        return None
    return whole


# a sentence whose parts are of the figure before it: "They granted ...", "... in A of those cases"
_POINTS_BACK = re.compile(r"^\W*(?:they|these|those|it)\b|\b(?:of|among)\s+(?:those|these|them)\b", re.I)


def rest_of(bot, source_id: str, sentence_start: int) -> tuple[Fact, list[Fact], str] | None:
    """The whole, its parts and the words of the rest a sentence states without a figure ("They
    granted A and denied B; the remainder got other relief" after "judges ruled on N cases"):
    None when the sentence states no such rest, or its parts add up to the whole or more."""
    here = sorted(bot.facts_at(source_id, sentence_start), key=lambda f: f.start)
    if not here:
        return None
    quote = here[0].quote
    rest = REST.search(quote)  # stated without a figure of its own (checked below)
    if rest is None:
        return None
    said = re.split(r"[;.]", quote[rest.end():], maxsplit=1)[0]
    if re.search(r"\d", said):
        return None  # "the remaining 40 were ...": the rest has its own figure
    offset = here[0].sentence_start
    parts = [f for f in here if f.unit == "count" and f.end - offset <= rest.start()]
    if not parts:
        return None
    whole = next((w for w in (bot.whole_of(p) for p in parts) if w is not None), None)
    if whole is not None and whole.value > sum(p.value for p in parts if p.id != whole.id):
        parts = [p for p in parts if p.id != whole.id]
    elif _POINTS_BACK.search(quote[:parts[0].start - offset]) or _POINTS_BACK.search(quote[:rest.start()]):
        whole = _first_before(bot, parts[0])
    else:
        whole = None
    if whole is None or not parts or whole.unit != "count" or sum(p.value for p in parts) >= whole.value:
        return None
    return whole, parts, said.strip(" ,")


def _first_before(bot, part: Fact, unit: str = "count") -> Fact | None:
    """The first figure in `unit` of the sentence right before `part`'s, with no sentence between
    (a sentence without figures between: "those" may be its people)."""
    earlier = [f for f in bot.facts_of(part.source_id) if f.sentence_end <= part.sentence_start]
    if not earlier:
        return None
    last = max(f.sentence_start for f in earlier)
    end = next(f.sentence_end for f in earlier if f.sentence_start == last)
    article = bot.articles.get(part.source_id)
    if article is None or re.search(r"[.!?]\s", article.body[end:part.sentence_start].strip() + " "):
        return None
    counts = sorted((f for f in earlier if f.sentence_start == last and f.unit == unit), key=lambda f: f.start)
    return counts[0] if counts else None


def rest_asked(bot, query, asked, hits) -> tuple[Fact, list[Fact], str] | None:
    """The rest of a whole (see `rest_of`) the question asks for, among the sentences of `hits`:
    its words set the parts aside ("neither granted nor denied") or name what the rest is ("got
    some other relief"), and every word it must have is the rest's, its sentence's, the whole's
    or the headline's. None when no such rest is found, or more than one."""
    def strong(a):  # (its own stem too: "denied" where the articles only say "turned down")
        return {m for m, strength in a.meanings.items() if strength >= SAME_MEANING} | {stem(a.word)}

    # what the question negates, by meaning ("nor denials" sets aside those "denied")
    negated = set().union(*(strong(a) for a in asked if a.negated)) | negated_words(query.text)
    found = []
    for hit in hits:
        rest = rest_of(bot, hit.span.source_id, hit.span.start)
        if rest is None or any(rest[0].id == f[0].id for f in found):
            continue
        whole, parts, said = rest
        if query.period is not None and not compatible(query.period, whole.period):
            continue
        title = bot.articles[whole.source_id].title if whole.source_id in bot.articles else ""
        pool = stems(said) | stems(phrases_to_words(parts[0].quote)) | stems(whole.quote) | stems(title)
        part_words = [stems(phrases_to_words(p.clause)) for p in parts]
        negated_asked = [a for a in asked if a.negated]
        # "neither granted nor denied": every part is set aside by a word the question negates
        # ("not granted" alone leaves the denied in, and is no question about the rest)
        sets_aside = bool(negated_asked) and all(negated & words for words in part_words) \
            and all(any(strong(a) & words for words in part_words) for a in negated_asked)
        # "got some other relief": a word only the rest's own words say
        only_rest = stems(said) - stems(whole.quote) - set().union(*part_words)
        names_rest = not negated_asked and any(strong(a) & only_rest for a in asked)
        unsaid = [a for a in asked if a.required and not a.negated and not (strong(a) & pool)]
        if unsaid or not (sets_aside or names_rest):
            continue
        found.append(rest)
    return found[0] if len(found) == 1 else None
