"""Check a claim: every figure in a pasted text against the sources.

The text is read by the same number reader as the articles (`index.facts.extract_article`):
each figure comes with its qualifier, period, agency and the clause that says what it
measures. Each figure becomes the question it answers ("DHS deported more than N people in
2014" -> "DHS deported how many people in 2014"), which the answerer answers with its usual
matching, second check and verification; the claimed figure is then compared with the cited
one under both qualifiers (`bot.verdict`). A percent the sources do not state is computed
from cited operands when the claim names its whole ("N percent of X"). Words that make a
claim of their own are checked too: a direction ("rose", "fell") against the figure for the
year before or the sources' own words, a superlative ("record", "highest") against the
sources' words.

A claim is only "supported" when a verified answer states or computes a figure inside the
claim's range for the same agency; anything uncertain is "not_in_sources" or "ambiguous".
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from bot import compose
from bot.agree import FALL, RISE, states_change
from bot.match import MIN_SCORE
from bot.pipeline import _fact_disagreements, _lookup
from bot.question import names_in, parse
from bot.verify import problems
from bot.answer import Answer, Citation, Highlight, Related
from bot.arithmetic import compute, operand_text
from bot.verdict import Verdict, compare
from index import vocab
from index.facts import Fact, actors_in, extract_article, thing_of
from index.numbers import find_numbers, format_number
from index.sources import Article
from index.split import split_sentences

MAX_CLAIM_CHARS = 4000
ASK = {"count": "how many", "percent": "what percent", "money": "how much", "duration": "how long"}
SUPERLATIVE = re.compile(r"\b(?:record|records|highest|lowest|all-time|most ever|fewest ever|peak|peaked)\b", re.I)
_PHRASAL = {"up", "down", "cut"}
_WORST = ("contradicted", "not_in_sources", "ambiguous", "supported")


class WordCheck(BaseModel):
    """A word that claims something beside the figure: a direction or a superlative."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    word: str
    start: int  # in the checked text
    end: int
    verdict: Verdict
    detail: str
    calculation: str | None = None
    citations: list[Citation] = Field(default_factory=list)


class ClaimCheck(BaseModel):
    """One figure of the checked text, its verdict and the evidence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int  # the figure as written, qualifier included, in the checked text
    end: int
    text: str
    sentence: str
    value: float
    unit: str
    qualifier: str
    question: str  # what the figure claims, asked of the sources
    verdict: Verdict
    approximate: bool = False  # supported only within a qualifier or rounding
    computed: bool = False  # checked against a calculation on cited figures
    detail: str
    stated: str | None = None  # the sources' figure as written, or the calculation's result
    difference: str | None = None
    calculation: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    related: list[Related] = Field(default_factory=list)
    words: list[WordCheck] = Field(default_factory=list)


class CheckReport(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    claims: list[ClaimCheck]
    message: str = ""  # why nothing was checked, when nothing was


def read_claims(text: str) -> list[Fact]:
    """Every figure in `text`, read as an article's figures are (offsets into `text`)."""
    article = Article(id="claim", title="", body=text, path="", sha256="")
    return sorted(extract_article(article, split_sentences(text, "claim")), key=lambda f: f.start)


def check(bot, text: str) -> CheckReport:
    """Check every figure of `text` against `bot`'s sources."""
    text = text if isinstance(text, str) else str(text or "")
    if len(text) > MAX_CLAIM_CHARS:
        return CheckReport(text=text[:200], claims=[], message=(
            f"The text is {len(text):,} characters long; please check at most {MAX_CLAIM_CHARS:,} at a time."))
    if not text.strip():
        return CheckReport(text=text, claims=[], message="Paste a sentence or a paragraph with a figure in it.")
    bot = bot.snapshot()
    facts = read_claims(text)
    if not facts:
        return CheckReport(text=text, claims=[], message="No figure was found in the text to check.")
    return CheckReport(text=text, claims=[check_one(bot, text, f, facts) for f in facts])


def check_one(bot, text: str, claim: Fact, claims: list[Fact]) -> ClaimCheck:
    base = dict(start=claim.start, end=claim.end, text=claim.as_written, sentence=claim.quote, value=claim.value,
                unit=claim.unit, qualifier=claim.qualifier)
    question = implied_question(claim, bot.aliases)
    unknown = [n for n in names_in("So " + question, bot.aliases) if not bot.mentions(n)]
    if unknown:
        return ClaimCheck(**base, question=question, verdict="not_in_sources",
                          detail=f"The sources don't mention {', '.join(unknown)}.")
    answer = bot.ask(question)
    computed = False
    if answer.abstained and claim.actor:
        misattributed = _misattributed(bot, question, claim)
        if misattributed is not None:
            fact, found = misattributed
            return ClaimCheck(**base, question=question, verdict="contradicted", stated=fact.as_written,
                              citations=found.citations, detail=_other_actor(claim, fact, bot.aliases))
    if answer.abstained and claim.unit == "percent":
        share = share_question(claim)
        if share:
            derived = bot.ask(share)
            if not derived.abstained and derived.kind == "derived":
                question, answer, computed = share, derived, True
    if answer.abstained or answer.kind not in ("fact", "derived") or answer.value is None:
        verdict = "ambiguous" if answer.reason == "ambiguous" else "not_in_sources"
        detail = ("The sources could mean more than one figure here; none is taken as evidence."
                  if verdict == "ambiguous" else
                  "Nothing in the sources measures this; the passages below are related, not evidence.")
        return ClaimCheck(**base, question=question, verdict=verdict, detail=detail, related=answer.related)
    stated_fact = _cited_fact(bot, answer) if answer.kind == "fact" else None
    if answer.kind == "fact" and stated_fact is None:
        return ClaimCheck(**base, question=question, verdict="not_in_sources", related=answer.related,
                          detail="The figure found could not be traced to one cited figure.")
    if stated_fact is not None:
        stated_text, stated_q = stated_fact.as_written, stated_fact.qualifier
    else:
        stated_text, stated_q = _result_text(answer), "exact"
    computed = computed or answer.kind == "derived"
    evidence = dict(question=question, citations=answer.citations, calculation=answer.calculation, computed=computed,
                    stated=stated_text)
    wrong_actor = _other_actor(claim, stated_fact, bot.aliases)
    if wrong_actor:
        return ClaimCheck(**base, **evidence, verdict="contradicted", detail=wrong_actor)
    if claim.unit != (stated_fact.unit if stated_fact else answer.unit or claim.unit):
        return ClaimCheck(**base, **evidence, verdict="ambiguous",
                          detail="The figure found is in another unit than the claim's.")
    result = compare(claim.value, claim.as_written, claim.qualifier, answer.value, stated_text, stated_q, claim.unit)
    if result.verdict != "supported" and stated_fact is not None:
        # the sources may state the same measure twice ("over N" and the exact figure): the
        # claim is supported by one that matches as well and is the same thing, agency and year
        other = _same_measure_supporting(bot, question, claim, stated_fact)
        if other is not None:
            stated_fact, answer = other
            stated_text, stated_q = stated_fact.as_written, stated_fact.qualifier
            evidence.update(citations=answer.citations, stated=stated_text)
            result = compare(claim.value, claim.as_written, claim.qualifier, stated_fact.value, stated_text, stated_q,
                             claim.unit)
    detail = _detail(result.verdict, result.approximate, stated_text, computed)
    words = _word_checks(bot, text, claim, claims, stated_fact) if result.verdict == "supported" else []
    verdict = _combined(result.verdict, words)
    if verdict != result.verdict:
        detail += " " + next(w.detail for w in words if w.verdict == verdict)
    return ClaimCheck(**base, **evidence, verdict=verdict, approximate=result.approximate and verdict == "supported",
                      detail=detail, difference=result.difference, words=words)


def _misattributed(bot, question: str, claim: Fact) -> tuple[Fact, Answer] | None:
    """The claimed figure, stated by the sources for another agency than the claim names."""
    names = [n for n, a in bot.aliases.items() if a == claim.actor]
    for name in sorted(names, key=len, reverse=True):
        question = re.sub(rf"(?<!\w){re.escape(name)}(?:['’]s)?(?!\w)", " ", question)
    question = re.sub(r"^\W+|\s+(?=\s)", "", question)
    answer = bot.ask(question)
    fact = _cited_fact(bot, answer) if not answer.abstained and answer.kind == "fact" else None
    if fact is None or not _other_actor(claim, fact, bot.aliases):
        return None
    if compare(claim.value, claim.as_written, claim.qualifier, fact.value, fact.as_written, fact.qualifier,
               claim.unit).verdict != "supported":
        return None
    return fact, answer


def _same_measure_supporting(bot, question: str, claim: Fact, stated: Fact) -> tuple[Fact, Answer] | None:
    """Another figure the answerer's matching accepts for the question, of exactly the stated
    figure's thing, agency and year, that supports the claim; with its verified answer."""
    query = parse(question, bot.aliases)
    ranks = {(h.span.source_id, h.span.start): h.rank for h in bot.search(question, k=10)}
    for scored in _lookup(bot, query, ranks, None, unit=claim.unit)[:5]:
        fact = scored.fact
        if fact.id == stated.id or scored.score < MIN_SCORE:
            continue
        if (fact.thing, fact.actor, fact.period.year) != (stated.thing, stated.actor, stated.period.year) or \
                fact.thing in ("unspecified", "people"):
            continue
        if compare(claim.value, claim.as_written, claim.qualifier, fact.value, fact.as_written, fact.qualifier,
                   claim.unit).verdict != "supported":
            continue
        if _fact_disagreements(bot, query, fact, None) or _other_actor(claim, fact, bot.aliases):
            continue
        answer = compose.fact_answer(question, question, fact, bot.articles, scored.notes, [])
        if problems(answer, bot.articles, compose.period_labels([fact]), [fact]):
            continue
        return fact, answer
    return None


def implied_question(claim: Fact, aliases: dict[str, str]) -> str:
    """The question a figure answers: its clause with the figure asked for, with the agency and
    period it takes from the rest of its sentence.

    >>> f = read_claims("In 2014 the agency carried out 1,234 removals, and 56 returns.")[1]
    >>> implied_question(f, {})
    'how many returns in 2014'
    """
    clause = claim.clause or claim.quote
    at = clause.find(claim.as_written)
    if at < 0:
        clause, at = claim.quote, claim.start - claim.sentence_start
    asked = re.sub(r"\b(?:a|an|the)\s+$", "", clause[:at]) + ASK.get(claim.unit, "how many") + clause[at + len(claim.as_written):]
    if not states_change(claim):
        # a direction or a superlative is checked on its own; the figure is asked as a level
        asked = _drop_claim_words(asked)
    asked = asked.strip().rstrip(".!?;:,").strip()
    if claim.actor and not any(a == claim.actor for _, a in actors_in(asked, aliases)):
        name = next((n for n in sorted(aliases, key=len, reverse=True)
                     if aliases[n] == claim.actor and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", claim.quote)), None)
        if name and name.split()[-1] not in asked:
            asked = f"{name}: {asked}"
    period = claim.period
    if period.year and str(period.year) not in asked and (period.text or str(period.year)) not in asked:
        asked += f" in {period.text or period.year}" if period.text else f" in {period.year}"
    return asked


def share_question(claim: Fact) -> str | None:
    """The share a percent claims, asked as a calculation: "A made up N percent of B in 2014"
    -> "What share of B in 2014 were A"; None when the claim names no whole."""
    clause = claim.clause or claim.quote
    at = clause.find(claim.as_written)
    if at < 0:
        return None
    of = re.match(r"\s+of\s+(?:the\s+|all\s+)?(?P<whole>[^,;]+)", clause[at + len(claim.as_written):])
    part = clause[:at].strip(" ,")
    if not of or not re.search(r"[A-Za-z]", part):
        return None
    whole = of.group("whole").strip().rstrip(".!?")
    stop = re.search(r"\b(?:" + "|".join(vocab.SHARE_VERBS) + "|" + "|".join(sorted(vocab.STOPWORDS)) + r")\b", part, re.I)
    part = part[:stop.start()].strip() if stop and stop.start() > 0 else part
    period = claim.period
    if period.year and str(period.year) not in whole + part:
        whole += f" in {period.text or period.year}"
    return f"What share of {whole} were {SUPERLATIVE.sub(' ', part).strip()}?"


def _drop_claim_words(text: str) -> str:
    for pattern in (SUPERLATIVE, FALL, RISE):
        text = pattern.sub(" ", text)
    return re.sub(r"\s+", " ", re.sub(r"\b(?:a|an)\s+(?=(?:a|an)\b)", "", text))


def _cited_fact(bot, answer: Answer) -> Fact | None:
    """The fact a lookup answer states: the first highlighted figure of its first citation."""
    if not answer.citations or not answer.citations[0].highlights:
        return None
    c, mark = answer.citations[0], answer.citations[0].highlights[0]
    # a fact's citation starts at its sentence
    return next((f for f in bot.facts_at(c.source_id, c.start) if f.start == mark.start and f.end == mark.end), None)


def _result_text(answer: Answer) -> str:
    value = answer.value
    return f"{value:.1f}%" if answer.unit == "percent" else format_number(value)


def _other_actor(claim: Fact, stated: Fact | None, aliases: dict[str, str]) -> str:
    """Why the figure belongs to another agency than the claim names; empty when it does not."""
    if stated is None or not claim.actor:
        return ""
    actor = stated.actor or stated.context_actor
    if actor is None or actor == claim.actor:
        return ""
    if vocab.ACTOR_PARENTS.get(actor) == claim.actor or vocab.ACTOR_PARENTS.get(claim.actor) == actor:
        return ""
    return f"The sources give {stated.as_written} for {actor}, not {claim.actor}."


def _detail(verdict: str, approximate: bool, stated: str, computed: bool) -> str:
    source = f"the calculation on cited figures gives {stated}" if computed else f"the sources state {stated}"
    if verdict == "supported":
        return f"Supported{' approximately' if approximate else ''}: {source}."
    if verdict == "contradicted":
        return f"Contradicted: {source} for the same measure, period and agency."
    return f"Undecided: {source}, which neither confirms nor rules out the claim's figure."


def _combined(verdict: str, words: list[WordCheck]) -> str:
    return min([verdict, *(w.verdict for w in words)], key=_WORST.index)


# ---- words that claim something beside the figure ---------------------------------------------

def _word_checks(bot, text: str, claim: Fact, claims: list[Fact], stated: Fact | None) -> list[WordCheck]:
    """The direction and superlative words of the claim's sentence that belong to this figure
    (the sentence's figure nearest to them), each checked."""
    out = []
    sentence = [c for c in claims if c.sentence_start == claim.sentence_start]
    spans = [(c.start, c.end) for c in sentence]
    body = text[claim.sentence_start:claim.sentence_end]
    for pattern, check_word in ((SUPERLATIVE, _check_superlative), (FALL, _check_direction), (RISE, _check_direction)):
        for match in pattern.finditer(body):
            if match.group(0).lower() in _PHRASAL:
                continue  # "made up", "broken down": not a direction on their own
            start, end = claim.sentence_start + match.start(), claim.sentence_start + match.end()
            if any(a <= start < b for a, b in spans):
                continue  # part of a figure as written ("more than N")
            nearest = min(sentence, key=lambda c: min(abs(c.start - end), abs(start - c.end)))
            if nearest.id != claim.id or (pattern is not SUPERLATIVE and states_change(claim)):
                continue
            out.append(check_word(bot, match.group(0), start, end, claim, stated, -1 if pattern is FALL else 1))
    return out


def _check_superlative(bot, word: str, start: int, end: int, claim: Fact, stated: Fact | None, _sign) -> WordCheck:
    base = dict(word=word, start=start, end=end)
    for fact in [stated] if stated else []:
        if SUPERLATIVE.search(fact.quote):
            return WordCheck(**base, verdict="supported", citations=[_passage(bot, fact.source_id, fact.sentence_start,
                                                                               fact.sentence_end, fact.quote, SUPERLATIVE)],
                             detail=f"The cited sentence calls it so too.")
    return WordCheck(**base, verdict="not_in_sources",
                     detail=f"The sources do not say '{word}' of this figure.")


def _check_direction(bot, word: str, start: int, end: int, claim: Fact, stated: Fact | None, sign: int) -> WordCheck:
    base = dict(word=word, start=start, end=end)
    said = "a rise" if sign > 0 else "a fall"
    if stated is not None and stated.period.year:
        earlier = _earlier_figure(bot, claim, stated)
        if earlier is not None and earlier[0].source_id != stated.source_id:
            # another article's figure for the year before may measure something else under
            # similar words: a direction is judged within the stated figure's own article
            earlier = None
        if earlier is not None:
            before, before_answer = earlier
            result = compute("change", before.value, stated.value, operand_text(before), operand_text(stated))
            citations = _renumber([*before_answer.citations, *_fact_citation(bot, stated)])
            if result.value == 0:
                return WordCheck(**base, verdict="contradicted", calculation=result.shown, citations=citations,
                                 detail=f"'{word}' says {said}; the figure did not change.")
            verdict = "supported" if (result.value > 0) == (sign > 0) else "contradicted"
            return WordCheck(**base, verdict=verdict, calculation=result.shown, citations=citations,
                             detail=f"'{word}' says {said}; the figure went from {before.as_written} "
                                    f"({before.period.label()}) to {stated.as_written} ({stated.period.label()}).")
        said_so = _sources_direction(bot, claim, stated)
        if said_so is not None:
            span, their = said_so
            verdict = "supported" if their == sign else "contradicted"
            return WordCheck(**base, verdict=verdict, citations=[span],
                             detail=f"'{word}' says {said}; the sources speak of "
                                    f"{'a rise' if their > 0 else 'a fall'} for {stated.period.label()}.")
    return WordCheck(**base, verdict="not_in_sources",
                     detail=f"The sources do not say whether this figure rose or fell.")


def _earlier_figure(bot, claim: Fact, stated: Fact) -> tuple[Fact, Answer] | None:
    """The same measure for the year before, when the sources state it."""
    year = stated.period.year
    question = implied_question(claim, bot.aliases)
    if str(year) in question:
        question = question.replace(str(year), str(year - 1))
    else:
        question += f" in {year - 1}"
    answer = bot.ask(question)
    if answer.abstained or answer.kind != "fact":
        return None
    before = _cited_fact(bot, answer)
    if before is None or before.unit != stated.unit or before.period.year != year - 1 or before.thing != stated.thing:
        return None
    return before, answer


def _sources_direction(bot, claim: Fact, stated: Fact) -> tuple[Citation, int] | None:
    """A sentence of the stated figure's article that says which way the same thing went in
    the same year ("fewer ... deported in 2014"), and which way."""
    year = str(stated.period.year)
    sentences = [s for s in bot.corpus.sentences if s.source_id == stated.source_id]
    own = next((i for i, s in enumerate(sentences) if s.start == stated.sentence_start), None)
    beside = sentences[own:own + 2] if own is not None else []
    beside = [s for s in beside if s.paragraph == sentences[own].paragraph]
    for sentence in beside + sentences:
        if sentence not in beside and (year not in sentence.text or not any(
                thing_of(w) in (stated.thing, claim.thing) for w in re.findall(r"[A-Za-z]+", sentence.text))):
            continue
        plain = sentence.text
        for m in find_numbers(plain):
            plain = plain[:m.start] + " " * (m.end - m.start) + plain[m.end:]
        fall, rise = bool(FALL.search(plain)), bool(RISE.search(plain))
        if fall != rise:
            pattern = FALL if fall else RISE
            return _passage(bot, sentence.source_id, sentence.start, sentence.end, sentence.text, pattern), (-1 if fall else 1)
    return None


def _passage(bot, source_id: str, start: int, end: int, quote: str, pattern: re.Pattern, n: int = 1) -> Citation:
    """A citation of a sentence with the claim's word in it marked."""
    mark = pattern.search(quote)
    highlights = [Highlight(start=start + mark.start(), end=start + mark.end())] if mark else []
    return Citation(n=n, source_id=source_id, title=bot.articles[source_id].title, start=start, end=end,
                    quote=bot.articles[source_id].body[start:end], highlights=highlights)


def _fact_citation(bot, fact: Fact) -> list[Citation]:
    return [Citation(n=1, source_id=fact.source_id, title=bot.articles[fact.source_id].title,
                     start=fact.sentence_start, end=fact.sentence_end,
                     quote=bot.articles[fact.source_id].body[fact.sentence_start:fact.sentence_end],
                     highlights=[Highlight(start=fact.start, end=fact.end)])]


def _renumber(citations: list[Citation]) -> list[Citation]:
    """One citation per sentence, numbered in order, highlights merged."""
    out: list[Citation] = []
    for c in citations:
        same = next((i for i, o in enumerate(out) if (o.source_id, o.start, o.end) == (c.source_id, c.start, c.end)), None)
        if same is None:
            out.append(c.model_copy(update={"n": len(out) + 1}))
        else:
            marks = out[same].highlights + [h for h in c.highlights if h not in out[same].highlights]
            out[same] = out[same].model_copy(update={"highlights": marks})
    return out
