"""Question in, verified Answer out: resolve -> decide the kind -> find facts -> compose -> verify."""

from __future__ import annotations

import logging
import re
import unicodedata

from bot import agree, complement, compose, moves, names, nouns, passages, sides
from bot.answer import Answer
from bot.arithmetic import Result, compute, operand_text
from bot.conversation import State, resolve, resolved_text
from bot.coverage import COVERED, SAME_MEANING, Asked, asked_words, contrasted
from bot.match import MIN_SCORE, Need, Scored, actor_matches, conflicts_with, list_item, order, rank
from bot.question import Query, parse
from bot.verify import problems
from index import vocab
from index.facts import Fact, thing_of
from index.numbers import format_number
from index.periods import compatible, differs_in_type, without_periods
from index.search import Hit
from index.stems import stem, stems
from index.text import tokenize

log = logging.getLogger("bot")

MAX_QUESTION_CHARS = 2000
MIN_PASSAGE_SIMILARITY = 0.35
TIE_MARGIN = 0.25
NEAR_TIE = 0.05  # how close two figures may score for the one saying less the question does not ask to come first
MEANING_GAP = 0.25  # a sibling figure whose words fit the question this much better makes the choice a guess
MEANING_OVERRULES = 1.0  # ... unless the best figure leads by this much
LABELLED_COVERAGE = 0.5  # below this, a labelled figure must account for each counted thing the question names
DERIVED = ("share", "difference", "change", "sum", "ratio")
EXACT_COVERAGE = 0.7  # how fully an exact figure accounts for the sentence of the rounded one it replaces, by more than
# the headline and lead every figure of the article shares (0.6)
PAIR_COVERAGE = 0.75  # how fully each figure of a comparison across periods accounts for the question
# a figure answers by meaning alone when its sentence accounts for nearly every word of the
# question (a word in the sentence counts 0.85, a near synonym less)
SURE_COVERAGE = 0.8
_OPERATION = vocab.OPERATION_WORDS | {stem(w) for w in vocab.OPERATION_WORDS}
_DIRECTION_WORDS = {form for w in vocab.RISE_WORDS + vocab.FALL_WORDS for form in (w, stem(w))}
_RATE_PHRASE = re.compile(r"\brates?\b|\b(?:per|for every|out of every)\s+(?:\d[\d,]*|one|a|each)?\s*(?:hundred|thousand|million)?"
                          r"\s*(?:residents?|inhabitants?|people|persons?|population)?\b", re.I)
_SHARE_WORDS = {"share", "percent", "percentage", "proportion", "fraction", "part", "rate"}


def clean(question: str) -> str:
    """Drop control, format (zero-width, bidi) and unpaired surrogate characters; collapse spaces."""
    kept = []
    for ch in question:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs") and ch not in "\n\t":
            continue
        kept.append(ch)
    return " ".join("".join(kept).split())


def answer_question(bot, question, state: State) -> tuple[Answer, State]:
    question = question if isinstance(question, str) else str(question or "")
    try:
        answer, new_state = _answer(bot, question, state)
    except Exception:  # an answer is always returned; the failure is logged for maintainers
        log.exception("answering failed for %r", question[:200])
        safe_q = question.encode("utf-8", "replace").decode("utf-8")
        return compose.abstain(safe_q, safe_q, "unverified", [], bot.articles), state
    return answer, new_state


def _answer(bot, raw: str, state: State) -> tuple[Answer, State]:
    question = raw.encode("utf-8", "replace").decode("utf-8")
    if len(question) > MAX_QUESTION_CHARS:
        return compose.abstain(question[:200], "", "invalid_input", [], bot.articles,
                               "The question is too long; the limit is two thousand characters."), state
    text = _spelled_out(bot, bot.recased(bot.respelled(clean(question))))
    if not re.search(r"[^\W\d_]", text):
        return compose.abstain(question, text, "invalid_input", [], bot.articles), state
    query = parse(text, bot.aliases)
    if _IDENTIFIER_ASKED.search(text):
        # "what was the flight number of the Jan. 9 charter?": a number that names, which no count
        # of the articles answers
        return compose.abstain(question, text, "not_found", bot.search(text, k=3), bot.articles,
                               "The question asks for a number that names something, and the articles' "
                               "figures count or measure."), _keep(state, query)
    bare = not query.things and not query.periods
    if bare and query.kind == "text" and query.unit == "percent" and state.facts and _rate_of_last(bot, query, state.facts[0]):
        # "so what was the selection rate?" right after "how many of them got selected?": the
        # share the last figure is of its whole, as "what share is that?" asks
        query = query.model_copy(update={"kind": "share", "pronoun": True})
    of_those = _share_of_those(bot, question, text, query, state)
    if of_those is not None:
        return of_those
    query, followup = resolve(query, state)
    loose = next((p for p in query.periods if p.kind in ("offset", "month_offset", "part")), None)
    if loose is not None:
        how = "is part of" if loose.kind == "part" else "counts from"
        return compose.abstain(question, text, "ambiguous", [], bot.articles,
                               f"\"{loose.text}\" {how} a year the question doesn't name; please name the year."), _keep(state, query)
    if followup and bare and query.kind in ("difference", "sum", "ratio", "change") and len(state.recent) >= 2 \
            and _about_recent(bot, text, state):
        # "what's the difference?" / "the total of those two": the last two figures stated
        return _combine_recent(bot, question, query, state)
    near = state.facts[0] if followup and state.facts and (query.pronoun or query.kind == "share") else None
    resolved = resolved_text(query, state, near) if followup else text
    hits = bot.search(resolved, k=10)
    ranks = {(h.span.source_id, h.span.start): h.rank for h in hits}

    # so is a word of what it counts that nothing in the articles is like ("how many giraffes ...")
    unknown = [n for n in query.names if not bot.mentions(n)] + _unheard(bot, text)
    if (query.kind != "text" or query.unit is not None) and query.wh not in ("why", "who", "when", "where"):
        # "how long did the port's dredging last?": a noun after a determiner that nothing in the
        # articles is like names what the figure is of; dropping it would answer for the port
        unknown += [w for w in _determined(bot, text) if w not in unknown]
    if unknown:
        return compose.abstain(question, resolved, "not_found", hits[:3], bot.articles,
                               f"They don't mention {', '.join(unknown)}."), _keep(state, query)

    # (and "how long did it last?" asks a time a figure may state, or words may)
    if query.kind == "text" and (query.wh in ("what", None) or (query.wh == "how" and query.unit == "duration")) \
            and passages.answer_type(text) is None \
            and passages.defined_term(text) is None:
        # "what was the backlog when FY2018 closed?" asks for a figure when one fits the question well
        # ("on what date" asks for words; a noun typed only by its meaning may still ask for a figure)
        ranked = _lookup(bot, query, ranks, near, unit=query.unit)
        quoted = sides.stated_values(query.text)
        ranked = [s for s in ranked if s.fact.value not in quoted]  # "per 100,000" is no answer
        if query.unit is None and not _SHARE_WORDS & {w.lower() for w in re.findall(r"[A-Za-z]+", text)}:
            # "what was the ferry cap?" names no rate or share: "N percent of it" is a share of the
            # cap, not the cap ("12% equity ownership" is still the ownership)
            ranked = [s for s in ranked if not _share_of(s.fact)]
        if ranked and ranked[0].score >= MIN_SCORE + 0.5:
            return _fact(bot, question, resolved, ranked, query, state, near, hits)
        # "what is the proposed new fee?" of "raising the fee from A to B": the end its words ask
        # for; "what was the X count for fiscal 2018?": one figure of that period whose sentence
        # accounts for nearly every word of the question is the figure asked for
        # ("how long did the shutdown last?": the one time stated of it, the kind of number narrowing
        # the figures as a period would)
        sure = _sure_end(bot, query, ranked) or (_one_sure(ranked) if query.period is not None or query.unit == "duration"
                                                 else None)
        if sure:
            return _fact(bot, question, resolved, sure, query, state, near, hits)
    if query.kind == "text" and query.unit not in (None, "duration") and passages.answer_type(text) is None \
            and passages.defined_term(text) is None:
        # "what was the denial rate for Peruvians?" asks for a number no figure gives: a passage
        # with other numbers in it would read as the answer ("how long must they wait?" may be
        # answered in words: "three years")
        return _abstain_missing(bot, question, resolved, query, ranks, hits, state, query.unit)
    if query.kind == "text":
        return _verified(bot, _passage(bot, question, resolved, query, hits), state, query, [])

    if query.kind in ("share", "change"):
        direct = _lookup(bot, query, ranks, near, unit="percent")
        of_last = near is not None and not query.things[1:]  # "what share is that?" computes from the last figure
        told = _stated_share(bot, near) if of_last and query.kind == "share" else None
        if told is not None:
            # "Kenya with 237, or 11% of the total": the share the sentence states of that figure
            return _fact(bot, question, resolved, [Scored(fact=told, score=MIN_SCORE + 1.0)], query, state, near, hits)
        if not of_last and direct and direct[0].score >= MIN_SCORE + 1.0 and _covers_keywords(direct[0].fact, query):
            return _fact(bot, question, resolved, direct, query, state, near, hits)
        # a follow-up that says what it asks for ("and what percent of claims were denied that
        # year?") may be answered by a stated percent, like a question of its own
        stated = _one_sure(direct) if query.kind == "share" else None
        if stated:
            # one stated percent accounts for the question by meaning: it, not a calculation
            return _fact(bot, question, resolved, stated, query, state, near, hits)
    if query.kind in ("change", "difference") and not _two_figures(query, near):
        moved = _move(bot, query, ranks, near)
        if moved is not None:
            # "how much would the fee increase?" of "raising the fee from A to B": B - A
            return _derived_from(bot, question, resolved, query, *moved, hits, state)
        # "how far has X dropped since 2013?" asks for a change the sources state, not a calculation
        return _numeric(bot, question, resolved, query.model_copy(update={"unit": "percent" if query.unit == "percent" else None}), ranks, hits, state, near)
    if query.kind in DERIVED:
        return _derived(bot, question, resolved, query, ranks, hits, state, near)
    return _numeric(bot, question, resolved, query, ranks, hits, state, near)


# "what share of those ended in a grant?": the last figure is the whole, and the rest of the
# question says which part of it is asked for
_SHARE_OF_THOSE = re.compile(r"\b(?:what|which)\s+(?:share|percent(?:age)?|proportion|fraction|part)\s+of\s+"
                             r"(?:those|them|these)\s+(?P<part>[A-Za-z].*)$", re.I)


def _share_of_those(bot, question: str, text: str, query: Query, state: State) -> tuple[Answer, State] | None:
    """ "What share of those ended in a grant of asylum?" after a figure: the part is what "how
    many of those ended in a grant of asylum?" answers, with all its checks, and the whole is the
    figure it is a part of; the share is computed on the two. None when the part is not found as
    a part of the last figure (the question is then read as any other)."""
    match = _SHARE_OF_THOSE.search(text)
    if match is None or query.kind != "share" or not state.facts or not sides.names_something(match.group("part")):
        return None
    counted, counted_state = _answer(bot, f"How many of those {match.group('part')}", state)
    part, whole = (counted_state.facts[0] if counted_state.facts else None), counted_state.parent
    if counted.abstained or counted_state.kind != "fact" or part is None or whole is None or part.id == whole.id \
            or whole.id != state.facts[0].id or part.unit != whole.unit:
        return None
    query, _ = resolve(query, state)
    resolved = f"What share of {whole.as_written} is {part.as_written}?"
    return _derived_from(bot, question, resolved, query, part, whole, bot.search(resolved, k=10), state)


_IDENTIFIER_ASKED = re.compile(r"\b(?:" + "|".join(vocab.IDENTIFIED_THINGS) + r")\s+(?:number|no\.|#)", re.I)
_INITIALISM = re.compile(r"(?<![\w.])[A-Z]{2,6}s?(?![\w.])")


def _spelled_out(bot, text: str) -> str:
    """The question with each initialism the articles never write replaced by the one name they
    spell out for it ("the DEA" read as "the Drug Enforcement Administration"), so that every word
    of the name must be accounted for, as if the question had written it."""
    return _INITIALISM.sub(lambda m: bot.spelled_out(m.group(0)) or m.group(0), text)


def topic_words(query: Query, aliases: dict[str, str]) -> list[str]:
    """The question's words that say what is counted: not its period, agency or generic words."""
    drop = set(vocab.TOPIC_NEUTRAL)
    for period in query.periods:
        drop.update(tokenize(period.text))
    for name, actor in aliases.items():
        if actor in query.actors:
            drop.update(tokenize(name))
    return [k for k in query.keywords if k not in drop]


def _combine_recent(bot, question: str, query: Query, state: State) -> tuple[Answer, State]:
    a, b = state.recent[-2], state.recent[-1]
    resolved = f"{query.kind.capitalize()} of {a.as_written} and {b.as_written}"
    if a.unit != b.unit:
        return compose.abstain(question, resolved, "ambiguous", [], bot.articles,
                               "The figures are in different units and can't be combined."), _keep(state, query)
    if query.kind == "difference":
        a, b = (b, a) if a.value < b.value else (a, b)
        result = compute("difference", b.value, a.value, operand_text(b), operand_text(a), magnitude=True)
    elif query.kind == "change":
        # from the earlier figure to the later one, when both are dated; else in the order asked
        if a.period.year and b.period.year and (a.period.year, a.period.month or 0) > (b.period.year, b.period.month or 0):
            a, b = b, a
        result = compute("change", a.value, b.value, operand_text(a), operand_text(b))
    else:
        result = compute(query.kind, a.value, b.value, operand_text(a), operand_text(b))
    return _finish_derived(bot, question, resolved, query, result, a, b, state, _warnings(query.kind, a, b))


def _unheard(bot, text: str) -> list[str]:
    """Words of the thing a "how many" or "how much" question counts that no word of the articles
    is like, by spelling or by meaning: the articles cannot count it."""
    return [w for w in nouns.counted_words(text) if not any(c.isdigit() for c in w) and _nothing_like(bot, w)]


_DETERMINED = re.compile(r"(?=\b(?:the|a|an|its|their|his|her|this|these|those|[A-Za-z]+['’]s)\s+([a-z][a-z-]{3,})\b)")


def _determined(bot, text: str) -> list[str]:
    """Words right after a determiner or an owner ("the port's dredging") that no word of the
    articles is like, by spelling or by meaning."""
    return [w for w in dict.fromkeys(m.group(1) for m in _DETERMINED.finditer(text))
            if w not in _OPERATION and _nothing_like(bot, w)]


def _nothing_like(bot, word: str) -> bool:
    """Whether a question word that says something (not filler) has no word of the articles like it."""
    return word not in vocab.QUESTION_FILLER and word not in vocab.STOPWORDS and word not in vocab.NOW_WORDS \
        and not bot.lexicon.expand(word)


def _about_recent(bot, text: str, state: State) -> bool:
    """Whether a question of a calculation names nothing the last two figures don't account for,
    one or the other: "what's the difference?", "how many more went to Peru than to Kenya?";
    "how many more officers does the director say the port needs?" after two counts of travelers
    names something of its own."""
    asked = asked_words(text, bot.lexicon, _OPERATION)
    unexplained = [set(bot.meaning(f, asked).missing) for f in state.recent[-2:]]
    return not set.intersection(*unexplained)


def _rate_of_last(bot, query: Query, last: Fact) -> bool:
    """Whether a question asking a rate names it only by what the last figure stated counts:
    "the selection rate" after "USCIS selected N", every other word of it in that figure's clause."""
    asked = [a for a in _asked(bot, query) if a.word not in _SHARE_WORDS]
    return bool(asked) and all(bot.names(last, a) for a in asked)


def _share_of(fact: Fact) -> bool:
    """Whether a percent is stated as a share of something ("filled 40 percent of it")."""
    return fact.unit == "percent" and re.match(r"\s+of\b", fact.quote[fact.end - fact.sentence_start:]) is not None


def _sure_by_meaning(scored: Scored) -> bool:
    """A figure whose sentence accounts for nearly every word of the question, by meaning (the
    vocabulary may have no label for what it measures): a stated percent for a share question,
    a figure of the asked period for "what was the X?"."""
    return scored.fit is not None and not scored.fit.missing and scored.fit.coverage >= SURE_COVERAGE \
        and scored.score >= MIN_SCORE - 0.5


def _one_sure(ranked: list[Scored]) -> list[Scored] | None:
    """`ranked` with its figures sure by meaning first, when they all state one value; else None."""
    sure = [s for s in ranked if _sure_by_meaning(s)]
    if not sure or len({s.fact.value for s in sure}) != 1:
        return None
    return sure + [s for s in ranked if s not in sure]


def _two_figures(query: Query, near: Fact | None) -> bool:
    return (len(query.things) >= 2 or len(query.periods) >= 2 or near is not None
            or sides.split(query.text, query.kind) is not None)


def _covers_keywords(fact: Fact, query: Query) -> bool:
    content = [k for k in query.keywords if k not in ("percent", "share", "percentage", "proportion")]
    return bool(content) and len(set(content) & set(fact.keywords)) / len(set(content)) >= 0.5


def _lookup(bot, query: Query, ranks, near: Fact | None, unit: str | None = "count", thing=None, period="same",
            exclude=()) -> list[Scored]:
    """Facts for `thing` (default: any thing the question names), best first."""
    things = [thing] if thing is not None else (query.things or [None])
    best: dict[str, Scored] = {}
    for asked in things:
        need = Need(
            thing=asked,
            actor=query.actors[0] if query.actors else None,
            period=query.period if period == "same" else period,
            unit=unit,
            keywords=topic_words(query, bot.aliases),
            near=near,
            exclude=list(exclude),
            peak=query.peak,
            total=query.total,
            measure=query.measure,
        )
        need = need.model_copy(update={"asked": _asked(bot, query)})
        for scored in rank(bot.candidates(need), need, bot.aliases, ranks, bot.meaning):
            if scored.fact.id not in best or scored.score > best[scored.fact.id].score:
                best[scored.fact.id] = scored
    per = agree.rate_units(query.text)
    if per:
        # "the rate per 100,000 residents" is answered only by a figure stated per 100,000
        best = {i: s for i, s in best.items() if per & agree.per_stated(s.fact)}
    return sorted(best.values(), key=order)


def _asked(bot, query: Query) -> list[Asked]:
    """The question's content words (or, for a bare follow-up, its topic's), minus its agencies."""
    drop = {w.lower() for name, actor in bot.aliases.items() if actor in query.actors for w in name.split()}
    if query.kind in DERIVED:
        # "by what percent did X grow": the figures are levels of X; "grow" names the calculation
        drop |= _OPERATION
    elif agree.FALL.search(query.text) and agree.RISE.search(query.text):
        # "was it higher or lower?" asks which way it moved; the words name no figure
        drop |= _DIRECTION_WORDS
    text = query.topic_text or query.text
    if agree.rate_units(text):
        # "the detention rate per 100,000 residents" names the kind of number: the second check
        # holds the figure to its unit, so its words need not be found again beside it
        text = _RATE_PHRASE.sub(" ", text)
    return asked_words(text, bot.lexicon, drop)


def _numeric(bot, question, resolved, query: Query, ranks, hits, state, near) -> tuple[Answer, State]:
    if near is None and not query.things and not query.actors and len(query.keywords) < 2:
        # ("how many of them did it approve?" is about the figure before: not too little to go on)
        return compose.abstain(question, resolved, "ambiguous", hits[:3], bot.articles), _keep(state, query)
    unit = query.unit
    ranked = _lookup(bot, query, ranks, near, unit=unit)
    if ranked and ranked[0].score < MIN_SCORE and query.unit == "duration":
        # "how many days did the shutdown last?": the one figure of the kind and period asked whose
        # sentence accounts for nearly every word of the question, however little the labels say
        ranked = _one_sure(ranked) or ranked
    if not ranked or (ranked[0].score < MIN_SCORE and not (query.unit == "duration" and _sure_by_meaning(ranked[0]))):
        return _abstain_missing(bot, question, resolved, query, ranks, hits, state, unit)
    earlier = _earlier_level(bot, query, ranked[0].fact)
    if earlier is not None:
        return _derived_from(bot, question, resolved, *earlier, hits, state)
    return _fact(bot, question, resolved, ranked, query, state, near, hits)


def _earlier_level(bot, query: Query, best: Fact) -> tuple[Query, Fact, Fact] | None:
    """ "How many in fiscal 2018?" where the best figure is "A ..., N more than in fiscal 2018":
    the 2018 level is A - N (A + N for "fewer"), shown with both cited: the calculation and its
    two operands, in the order compute() takes them."""
    if query.period is None or not agree.states_change(best) or agree.names_move(query.text):
        return None
    found = moves.level_before(best, bot.facts_at(best.source_id, best.sentence_start))
    if found is None or not compatible(query.period, found[2]) or differs_in_type(query.period, found[2]):
        return None
    level, sign, _ = found
    if sign > 0:
        return query.model_copy(update={"kind": "difference"}), best, level
    return query.model_copy(update={"kind": "sum"}), level, best


def _move_end_first(bot, query: Query, ranked: list[Scored]) -> list[Scored]:
    """When the best figure is one end of a move ("from A to B") and the other end fits about as
    well, the end the question's words ask for first, the other dropped; without such words both
    stay, to be reported as a tie."""
    ends = _end_asked(bot, query, ranked)
    if ends is None:
        return ranked
    # (the end asked for may trail its other end by more: "what did the fee go up to?" still asks
    # for the level reached, when nothing of the question is missing from it)
    plain = ends[0].fit is not None and not ends[0].fit.missing and ends[0].score >= MIN_SCORE
    if ranked[0].score - ends[0].score >= TIE_MARGIN and not plain:
        return ranked
    return _end_first(ranked, *ends)


def _end_asked(bot, query: Query, ranked: list[Scored]) -> tuple[Scored, Fact] | None:
    """When the best figure is one end of a move ("from A to B") and the question's words ask for
    one end, that end (scored) and the other end's fact; else None."""
    if not ranked:
        return None
    best = ranked[0].fact
    move = moves.from_to(best, bot.facts_at(best.source_id, best.sentence_start))
    chosen = moves.end_asked(query.text, move) if move else None
    first = next((s for s in ranked if chosen is not None and s.fact.id == chosen.id), None)
    if first is None:
        return None
    return first, move[0] if chosen is move[1] else move[1]


def _end_first(ranked: list[Scored], chosen: Scored, other: Fact) -> list[Scored]:
    return [chosen] + [s for s in ranked if s.fact.id not in (chosen.fact.id, other.id)]


def _sure_end(bot, query: Query, ranked: list[Scored]) -> list[Scored] | None:
    """`ranked` with the end of a move ("from A to B") the question's words ask for first ("the
    proposed new fee", "the fee before the increase"), when the best figure is one end of it and
    that end accounts for the question by meaning; else None."""
    ends = _end_asked(bot, query, ranked) if ranked and ranked[0].score >= MIN_SCORE - 0.5 else None
    fit = ends[0].fit if ends else None
    if fit is None or fit.missing or fit.coverage < SURE_COVERAGE - 0.05:
        return None
    return _end_first(ranked, *ends)


def _fewer_unasked(ranked: list[Scored]) -> list[Scored]:
    """Of two figures that score all but equally, the one whose own clause says less the question
    does not ask ("Completed FY2022: 3,470" over "took in 7,930 new applications" for "and the
    asylum cases completed in FY2022?"): it covers the question and no more."""
    if len(ranked) < 2:
        return ranked
    a, b = ranked[0], ranked[1]
    if a.fit is None or b.fit is None or b.fit.missing or a.score - b.score >= NEAR_TIE or a.fact.value == b.fact.value:
        return ranked
    return [b, a, *ranked[2:]] if len(b.fit.extra) < len(a.fit.extra) else ranked


def _tied(ranked: list[Scored]) -> bool:
    """Whether another figure of the best one's sentence fits as well: scored within a hair, or
    behind on the vocabulary's labels while its words account for the question clearly better."""
    if len(ranked) < 2:
        return False
    a = ranked[0]
    for b in ranked[1:6]:
        if b.fact.value == a.fact.value or (a.fact.source_id, a.fact.sentence_start) != (b.fact.source_id, b.fact.sentence_start):
            continue
        if a.score - b.score < TIE_MARGIN:
            return True
        if (a.score - b.score < MEANING_OVERRULES and a.fit is not None and b.fit is not None
                and b.fit.score - a.fit.score >= MEANING_GAP):
            return True
    return False


def _abstain_missing(bot, question, resolved, query, ranks, hits, state, unit) -> tuple[Answer, State]:
    rest = _rest(bot, question, resolved, query, hits, state)
    if rest is not None:
        return rest
    if query.period is not None:
        other = _lookup(bot, query, ranks, None, unit=unit, period=None)
        if other and other[0].score >= MIN_SCORE:
            related = [h for h in hits if any(h.span.start == s.fact.sentence_start for s in other[:3])] or hits[:3]
            return compose.abstain(question, resolved, "period_not_covered", related[:3], bot.articles,
                                   "The closest figures are for other periods."), _keep(state, query)
    return compose.abstain(question, resolved, "not_found", hits[:3], bot.articles), _keep(state, query)


def _keep(state: State, query: Query) -> State:
    """After an abstention the topic stays, so "what about ..." can still follow."""
    return state.model_copy(update={"query": query, "facts": [], "parent": None, "value": None})


def _fact(bot, question, resolved, ranked: list[Scored], query, state, near, hits) -> tuple[Answer, State]:
    # the kind of number asked for (an average, an amount) is a hard constraint on the candidates
    # so is the noun a count counts ("38 ... countries" for "how many expected departures")
    asked = _asked(bot, query)
    # and a part its sentence sets apart by a word the question does not say ("A miles of one
    # kind and B of another") is not a rival for the part the question names
    # nor is a stated difference ("310, or 45 fewer than authorized") a rival for the level asked
    ranked = [s for s in ranked if s.score >= MIN_SCORE and not agree.kind_disagreements(query, s.fact)
              and not (query.kind == "numeric" and agree.states_change(s.fact) and not agree.names_move(query.text))
              and not _counts_another(query, s.fact, asked)
              and not (s.fit is not None and s.fit.extra and _set_apart(bot, s.fact, s.fit.extra))] or ranked
    ranked = _move_end_first(bot, query, ranked)
    # "Ann Roe received 30 percent ..., while Ben Poe received 70": a figure whose own clause names
    # someone the question does not, and not the name it asks about, is that other one's
    ranked = [s for s in ranked if not _named_for_another(bot, query, asked, s.fact, ranked)] or ranked
    ranked = _fewer_unasked(ranked)
    # (the rest of a whole the question sets its parts aside from, "neither A nor B", rather than
    # a tie of its parts or one of them; it is looked for once)
    negates = query.kind == "numeric" and bool(agree.negated_words(query.text))
    rest = _rest(bot, question, resolved, query, hits, state) if negates or _tied(ranked) else None
    if rest is not None:
        return rest
    if _tied(ranked):
        # two figures of one sentence fit equally well ("A received 30 percent, while B received 70"):
        # naming either would be a guess
        related = [h for h in hits if h.span.start == ranked[0].fact.sentence_start] or hits[:3]
        return compose.abstain(question, resolved, "ambiguous", related[:3], bot.articles), _keep(state, query)
    best = ranked[0]
    disagree = _fact_disagreements(bot, query, best.fact, near)
    rest = _rest_of_whole(bot, question, resolved, query, best.fact, disagree, state) if disagree else None
    if rest is not None:
        return rest
    rest = _rest(bot, question, resolved, query, hits, state) if disagree and not negates else None
    if rest is not None:
        return rest
    if disagree:
        related = [h for h in hits if h.span.start == best.fact.sentence_start] or hits[:3]
        return compose.abstain(question, resolved, "not_found", related[:3], bot.articles,
                               "The closest figure does not answer it: " + "; ".join(disagree) + "."), _keep(state, query)
    # another figure is a conflict only when it answers the question as well: "a cap of 1,320
    # people" is no second count of the 1,300 people taken in
    conflicts = [c for c in conflicts_with(best.fact, bot.measuring(best.fact))
                 if _answers_as_well(bot, asked, c, best) and not _fact_disagreements(bot, query, c, near)]
    answer = compose.fact_answer(question, resolved, best.fact, bot.articles, best.notes, conflicts)
    new_state = State(query=query, facts=[best.fact], parent=near, value=best.fact.value, unit=best.fact.unit,
                      kind="fact", topic=resolved, recent=(state.recent + [best.fact])[-4:])
    return _verified(bot, answer, state, query, compose.period_labels([best.fact, *conflicts]), new_state,
                     [best.fact, *conflicts])


def _rest_of_whole(bot, question, resolved, query: Query, part: Fact, disagree: list[str],
                   state: State) -> tuple[Answer, State] | None:
    """ "How many had a criminal conviction?" of "N people ...; of those, A had no criminal
    conviction": N - A, when the only thing wrong with A is that it counts the others."""
    flipped = agree.polarity_flip(query.text, part)
    if query.kind != "numeric" or not flipped or disagree != [agree.POLARITY.format(word=flipped)]:
        return None
    said = {stem(w) for w in re.findall(r"[a-z][\w-]*", query.text.lower())}
    if agree.negated_words(query.text) or not agree.negated_words(part.clause or part.quote) <= said:
        # the rest of "no conviction or pending charge" is "a conviction or a pending charge", not
        # "a conviction" alone, and not what the question asks when it negates anything itself
        return None
    whole = complement.whole_of_part(bot, part)
    if whole is None or (query.period is not None and not compatible(query.period, whole.period)):
        return None
    if query.actors and not actor_matches(query.actors[0], whole, bot.aliases) and whole.actor is not None:
        return None
    part, whole = _exact(bot, part), _exact(bot, whole)
    result = compute("difference", part.value, whole.value, operand_text(part), operand_text(whole))
    word = next((w for w in re.findall(r"[A-Za-z][\w-]*", part.quote) if stem(w.lower()) == flipped), flipped)
    note = f"the article gives the whole ({whole.as_written}) and the part that is not '{word}' " \
           f"({part.as_written}); the answer is the rest"
    return _finish_derived(bot, question, resolved, query, result, part, whole, state, [note])


def _rest(bot, question, resolved, query: Query, hits, state: State) -> tuple[Answer, State] | None:
    """ "How many were neither granted nor denied?" of "judges ruled on N cases. They granted A
    and denied B; the remainder got other relief": N - A - B, shown on the cited figures."""
    if query.kind != "numeric" or query.unit not in (None, "count"):
        return None
    found = complement.rest_asked(bot, query, _asked(bot, query), hits)
    if found is None:
        return None
    whole, parts, said = found
    note = f"the article states the whole and its parts, and the rest ('{said[:80]}') without a figure"
    return _many_operands(bot, question, resolved, query, state, "difference",
                          [_exact(bot, whole), *(_exact(bot, p) for p in parts)], [note])


def _many_operands(bot, question, resolved, query: Query, state: State, operation: str, facts: list[Fact],
                   notes: list[str] = ()) -> tuple[Answer, State]:
    """The answer of a calculation on more than two cited figures, shown and verified: their sum,
    or ("difference") the first less the others."""
    value = sum(f.value for f in facts) if operation == "sum" else facts[0].value - sum(f.value for f in facts[1:])
    text = format_number(round(value, 6))
    sign = " + " if operation == "sum" else " - "
    shown = sign.join(operand_text(f) for f in facts) + f" = {text}"
    result = Result(operation, value, facts[0].unit, shown, text, "no rounding")
    warnings = [*notes] + ([APPROXIMATE] if any(f.approximate for f in facts) else [])
    answer = compose.derived_answer(question, resolved, result, facts, bot.articles, warnings)
    new_state = State(query=query, facts=facts, value=value, unit=result.unit, kind="derived", topic=resolved,
                      recent=state.recent)
    return _verified(bot, answer, state, query, [shown, *compose.period_labels(facts)], new_state, facts)


APPROXIMATE = "at least one operand is approximate, so the result is too"


CONFLICT_COVERAGE_GAP = 0.15  # how much less of the question a conflicting figure may account for


def _answers_as_well(bot, asked: list[Asked], other: Fact, best: Scored) -> bool:
    """Whether `other` accounts for the question's words about as fully as the chosen figure."""
    if not asked:
        return True
    fit = bot.meaning(other, asked)
    floor = (best.fit.coverage if best.fit is not None else COVERED) - CONFLICT_COVERAGE_GAP
    return not fit.missing and fit.coverage >= floor


def _move(bot, query: Query, ranks, near: Fact | None) -> tuple[Fact, Fact] | None:
    """The two levels of the move the best-matched figure is one end of ("from A to B"), when
    no stated change fits the question as well."""
    unit = None if query.unit == "percent" else query.unit
    ranked = [s for s in _lookup(bot, query, ranks, near, unit=unit) if s.score >= MIN_SCORE]
    if not ranked or agree.states_change(ranked[0].fact):
        return None
    best = ranked[0].fact
    return moves.from_to(best, bot.facts_at(best.source_id, best.sentence_start))


def _derived(bot, question, resolved, query: Query, ranks, hits, state: State, near) -> tuple[Answer, State]:
    listed = _listed_sum(bot, question, resolved, query, ranks, state) if query.kind == "sum" else None
    if listed is not None:
        return listed
    if query.kind == "sum" and len(_listed_names(bot, query.text)) >= 3:
        # a total of three or more named figures is never the total of two of them
        return compose.abstain(question, resolved, "not_found", hits[:3], bot.articles,
                               "Not every name listed has a figure the articles give."), _keep(state, query)
    operands = _operands(bot, query, ranks, state, near)
    if operands is None:
        return _abstain_missing(bot, question, resolved, query, ranks, hits, state, "count")
    return _derived_from(bot, question, resolved, query, *operands, hits, state)


# "Peru, Kenya and Chile": three or more names listed with commas and a last "and"
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_SUM_WORDS = re.compile(r"\b(?:combined|together|altogether|in\s+total|in\s+all|total(?:\s+of)?|add(?:ed)?\s+up)\b", re.I)
_NAME_LIST = re.compile(rf"\b{_NAME}(?:,\s+{_NAME})+,?\s+(?:and|or)\s+{_NAME}")


def _listed_names(bot, text: str) -> list[str]:
    """The three or more names a question lists together ("Peru, Kenya and Chile"),
    not an agency's name that has "and" in it; the first word of the question is not a name for
    being capitalized. (Two names joined by "and" may be one body's: "Health and Human Services".)"""
    match = _NAME_LIST.search(text)
    if match is None or match.start() == 0:
        return []
    if any(name in text and match.start() < text.index(name) + len(name) and text.index(name) < match.end()
           for name in bot.aliases if " and " in name):
        return []
    return [n.strip() for n in re.split(r",\s*|\s+(?:and|or)\s+", match.group(0)) if n.strip()]


def _listed_sum(bot, question, resolved, query: Query, ranks, state: State) -> tuple[Answer, State] | None:
    """ "How many children from A, B and C combined?": the one figure each name has, in one
    article and one period, added up and shown; None when any name has no such figure."""
    match = _NAME_LIST.search(query.text)
    names = _listed_names(bot, query.text)
    if match is None or len(names) < 3:
        return None
    facts: list[Fact] = []
    for name in names:
        phrase = _SUM_WORDS.sub(" ", query.text[:match.start()] + name + query.text[match.end():])
        side = parse(phrase, bot.aliases).model_copy(update={"kind": "numeric"})
        ranked = [s for s in _side_lookup(bot, side, ranks, phrase) if s.score >= MIN_SCORE]
        if not ranked or _tied(ranked) or _fact_disagreements(bot, side, ranked[0].fact, None):
            return None
        facts.append(_exact(bot, ranked[0].fact))
    if len({f.source_id for f in facts}) != 1 or len({f.unit for f in facts}) != 1 or facts[0].unit not in ("count", "money") \
            or len({f.period.label() for f in facts}) != 1 or len({f.id for f in facts}) != len(facts):
        return None
    return _many_operands(bot, question, resolved, query, state, "sum", facts)


def _derived_from(bot, question, resolved, query: Query, a: Fact, b: Fact, hits, state: State) -> tuple[Answer, State]:
    stated = _stated_gap(bot, query, a, b)
    if stated is not None:
        # "how many more in 2019 than in 2018?" of "A in 2019, N more than in fiscal 2018": N as stated
        # (both periods were checked against the two it compares; it is dated by the earlier one)
        dated = query.model_copy(update={"periods": [stated.period]})
        return _fact(bot, question, resolved, [Scored(stated, MIN_SCORE)], dated, state, None, hits)
    a, b = _exact(bot, a), _exact(bot, b)
    warnings = _warnings(query.kind, a, b)
    if a.unit != b.unit:
        return compose.abstain(question, resolved, "ambiguous", hits[:3], bot.articles,
                               "The figures found are in different units and can't be combined."), _keep(state, query)
    try:
        result = compute(query.kind, a.value, b.value, operand_text(a), operand_text(b), magnitude=query.magnitude)
    except ZeroDivisionError:
        return compose.abstain(question, resolved, "not_found", hits[:3], bot.articles), _keep(state, query)
    return _finish_derived(bot, question, resolved, query, result, a, b, state, warnings)


def _exact(bot, fact: Fact) -> Fact:
    """The exact figure a rounded one stands for in its article ("About 5,000" in the headline,
    4,980 in the text): same unit and period, within the rounding; else the figure itself."""
    if not fact.approximate or not fact.value:
        return fact
    close = [f for f in bot.facts_of(fact.source_id)
             if not f.approximate and f.unit == fact.unit and f.period.label() == fact.period.label()
             and abs(f.value - fact.value) <= 0.005 * abs(fact.value) and f.id != fact.id]
    if len({f.value for f in close}) != 1:
        return fact
    # and it measures what the rounded one does: its words account for the rounded one's sentence
    # ("4,990 families were separated" is not the "nearly 5,000" deported)
    said = asked_words(fact.quote, bot.lexicon)
    sure = [f for f in close if said and bot.meaning(f, said).coverage >= EXACT_COVERAGE]
    return sure[0] if sure else fact


def _stated_gap(bot, query: Query, a: Fact, b: Fact) -> Fact | None:
    """Of two operands for a gap between two periods, the one that states that gap against the
    other ("A ..., N more than in fiscal 2018"), if any."""
    if query.kind != "difference" or len(query.periods) < 2:
        return None
    for change, level in ((a, b), (b, a)):
        if not agree.states_change(change):
            continue
        found = moves.level_before(change, bot.facts_at(change.source_id, change.sentence_start))
        if found and found[0].id == level.id and any(compatible(p, found[2]) for p in query.periods) \
                and any(compatible(p, level.period) for p in query.periods):
            return change
    return None


def _fact_disagreements(bot, query: Query, fact: Fact, near: Fact | None) -> list[str]:
    asked = _asked(bot, query)
    meant = bot.meaning(fact, asked) if asked else None
    missing = meant.missing if meant else []
    apart = _set_apart(bot, fact, meant.extra) if meant and meant.extra else None
    if apart:
        return [apart]
    other = _other_kind(bot, fact, meant, asked) if meant and meant.loose and meant.extra else None
    if other:
        return [other]
    actor_ok = not query.actors or actor_matches(query.actors[0], fact, bot.aliases) \
        or vocab.ACTOR_PARENTS.get(fact.actor) == query.actors[0] \
        or (fact.actor is None and _article_names(bot, fact.source_id, query.actors[0]))
    quoted = sides.stated_values(query.text) if near is None else []
    if meant is not None and meant.coverage < LABELLED_COVERAGE:
        # a figure the vocabulary's labels chose, whose words account for little of the question
        missing = missing + _unnamed_things(bot, query, fact, asked, missing)
    out = agree.fact_disagreements(query, fact, missing, quoted, actor_ok)
    after = re.split(r"\d", fact.quote[fact.end - fact.sentence_start:], maxsplit=1)[0]
    wider = _either(fact.clause + " " + after, asked)
    joined = None if wider else _joined_names(re.split(r"[;:]", fact.quote[:fact.start - fact.sentence_start])[-1], asked,
                                             bot.aliases)
    if wider or joined:
        left, right = wider or joined
        out.append(f"the figure counts '{left}' and '{right}' together, and the question asks for one")
    other = _counts_another(query, fact, asked)
    if other:
        out.append(f"the figure counts '{other}', not what the question asks about")
    another = names.said_of_another(bot, fact, asked, query.text)
    if another:
        out.append(another)
    sibling = _sibling_named(bot, query, fact)
    if sibling:
        out.append(sibling)
    gapped = _named_beside_another(bot, fact, asked)
    if gapped:
        out.append(gapped)
    listed = _listed_names(bot, query.text) if query.kind in ("numeric", "text") else []
    unsaid = [n for n in listed if not re.search(rf"\b{re.escape(n)}", fact.clause, re.I)]
    if listed and unsaid and any(re.search(rf"\b{re.escape(n)}", fact.quote, re.I) for n in listed):
        # "how many went to A, B and C?" is not answered by A's figure
        out.append(f"the question asks about {', '.join(listed)} together, and the figure is not said of "
                   f"{' or '.join(unsaid)}")
    code = _code_unsaid(bot, query, fact)
    if code:
        out.append("the figure's passage does not say the code the question names" if re.search(r"\d", code)
                   else f"the figure's passage does not say '{code}'")
    named = names.named_part(bot, query.text, fact, asked) if asked else None
    if named:
        out.append(f"the figure is {named}'s, which the question does not name")
    done = agree.asks_what_was_done(query.text)
    whole = bot.whole_of(fact) if query.total or done else None
    if whole is not None and query.total:
        # "about 80 miles went up in new places: 47 miles of primary wall and 33 of secondary":
        # a part of a breakdown is a total only within its whole, which the question does not say
        out.append(f"the figure is one part of {whole.as_written}, and the question asks for a total")
    if done and agree.already_there(fact, whole):
        out.append("the figure is what already existed, and the question asks what was done")
    return out


def _capitalized(bot, text: str, sentence: str, word: str = r"\b[A-Z][\w'’-]*") -> set[str]:
    """The capitalized words of `text` (lowercased), other than agencies' and its sentence's first word."""
    first = re.match(r"\W*([A-Za-z][\w'’-]*)", sentence)
    opening = first.group(1) if first else ""
    return {w.lower() for w in re.findall(word, text)
            if w != opening and not any(w in name.split() for name in bot.aliases)}


def _proper_words(bot, text: str, sentence: str) -> set[str]:
    """Capitalized words and acronyms of `text` ("RSUs", "ESPP") that are no month or currency."""
    text = re.sub(r"\b[A-Z]{1,3}\$", " ", without_periods(text))  # "US$235" names a currency
    return _capitalized(bot, text, sentence) - passages.CALENDAR


def _sibling_named(bot, query: Query, fact: Fact) -> str | None:
    """ "$50.5 million ..., of which $12.5 million is related to stock options and ESPP and $38.0
    million is related to RSUs": for a question naming RSUs, a figure whose clause names something
    else the question does not, while another figure of its sentence names what the question does,
    is that other thing's; the disagreement, or None."""
    asked = _question_names(query)

    def said(f: Fact) -> str:  # its clause and what follows it up to the next figure
        return f.clause + " " + re.split(r"[$£€]?\d", f.quote[f.end - f.sentence_start:], maxsplit=1)[0]

    own = _proper_words(bot, said(fact), fact.quote)
    if not own - asked:
        return None
    for other in bot.facts_at(fact.source_id, fact.sentence_start):
        if other.id == fact.id or other.unit != fact.unit:
            continue
        theirs = _proper_words(bot, said(other), other.quote)
        if (theirs & asked) - own:
            return f"the figure is of {', '.join(sorted(own - asked))}, and another figure of its sentence is of what the question names"
    return None


_NAME_BEFORE = re.compile(r"((?:[A-Z][\w.&'’-]*\s+){1,5})$")


def _named_beside_another(bot, fact: Fact, asked: list[Asked]) -> str | None:
    """ "Peru Refugee Services resettled 642 people, Lamu Aid Alliance 498 and Kenya
    Family Services 307": a name the question gives that stands right before another figure of
    the sentence, and is not in this figure's clause, is that figure's; the disagreement, or None."""
    proper = [a for a in asked if a.proper]
    if not proper:
        return None
    own = {stem(w.lower()) for w in re.findall(r"[A-Za-z][\w'’-]*", fact.clause)}
    for other in bot.facts_at(fact.source_id, fact.sentence_start):
        if other.id == fact.id or other.unit != fact.unit:
            continue
        run = _NAME_BEFORE.search(other.quote[:other.start - other.sentence_start])
        if run is None:
            continue
        named = {stem(w.lower()) for w in run.group(1).split()}
        for a in proper:
            said = {m for m, strength in a.meanings.items() if strength >= SAME_MEANING}
            if said & named and not said & own:
                return f"'{a.word}' names another figure of its sentence"
    return None


_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)+$|^[A-Za-z]+\d+[A-Za-z]*$")


def _squeezed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def _code_unsaid(bot, query: Query, fact: Fact) -> str | None:
    """A code the question names ("L-1", "H-1B", "I-589") that nothing around the figure says:
    its sentence, the table or list it is in, the sentence before it, the lead or the headline.
    A code names one kind among its siblings, so a figure of another kind does not answer."""
    codes = [n for n in query.names if _CODE.match(n)]
    if not codes:
        return None
    around = _squeezed(" ".join([fact.quote, fact.context, bot.articles[fact.source_id].title,
                                 bot.lead(fact.source_id), bot.before(fact)]))
    return next((c for c in codes if _squeezed(c) not in around), None)


def _counts_another(query: Query, fact: Fact, asked: list[Asked]) -> str | None:
    """The noun a count counts when it is not the one the question asks about (`asked`: the
    question's words), else None."""
    if fact.unit != "count":
        return None
    return nouns.counts_another(query.text, fact.thing_text, fact.quote,
                                lambda counted: any(a.meanings.get(counted, 0.0) >= COVERED for a in asked))


def _unnamed_things(bot, query: Query, fact: Fact, asked: list[Asked], missing: list[str]) -> list[str]:
    """Words of the question that name a counted thing other than the figure's ("removals of people
    convicted of crimes" for a count of all removals) which nothing about the figure accounts for:
    however common in the articles, they say which figures are asked for."""
    def related(a, b):
        return a == b or vocab.THING_PARENTS.get(a) == b or vocab.THING_PARENTS.get(b) == a

    out = []
    for a in asked:
        named = thing_of(a.word)
        if named is None or named not in query.things or related(named, fact.thing) or a.word in missing:
            continue
        if bot.meaning(fact, [a]).coverage < COVERED:
            out.append(a.word)
    return out


def _set_apart(bot, fact: Fact, extra: list[str]) -> str | None:
    """ "N miles of barrier ...: A miles of primary wall and B of secondary wall": the word that sets
    A apart from its sibling parts, which the question does not say, makes A not the figure asked
    for; the disagreement, or None."""
    whole = bot.whole_of(fact)
    if whole is None:
        return None
    siblings = [o for o in bot.facts_at(fact.source_id, fact.sentence_start)
                if o.id not in (fact.id, whole.id) and bot.whole_of(o) == whole]
    apart = sorted(set(extra) & set().union(*(contrasted(o.clause, fact.clause) for o in siblings)))
    if not apart:
        return None
    # the word as the article writes it, not its stem; no figure in an abstention
    word = next((w for w in re.findall(r"[A-Za-z][\w-]*", fact.clause) if stem(w.lower()) == apart[0]), apart[0])
    return f"the figure is only the '{word}' part of a larger total, which the question does not name"


def _other_kind(bot, fact: Fact, meant, asked: list[Asked]) -> str | None:
    """ "N who were convicted of X, M of Y": a figure whose clause names its own kind where its
    siblings name theirs counts that kind; a question word only related to it ("misdemeanors",
    both convictions) asks about another kind. A word the sentence's lead-in accounts for ("the
    people deported ... included" for "deportees") names the list's whole, not a kind. The
    disagreement, or None."""
    here = sorted((o for o in bot.facts_at(fact.source_id, fact.sentence_start) if o.unit == fact.unit),
                  key=lambda o: o.start)
    at = next((i for i, o in enumerate(here) if o.id == fact.id), None)
    if at is None:
        return None
    lead_in = stems(fact.quote[:here[0].start - fact.sentence_start])
    kinds = [a.word for a in asked if a.word in meant.loose
             and not any(strength >= COVERED and s in lead_in for s, strength in a.meanings.items())]
    if not kinds:
        return None
    # its neighbours in the list, not a figure of another clause ("..., partly offset by N")
    siblings = here[max(0, at - 1):at] + here[at + 1:at + 2]
    own = sorted(set(meant.extra) & set().union(*(contrasted(o.clause, fact.clause) for o in siblings)))
    return f"the figure counts '{own[0]}', and nothing about it says '{kinds[0]}'" if own else None


_EITHER = re.compile(r"\b([A-Za-z][\w-]*)\s+or\s+([A-Za-z][\w -]*)")


def _either(clause: str, asked: list[Asked]) -> tuple[str, str] | None:
    """ "convictions or pending charges", "felonies or misdemeanors": a figure that counts either
    of two things is wider than a question that names one of them and not the other."""
    def named(word):
        s = stem(word.lower())
        return any(a.meanings.get(s, 0.0) >= SAME_MEANING for a in asked)

    for match in _EITHER.finditer(clause):
        # the word before "or" and its counterpart after it: the head of the noun phrase after it
        # for a noun ("convictions or pending criminal charges"), its first word for a modifier
        # ("drug or weapons charges")
        left = match.group(1)
        following = [w for w in re.findall(r"[A-Za-z][\w-]*", match.group(2))
                     if w.lower() not in vocab.STOPWORDS and w.lower() not in ("other", "similar", "related", "such")]
        right = (nouns.head_noun(match.group(2)) or "") if left.lower().endswith("s") else \
            (following[0] if following else "")
        if not right:
            continue
        if {left.lower(), right.lower()} & vocab.STOPWORDS or any(w.endswith(("ing", "ed")) for w in (left, right)):
            continue  # "limiting or declining cooperation" says how, not which things are counted
        if named(left) != named(right):
            return left, right
    return None


# "the embassy in Nairobi and the consulate in Mombasa issued N": two places or bodies
# named together as what the figure is of
_JOINED = re.compile(r"\b([A-Z][\w-]+)\s+and\s+(?:the\s+)?"
                     r"((?:[\w-]+\s+){0,3}?(?:(?:in|of|at|for)\s+(?:the\s+)?)?[A-Z][\w-]+)")


def _joined_names(before: str, asked: list[Asked], aliases: dict[str, str]) -> tuple[str, str] | None:
    """The two names a figure's sentence joins before it ("Nairobi and ... Mombasa ... issued N")
    when the question names one of them and not the other: the figure is of both together."""
    def named(word):
        s = stem(word.lower())
        return any(a.meanings.get(s, 0.0) >= SAME_MEANING for a in asked)

    for match in _JOINED.finditer(before):
        left, right = match.group(1), match.group(2).split()[-1]
        if match.start() == 0 or {left.lower(), right.lower()} & vocab.STOPWORDS:
            continue  # a sentence's first word is capitalized whatever it is
        if any(f"{left} and {match.group(2).split()[0]}".lower() in name.lower() for name in aliases):
            continue  # "Customs and Border Protection" is one agency's name, however it is cut short
        run = match.group(2).split()
        if not re.search(r"\band\s+the\b", match.group(0)) and len(run) >= 2 and not {"in", "of", "at", "for"} & set(run):
            continue  # "Citizenship and Immigration Services", "Health and Human Services": one name
        if named(left) != named(right):
            return left, right
    return None


def _article_names(bot, source_id: str, actor: str) -> bool:
    """Whether the article names `actor` anywhere: a figure with no agency of its own in an article
    that never names the one asked about is some other body's."""
    body = bot.articles[source_id].body
    return any(name in body for name, a in bot.aliases.items() if a == actor)


def _finish_derived(bot, question, resolved, query: Query, result, a: Fact, b: Fact, state: State,
                    warnings: list[str]) -> tuple[Answer, State]:
    disagree = agree.derived_disagreements(query, query.kind, result, a, b)
    other = _part_counts_another(bot, query, a, b) if query.kind == "share" else None
    if other:
        disagree.append(f"the part counts '{other}', which neither the whole nor the question counts")
    if disagree:
        return compose.abstain(question, resolved, "not_found", [], bot.articles,
                               "The figures found do not answer it: " + "; ".join(disagree) + "."), _keep(state, query)
    if query.kind in ("change", "difference") and agree.direction(query.text) and not query.magnitude:
        # "by what percent did it fall", "by how many days did it shrink": the size of the move,
        # its direction in the words
        result = compute(query.kind, a.value, b.value, operand_text(a), operand_text(b), magnitude=True)
    answer = compose.derived_answer(question, resolved, result, [a, b], bot.articles, warnings)
    new_state = State(query=query, facts=[a, b], value=result.value, unit=result.unit, kind="derived",
                      topic=resolved, recent=state.recent)
    return _verified(bot, answer, state, query, [result.shown, *compose.period_labels([a, b])], new_state, [a, b])


def _part_counts_another(bot, query: Query, part: Fact, whole: Fact) -> str | None:
    """The noun a share's part counts when it is a kind of place or time and the whole's is not:
    "two cities" is not a part of "1,300 people", whatever its sentence is about.
    (People and their cases may be counted either way: "granted asylum to N applicants" of "M
    claims".) Only a noun written right after the figure says so plainly; its type is read by
    meaning (`passages.noun_type`)."""
    kinds = [_counted_type(bot, f) for f in (part, whole)]
    if kinds[0] in ("where", "when") and kinds[0] != kinds[1]:
        return part.thing_text
    return None


def _counted_type(bot, fact: Fact) -> str | None:
    """The answer type of the noun written right after a count ("two countries": "where")."""
    if fact.unit != "count" or not fact.thing_text:
        return None
    if not fact.quote[fact.end - fact.sentence_start:].lstrip().startswith(fact.thing_text):
        return None
    # the noun phrase ends before a participle ("people traveling in family units")
    noun = nouns.head_noun(re.split(r"\s+(?=\w+(?:ing|ed)\b)", fact.thing_text)[0])
    return passages.noun_type(noun, bot.lexicon.cosines) if noun else None


def _operands(bot, query: Query, ranks, state: State, near) -> tuple[Fact, Fact] | None:
    """The two cited figures a calculation needs, in the order compute() takes them."""
    if query.kind == "share" and near is not None and not query.things[1:]:
        named_sides = _recent_sides(bot, query, state)
        if named_sides is not None:
            return named_sides
        whole = state.parent or _whole_of(bot, near, ranks, query)
        if whole is None:
            return None
        named = [a for a in asked_words(query.text, bot.lexicon) if a.word not in _SHARE_WORDS]
        # words the whole's own clause says name the whole ("what share of that year's ceiling?");
        # a word its sentence borrows from the one before ("In all, ... N") names a part
        named = [a for a in named if not bot.names(whole, a)]
        if named and any(bot.meaning(near, [a]).coverage < COVERED for a in named):
            # "and what share were families?" names another part of the same whole than the
            # last answer: find that part beside the whole
            parts = [s.fact for s in _lookup(bot, query, ranks, whole, exclude=[whole.id])]
            parts = [p for p in parts if _part_counts_another(bot, query, p, whole) is None] or parts
            return (parts[0], whole) if parts else None
        return near, whole
    phrases = sides.split(query.text, query.kind)
    if phrases is not None:
        phrases = (phrases[0], sides.with_antecedent(phrases[1], phrases[0]))
        # "what share of WHOLE were PART", "more A than B": each phrase names one figure
        looked = [_side_lookup(bot, query, ranks, phrase) for phrase in phrases]
        pair = _best_pair(*looked)
        if pair is None and query.kind == "share":
            return _stated_whole(bot, looked[0], phrases[1])
        return pair
    if query.kind in ("sum", "ratio", "difference") and len(query.periods) < 2:
        # "removals and returns", "drug or DUI convictions": one figure for each conjunct
        pair = _coordinated_pair(bot, query, ranks)
        if pair is not None:
            return pair
    if len(query.things) >= 2:
        first, second = query.things[:2]
        return _best_pair(_lookup(bot, query, ranks, None, thing=first), _lookup(bot, query, ranks, None, thing=second))
    if len(query.periods) >= 2:
        early, late = sorted(query.periods[:2], key=lambda p: (p.year or 9999, p.month or 0))
        # one measure at two periods: each figure answers all of the question's words on its own,
        # more surely than a single lookup needs to, as a calculation compounds two matches; and
        # neither is some narrower body's ("the unit's centres held N")
        xs = _lookup(bot, query, ranks, None, period=early)
        ys = _lookup(bot, query, ranks, None, period=late)
        return _best_pair([s for s in xs if _sure(s)], [s for s in ys if _sure(s)]) or _one_column(xs, ys)
    if near is not None and query.things:
        other = _lookup(bot, query, ranks, near, exclude=[near.id])
        return (near, other[0].fact) if other else None
    return None


def _stated_whole(bot, parts: list[Scored], phrase: str) -> tuple[Fact, Fact] | None:
    """The best part and the whole its text states it is a part of ("We issued N decisions. Of
    those, A were grants"), when the whole accounts for every word of the question's whole,
    however little its own sentence says of the rest (the place, the period)."""
    part = next((s for s in parts[:1] if s.score >= MIN_SCORE and _sure(s)), None)
    whole = complement.whole_of_part(bot, part.fact) if part is not None else None
    if whole is None:
        return None
    asked = _side_words(bot, phrase)
    if not asked or any(bot.meaning(whole, [a]).coverage < COVERED for a in asked):
        return None  # every word of the whole asked, however common, is said of it
    return part.fact, whole


def _side_words(bot, phrase: str) -> list[Asked]:
    """The words of one side of a share question that name its figure, not the share."""
    return [a for a in asked_words(phrase, bot.lexicon) if a.word.lower() not in _SHARE_WORDS]


def _recent_sides(bot, query: Query, state: State) -> tuple[Fact, Fact] | None:
    """The part and whole a share follow-up names in words ("what percent of all clients were
    unaccompanied children?"), when each is one distinct figure stated earlier in the chat and
    no other earlier figure answers its words as well; None otherwise."""
    phrases = sides.split(query.text, "share")
    if phrases is None or len(state.recent) < 2:
        return None

    def answering(phrase: str) -> list[Fact]:
        asked = _side_words(bot, phrase)
        if not asked:
            return []
        return [f for f in state.recent if not (fit := bot.meaning(f, asked)).missing and fit.coverage >= COVERED]

    part, whole = (answering(phrase) for phrase in phrases)
    if len(part) != 1 or len(whole) != 1 or part[0].id == whole[0].id:
        return None
    return part[0], whole[0]


def _one_column(xs: list[Scored], ys: list[Scored]) -> tuple[Fact, Fact] | None:
    """The best figures for two periods when they are two rows of one table column ("Total
    encounters" for Dec 2023 and Jan 2024): one measure at two periods, however little of the
    question the column's own words say; None otherwise."""
    x, y = (next((s for s in group if s.score >= MIN_SCORE), None) for group in (xs, ys))
    if x is None or y is None or (x.fit is not None and x.fit.missing) or (y.fit is not None and y.fit.missing):
        return None
    a, b = x.fact, y.fact
    if a.source_id != b.source_id or not a.context or a.thing_text != b.thing_text or a.unit != b.unit:
        return None

    def table(f: Fact) -> str:  # the table's header and introduction, without the row's label
        label = f.clause[len(f.thing_text):].strip()
        return f.context.replace(label, "", 1) if label and f.clause.startswith(f.thing_text) else ""

    return (a, b) if table(a) and table(a) == table(b) else None


def _sure(scored: Scored) -> bool:
    return scored.fit is None or (scored.fit.coverage >= PAIR_COVERAGE and not scored.fit.narrower)


def _side_lookup(bot, query: Query, ranks, phrase: str) -> list[Scored]:
    """Facts for one phrase of a two-figure question; agency and period default to the question's."""
    side = parse(phrase, bot.aliases)
    side = side.model_copy(update={
        "kind": query.kind,
        "actors": side.actors or query.actors,
        "periods": side.periods or query.periods,
        "things": side.things or query.things,
    })
    if not asked_words(phrase, bot.lexicon):
        # "... in fiscal 2019 than in fiscal 2018": a side that names only its period counts
        # what the whole question counts
        side = side.model_copy(update={"topic_text": query.topic_text or query.text})
    quoted = sides.stated_values(phrase)
    if quoted:
        # the question quotes the figure ("the 1,234 removals"): take the fact stating it
        ranked = [s for s in _lookup(bot, side, ranks, None, unit=None) if s.fact.value in quoted]
        if ranked:
            return ranked
    return _lookup(bot, side, ranks, None)


def _coordinated_pair(bot, query: Query, ranks) -> tuple[Fact, Fact] | None:
    """The best-matched pair over the readings of the question's "A and B"; ties keep the first."""
    best, best_score = None, float("-inf")
    for first, second in sides.coordinated(query.text):
        pair, score = _scored_pair(_side_lookup(bot, query, ranks, first), _side_lookup(bot, query, ranks, second))
        if pair is not None and score > best_score:
            best, best_score = pair, score
    return best


def _best_pair(xs: list[Scored], ys: list[Scored]) -> tuple[Fact, Fact] | None:
    """Two figures that belong together: good matches, ideally from one sentence, actor and period."""
    return _scored_pair(xs, ys)[0]


def _scored_pair(xs: list[Scored], ys: list[Scored]) -> tuple[tuple[Fact, Fact] | None, float]:
    best, best_score = None, float("-inf")
    for x in [s for s in xs[:5] if s.score >= MIN_SCORE]:
        for y in [s for s in ys[:5] if s.score >= MIN_SCORE]:
            if x.fact.id == y.fact.id:
                continue
            a, b = x.fact, y.fact
            score = x.score + y.score
            score += 1.5 * (a.source_id == b.source_id and a.sentence_start == b.sentence_start)
            score += 1.0 * (a.source_id == b.source_id)  # one article's series
            score += 0.5 * (a.actor == b.actor) + 0.5 * (a.period.year == b.period.year)
            if score > best_score:
                best, best_score = (a, b), score
    return best, best_score


def _whole_of(bot, part: Fact, ranks, query) -> Fact | None:
    """The total a figure is part of: a larger figure of the same unit in the same sentence, not
    another item of the list the figure is an item of ("Mombasa (700) and Malindi (400)": Mombasa
    is Malindi's sibling, not its whole), nor one its own clause gives a name the part's and the
    question's do not ("Peru received the most flights, 712, followed by ... Kenya with 237")."""
    same = [f for f in bot.facts_at(part.source_id, part.sentence_start)
            if f.source_id == part.source_id and f.sentence_start == part.sentence_start
            and f.unit == part.unit and f.value > part.value
            and not (list_item(part) and list_item(f))
            and not _names_of(bot, f) - _names_of(bot, part) - _question_names(query)]
    return max(same, key=lambda f: f.value) if same else None


def _named_for_another(bot, query: Query, asked: list[Asked], fact: Fact, ranked: list[Scored]) -> bool:
    """Whether `fact`'s own clause names someone the question does not, and lacks a name the
    question asks about that another figure of its sentence has in its own clause."""
    def says(clause: str, word: str) -> bool:
        return re.search(rf"\b{re.escape(word)}", clause, re.I) is not None

    lacks = [a.word for a in asked if a.proper and not says(fact.clause, a.word)]
    if not lacks or not _names_of(bot, fact) - _question_names(query):
        return False
    return any(o.fact.id != fact.id and (o.fact.source_id, o.fact.sentence_start) == (fact.source_id, fact.sentence_start)
               and all(says(o.fact.clause, w) for w in lacks) for o in ranked)


def _names_of(bot, fact: Fact) -> set[str]:
    """The capitalized names (not acronyms) a figure's own clause says."""
    return _capitalized(bot, fact.clause, fact.quote, r"\b[A-Z][a-z][\w'’-]*")


def _question_names(query: Query) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]*", query.text)}


_SHARE_BESIDE = re.compile(r"^\s*,?\s*(?:or|about|nearly|roughly|some|just over|just under)?\s*(?:about\s+|nearly\s+|roughly\s+)?$", re.I)


def _stated_share(bot, part: Fact) -> Fact | None:
    """The percent a sentence states right after a figure as its share ("237, or 11% of the
    total"), else None."""
    for other in bot.facts_at(part.source_id, part.sentence_start):
        if other.unit != "percent" or other.start <= part.end:
            continue
        between = part.quote[part.end - part.sentence_start:other.start - other.sentence_start]
        after = other.quote[other.end - other.sentence_start:]
        if _SHARE_BESIDE.match(between) and re.match(r"\s+of\b", after):
            return other
    return None


def _warnings(kind: str, a: Fact, b: Fact) -> list[str]:
    out = []
    if a.approximate or b.approximate:
        out.append(APPROXIMATE)
    if differs_in_type(a.period, b.period):
        out.append("one operand is for a fiscal year and the other for a calendar year")
    known = {"unspecified", "people"}
    things_differ = a.thing != b.thing and a.thing not in known and b.thing not in known
    actors_differ = a.actor != b.actor and a.actor is not None and b.actor is not None
    if kind in ("difference", "sum", "ratio", "change") and (things_differ or actors_differ):
        out.append(f"the operands count different things ({compose.what_and_who(a)}; {compose.what_and_who(b)})")
    return out


def _passage(bot, question, resolved, query: Query, hits: list[Hit]) -> Answer:
    best = passages.choose(bot, question, resolved, hits, MIN_PASSAGE_SIMILARITY)
    if best is None:
        return compose.abstain(question, resolved, "out_of_scope", hits[:3], bot.articles)
    return compose.passage_answer(question, resolved, [best], bot.articles)


def _verified(bot, answer: Answer, old_state: State, query: Query, shown: list[str],
              new_state: State | None = None, facts: list[Fact] = ()) -> tuple[Answer, State]:
    found = problems(answer, bot.articles, shown, facts)
    if found:
        log.warning("answer failed verification (%s) for %r", "; ".join(found), answer.question[:200])
        return compose.abstain(answer.question, answer.resolved_question, "unverified", [], bot.articles), old_state
    if new_state is None:
        new_state = State(query=query, facts=[], parent=None, kind=answer.kind, topic=answer.resolved_question)
    return answer, new_state
