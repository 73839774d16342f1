"""The fact table: every numeric mention in every article, with what it counts, when, by whom,
and the exact span it came from.

Extraction is general: the counted thing is read from the words around the number, the
period from the nearest period expression (clause, sentence, paragraph, then article date),
the actor from the nearest agency name. Curated corrections in `sources/facts.yaml` may relabel
a fact or add one; each must quote its article verbatim.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from index import vocab
from index.numbers import Mention, find_numbers
from index.periods import Period, find_periods
from index.text import tokenize
from index.sources import Article, SourceError
from index.split import Span

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CLAUSE_BREAK = re.compile(r"[;:()“”\"]| -- | – | — |, (?:and |but |while |with |when |who )?|\band\b|\bwhile\b")
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

    @property
    def approximate(self) -> bool:
        return self.qualifier != "exact"


def thing_of(word: str) -> str | None:
    """The canonical thing a single word names ("removed" -> "removals"), if any."""
    w = word.lower().strip("'’")
    for thing, words in vocab.THINGS.items():
        if thing == "people":
            continue
        if w in words or w == thing or (w.endswith("s") and w[:-1] in words):
            return thing
    return None


def actors_in(text: str, aliases: dict[str, str]) -> list[tuple[int, str]]:
    """(position, canonical actor) for each agency name in `text`, longest names first."""
    found, taken = [], []
    names = sorted(aliases, key=len, reverse=True)
    for name in names:
        flags = 0 if name.isupper() else re.I
        for match in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text, flags):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.start(), aliases[name]))
    return sorted(found)


def actor_aliases(body: str) -> dict[str, str]:
    """Vocabulary actors plus acronyms an article defines: "Long Name (LN)"."""
    aliases = {name: actor for actor, names in vocab.ACTORS.items() for name in names}
    for match in re.finditer(r"((?:[A-Z][\w.&'-]*\s+(?:(?:of|for|and|the)\s+)*){1,8})\((?P<abbr>[A-Z]{2,6})\)", body):
        abbr = match.group("abbr")
        known = next((aliases[n] for n in sorted(aliases, key=len, reverse=True) if n in match.group(1)), None)
        aliases.setdefault(abbr, known or abbr)
        if not known:
            aliases.setdefault(match.group(1).strip(), abbr)
    return aliases


def _clause(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[int, int]:
    """The stretch of `text` that belongs to the number at [start, end): up to the neighbouring
    numbers and clause breaks."""
    left = max([m.end for m in mentions if m.end <= start] + [0])
    right = min([m.start for m in mentions if m.start >= end] + [len(text)])
    for brk in _CLAUSE_BREAK.finditer(text, left, start):
        left = brk.end()
    after_breaks = [b.start() for b in _CLAUSE_BREAK.finditer(text, end, right) if b.start() > end]
    # a clause break right after the number's own noun phrase ends it, unless nothing came before
    if after_breaks:
        right = min(right, after_breaks[0] if after_breaks[0] - end > 1 else right)
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
    if thing is None and change:
        # "The rate at which police hold ... has fallen by 30 percent": the subject changed
        thing = next((t for w in _WORD.findall(text[: change.start()]) if (t := thing_of(w))), None)
    predicate = _predicate_thing(text, mention.end, noun_words)
    if predicate and predicate != thing:
        # "1,200 people deported, were convicted ..." counts the convicted among the deported
        thing = predicate
    if thing is None:
        # a verb after ("were apprehended", "deported") or before ("deported nearly 700,000")
        for word, _ in after_words[:7]:
            if thing_of(word):
                thing = thing_of(word)
                break
    if thing is None:
        for word, _ in reversed(before_words[-6:]):
            if thing_of(word):
                thing = thing_of(word)
                break
    if thing is None:
        for word, _ in list(reversed(before_words)) + after_words:
            if thing_of(word):
                thing = thing_of(word)
                break
    if thing is None:
        # the nearest thing word anywhere in the sentence ("Deportation Record -- Almost 700,000")
        near = [(abs(m.start() - mention.start), thing_of(m.group(0))) for m in _WORD.finditer(text) if thing_of(m.group(0))]
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
    for sentence in sentences:
        if sentence.duplicate_of is not None:
            continue
        text = sentence.text
        mentions = find_numbers(text)
        if not mentions:
            continue
        periods = [(p.start, p.period) for p in find_periods(text, article.year) if p.period.kind != "unknown"]
        paragraph_text = " ".join(s.text for s in by_paragraph[sentence.paragraph] if s.start < sentence.start)
        paragraph_periods = [p.period for p in find_periods(paragraph_text, article.year) if p.period.year]
        actors = actors_in(text, aliases)
        paragraph_actors = actors_in(paragraph_text, aliases)
        for mention in mentions:
            thing, thing_text, keywords = describe(text, mention, mentions)
            if thing == "unspecified" and sentence.paragraph in last_thing:
                # "the figure ... stood at 9,000" refers back to the paragraph's earlier figure
                thing = last_thing[sentence.paragraph]
                keywords = sorted(set(keywords) | {thing})
            if mention.unit == "count":
                last_thing[sentence.paragraph] = thing
            period = _period_for(mention, _clause(text, mention.start, mention.end, mentions)[1], periods, paragraph_periods, article)
            agent = re.search(r"^[^.;]*?\bby\s+", text[mention.end:])
            after_by = [a for p, a in actors if agent and p == mention.end + agent.end()]
            # "refused ... by local and state police": the agent after "by" did it
            actor = after_by[0] if after_by else _nearest([(p, a) for p, a in actors], mention.start)
            if actor is None and paragraph_actors:
                actor = paragraph_actors[-1][1]
            start = sentence.start + mention.start
            end = sentence.start + mention.end
            facts.append(
                Fact(
                    id=f"{article.id}:{start}",
                    source_id=article.id,
                    value=mention.value,
                    as_written=article.body[start:end],
                    unit=mention.unit,
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
                )
            )
    return facts


def _period_for(mention: Mention, clause_end: int, periods: list, paragraph_periods: list[Period],
                article: Article) -> Period:
    # a period after the number within its clause ("1,234 requests were refused in 2015"),
    # else the last one before it in the sentence ("peaked in March 2015, when ... 9,500")
    after = [p for pos, p in periods if mention.end <= pos < clause_end]
    if after:
        return after[0]
    before = [p for pos, p in periods if pos < mention.start]
    if before:
        return before[-1]
    if paragraph_periods:
        return paragraph_periods[-1].model_copy(update={"basis": "paragraph"})
    if article.year:
        return Period(kind="year", year=article.year, text=article.published or "", basis="article")
    return Period()


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
