"""The rest of a whole: what a question asks when the articles state the whole and the part it
does not ask for.

"Of those, A had no criminal conviction" answers "how many had a criminal conviction?" only as
the whole less A, shown as a calculation on the two cited figures. The whole is the figure the
part is listed under in its sentence ("N people, including A who ..."), or the one figure of the
sentence before that "Of those" points back to.
"""

from __future__ import annotations

import re

from index.facts import Fact

# "Of those, A had ...", "Among them, A ...": the part of a figure of the sentence before
_OF_THOSE = re.compile(r"^\W*(?:of|among)\s+(?:those|them|these|whom|this\s+total|that\s+total)\b", re.I)


def whole_before(bot, part: Fact) -> Fact | None:
    """The figure of the sentence before that a sentence opening "Of those" takes its part of:
    the first one of the part's unit there; None when the sentence does not open so."""
    if not _OF_THOSE.match(part.quote[:part.start - part.sentence_start]):
        return None
    earlier = [f for f in bot.facts_of(part.source_id) if f.sentence_end <= part.sentence_start]
    if not earlier:
        return None
    last = max(f.sentence_start for f in earlier)
    end = next(f.sentence_end for f in earlier if f.sentence_start == last)
    article = bot.articles.get(part.source_id)
    if article is None or re.search(r"[.!?]\s", article.body[end:part.sentence_start].strip() + " "):
        return None  # a sentence without figures lies between: "those" may be its people
    same_unit = sorted((f for f in earlier if f.sentence_start == last and f.unit == part.unit), key=lambda f: f.start)
    return same_unit[0] if same_unit else None


def whole_of_part(bot, part: Fact) -> Fact | None:
    """The whole `part` is stated as a part of, in its own sentence or the one before; None when
    it is stated as no part, or the whole is not larger."""
    whole = bot.whole_of(part) or whole_before(bot, part)
    if whole is None or whole.unit != part.unit or whole.value <= part.value or whole.unit != "count":
        return None
    return whole
