"""How completely a fact accounts for what a question asks, by meaning.

Each content word of the question must be accounted for by the fact: by its own clause, its
sentence, or what governs it (a table's header and row, a list's lead-in, the article's
headline and lead), through the same stem, a synonym, a typo or the embedding model's sense of
the word. A specific word nothing accounts for rules the fact out: "Mexican children" is not
answered by all children. Words of the fact's own clause that the question does not ask for
make it less fitting: the total beats a subset the question did not name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.lexicon import Lexicon, phrases_to_words, stem, stems, words
from index import vocab
from index.facts import Fact
from index.periods import find_periods
from index.stems import refers_back

LEVELS = (("clause", 1.0), ("sentence", 0.85), ("context", 0.7), ("title", 0.6), ("scope", 0.6))
COVERED = 0.5  # a question word counts as accounted for at this strength
OWNED = 0.45  # a word another figure of the sentence has, where this one has a contrasting word
BARE_CLAUSE = 0.7  # a sentence's word for a figure whose own clause has no words
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


@dataclass
class FactWords:
    clause: set[str]
    sentence: set[str]
    context: set[str]
    title: set[str]
    scope: set[str]  # the lead and the paragraph before the sentence: not enough for a name
    owned: set[str] = field(default_factory=set)  # words of the sentence in another figure's clause only


@dataclass
class Fit:
    coverage: float  # weighted share of the question's words accounted for, 0..1
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.coverage - min(MAX_EXTRA_PENALTY, EXTRA_PENALTY * len(self.extra))


def asked_words(text: str, lexicon: Lexicon, drop: set[str] = frozenset()) -> list[Asked]:
    """The question's content words: not its period, filler or the names in `drop` (its actors)."""
    for mention in find_periods(text):
        text = text[: mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
    original = {w.lower(): w for w in text.split()}
    text = phrases_to_words(text)
    out, seen = [], set()
    for w in words(text):
        if w in vocab.QUESTION_FILLER or w in vocab.STOPWORDS or w in drop or stem(w) in drop or len(w) < 2:
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
        required = proper or not any(lexicon.common(m, REQUIRED_SHARE) for m in strong)
        weight = 0.3 if common else min(lexicon.idf(m) for m in strong)
        out.append(Asked(w, meanings, weight, proper and not common, required))
    # the first word of a question is capitalized anyway
    first = next(iter(words(text)), None)
    return [a if a.word != first else Asked(a.word, a.meanings, a.weight, False, a.required) for a in out]


def fact_words(fact: Fact, title: str, lead: str, before: str = "", siblings: list[str] = (),
               previous: str = "") -> FactWords:
    """`siblings` are the clauses of the other figures in the fact's sentence: their words say
    what those figures count ("A miles of primary wall and B miles of secondary wall").
    `previous` is the article's sentence before this one, which lends its words when this one
    refers back to it."""
    clause = stems(fact.clause)
    owned = set().union(*(stems(c) for c in siblings)) - clause if siblings else set()
    sentence = stems(fact.quote)
    if previous and refers_back(fact.quote):
        sentence |= stems(previous)
    return FactWords(clause=clause, sentence=sentence, context=stems(fact.context),
                     title=stems(title), scope=stems(lead + " " + before), owned=owned)


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
            if asked.proper and level == "scope":
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
                   and s not in _NEUTRAL)
    if extra:
        # a clause that names what it counts ("Single adults accounted for 2,000") does not
        # borrow the lead's or the previous sentence's subject ("families"); one that names
        # nothing ("... rose to 2,000") does
        fw = replace(fw, scope=set())
    total = sum(a.weight for a in asked)
    got, missing = 0.0, []
    for a in asked:
        f = word_fit(a, fw)
        got += a.weight * min(1.0, f)
        if f < COVERED and a.required:
            missing.append(a.word)
    return Fit(got / total, missing, extra)


_NEUTRAL = {stem(w) for w in vocab.QUESTION_FILLER | vocab.TOPIC_NEUTRAL | vocab.HEDGES | set(vocab.QUALIFIERS)
            | {"percent", "fiscal", "year", "years", "fy", "calendar", "month", "nearly", "about", "more", "less", "than",
               "total", "record", "new"} | set(vocab.MONTHS)}
