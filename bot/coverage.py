"""How completely a fact accounts for what a question asks, by meaning.

Each content word of the question must be accounted for by the fact: by its own clause, its
sentence, or what governs it (a table's header and row, a list's lead-in, the article's
headline and lead), through the same stem, a synonym, a typo or the embedding model's sense of
the word. A specific word nothing accounts for rules the fact out: "Mexican children" is not
answered by all children. Words of the fact's own clause that the question does not ask for
make it less fitting: the total beats a subset the question did not name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.lexicon import Lexicon, phrases_to_words, stem, stems, words
from index import vocab
from index.facts import Fact
from index.periods import without_periods

LEVELS = (("clause", 1.0), ("sentence", 0.85), ("context", 0.7), ("title", 0.6), ("scope", 0.6))
COVERED = 0.5  # a question word counts as accounted for at this strength
OWNED = 0.45  # a word another figure of the sentence has, where this one has a contrasting word
BARE_CLAUSE = 0.7  # a sentence's word for a figure whose own clause has no words
APART_MEANING = 0.7  # what sets a part apart is accounted for only by a word close in meaning ("birth" for "born", "felonies" for "criminals"), not a neighbour ("arrested" for "criminal")
SAME_MEANING = 0.85  # a clause word the question did not use counts as asked at this strength
REQUIRED_SHARE = 0.05  # words in more of the corpus's sentences than this are not required
EXTRA_PENALTY = 0.12  # per word of the fact's clause the question did not ask for
MAX_EXTRA_PENALTY = 0.36


@dataclass(frozen=True)
class Asked:
    """One content word of the question and the corpus stems that may mean it."""

    word: str
    meanings: dict[str, float]
    weight: float
    proper: bool  # capitalized in the question: a name or nationality, never satisfied by scope alone
    required: bool = True  # a fact that does not account for it cannot answer
    placing: bool = False  # says where in the asked period ("at the end of", "early"): never loose
    negated: bool = False  # the question negates it ("without a lawyer", "not Peru")
    apart: bool = False  # sets the part asked for apart ("how many of them had criminal records?"): never loose


@dataclass
class FactWords:
    clause: set[str]
    sentence: set[str]
    context: set[str]
    title: set[str]
    scope: set[str]  # the lead and the paragraph before the sentence: not enough for a name
    owned: set[str] = field(default_factory=set)  # words of the sentence in another figure's clause only
    label: set[str] = field(default_factory=set)  # a list item's label ("Peru (N)", "- Visitors: N")
    owners: set[str] = field(default_factory=set)  # whose the counted thing is, in its clause ("the unit's")
    not_mine: set[str] = field(default_factory=set)  # of those, words that describe another figure, not this one
    referred: set[str] = field(default_factory=set)  # a name of the lead the clause refers back to ("the shelter")
    points_back: bool = False  # the clause says "there" of a place named before it
    denied: set[str] = field(default_factory=set)  # said only after a negation ("with Kenya, not Peru, in the lead")


@dataclass
class Fit:
    coverage: float  # weighted share of the question's words accounted for, 0..1
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    narrower: list[str] = field(default_factory=list)  # owners of the figure the question does not name
    other_label: list[str] = field(default_factory=list)  # words of its list label the question does not say
    loose: list[str] = field(default_factory=list)  # words accounted for only by a related word

    @property
    def score(self) -> float:
        return self.coverage - min(MAX_EXTRA_PENALTY, EXTRA_PENALTY * len(self.extra))


# "the rest were closed", "the small remainder were allowed to stay", "the others left": what is
# left of a whole after the parts a sentence counts
REST = re.compile(r"\bthe\s+(?:small\s+|other\s+|few\s+)?(?:rest|remainder|balance|others)\b|\bthe\s+remaining\b", re.I)
EXCEPT = r"(?:without|outside(?:\s+of)?|excluding|except(?:\s+for)?|other\s+than)"
# "no criminal conviction", "non-citizens", "without a lawyer": the word after the negation
# ("don't have an attorney": the negation is of what is had, not of having)
NEGATED = re.compile(r"\b(?:non-|(?:no|not|never|neither|nor|(?:do|does|did|is|are|was|were|has|have|had)n['’]t|"
                     + EXCEPT + r")\b)\s*(?:(?:have|has|had|get|got)\s+)?(?:(?:a|an|the|any)\s+)?([a-z]\w*)", re.I)
# "seekers without lawyers", "non-citizens": a word that sets apart those who lack it ("no ferry
# could sail" is still about ferries)
LACKING = re.compile(r"\b(?:non-|" + EXCEPT + r"\b)\s*(?:(?:a|an|the|any)\s+)?([a-z]\w*)", re.I)
_PARTITIVE = re.compile(r"\b(?:how\s+many|what\s+(?:share|percent(?:age)?|proportion|fraction|part))\s+of\s+"
                        r"(?:the|those|them|these|all)\b.*?\b(?:had|have|has|were|was|are|is|got|get|did|do|does)\b"
                        r"(?P<rest>.*)", re.I)
_DURING_PERIOD = re.compile(r"\b(?:during|throughout)(?=\s{2,}|\s*$)", re.I)
# "at the end of December 2023", "as of early January": where in the period a level stands, not
# what it counts; "during the first month of fiscal 2016" is "in" it ("first" and "month" still say
# which part of the year is asked)
_AT_PERIOD = re.compile(r"\b(?:(?:at|by|until|through)\s+the\s+(?:end|close|start|beginning)\s+of|early|late|mid-?)"
                        r"(?=\s{2,}|\s*[?.!,]?\s*$)", re.I)
# "ended in a grant", "resulted in removal", "led to a deportation order": the outcome is what
# the object says; the verb only joins it to the cases
_OUTCOME = re.compile(r"\b(?:end(?:ed|s)?|result(?:ed|s)?|led|leads?)\s+(?:in|with|to)\b", re.I)
_DURING_PART = re.compile(r"\b(?:during|throughout)(?=\s+the\s+(?:first|last|final|opening)\s+(?:\w+\s+)?"
                          r"(?:months?|quarters?|weeks?|days?|half)\s+of\s{2,})", re.I)


def asked_words(text: str, lexicon: Lexicon, drop: set[str] = frozenset()) -> list[Asked]:
    """The question's content words: not its period, filler or the names in `drop` (its actors)."""
    # "during 2023" is "in 2023": the word says when, not before or after what
    text = _DURING_PERIOD.sub(lambda m: " " * len(m.group(0)), without_periods(text))
    # (a clause that says them, "pending at year end", still says what was asked)
    optional = {stem(w) for m in [*_AT_PERIOD.finditer(text), *_DURING_PART.finditer(text), *_OUTCOME.finditer(text)]
                for w in words(m.group(0))}
    # "how long", "how often": the kind of answer asked for, not something it is about; so is the
    # verb a time is asked with ("how long did the pause last?", "how long did it take?")
    if _HOW_LONG.search(text):
        text = _LASTED.sub(" ", text)
    text = _HOW.sub("how", text)
    # (as written, without the brackets a resolved follow-up puts names in: "(Peruvians)")
    original = {w.strip("()").lower(): w.strip("()") for w in text.split()}
    negated = {stem(m.group(1).lower()) for m in NEGATED.finditer(text)}
    # "how many of the people arrested had criminal records?": what sets the part apart from
    # those it is of must be accounted for, however common its words are
    partitive = _PARTITIVE.search(text)
    setting_apart = {stem(w) for w in words(partitive.group("rest"))} if partitive else set()
    text = phrases_to_words(text)
    out, seen = [], set()
    for w in words(text):
        if w in vocab.QUESTION_FILLER or w in vocab.STOPWORDS or w in vocab.NOW_WORDS or w in drop or stem(w) in drop \
                or len(w) < 2:
            continue
        s = stem(w)
        if s in seen:
            continue
        seen.add(s)
        surface = next((o for k, o in original.items() if k.strip("?,.!'\"").startswith(w)), w)
        proper = surface[:1].isupper() and not surface.isupper() and surface.lower() != surface
        meanings = lexicon.expand(w, name=proper)
        if not meanings:
            continue  # a word the corpus has nothing like says nothing about which figure
        # a word weighs what it means, not how it is spelt: "US" is as common as the "U.S."
        # it stands for, a misspelt "ceilng" as "ceiling"
        strong = [m for m, strength in meanings.items() if strength >= SAME_MEANING] or list(meanings)
        common = all(lexicon.common(m) for m in strong)
        # a name must be accounted for; so must a rare word ("unaccompanied", "gang"); a word
        # much of the corpus uses ("immigration") only weighs in the coverage
        required = (proper or s in setting_apart or not any(lexicon.common(m, REQUIRED_SHARE) for m in strong)) \
            and s not in optional
        weight = 0.3 if common or s in optional else min(lexicon.idf(m) for m in strong)
        out.append(Asked(w, meanings, weight, proper and not common, required, s in optional, s in negated,
                         s in setting_apart))
    # the first word of a question is capitalized anyway
    first = next(iter(words(text)), None)
    return [a if a.word != first else replace(a, proper=False) for a in out]


def fact_words(fact: Fact, title: str, lead: str, before: str = "", siblings: list[str] = (),
               previous: str = "", parts: list[str] = (), joined: list[str] = (),
               list_words: set[str] = frozenset()) -> FactWords:
    """`siblings` are the clauses of the other figures in the fact's sentence: their words say
    what those figures count ("A miles of primary wall and B miles of secondary wall").
    `previous` is the sentence this one points back to ("That was N") or the one stating the series
    it compares with ("The count rose from N"), whose words it borrows; "" when there is none.
    `parts` are the clauses among `siblings` of the figures listed as parts of
    this one: a word only they have describes the part, not the whole ("Of N removals, A were of
    recent arrivals": "arrivals" is A's). `joined` are the clauses of figures joined to this one by
    "and" or a comma alone ("A and B for 2022 and 2021"): their words are this figure's too.
    `list_words` are stems of a list item's label that other items of its list have too
    ("Family-sponsored preferences", "Employment-based preferences"): they say what the whole
    list counts, like its lead-in, and do not set this item apart.
    A sibling's word in the slot where this clause has a word of its own ("A is related to X and B
    is related to Y") is that figure's, not this one's (`contrasted`)."""
    # "A were granted and B denied; the rest were closed in other ways": the rest's words are
    # not B's (nor A's)
    rest = REST.search(fact.quote, max(0, fact.end - fact.sentence_start))
    rest_words = _stems(re.split(r"[;.]", fact.quote[rest.start():], maxsplit=1)[0]) if rest else set()
    own_clause = fact.clause
    if rest and rest.group(0) in fact.clause:
        own_clause = fact.clause[:fact.clause.index(rest.group(0))]
    # a phrase of the synonym table ("turned down") reads as its group's word ("denied")
    clause = _stems(own_clause).union(*(_stems(c) for c in joined))
    # "costs would have increased if N were not reclassified": what would have happened happened
    # to nothing; its verb describes no figure
    unreal = {stem(m.group(1).lower()) for m in _UNREAL.finditer(fact.quote)}
    clause -= unreal
    if _TIME_ALONE.search(fact.clause):
        clause -= {stem("alone")}  # "in 2020 alone": that year and no other, not people on their own
    # "the monthly count fell to N": a level of what the sentences before count; the verb says
    # how it got there, not what it counts
    reached = _REACHED.search(fact.quote[:fact.start - fact.sentence_start])
    if reached:
        clause -= {stem(reached.group(1).lower())}
    owned = set().union(*(_stems(c) for c in siblings)) - clause if siblings else set()
    others = [c for c in siblings if c not in parts]
    not_mine = owned - set().union(*(_stems(c) for c in others)) if parts else set()
    contrasts = {c: contrasted(fact.clause, c) for c in others}
    not_mine |= set().union(*contrasts.values()) - clause
    # a word some sibling says without contrast is the sentence's (shared), not another figure's
    not_mine -= set().union(*(_stems(c) - contrast for c, contrast in contrasts.items()))
    not_mine |= rest_words - clause
    # "Of the N removals, A were ... with B removed from ...": the set the opener names is every
    # part's, not the whole's alone nor one part's
    opener = _OPENER.match(fact.quote)
    if opener and opener.end() <= fact.start - fact.sentence_start:
        shared = _stems(opener.group(1))
        owned, not_mine = owned - shared, not_mine - shared
    # "A before the pause, B during it": the other figures' times relative to the event are theirs
    mine = _relations(fact.clause)
    if mine:
        not_mine |= {stem(w) for c in others for w in _relations(c) - mine}
    aside = _aside(fact.quote, fact.end - fact.sentence_start)
    quote = fact.quote.replace(aside, " ") if aside else fact.quote
    # "Among Peruvians, N ...; for Kenyans the rate was M": a clause after a semicolon is a
    # sentence of its own; the others only set the scene
    whole = quote
    quote, rest = own_segment(quote, fact.start - fact.sentence_start)
    rest = series_scene(whole, quote, rest)
    before = (before + " " + rest).strip()
    sentence = _stems(_without_rest(quote))
    if previous:  # the sentence this one points back to, or the one stating the series it compares with
        sentence |= _stems(previous)
    sentence -= unreal
    # what a text says of the rest of a whole ("the remainder got other relief") it says of no figure
    scope_text = _without_rest(lead + " " + before)
    clause -= list_words
    # the headline and lead say what the whole article is about; a word they say only of those
    # who lack it ("Asylum seekers without lawyers lose ...") is no plain word of its figures
    # ("with lawyers"): the second check holds a negated question word to the figure's sentence
    scope_text = scope_text.replace(aside, " ") if aside else scope_text
    # a name the clause takes up ("the shelter", "there") is said by its sentence, in other words
    referred = referred_names(lead + " " + before, " ".join([fact.clause, *joined])) \
        | (named_before(before) if any(_POINTS_BACK.search(c) for c in [fact.clause, *joined] if c) else set())
    return FactWords(clause=clause, sentence=sentence | referred, context=_stems(_without_rest(fact.context)) | set(list_words),
                     title=_stems(LACKING.sub(" ", title)), scope=_stems(LACKING.sub(" ", scope_text)),
                     owned=owned, not_mine=not_mine,
                     owners={stem(m.group(1).lower()) for m in _OWNER.finditer(fact.clause)},
                     label=_label(fact) - list_words - (_stems(title + " " + lead) if _takes_up(fact) else set()),
                     referred=referred,
                     points_back=any(_POINTS_BACK.search(c) for c in [fact.clause, *joined] if c),
                     denied=denied(fact.quote))


def _without_rest(text: str) -> str:
    """`text` without what it says of the rest of a whole, up to the end of that clause.

    >>> _without_rest("They granted 12 and denied 30; the rest got other relief. It took a year.")
    'They granted 12 and denied 30; . It took a year.'
    """
    return re.sub(r"(?:" + REST.pattern + r")[^;.]*", "", text, flags=re.I) if REST.search(text) else text


def denied(text: str) -> set[str]:
    """Stems `text` says only after a negation: a sentence that says "not Peru" tells of
    something other than Peru.

    >>> sorted(denied("It resettled 900 refugees, with Kenya, not Peru, in the lead."))
    ['peru']
    >>> denied("Not Peru but Peru's neighbours took them; Peru took none.")
    set()
    """
    said_not = {stem(m.group(1).lower()) for m in NEGATED.finditer(text)}
    return said_not - _stems(NEGATED.sub(" ", text)) if said_not else set()


# "officers there processed N": the place named before; not "there were N" (no place at all)
_POINTS_BACK = re.compile(r"\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|"
                          r"remain(?:s|ed)?)\b)", re.I)


_NAMED_NOUN = re.compile(r"\b((?:[A-Z][\w'’-]*\s+)+)([a-z][a-z-]+)\b")


def referred_names(lead: str, clause: str) -> set[str]:
    """Stems of a name in the lead whose noun the clause takes up with "the": "the Kenya Lodge
    shelter" in the lead, then "The shelter took in N": N is the Kenya Lodge shelter's.

    >>> sorted(referred_names("It renewed its deal with the Kenya Lodge shelter on Monday.", "The shelter took in 40"))
    ['kenya', 'lodg']
    >>> referred_names("It renewed its deal with the Kenya Lodge shelter.", "The city took in 40")
    set()
    """
    out = set()
    for match in _NAMED_NOUN.finditer(lead):
        noun = match.group(2)
        if re.search(rf"\b(?:the|its|this)\s+{re.escape(noun)}\b", clause, re.I):
            out |= {stem(w.lower()) for w in match.group(1).split()}
    return out


def named_before(before: str) -> set[str]:
    """Stems of the names of the sentence just before a clause that says "there" of a place:
    "The toll rose in the El Paso sector. Deaths there climbed from N": N is El Paso's.

    >>> sorted(named_before("Crossings fell. The toll rose in the Lamu Bay sector."))
    ['bay', 'lamu']
    """
    last = re.split(r"(?<=[.!?])\s+", before.strip())[-1] if before.strip() else ""
    return {stem(w.lower()) for m in _NAMED_NOUN.finditer(last) for w in m.group(1).split()
            if m.start(1) > 0 or not re.match(r"(?:The|A|An|In|On|At|Its|This)\s", m.group(1))}


def _label(fact: Fact) -> set[str]:
    """The words that say which item of a list a figure is: a labelled item's clause ("- Peru: N",
    "Peru (N)"), or the subject a bulleted line opens with before the figure's clause ("* Visitors
    from Kenya Program countries, who may stay 90 days, had a rate of N"), less its asides.

    >>> sorted(_label(Fact.model_construct(quote="* Visitors from Kenya, who stay, had a rate of 2 percent.",
    ...     clause="had a rate of 2 percent", start=45, sentence_start=0)))
    ['kenya', 'visitor']
    >>> sorted(_label(Fact.model_construct(quote="* Of the 90 students enrolled, 2 percent left.",
    ...     clause="2 percent left", start=31, sentence_start=0)))
    ['student']
    """
    before = fact.quote[:fact.start - fact.sentence_start]
    if _LIST_ITEM.search(before):
        return _stems(fact.clause)
    bullet = _BULLET.match(before)
    if bullet is None:
        return set()
    subject = _WHO.sub(" ", before[bullet.end():])
    if re.match(r"\s*[$£€]?\d", subject):
        return set()  # "A arrests, B of them ...": the line is told by its first figure, not a subject
    # the subject ends at its verb: an auxiliary or a past tense after its first word
    words = list(re.finditer(r"[A-Za-z][\w'’-]*", subject))
    verb = next((w for w in words[1:] if w.group(0).lower() in _SUBJECT_ENDS or
                 (w.group(0).lower().endswith("ed") and len(w.group(0)) > 4)), None)
    if verb is None or verb.group(0).lower() in vocab.REPORTING_VERBS:
        return set()  # "- A. Witness, Chief: Witness testified that ...": who said it, not which item
    return _stems(subject[:verb.start()])


def _takes_up(fact: Fact) -> bool:
    """Whether a bulleted line opens with a definite subject ("- The program assisted N"): one
    the text has named already, whose words the headline and lead say of the whole article, not
    of this item.

    >>> _takes_up(Fact.model_construct(quote="- The program assisted 61 children.", start=25, sentence_start=0))
    True
    >>> _takes_up(Fact.model_construct(quote="- Visitors from Kenya had 2 percent.", start=26, sentence_start=0))
    False
    """
    bullet = _BULLET.match(fact.quote[:fact.start - fact.sentence_start])
    return bullet is not None and re.match(r"(?:The|This|That|Its|Our|Their)\s", fact.quote[bullet.end():]) is not None


_SUBJECT_ENDS = {"had", "has", "have", "was", "were", "is", "are"} | set(vocab.IRREGULAR_PAST)
_BULLET = re.compile(r"^\s*[-•*–]\s+")
_WHO = re.compile(r",\s*(?:who|which|that|where|whose)\b[^,]*,?")


def _stems(text: str) -> set[str]:
    return stems(phrases_to_words(text))


_RELATION_STEMS = frozenset(stem(w) for w in vocab.TIME_RELATIONS)


def _relations(clause: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", clause.lower()) if w in vocab.TIME_RELATIONS}


def own_segment(quote: str, at: int) -> tuple[str, str]:
    """The semicolon-delimited part of `quote` holding offset `at`, and the rest.

    >>> own_segment("Among Peruvians, 1 percent of 900 left; for Kenyans the rate was 2 percent of 300.", 70)
    (' for Kenyans the rate was 2 percent of 300.', 'Among Peruvians, 1 percent of 900 left')
    """
    if ";" not in quote:
        return quote, ""
    start = quote.rfind(";", 0, at) + 1
    end = quote.find(";", at)
    end = len(quote) if end < 0 else end
    return quote[start:end], (quote[:max(start - 1, 0)] + " " + quote[end + 1:]).strip()


SERIES = 3  # semicolon parts of a sentence that runs through a series of figures


def series_scene(sentence: str, mine: str, rest: str) -> str:
    """What the rest of a semicolon-delimited sentence lends a figure of part `mine`: all of it,
    unless the sentence runs through a series ("A rose to N; B fell to M; and C slipped to K"),
    whose later parts each say what their own figure counts; the first part still sets the scene.

    >>> series_scene("X rose to 5; Y fell to 4; and Z slipped to 3 in May.", " Y fell to 4", "X rose to 5 and Z slipped to 3 in May.")
    'X rose to 5'
    >>> series_scene("Among Peruvians, 1 percent left; for Kenyans it was 2.", "Among Peruvians, 1 percent left", " for Kenyans it was 2.")
    ' for Kenyans it was 2.'
    """
    parts = sentence.split(";")
    if len(parts) < SERIES:
        return rest
    scene = [] if parts[0] == mine else [parts[0]]
    return " ".join(scene + [p for p in parts[1:] if p != mine and not re.search(r"\d", p)]).strip()


_SLOT = re.compile(r"[$£€¥]?\d[\d,.]*(?:\s*(?:million|billion|thousand|percent|per cent|%|m|bn|k)\b)?|[A-Za-z][\w'’-]*",
                   re.I)


def _slots(clause: str) -> list[str]:
    """The clause's words as stems, each figure (digits or a number word) as "#"."""
    return ["#" if t[:1].isdigit() or t[:1] in "$£€¥" or t.lower() in vocab.NUMBER_WORDS else stem(t.lower())
            for t in _SLOT.findall(clause)]


PLAIN = {"#"} | {stem(w) for w in vocab.STOPWORDS | vocab.QUESTION_FILLER}


def contrasted(mine: str, sibling: str) -> set[str]:
    """Stems of the sibling clause's words that stand where `mine` has a word of its own: beside
    the same neighbour in both clauses ("related to grants" and "related to stock options", "of
    primary wall" and "of secondary wall"). A word with no counterpart ("70 miles of primary
    wall" beside "50 of secondary wall": "miles") is elided, shared.

    >>> sorted(contrasted("50 of secondary wall", "70 miles of primary wall"))
    ['primari']
    >>> sorted(contrasted("$3.5 million is related to stock options", "$4.5 million is related to grants"))
    ['grant']
    >>> sorted(contrasted("3,000 of theft", "1,100 who were convicted of fraud"))
    ['fraud']
    >>> sorted(contrasted("5,000 of them with convictions", "9,000 administrative arrests"))
    []
    >>> sorted(contrasted("Kenyans in 78 percent", "Peruvians were denied in 79 percent"))
    []
    >>> sorted(contrasted("14 residents spoke against renewing it", "six spoke in favor"))
    ['favor']
    """
    a, b = _slots(mine), _slots(sibling)
    own = {w for w in a if w not in b and w not in PLAIN}
    if not own:
        return set()
    # a verb is not set against a noun ("Kenyans were denied in A, Peruvians in B": "denied"
    # is elided from the second clause, not set against "Peruvians")
    flags = _after_auxiliary(a), _after_auxiliary(b)
    found = _facing(a, b, *flags, own)
    if not found:
        # neighbours across plain words: "spoke against it" and "spoke in favor" set "favor"
        # against "against" across the "in"
        (a, verb_a), (b, verb_b) = _said(a, flags[0]), _said(b, flags[1])
        found = _facing(a, b, verb_a, verb_b, own, figure=False)
    return found


def _facing(a: list[str], b: list[str], verb_a: list[bool], verb_b: list[bool], own: set[str],
            figure: bool = True) -> set[str]:
    """The words of `b` beside a neighbour that, in `a`, has one of `own` on the same side; with
    `figure` False a figure's place is no neighbour."""
    def neighbour(w: str) -> bool:
        return w in a and (figure or w != "#")

    left = {(a[i - 1], verb_a[i]) for i in range(1, len(a)) if a[i] in own}
    right = {(a[i + 1], verb_a[i]) for i in range(len(a) - 1) if a[i] in own}
    out = set()
    for i, w in enumerate(b):
        if w in a or w in PLAIN:
            continue
        if (i > 0 and neighbour(b[i - 1]) and (b[i - 1], verb_b[i]) in left) \
                or (i + 1 < len(b) and neighbour(b[i + 1]) and (b[i + 1], verb_b[i]) in right):
            out.add(w)
    return out


def _said(slots: list[str], flags: list[bool]) -> tuple[list[str], list[bool]]:
    """The slots (and their flags) without plain words; a figure's place stays."""
    kept = [i for i, w in enumerate(slots) if w == "#" or w not in PLAIN]
    return [slots[i] for i in kept], [flags[i] for i in kept]


_AUXILIARIES = {stem(w) for w in ("was", "were", "is", "are", "be", "been", "being", "had", "has", "have")}


def _after_auxiliary(slots: list[str]) -> list[bool]:
    """For each slot, whether it follows an auxiliary ("were denied"): a verb, not a noun."""
    return [i > 0 and slots[i - 1] in _AUXILIARIES for i in range(len(slots))]


# a figure in parentheses after its label, or a line "- Label: N"
_LIST_ITEM = re.compile(r"\(\s*$|^\s*(?:[-•*–]\s+|\d+[.)]\s+)?[^:\d][^:]{0,80}:\s*$")
_RELATIVE = re.compile(r",\s*(?:which|where)\b[^.;]*")
_PREPOSITION = re.compile(r"\b(?:to|under|in|at|for|by|with|from|of|into|through)\b", re.I)


def _aside(quote: str, figure_end: int) -> str:
    """A relative clause that describes a noun after the figure's own phrase, not the figure:
    "turned N people over to the agency under the county's agreement, which lets trained guards
    question people" says what the agreement does ("" when there is none).

    >>> _aside("They sent 12 people to the camp, which trains guards.", 12)
    ', which trains guards'
    >>> _aside("They counted 12 arrests, which was a record.", 12)
    ''
    """
    after = quote[figure_end:]
    match = _RELATIVE.search(after)
    if match is None or not _PREPOSITION.search(after[:match.start()]):
        return ""
    return match.group(0)


_OPENER = re.compile(r"^\W*(?:of|among)\s+((?:[^,;]|,(?=\d))+),", re.I)  # "Of the N removals, ..."
_TIME_ALONE = re.compile(r"\b(?:\d{4}|year|month|quarter|week|day|period|election)s?\s+alone\b", re.I)
_REACHED = re.compile(r"\b(?:count|number|total|figure|tally|level)s?\s+(" + "|".join(vocab.CHANGE_VERBS + ("risen", "fallen")) + r")\s+to\s+(?:about\s+|nearly\s+|almost\s+)?[$£€]?$",
                      re.I)
_HOW = re.compile(r"\bhow\s+(?:long|often|far|big|large|high|old|soon|many\s+(?:dollars|euros|pounds))\b", re.I)
_HOW_LONG = re.compile(r"\bhow\s+(?:long|many\s+(?:days|weeks|months|years|hours|minutes))\b", re.I)
_LASTED = re.compile(r"\b(?:last|lasted|take|took)\b(?=\s*[?.!]*\s*$)", re.I)
_UNREAL = re.compile(r"\b(?:would|could|might)(?:\s+not)?\s+have\s+(?:been\s+)?([A-Za-z]+)", re.I)
_OWNER = re.compile(r"\b([A-Za-z][\w-]*)['’]s\b")


def word_fit(asked: Asked, fw: FactWords) -> float:
    if (any(strength >= 1.0 and s in fw.owned for s, strength in asked.meanings.items())
            and any(strength < SAME_MEANING and s in fw.clause for s, strength in asked.meanings.items())):
        # the word itself is another figure's of the sentence ("B miles of secondary wall") and
        # this figure's clause has only a neighbour of it, not a synonym ("A miles of primary
        # wall"): a contrast, not the same thing. Without a neighbour the clause may just leave
        # the word out ("1,200 who were convicted of X, 3,400 of Y").
        return OWNED
    best = 0.0
    for s, strength in asked.meanings.items():
        for level, weight in LEVELS:
            if level != "clause" and s in fw.denied and not asked.negated:
                break  # "with Kenya, not Peru, in the lead" says nothing of Peru's figures
            if level == "scope" and (strength < 1.0 or (asked.proper and s not in fw.referred)):
                # the lead and the paragraph account only for the word itself, and for a name only
                # when the clause refers back to it ("the shelter")
                continue
            if level == "sentence" and s in fw.not_mine:
                continue  # a word of the figures listed as parts of this one
            if False and level == "sentence" and asked.proper and s in fw.owned and s not in fw.clause:
                continue
            if level in ("context", "title", "scope") and s in fw.owned and asked.proper and s not in fw.clause \
                    and s not in fw.not_mine:
                # "among Peruvians, N ...; for Kenyans, M": a name the sentence gives another
                # figure is not this one's for being in the headline or the lead
                continue
            if s in getattr(fw, level):
                if level == "sentence" and not fw.clause:
                    weight = BARE_CLAUSE  # "... of 2,000." names nothing itself
                best = max(best, strength * weight)
                break
    return best


def fit(asked: list[Asked], fw: FactWords, lexicon: Lexicon, ignore: set[str] = frozenset()) -> Fit:
    """How well the fact's words account for the question's; `ignore` holds stems of the
    question's period and actor, which other checks handle."""
    if not asked:
        return Fit(0.0)
    # a near neighbour ("primary" for "secondary") does not make a clause word one the question asked for
    meant = {m for a in asked for m, strength in a.meanings.items() if strength >= SAME_MEANING}
    extra = sorted(s for s in fw.clause - meant - ignore
                   if not s[:1].isdigit() and lexicon.known(s) and not lexicon.common(s, 0.08)
                   and s not in _NEUTRAL and not _MONTH_RANGE.fullmatch(s))
    # "before the closure" where the question asks "during" it: another time than the one asked
    if any(a.meanings.get(r, 0.0) >= 1.0 for a in asked for r in _RELATION_STEMS):
        extra = sorted(set(extra) | {s for s in fw.clause & _RELATION_STEMS if s not in meant})
    if extra and not fw.label and not fw.points_back:
        # a clause that names what it counts ("Single adults accounted for 2,000") does not
        # borrow the lead's or the previous sentence's subject ("families"); one that names
        # nothing ("... rose to 2,000") does, and so does a list item, a part of what its list
        # and article count, and a clause that points back ("officers there processed N")
        fw = replace(fw, scope=set())
    total = sum(a.weight for a in asked)
    got, missing, loose = 0.0, [], []
    anywhere = fw.clause | fw.sentence | fw.context | fw.title | fw.scope
    for a in asked:
        f = word_fit(a, fw)
        if a.apart and not any(strength >= APART_MEANING and s in anywhere for s, strength in a.meanings.items()):
            f = 0.0  # a part is set apart by what it is, not by a word related to it ("arrested" for "criminal")
        got += a.weight * min(1.0, f)
        if f < COVERED and a.required:
            missing.append(a.word)
        elif not a.placing and not any(strength >= SAME_MEANING and s in anywhere for s, strength in a.meanings.items()):
            loose.append(a.word)  # "misdemeanors" accounted for by "convicted"
    # "the unit's centres held N": N is the unit's, a part of what a question that doesn't name
    # the unit asks about; an owner much of the corpus names ("the agency's") narrows nothing
    narrower = sorted(o for o in fw.owners - ignore if lexicon.known(o) and not lexicon.common(o, REQUIRED_SHARE)
                      and not any(a.meanings.get(o, 0.0) >= SAME_MEANING for a in asked))
    # a list item's label says which part of the list's whole the figure is ("Peru (N)")
    # (a question that names any of its words, "employment-based" for "Employment-based
    # preferences", names the item)
    label = [w for w in fw.label - ignore - _NEUTRAL if lexicon.known(w) and not lexicon.common(w, REQUIRED_SHARE)]
    said = [w for w in label if any(a.meanings.get(w, 0.0) >= SAME_MEANING for a in asked)]
    other_label = [] if said else sorted(label)
    return Fit(got / total, missing, extra, narrower, other_label, loose)


_MONTH_RANGE = re.compile(r"(?:" + "|".join(vocab.MONTHS) + r")\.?[-–](?:" + "|".join(vocab.MONTHS) + r")\.?")  # "jan-mar"
_NEUTRAL = {stem(w) for w in vocab.QUESTION_FILLER | vocab.TOPIC_NEUTRAL | vocab.HEDGES | set(vocab.QUALIFIERS)
            | vocab.TIME_WORDS | vocab.NOW_WORDS | vocab.CONJUNCTIONS
            | {"percent", "fiscal", "year", "years", "fy", "calendar", "month", "nearly", "about", "more", "less", "than",
               "total", "record", "new"} | set(vocab.MONTHS)}
