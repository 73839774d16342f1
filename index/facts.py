"""The fact table: every numeric mention in every article, with what it counts, when, by whom,
and the exact span it came from.

Extraction is general: the counted thing is read from the words around the number, the
period from the nearest period expression (clause, sentence, paragraph, then article date),
the actor from the nearest agency name. Curated corrections in `sources/facts.yaml` may relabel
a fact or add one; each must quote its article verbatim.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from index import vocab
from index.numbers import Mention, find_numbers
from index.periods import Period, find_days, find_periods, governs, is_comparison, labels_next_figure, part_of_year
from index.text import tokenize
from index.sources import Article, SourceError
from index.split import Span

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CLAUSE_BREAK = re.compile(r"[;:()“”\"]| -- | – | — |, (?:and |but |while |with |when |who )?|\band\b|\bwhile\b")
_WORD_LIST = re.compile(r"\b[A-Za-z][\w-]*(?:, [A-Za-z][\w-]*)+,? (?:and|or) [A-Za-z][\w-]*")
_GENERIC = frozenset(vocab.THINGS["people"]) | {"figure", "figures", "number", "total", "cases"}
_STOP_AFTER = frozenset("in on at by for from to since during this that last the a an as than".split())


class Fact(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    source_id: str
    value: float
    as_written: str
    unit: str
    thing: str
    thing_text: str
    qualifier: str
    period: Period
    actor: str | None
    context_actor: str | None = None  # the agency the article names most, for figures with no actor
    keywords: list[str]
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    quote: str
    curated: bool = False
    clause: str = ""  # the number's own clause: the words that say what it measures
    context: str = ""  # what governs it from outside the sentence: a table's header and row, a list's lead-in
    currency: str = ""
    scale: float = 1.0  # a table cell's column states its unit ("Travelers (millions)"): value = as written x scale

    @property
    def approximate(self) -> bool:
        return self.qualifier != "exact"


def thing_of(word: str) -> str | None:
    """The canonical thing a single word names ("removed" -> "removals"), if any: the first of
    the vocabulary's things that has the word, or the word without a plural "s"."""
    w = word.lower().strip("'’")
    found = [_THING_OF[w]] if w in _THING_OF else []
    if w.endswith("s") and w[:-1] in _THING_WORDS:
        found.append(_THING_WORDS[w[:-1]])
    return min(found, key=_THING_ORDER.index) if found else None


_THING_ORDER = [t for t in vocab.THINGS if t != "people"]
_THING_WORDS: dict[str, str] = {}  # a word of a thing's list -> the first thing listing it
for _thing in _THING_ORDER:
    for _word in vocab.THINGS[_thing]:
        _THING_WORDS.setdefault(_word, _thing)
_THING_OF: dict[str, str] = {}  # ... or naming it: a word of its list or its own name
for _thing in _THING_ORDER:
    for _word in (*vocab.THINGS[_thing], _thing):
        _THING_OF.setdefault(_word, _thing)


def actors_in(text: str, aliases: dict[str, str]) -> list[tuple[int, str]]:
    """(position, canonical actor) for each agency name in `text`, longest names first."""
    found, taken = [], []
    names = sorted(aliases, key=len, reverse=True)
    for name in names:
        for match in _name_pattern(name).finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.start(), aliases[name]))
    return sorted(found)


@lru_cache(maxsize=1024)
def _name_pattern(name: str) -> re.Pattern:
    """An agency name as a whole word; an acronym ("ICE") only in capitals."""
    return re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])", 0 if name.isupper() else re.I)


def actor_aliases(body: str) -> dict[str, str]:
    """Vocabulary actors plus acronyms an article defines: "Long Name (LN)"."""
    aliases = {name: actor for actor, names in vocab.ACTORS.items() for name in names}
    for match in re.finditer(r"((?:[A-Z][\w.&'-]*\s+(?:(?:of|for|and|the)\s+)*){1,8})\((?P<abbr>[A-Z]{2,6})\)", body):
        abbr = match.group("abbr")
        letters = "".join(w.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.)+", w) else w[0]
                          for w in match.group(1).split() if w[:1].isupper())
        if not _in_order(abbr, letters):
            continue  # "Apprehensions (USBP)" spells out no agency: a column says whose its figures are
        head = match.group(1).split()[-1].lower() if match.group(1).split() else ""
        if head not in vocab.ORGANIZATION_HEADS and abbr not in aliases:
            continue  # "Temporary Protected Status (TPS)" defines a term, not who did something
        known = next((aliases[n] for n in sorted(aliases, key=len, reverse=True) if n in match.group(1)), None)
        aliases.setdefault(abbr, known or abbr)
        if not known:
            # ("The Office of Immigrant Affairs (OIA)": the name without the article before it)
            aliases.setdefault(re.sub(r"^(?:The|A|An)\s+", "", match.group(1).strip()), abbr)
    return aliases


def _in_order(letters: str, initials: str) -> bool:
    """Whether `letters` appear in `initials` in order ("ICE" in "ICE", "USBP" in "TUSBP")."""
    rest = iter(initials.upper())
    return all(letter in rest for letter in letters)


# "the 212-mile Lamu canal": a size joined to the noun it sizes, with up to two more words
_COMPOUND_SIZE = re.compile(r"-(?:" + "|".join(vocab.MEASURE_UNITS) + r")\b(?:\s+(?!(?:" + "|".join(
    sorted(vocab.STOPWORDS)) + r")\b)[a-z][\w-]*){1,2}", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|this|that)\s+$", re.I)


def compound_size(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase a size joined to its noun makes ("the 212-mile Lamu canal"), as
    offsets into `text`; None when the number is not such a size.

    >>> t = "In 2017, 38 miles of the 212-mile Lamu canal already had a wall."
    >>> a, b = compound_size(t, 25, 28); t[a:b]
    'the 212-mile Lamu canal'
    """
    match = _COMPOUND_SIZE.match(text, end)
    if match is None:
        return None
    determiner = _DETERMINER_BEFORE.search(text[:start])
    return (determiner.start() if determiner else start), match.end()


def _clause(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[int, int]:
    """The stretch of `text` that belongs to the number at [start, end): up to the neighbouring
    numbers and clause breaks; a size joined to its noun ("the 212-mile canal") is its noun
    phrase, not the clause around it."""
    sized = compound_size(text, start, end)
    if sized is not None:
        return sized
    left = max([m.end for m in mentions if m.end <= start] + [0])
    right = min([m.start for m in mentions if m.start >= end] + [len(text)])
    # "research, development and engineering": the commas and "and" of a list of words join them
    listed = [(m.start(), m.end()) for m in _WORD_LIST.finditer(text)]
    for brk in _CLAUSE_BREAK.finditer(text, left, start):
        if not any(a < brk.start() < b for a, b in listed):
            left = brk.end()
    breaks = [b.start() for b in _CLAUSE_BREAK.finditer(text, end, right) if not any(a < b.start() < z for a, z in listed)]
    after_breaks = [b for b in breaks if b > end]
    # a clause break right after the number's own noun phrase ends it, unless nothing came before
    if after_breaks and after_breaks[0] - end <= 1 and right < len(text) \
            and _WORD.search(text, _CLAUSE_BREAK.match(text, after_breaks[0]).end(), right):
        # "granted asylum in A and denied it in B": the words after "and" lead into B and are B's
        right = end
    elif after_breaks:
        right = min(right, after_breaks[0] if after_breaks[0] - end > 1 else right)
    elif breaks and (right < len(text) or text[left:start].strip()):
        # "to $70, an increase of 75 percent": the words after a break that lead straight into
        # the next number are that number's; "Group revenue was £3bn, so the division now ...":
        # a clause that has said what its number is ends at it
        right = end
    return left, right


def describe(text: str, mention: Mention, mentions: list[Mention]) -> tuple[str, str, list[str]]:
    """(canonical thing, thing as written, keywords) for the number `mention` in sentence `text`."""
    left, right = _clause(text, mention.start, mention.end, mentions)
    after_words = [(m.group(0), m.start()) for m in _WORD.finditer(text, mention.end, right)]
    before_words = [(m.group(0), m.start()) for m in _WORD.finditer(text, left, mention.start)]
    noun, noun_words = None, []
    for word, _ in after_words[:4]:
        lower = word.lower()
        if lower in _STOP_AFTER and noun_words:
            break
        if lower in ("of", "were", "was", "who", "are", "had", "have", "is") and not noun_words:
            break
        if lower in ("or", "and") and noun_words:
            noun_words.append(word)
            continue
        if lower in _STOP_AFTER:
            break
        noun_words.append(word)
        if thing_of(word) and noun is None:
            noun = thing_of(word)
    while noun_words and noun_words[-1].lower() in ("or", "and"):
        noun_words.pop()
    thing = noun
    change = _CHANGE_BEFORE.search(text, 0, mention.start)
    # "the numbers declined through the summer": a verb of change there names no counted thing
    said = _CHANGE_USE.sub(lambda m: "_" * len(m.group(0)), text)
    after_said = [(said[i:i + len(w)], i) for w, i in after_words]
    before_said = [(said[i:i + len(w)], i) for w, i in before_words]
    if thing is None and change:
        # "The rate at which police hold ... has fallen by 30 percent": the subject changed
        thing = next((t for w in _WORD.findall(said[: change.start()]) if (t := thing_of(w))), None)
    predicate = _predicate_thing(text, mention.end, noun_words)
    if predicate and predicate != thing:
        # "1,200 people deported, were convicted ..." counts the convicted among the deported
        thing = predicate
    if thing is None:
        # a verb after ("were apprehended", "deported") or before ("deported nearly 700,000")
        for word, _ in after_said[:7]:
            if thing_of(word):
                thing = thing_of(word)
                break
    if thing is None:
        for word, _ in reversed(before_said[-6:]):
            if thing_of(word):
                thing = thing_of(word)
                break
    if thing is None:
        for word, _ in list(reversed(before_said)) + after_said:
            if thing_of(word):
                thing = thing_of(word)
                break
    if thing is None:
        # the nearest thing word anywhere in the sentence ("Deportation Record -- Almost 700,000")
        near = [(abs(m.start() - mention.start), thing_of(m.group(0))) for m in _WORD.finditer(said) if thing_of(m.group(0))]
        thing = min(near)[1] if near else None
    if thing is None and mention.unit == "percent":
        thing = "share"
    if thing is None and noun_words and noun_words[0].lower() in _GENERIC:
        thing = "people"
    thing_text = " ".join(noun_words) if noun_words else " ".join(w for w, _ in after_words[:7])
    if mention.unit == "percent":
        of = re.match(r"\s+of\s+(?:the\s+)?([^,.;]+)", text[mention.end : right + 80])
        thing_text = (" ".join(noun_words) + " " if noun_words else "") + (of.group(1).strip() if of else "")
        thing_text = thing_text.strip() or "share"
    first = min(m.start for m in mentions)
    later = [m for m in mentions if m.start > mention.end]
    if later and re.fullmatch(r"[\s,]*(?:or|i\.e\.|that is)?[\s,]*", text[mention.end : later[0].start]):
        later = later[1:]  # "55 percent, or 1,200 people, were ...": both share what follows
    following = later[0].start if later else len(text)
    # a list's lead-in ("the people deported in 2012 included ...") and the number's own
    # predicate ("..., were convicted of felonies") describe it too
    # ... but not across a contrast ("A received 30 percent, while B received 70 percent")
    # "Of the 1,000 removals, 600 were ..." is no list: that lead-in names the first figure only
    own_lead = re.search(r"\bof\s+(?:the\s+)?$", text[:first], re.I)
    lead = text[:first] if not (_CONTRAST.search(text, first, mention.start) or own_lead) or mention.start == first else ""
    contrast = _CONTRAST.search(text, mention.end, following)
    context = lead + " " + text[mention.end : contrast.start() if contrast else following]
    clause_things = {t for w in _WORD.findall(text[left:right]) if (t := thing_of(w))}
    keywords = sorted(set(tokenize(text[left:right])) | set(tokenize(context)) | set(tokenize(thing_text))
                      | clause_things | ({thing} if thing else set()))
    return thing or "unspecified", thing_text, keywords


_CONTRAST = re.compile(r"[;,]?\s+(?:while|whereas|but|compared with|compared to)\b|;", re.I)
_CHANGE_BEFORE = re.compile(r"\b(?:fallen|fell|dropped|declined|decreased|risen|rose|increased|grown|grew|jumped|"
                            r"climbed|plunged|soared)\s+(?:by\s+)?$", re.I)
_CHANGE_USE = re.compile(r"\b(?:" + "|".join(vocab.CHANGE_VERBS) + r")\b(?=\s*(?:[,.;]|$)|\s+(?:by|through|from|in|"
                         r"during|over|after|since|sharply|slightly|steadily|again|further|to\s+[\d$£€]))", re.I)
_PREDICATE = re.compile(r"[\s,]*(?:[\w'’-]+\s+){0,5}?(?:were|was|are|is|had been|have been)\s+(not\s+)?(?:\w+ly\s+)?([A-Za-z]+)")


def _predicate_thing(text: str, number_end: int, noun_words: list[str]) -> str | None:
    """The thing named by the verb the number is subject of: "1,234 requests were refused"."""
    rest = text[number_end:]
    np_len = len(" ".join(noun_words))
    match = _PREDICATE.match(rest[np_len + 1 :] if noun_words else rest)
    if not match or match.group(1):  # "were not convicted" does not count the convicted
        return None
    return thing_of(match.group(2))


def _nearest(items: list[tuple[int, object]], position: int):
    """The item closest before `position`, else the closest after it."""
    if not items:
        return None
    before = [(position - p, v) for p, v in items if p <= position]
    pool = before or [(abs(position - p), v) for p, v in items]
    return min(pool, key=lambda t: t[0])[1]


def extract_article(article: Article, sentences: list[Span]) -> list[Fact]:
    aliases = actor_aliases(article.body)
    facts: list[Fact] = []
    by_paragraph: dict[int, list[Span]] = {}
    for s in sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    article_actors = [a for _, a in actors_in(article.body, aliases)]
    context_actor = max(sorted(set(article_actors)), key=article_actors.count) if article_actors else None
    last_thing: dict[int, str] = {}  # paragraph -> thing of its last figure
    paragraph_numbers = sorted(by_paragraph)
    paragraph_before = {p: " ".join(s.text for s in by_paragraph[q]) for q, p in zip(paragraph_numbers, paragraph_numbers[1:])}
    intros = list_intros(by_paragraph)
    dates: dict[int, list[Period]] = {}  # sentence start -> the periods it dates what follows with
    columns: dict[int, tuple[str, str]] = {}  # a table cell's index in `facts` -> its (table, column)
    lead = _lead_periods(article, sentences)
    published = _published(article)
    month = published[1] if published else None
    governing: Period | None = None  # the last dated period read, for "the previous fiscal year"
    for sentence in sentences:
        if sentence.duplicate_of is not None:
            continue
        text = sentence.text
        mentions = find_numbers(text)
        own_periods = [(p.start, p.period) for p in find_periods(text, article.year, month)
                       if p.period.kind not in ("unknown", "offset", "month_offset")]
        if not mentions:
            # ("- October: officers began ...": the latest October up to the article's date)
            found = dating_periods(text, article.year, month)
            if found:
                governing = in_year_of(found[-1], governing or (lead[0] if lead else None), published)
            continue
        # a list set off from the line that introduces it ("Rates varied by kind:", blank line,
        # "* ...") continues that line's paragraph: it is dated and introduced by it
        earlier = intros.get(sentence.paragraph, []) + [s for s in by_paragraph[sentence.paragraph] if s.start < sentence.start]
        paragraph_text = " ".join(s.text for s in earlier)
        paragraph_periods = [p for s in earlier
                             for p in dates.setdefault(s.start, dating_periods(s.text, article.year, month))]
        anchor = (paragraph_periods[-1] if paragraph_periods else governing or (lead[0] if lead else None))
        dated = Period(kind="year", year=published[0], month=published[1], text=article.published or "",
                       basis="article") if published is not None else None
        # "the prior fiscal year" counts from the fiscal year the paragraph, the text so far or the
        # lead names, else from the article's date
        fiscal_base = next((p for p in [*paragraph_periods[-1:], governing, *lead[:1]]
                            if p is not None and p.kind == "fiscal_year"), dated)
        anchor = anchor or dated
        # a month named alone is the latest such month before the article's date; undated, it is
        # in the paragraph's year, else the year the article reports on
        year_of = paragraph_periods[-1] if paragraph_periods else (lead[0] if lead else governing)
        stated = [(pos, in_year_of(p, year_of, published, speaks_ahead(text, pos))) for pos, p in own_periods]
        # "As of Dec. 31 we had 4,300 cases pending": a day the figure is stated as of dates it
        dated_by = published or next(((p.year, p.month) for p in lead[:1] if p.kind == "month" and p.year), None)
        stated += [(m.start, in_year_of(m.period, year_of, dated_by)) for m in find_days(text)
                   if re.search(r"\bas\s+of\s+$", text[:m.start], re.I)]
        stated.sort(key=lambda t: t[0])
        relative = relative_periods(text, anchor, stated, fiscal_base)
        # ("the year before that" is read once, against what came before it in the sentence)
        periods = relative + [(pos, p) for pos, p in stated if not any(pos == r for r, _ in relative)]
        periods.sort(key=lambda t: t[0])
        days = [in_year_of(m.period, year_of, published, speaks_ahead(text, m.start)) for m in find_days(text)]
        table = table_cells(text, earlier, paragraph_before.get(sentence.paragraph, ""))
        context = table.context if table else lead_in(earlier)
        actors = actors_in(text, aliases)
        paragraph_actors = actors_in(paragraph_text, aliases)
        assigned = respectively(text, mentions, periods)
        whole = opening_whole(text, mentions)
        whole_thing = None
        first = len(facts)
        for mention in mentions:
            thing, thing_text, keywords = describe(text, mention, mentions)
            if mention is whole:
                whole_thing = thing
            elif whole is not None and whole_thing not in (None, "unspecified") and mention.unit == whole.unit \
                    and mention.start > whole.end and not names_its_noun(text, mention):
                # "Of the N requests, A were lodged after arrests on criminal charges": A counts requests
                thing = whole_thing
            if thing == "unspecified" and sentence.paragraph in last_thing and not _own_noun(thing_text):
                # "the figure ... stood at 9,000" refers back to the paragraph's earlier figure;
                # "474,000 eligible registrations" names its own thing, whatever came before
                thing = last_thing[sentence.paragraph]
                keywords = sorted(set(keywords) | {thing})
            if mention.unit == "count":
                last_thing[sentence.paragraph] = thing
            clause_start, clause_end = _clause(text, mention.start, mention.end, mentions)
            cell = table.cell(mention) if table else None
            scale = column_scale(cell.header, text[mention.start:mention.end]) if cell is not None else 1.0
            unit, currency = mention.unit, mention.currency
            if cell is not None and unit == "count" and (told := column_currency(cell.header)):
                unit, currency = "money", told  # "140" under "Spending ($ thousands)"
            if cell is not None:
                columns[len(facts)] = (" ".join(table.header), cell.header)
                thing_text, clause = cell.header, f"{cell.header} {cell.label}".strip()
                period = cell.period or _period_for(mention, clause_end, periods, paragraph_periods, article, lead,
                                                    text, mentions, days, governing)
            else:
                label = list_label(text, mention, mentions)
                clause = label or text[clause_start:clause_end]
                thing_text = label or thing_text  # "Peru (N), Kenya (M)": N is Peru's
                # "..., or 1,200 people deported, were convicted of felonies": the predicate says
                # what the figure counts
                predicate = re.match(r"[\s,]*(?:were|was|are|is|had been|have been)\s+[^,;.]*", text[clause_end:])
                if predicate and not find_numbers(predicate.group(0)):
                    clause += " " + predicate.group(0).strip(" ,")
                period = assigned.get(mention.start) or _period_for(mention, clause_end, periods, paragraph_periods,
                                                                     article, lead, text, mentions, days, governing)
            agent = re.search(r"^[^.;]*?\bby\s+", text[mention.end:])
            after_by = [a for p, a in actors if agent and p == mention.end + agent.end()]
            # "refused ... by local and state police": the agent after "by" did it
            actor = after_by[0] if after_by else _nearest([(p, a) for p, a in actors], mention.start)
            if actor is None and paragraph_actors:
                actor = paragraph_actors[-1][1]
            if cell is not None and actors_in(" ".join(table.header), aliases):
                # "Apprehensions between ports (USBP) | Inadmissibles at ports (OFO)": a cell is
                # its column's agency's, and a column naming none is no other column's
                named = actors_in(cell.header, aliases)
                actor = named[0][1] if named else None
            start = sentence.start + mention.start
            end = sentence.start + mention.end
            facts.append(
                Fact(
                    id=f"{article.id}:{start}",
                    source_id=article.id,
                    value=round(mention.value * scale, 6) if scale != 1.0 else mention.value,
                    as_written=article.body[start:end],
                    unit=unit,
                    thing=thing,
                    thing_text=thing_text,
                    qualifier=mention.qualifier,
                    period=period,
                    actor=actor,
                    context_actor=context_actor,
                    keywords=keywords,
                    start=start,
                    end=end,
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    quote=text,
                    clause=clause.strip(),
                    context=context,
                    currency=currency,
                    scale=scale,
                )
            )
        facts[first:] = _year_before(text, _move_dated(text, facts[first:]))
        # the periods this sentence dates the rest of its paragraph with, as read here ("the prior
        # fiscal year" resolved; an aside's "year to 30 September" dates nothing)
        # (a month of an undated article, "passed in late December", dates only its own sentence)
        written = dict(own_periods)
        # ("figures the agency released this month": a month counted from the article's date dates
        # what follows only when it opens the sentence, "Last month the embassy issued ...")
        dating = [p for pos, p in periods if p.year and (pos not in written or written[pos].year)
                  and not (p.kind == "month" and p.basis == "article" and _THIS_MONTH.match(p.text)
                           and not _OPENS.match(text[:pos]))
                  and governs(text, pos) and not _aside_before(text, pos, len(text))]
        dates[sentence.start] = dating
        governing = dating[-1] if dating else governing
    return _columns_told(facts, columns)


_TO_LEVEL = re.compile(r"\bto\s+(?:about\s+|nearly\s+|some\s+|roughly\s+|around\s+)?$", re.I)
_FROM_LEVEL = re.compile(r"^\s+(?:up\s+|down\s+)?from\s+(?:about\s+|nearly\s+|some\s+|roughly\s+|around\s+)?$", re.I)
_ON_DAY = re.compile(r"^\s*,?\s*(?:on|effective(?:\s+from)?|as of|starting|beginning)\s+(?:the\s+)?"
                     r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]{2,}\.?\s+\d{1,2}\b)")


_UP_FROM = re.compile(r"^\s*[,(]?\s*(?:up|down)\s+from\s+(?:about\s+|nearly\s+|some\s+|roughly\s+|around\s+)?$", re.I)
_NOTHING_AFTER = re.compile(r"^\s*\)?\s*(?:[,.;]|$)")


def _year_before(text: str, sentence: list[Fact]) -> list[Fact]:
    """ "Kenya — 488 (up from 397)" in a list of fiscal 2023: the level a yearly figure rose
    from, with no period of its own, is of the year before."""
    out = list(sentence)
    for i, (x, y) in enumerate(zip(sentence, sentence[1:])):
        if x.unit != y.unit or y.period != x.period or x.period.kind not in ("fiscal_year", "calendar_year", "year") \
                or x.period.year is None:
            continue
        ex, sy, ey = (v - x.sentence_start for v in (x.end, y.start, y.end))
        if _UP_FROM.match(text[ex:sy]) and _NOTHING_AFTER.match(text[ey:]):
            out[i + 1] = y.model_copy(update={"period": x.period.model_copy(update={
                "year": x.period.year - 1, "text": "the year before", "basis": "sentence"})})
    return out


def _move_dated(text: str, sentence: list[Fact]) -> list[Fact]:
    """ "The fee rose to $215 from $190 on 17 June 2023": the day dates the move, so the level it
    reached ($215) is of that day's period as well as the level it left."""
    out = list(sentence)
    for i, (x, y) in enumerate(zip(sentence, sentence[1:])):
        if x.unit != y.unit or x.period.basis == "sentence" or y.period.basis != "sentence":
            continue
        sx, ex, sy, ey = (v - x.sentence_start for v in (x.start, x.end, y.start, y.end))
        if _TO_LEVEL.search(text[:sx]) and _FROM_LEVEL.match(text[ex:sy]) and _ON_DAY.match(text[ey:]):
            out[i] = x.model_copy(update={"period": y.period})
    return out


_SCALES = {"thousand": 1e3, "thousands": 1e3, "000": 1e3, "000s": 1e3, "million": 1e6, "millions": 1e6,
           "billion": 1e9, "billions": 1e9, "m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3}
_COLUMN_SCALE = re.compile(r"\((?:[^()]*?\b)?(thousands?|millions?|billions?|000s?)\)|\bin\s+(thousands|millions|billions)\b"
                           r"|\([$£€¥]\s?(m|mn|bn|k)\)", re.I)
_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|bn|mn)\b|\d\s*[kmb]\b", re.I)


def column_scale(header: str, written: str) -> float:
    """What a cell's number is multiplied by when its column says its unit ("Travelers
    (millions)", "Spending ($ thousands)", "in billions") and the cell does not ("2.9").

    >>> column_scale("Travelers (millions)", "2.9"), column_scale("Spending ($ thousands)", "140")
    (1000000.0, 1000.0)
    >>> column_scale("Officers on roster", "212"), column_scale("Travelers (millions)", "2.9 million")
    (1.0, 1.0)
    >>> column_scale("Grants (£m)", "3.5")
    1000000.0
    """
    match = _COLUMN_SCALE.search(header)
    if match is None or _SCALE_WORD.search(written):
        return 1.0
    return _SCALES[next(g for g in match.groups() if g).lower()]


_COLUMN_CURRENCY = re.compile(r"[$£€¥]|\b(?:USD|GBP|EUR|RMB|CNY|JPY|CAD|AUD)\b")


def column_currency(header: str) -> str:
    """The currency a column's header names for its cells ("Spending ($ thousands)" -> "$"), or "".

    >>> column_currency("Spending ($ thousands)"), column_currency("Revenue (RMB million)"), column_currency("Staff")
    ('$', 'RMB', '')
    """
    match = _COLUMN_CURRENCY.search(header)
    return match.group(0) if match else ""


def _columns_told(facts: list[Fact], columns: dict[int, tuple[str, str]]) -> list[Fact]:
    """A table's column is described by the article's sentences that restate one of its cells, the
    same value for the same year ("judges finished 3,470 asylum cases in FY2022" for the FY2022
    cell of "Completed"): their clauses join the context of every cell of the column.
    `columns` maps a cell's index in `facts` to its (table, column)."""
    prose = [f for i, f in enumerate(facts) if i not in columns]
    told: dict[tuple[str, str], list[str]] = {}
    for i, column in columns.items():
        cell = facts[i]
        clauses = told.setdefault(column, [])
        clauses += [f.clause for f in prose if (f.value, f.unit, f.period.year) == (cell.value, cell.unit, cell.period.year)
                    and f.clause not in clauses]
    return [f.model_copy(update={"context": f.context + " " + " ".join(told[columns[i]])})
            if i in columns and told[columns[i]] else f for i, f in enumerate(facts)]


def _period_for(mention: Mention, clause_end: int, periods: list, paragraph_periods: list[Period],
                article: Article, lead: list[Period] = (), text: str = "", mentions: list[Mention] = (),
                days: list[Period] = (), governing: Period | None = None) -> Period:
    # a period after the number within its clause ("1,234 requests were refused in 2015") unless
    # another figure comes between ("rose to A from B in fiscal 2018"), else the last
    # one before it in the sentence ("peaked in March 2015, when ... 9,500") that is not a point
    # of comparison ("more than in 2018, ...")
    between = [m.start for m in mentions if m is not mention and mention.end <= m.start]
    after = [p for pos, p in periods if mention.end <= pos < clause_end and not labels_next_figure(text, pos)
             and not (any(b < pos for b in between) and is_comparison(text, pos))]
    if after:
        return after[0]
    # ("In the prior fiscal year (the US government's year to 30 September), posts issued N": the
    # aside says what the year is, it dates nothing outside it)
    before = [(pos, p) for pos, p in periods if pos < mention.start and not _aside_before(text, pos, mention.start)
              and not _apposed(text, pos, periods)]
    plain = [p for pos, p in before if not is_comparison(text, pos)]
    if plain or before:
        return (plain or [p for _, p in before])[-1]
    # "spent A on beds and B on transport in 2023": the sentence's period dates both figures
    later = [p for pos, p in periods if pos >= clause_end and not labels_next_figure(text, pos)
             and not is_comparison(text, pos) and re.match(r"\s*and\b[^,;:()]*$", text[clause_end:pos])
             and any(clause_end < m.start < pos and m.unit == mention.unit for m in mentions)]
    if later:
        return later[0]
    if paragraph_periods:
        return paragraph_periods[-1].model_copy(update={"basis": "paragraph"})
    if lead:
        # "during the fiscal year" three paragraphs on is the year the headline and lead name
        return lead[0].model_copy(update={"basis": "lead"})
    dated = [d for d in days if d.year is not None]
    if len(dated) == 1:
        return dated[0]  # "the status report dated Jan. 4 put the total at N"
    if article.year:
        return Period(kind="year", year=article.year, text=article.published or "", basis="article")
    if governing is not None and governing.year:
        # an article with no date whose lead names no period: the figures go on in the last
        # period the text dated ("In fiscal 2022, 913 refugees were resettled." ... "The largest
        # group came from Kenya, with 318.")
        return governing.model_copy(update={"basis": "paragraph"})
    return Period()


_THIS_MONTH = re.compile(r"(?:this|last|the\s+past|the\s+previous)\s+month\b", re.I)
_EXPLAINED = re.compile(r"\b(?:year|years|quarter|month|period|half)\s*$", re.I)


def _apposed(text: str, pos: int, periods: list) -> bool:
    """Whether the period at `pos` only says what the period just before it is: "In October 2015,
    the first month of the fiscal year, N ...": October 2015 dates N."""
    return any(other < pos and p.year is not None and _APPOSED.fullmatch(text[other + len(p.text):pos] + text[pos:pos + 4])
               for other, p in periods)


# ", the " or ", the first month of the ": between a period and one that only says what it is
_APPOSED = re.compile(r"\s*,\s*(?:the\s+[a-z]+(?:\s+[a-z]+)?\s+of\s+)?the\s", re.I)


def _aside_before(text: str, pos: int, at: int) -> bool:
    """Whether position `pos` is inside a bracketed aside that says what a period is ("the prior
    fiscal year (the US government's year to 30 September)") and closes before position `at`."""
    opened = text.rfind("(", 0, pos)
    if opened < 0 or text.rfind(")", opened, pos) >= 0 or not _EXPLAINED.search(text[:opened]):
        return False
    closed = text.find(")", pos)
    return 0 <= closed < at


def extract_facts(articles: list[Article], sentences: list[Span], curated: Path | None = None) -> list[Fact]:
    """The whole fact table, with curated corrections applied."""
    facts: list[Fact] = []
    for article in articles:
        facts.extend(extract_article(article, [s for s in sentences if s.source_id == article.id]))
    if curated is not None and Path(curated).is_file():
        facts = apply_curated(facts, articles, sentences, Path(curated))
    return facts


def apply_curated(facts: list[Fact], articles: list[Article], sentences: list[Span], path: Path) -> list[Fact]:
    """Apply `facts.yaml`: entries with `quote` and `number` (as written) relabel or add a fact."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise SourceError([f"{path}: not valid YAML ({err})"]) from None
    if not isinstance(entries, list):
        raise SourceError([f"{path}: must be a list of facts"])
    by_id = {a.id: a for a in articles}
    problems, out = [], list(facts)
    for n, entry in enumerate(entries, 1):
        where = f"{path}: entry {n}"
        if not isinstance(entry, dict) or not {"source", "quote", "number"} <= set(entry):
            problems.append(f"{where}: needs 'source', 'quote' and 'number'")
            continue
        article = by_id.get(entry["source"])
        if article is None:
            problems.append(f"{where}: unknown source {entry['source']!r}")
            continue
        quote, number = str(entry["quote"]), str(entry["number"])
        q_start = article.body.find(quote)
        if q_start < 0:
            problems.append(f"{where}: quote is not verbatim in {article.id}")
            continue
        n_start = quote.find(number)
        if n_start < 0:
            problems.append(f"{where}: number {number!r} is not in the quote")
            continue
        start = q_start + n_start
        mention = next((m for m in find_numbers(number)), None)
        if mention is None:
            problems.append(f"{where}: {number!r} is not a number")
            continue
        sentence = next((s for s in sentences if s.source_id == article.id and s.start <= start < s.end), None)
        existing = next((f for f in out if f.source_id == article.id and f.start <= start < f.end), None)
        updates = {k: entry[k] for k in ("thing", "thing_text", "actor", "unit", "qualifier") if k in entry}
        if "period" in entry:
            updates["period"] = Period(**{**entry["period"], "basis": "curated"})
        if existing is not None:
            out[out.index(existing)] = existing.model_copy(update={**updates, "curated": True})
            continue
        end = start + len(number)
        out.append(Fact(
            id=f"{article.id}:{start}", source_id=article.id, value=mention.value, as_written=number,
            unit=updates.get("unit", mention.unit), thing=updates.get("thing", "unspecified"),
            thing_text=updates.get("thing_text", updates.get("thing", "")), qualifier=updates.get("qualifier", mention.qualifier),
            period=updates.get("period", Period()), actor=updates.get("actor"), keywords=tokenize(quote),
            start=start, end=end, sentence_start=sentence.start if sentence else q_start,
            sentence_end=sentence.end if sentence else q_start + len(quote),
            quote=sentence.text if sentence else quote, curated=True,
        ))
    if problems:
        raise SourceError(problems)
    return out


# --- reading a number in its document -----------------------------------------------------------

_RELATIVE = re.compile(
    r"\b(?P<prev>the\s+(?:previous|prior|preceding)\s+(?:fiscal\s+)?year|the\s+(?:fiscal\s+)?year\s+(?:before|earlier)|"
    r"a\s+year\s+(?:earlier|before)|(?:one|1)\s+year\s+(?:earlier|before))|"
    r"(?P<same>\bthat\s+(?:fiscal\s+)?year|the\s+same\s+(?:fiscal\s+)?year|during\s+the\s+(?:fiscal\s+)?year(?!\s+(?:ended|ending|to)\b)|"
    r"(?<!previous\s)(?<!prior\s)\bthe\s+fiscal\s+year\b(?!\s+(?:before|earlier|ended|ending|to|\d)))|"
    r"(?P<full>\bthe\s+(?:full|whole|entire)\s+(?:fiscal\s+)?year\b)", re.I)
# "the first half of", "the third quarter of", "the first six months of": a part of the year after it
_PART_OF = re.compile(r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|last|final)\s+"
                      r"(?P<part>half|quarter|month|(?P<n>\d{1,2}|[a-z]+)\s+months)\s+of\s+$", re.I)
# "during the year ended December 31, 2019" names its year by its end: not the governing year


def _published(article: Article) -> tuple[int, int | None] | None:
    """The article's date as (year, month), the month when the date gives one."""
    match = re.match(r"(\d{4})(?:-(\d{1,2}))?", article.published or "")
    return (int(match.group(1)), int(match.group(2)) if match.group(2) else None) if match else None


_OF_WHOLE = re.compile(r"^\W*(?:of|out of|among)\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w.$£€-]+\s+){0,2}?$", re.I)


def opening_whole(text: str, mentions: list[Mention]) -> Mention | None:
    """The whole a sentence opens with ("Of the 4,000 requests, ..."), whose parts follow its comma.

    >>> text = "Of the 4,000 requests received, 3,000 were refused."
    >>> opening_whole(text, find_numbers(text)).value
    4000.0
    >>> opening_whole("Agents caught 3,000 people, 200 of them children.", find_numbers("Agents caught 3,000 people, 200 of them children.")) is None
    True
    """
    if not mentions:
        return None
    first = mentions[0]
    comma = text.find(",", first.end)
    if comma < 0 or not _OF_WHOLE.match(text[:first.start]) or any(m.start < comma for m in mentions[1:]):
        return None
    return first


def _own_noun(thing_text: str) -> bool:
    """Whether the words after a figure name a thing of their own ("eligible registrations"),
    not only a generic one ("people", "cases") or none.

    >>> _own_noun("eligible registrations"), _own_noun("people"), _own_noun("")
    (True, False, False)
    """
    words = [w.lower() for w in _WORD.findall(thing_text)]
    return any(len(w) > 2 and w not in _GENERIC and w not in _STOP_AFTER for w in words)


def names_its_noun(text: str, mention: Mention) -> bool:
    """Whether the word right after a figure names what it counts ("3,000 removals")."""
    after = re.match(r"\s*([A-Za-z][\w-]*)", text[mention.end:])
    return bool(after and thing_of(after.group(1)))


def in_year_of(period: Period, anchor: Period | None, published: tuple[int, int | None] | None = None,
               ahead: bool = False) -> Period:
    """A month named without its year ("peaked in May"): the latest such month up to the article's
    date, or, `ahead` (its clause speaks of what is to come), the next one from it; with no
    date, the month in the year that governs its sentence (in fiscal year N, October to December
    are in N - 1).

    >>> in_year_of(Period(kind="month", month=11, year=2019, text="November"), Period(kind="fiscal_year", year=2019)).label()
    'November 2018'
    >>> in_year_of(Period(kind="month", month=5, year=None, text="May"), Period(kind="fiscal_year", year=2019)).label()
    'May 2019'
    >>> in_year_of(Period(kind="month", month=11, year=2020, text="November"), None, (2020, 2)).label()
    'November 2019'
    >>> in_year_of(Period(kind="month", month=4, year=2015, text="April"), Period(kind="month", year=2011, month=3), (2015, None)).label()
    'April 2015'
    >>> in_year_of(Period(kind="month", month=11, year=2020, text="November"), None, (2020, 10), ahead=True).label()
    'November 2020'
    >>> in_year_of(Period(kind="month", month=3, year=2020, text="March"), None, (2020, 10), ahead=True).label()
    'March 2021'
    """
    if period.kind != "month" or re.search(r"\b(?:19|20)\d\d\b", period.text):
        return period
    if published is not None:
        year, month = published
        if ahead:
            return period.model_copy(update={"year": year + 1 if month and period.month and period.month < month else year})
        return period.model_copy(update={"year": year - 1 if month and period.month and period.month > month else year})
    if anchor is None or anchor.year is None:
        return period
    year = anchor.year - 1 if anchor.kind in ("fiscal_year", "split_year") and period.month and period.month >= 10 \
        else anchor.year
    return period.model_copy(update={"year": year})


_FUTURE = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(c) for c in vocab.FUTURE_CUES) + r")(?!\w)", re.I)


def speaks_ahead(text: str, at: int) -> bool:
    """Whether the clause of `text` before position `at` speaks of what is to come ("has promised
    a ceiling if he wins in November", "plans to vote in March"), not of what happened.

    >>> t = "He has promised a ceiling of 135,500 if he wins in November."
    >>> speaks_ahead(t, t.index("November")), speaks_ahead("Arrests peaked in May.", 16)
    (True, False)
    """
    clause = re.split(r"[,;:()]|\s[-–—]\s", text[:at])[-1]
    return _FUTURE.search(clause) is not None


def relative_periods(text: str, anchor: Period | None, stated: list[tuple[int, Period]] = (),
                     fiscal: Period | None = None) -> list[tuple[int, Period]]:
    """ "the previous fiscal year", "a year earlier", "that year", "during the fiscal year",
    resolved against the period named last before it in the sentence (`stated`: the sentence's
    own periods, by position), else the one that governs the sentence (the paragraph's, else the
    lead's); "the prior fiscal year" counts from a fiscal year, so with none before it in the
    sentence and a month or calendar year governing, from `fiscal` (the fiscal year the text
    names, else the article's date).

    >>> [p.label() for _, p in relative_periods("up from 65% the previous fiscal year", Period(kind="fiscal_year", year=2019))]
    ['fiscal year 2018']
    >>> t = "In the prior fiscal year posts issued 2,415 visas, up from 1,980 the year before that."
    >>> [p.label() for _, p in relative_periods(t, Period(kind="year", year=2024, month=3, basis="article"))]
    ['fiscal year 2023', 'fiscal year 2022']
    """
    out: list[tuple[int, Period]] = []
    fiscal_base = fiscal
    for match in _RELATIVE.finditer(text):
        said_fiscal = "fiscal" in match.group(0).lower()
        dateline = _DATELINE.match(text)
        read = dict(stated) | dict(out)  # (a relative period is read as resolved here, not as found)
        # ("the previous fiscal year" counts from a fiscal year or a month of one, never from "since 1998")
        named = [(pos, p) for pos, p in sorted(read.items()) if pos < match.start() and p.year
                 and p.kind not in ("since", "span") and (p.kind in ("fiscal_year", "month") or not said_fiscal)
                 and not is_comparison(text, pos) and not _aside_before(text, pos, match.start())
                 and not (dateline and pos < dateline.end())]  # (the day a story was filed)
        base = named[-1][1] if named else anchor
        if match.group("full") and not named:
            # "for the full year", after figures of its first half: the year the text is about
            base = fiscal_base or base
        elif not named and said_fiscal and fiscal is not None and (base is None or base.kind != "fiscal_year"):
            base = fiscal
        if base is None or base.year is None:
            continue
        fiscal = said_fiscal or base.kind == "fiscal_year"
        # (October to December, as a month or an article's date, are in the next fiscal year)
        now = base.year + 1 if fiscal and base.kind != "fiscal_year" and (base.month or 0) >= 10 else base.year
        year = now - 1 if match.group("prev") else now
        part = _PART_OF.search(text[:match.start()])
        if part:
            # "in the first half of the fiscal year": the months of that part of the year resolved
            groups = {**part.groupdict(), "year": str(year), "fiscal": "fiscal " if fiscal else None}
            out.append((part.start(), part_of_year(groups, part.group(0) + match.group(0))))
            continue
        out.append((match.start(), Period(kind="fiscal_year" if fiscal else "year", year=year, text=match.group(0),
                                          basis="sentence")))
    return out


def respectively(text: str, mentions: list[Mention], periods: list[tuple[int, Period]]) -> dict[int, Period]:
    """ "6,230 and 5,970 for 2022 and 2021, respectively": figures and periods paired in order."""
    word = re.search(r"\brespectively\b", text, re.I)
    if not word:
        return {}
    numbers = [m for m in mentions if m.end <= word.start()]
    first = numbers[0].start if numbers else 0
    named = [p for pos, p in periods if first < pos < word.start() and p.year]
    if len(named) < 2 or len(numbers) < len(named):
        return {}
    return {m.start: p for m, p in zip(numbers[-len(named):], named)}


def list_label(text: str, mention: Mention, mentions: list[Mention]) -> str:
    """The label of a list item "Country (N)": the words before the parenthesis; of a line
    "- Some category: N" or "1. Some country — N": the words before the colon or dash."""
    line = re.match(r"^\s*(?:[-•*–]\s+|\d+[.)]\s+)?([^:\d][^:]{0,80}?)(?::|\s[—–-])\s*$", text[:mention.start])
    if line and not any(m.end <= mention.start for m in mentions if m is not mention):
        return line.group(1).strip()
    if text[mention.start - 1:mention.start] != "(":
        return ""
    earlier = [m.end for m in mentions if m.end <= mention.start - 1]
    left = max(earlier + [0])
    label = text[left:mention.start - 1]
    label = re.split(r"[:;]|,\s+(?:and\s+)?|\s+and\s+|\)\s*", label)[-1]
    # "It was followed by Peru (N)": the label is the name before the parenthesis
    label = re.split(r"\b(?:by|from|of|in|to|was|were|is|are|with|as|came|come)\s+", label)[-1]
    label = re.sub(r"^\s*(?:and|or)\s+", "", label)
    return label.strip(" ,.-–—")


def list_intros(by_paragraph: dict[int, list[Span]]) -> dict[int, list[Span]]:
    """Paragraph -> the sentences of the paragraph that introduces it, for a paragraph of list
    lines set off by a blank line from a paragraph ending in a colon (or from list lines after one).

    >>> para = lambda n, t: Span(source_id="a", start=n, end=n + len(t), text=t, paragraph=n)
    >>> intros = list_intros({0: [para(0, "Rates varied by kind:")], 1: [para(1, "* Peru had 2 percent.")],
    ...                       2: [para(2, "* Kenya had 3 percent.")], 3: [para(3, "Lamu grew.")]})
    >>> {p: [s.text for s in spans] for p, spans in intros.items()}
    {1: ['Rates varied by kind:'], 2: ['Rates varied by kind:']}
    """
    out: dict[int, list[Span]] = {}
    intro: list[Span] = []
    for number in sorted(by_paragraph):
        spans = by_paragraph[number]
        if _LIST_LINE.match(spans[0].text):
            if intro:
                out[number] = intro
            continue
        intro = spans if spans[-1].text.rstrip().endswith(":") else []
    return out


_LIST_LINE = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s")


def lead_in(earlier: list[Span]) -> str:
    """The sentence that introduces a list the current line belongs to ("Highlights for fiscal
    2022:"), found back over the list's earlier lines; empty when the line is not in a list."""
    for line in reversed(earlier):
        text = line.text.rstrip()
        if text.endswith(":"):
            return text
        if text.endswith((".", "!", "?")) and not _LIST_LINE.match(text):
            return ""
    return ""


def dating_periods(text: str, year: int | None, month: int | None = None) -> list[Period]:
    """The periods of sentence `text` that date the sentences after it. In a sentence that states
    no figure, a month or a day dates what follows only when it opens the sentence ("In May,
    ..."); one inside it is when something happened ("paused on March 19", "could not enter in
    October"), not the period the paragraph reports on.

    >>> [p.label() for p in dating_periods("In May, the count peaked.", 2019)]
    ['May 2019']
    >>> [p.label() for p in dating_periods("Fiscal 2020 was hard, and no one could enter in October.", 2020)]
    ['fiscal year 2020']
    """
    states_figures = bool(find_numbers(text))
    out = []
    for found in find_periods(text, year, month):
        period = found.period
        if not period.year or not governs(text, found.start):
            continue
        if period.month and not states_figures and not _OPENS.match(text[:found.start]):
            continue
        out.append(period)
    return out


_OPENS = re.compile(r"^\W*(?:(?:in|during|by|through|for|since|from|on|until|as\s+of|then|and|but|so|late|early)\s+)*(?:the\s+)?$",
                    re.I)


def byline(text: str) -> bool:
    """Whether a line is a byline or a dateline ("By the Peru Lab, policy brief, Feb. 6, 2023"),
    not the lead's first sentence.

    >>> byline("By the Peru Lab, policy brief, Feb. 6, 2023"), byline("By 2023 arrests had doubled.")
    (True, False)
    >>> byline("By the Peru Courier explainer desk."), byline("Updated Nov. 20, 2023.")
    (True, True)
    """
    return bool(re.match(r"^\s*(?:by|from)\s+[A-Z]", text, re.I)) and not text.rstrip().endswith((".", "!", "?")) \
        or bool(re.match(r"^\s*by\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*\s*[,|—–-]", text)) \
        or bool(re.match(r"^\W*(?i:by)\s+(?:(?i:the)\s+)?[A-Z][^.!?]*\.?\s*$", text) and len(text.split()) <= 10) \
        or bool(re.match(r"^\W*(?:updated|posted|published|last updated)\b.{0,40}?\d{4}\W*$", text, re.I))


_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*\([^)]*\)\s*[-–—]\s")


def lead_sentences(article: Article, sentences: list[Span]) -> list[Span]:
    """The article's lead: the sentences of its first paragraph after the headline. A headline the
    body repeats as its first line (a `.txt` article, or a Markdown "# Headline"), a byline and a
    Markdown heading ("## Timeline") are not that paragraph."""
    title = article.title.strip()
    opening = [s for s in sentences if s.source_id == article.id and not byline(s.text)
               and s.text.strip() != title and not s.text.lstrip().startswith("#")
               and not re.fullmatch(r"\s*([*_]{1,2})[^*_]+\1\s*", s.text)]  # "**Bulletin No. 6**" is a heading
    paragraphs: dict[int, list[Span]] = {}
    for s in opening:
        paragraphs.setdefault(s.paragraph, []).append(s)
    # "Section 4. Temporary Protected Status (TPS) assistance": a short paragraph that ends in no
    # sentence's end is a heading
    first = next((p for p, spans in sorted(paragraphs.items())
                  if spans[-1].text.rstrip()[-1:] in ".!?\"”’)" or len(" ".join(t.text for t in spans).split()) > 12),
                 min(paragraphs, default=None))
    return paragraphs.get(first, [])


def _lead_periods(article: Article, sentences: list[Span]) -> list[Period]:
    """Periods the headline and the lead name: they date an article's undated figures."""
    # the dateline's day ("WASHINGTON (Jan. 5, 2021) - ") is when the story was filed, not what it reports on
    first = [_DATELINE.sub("", s.text) for s in lead_sentences(article, sentences)]
    text = article.title + " . " + " ".join(first)
    # a bracketed earlier year ("19.0% (2017/18: 19.0%)") dates only its own figure
    published = _published(article)
    return [p.period for p in find_periods(text, article.year, published[1] if published else None)
            if p.period.year and p.period.kind != "since"
            and not labels_next_figure(text, p.start)][:1]


class Cell(BaseModel):
    model_config = ConfigDict(frozen=True)

    header: str
    label: str
    period: Period | None = None


class TableRow:
    """One row of a plain-text table: cells split on runs of spaces, labelled by the header row."""

    def __init__(self, text: str, cells: list[tuple[int, int]], header: list[str], intro: str = "",
                 above: list[Period] = ()):
        self.text, self.cells, self.header, self.above = text, cells, header, list(above)
        self.label = text[cells[0][0]:cells[0][1]]
        # the prose that introduces the table says what all its cells are about
        self.context = " ".join(header) + " " + self.label + (" " + intro if intro else "")

    def cell(self, mention: Mention) -> Cell | None:
        for column, (a, b) in enumerate(self.cells):
            if a <= mention.number_start < b and 0 < column < len(self.header):
                found = [p.period for p in find_periods(self.label) if p.period.year]
                if found and found[0].kind == "year" and re.search(r"\bfiscal\b", self.header[0], re.I):
                    # a bare year under a "Fiscal year" column is that fiscal year
                    found[0] = found[0].model_copy(update={"kind": "fiscal_year"})
                period = found[0] if found else self._total_period()
                return Cell(header=self.header[column], label=self.label, period=period)
        return None

    def _total_period(self) -> Period | None:
        """A "Total" row under rows of months (or years): the stretch they cover, no one row's."""
        if not _TOTAL_ROW.match(self.label) or not self.above:
            return None
        if all(p.kind == "month" and p.year and p.month for p in self.above):
            first = min(self.above, key=lambda p: (p.year, p.month))
            last = max(self.above, key=lambda p: (p.year, p.month))
            if 0 < (last.year - first.year) * 12 + last.month - first.month < 12:
                return Period(kind="months", year=last.year, month=last.month, first=first.year,
                              first_month=first.month, text=f"{first.text} to {last.text}", basis="sentence")
        return None


_TOTAL_ROW = re.compile(r"^\W*(?:total|totals|all|overall|sum|combined)\b", re.I)
_PIPE_ROW = re.compile(r"\s*\|.*\|\s*$")
_RULE_ROW = re.compile(r"\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")  # "|---|:---:|"


def _cells(text: str) -> list[tuple[int, int]]:
    """Spans of a table line's cells: between the bars of a Markdown row ("| 2021 | 2.9 |", empty
    cells left out), else split on runs of spaces or a tab.

    >>> t = "| 2021 |  | 2.9 |"
    >>> [t[a:b] for a, b in _cells(t)], _cells("|---|---|")
    (['2021', '2.9'], [])
    """
    if _PIPE_ROW.match(text):
        if _RULE_ROW.match(text):
            return []
        out = []
        for m in re.finditer(r"[^|]+", text):
            if m.group(0).strip():
                lead = len(m.group(0)) - len(m.group(0).lstrip())
                out.append((m.start() + lead, m.start() + len(m.group(0).rstrip())))
        return out
    out, pos = [], 0
    for part in re.split(r"(\s{2,}|\t)", text):
        if part.strip() and not re.fullmatch(r"\s{2,}|\t", part):
            out.append((pos, pos + len(part)))
        pos += len(part)
    return out


def table_cells(text: str, earlier: list[Span], paragraph_before: str = "") -> TableRow | None:
    """The row `text` is, when it and a header line above it split into the same columns.
    `paragraph_before` is the text of the paragraph before `earlier`'s: it introduces a table
    that opens its own paragraph; a table inside a paragraph is introduced by the line above it."""
    cells = _cells(text)
    if len(cells) < 2 or text.rstrip()[-1:] in ".!?":
        return None
    for at in range(len(earlier) - 1, -1, -1):
        line = earlier[at]
        if _RULE_ROW.match(line.text):
            continue  # the rule under a Markdown table's header
        head = _cells(line.text)
        if len(head) == len(cells) and not find_numbers(line.text):
            above = earlier[at - 1].text if at else paragraph_before
            intro = above if len(_cells(above)) < 2 or above.rstrip()[-1:] in ".:!?" else ""
            # the periods the rows above this one are labelled with
            rows = [r.text for r in earlier[at + 1:] if not _RULE_ROW.match(r.text) and len(_cells(r.text)) == len(cells)]
            labelled = [[m.period for m in find_periods(r[slice(*_cells(r)[0])]) if m.period.year] for r in rows]
            return TableRow(text, cells, [line.text[a:b] for a, b in head], intro,
                            [p[0] for p in labelled if p] if all(labelled) else [])
        if len(head) != len(cells):
            return None
    return None
