"""Answer a question that asks for words, not a figure, by quoting one sentence.

The question says what kind of answer it wants (`answer_type`): a person or organisation
(who), a date (when), a cause (why) or a place (where), by its question word or by the noun of
"which/what + noun" ("which official", "on what date"). Candidates are the top search hits and,
for a typed question, the sentences next to them in their paragraph, since an article often
names who said something, or why it happened, in the sentence beside the one that matches the
question best. A candidate fits when it holds something of the asked type that the question
doesn't already say (`new_names`, `new_dates`, `new_cause`); among those that fit, the one
matching the question's rarer words best, and closest to it in meaning, is quoted (`coverage`).

    >>> answer_type("Which official presented the Peru figures?")
    'who'
    >>> new_names("Acting Commissioner Jo Kenya presented the figures in Lamu.", "Which official presented the figures in Lamu?")
    ['Acting Commissioner Jo Kenya']
"""

from __future__ import annotations

import re
from typing import Callable

from bot.question import question_word
from index import vocab
from index.facts import in_year_of
from index.periods import Period, compatible, differs_in_type, find_periods, without_periods
from index.search import Hit
from index.stems import stem, words

TYPES = ("who", "when", "why", "where")
TYPE_SIMILAR = 0.45  # a noun's closeness in meaning to a type's prototypes for it to ask for that type
TYPE_MARGIN = 0.1  # ... and how much closer than to the next type's
NEIGHBOUR_SHARE = 0.9  # a sentence beside a matching hit counts as this much of the hit's match
DENSE_WEIGHT = 0.5  # how much closeness in meaning adds to the share of the question's words matched
NAME_WEIGHT = 0.5  # a name the question says tells what it is about, but an article repeats it: its words count less
MEANING_MATCH = 0.75  # a word of the same meaning (synonym, embedding neighbour) counts at its strength from here

Similarity = Callable[[str, list[str]], list[float]]

_WH_TYPE = {"who": "who", "when": "when", "why": "why", "where": "where"}
_AUX = frozenset("is are was were be been do does did has have had will would could should can may might".split())
_BE = frozenset("is are was were".split())
_DETERMINERS = frozenset("the a an this that these those its their his her".split())


def _verbish(word: str) -> bool:
    """A word that reads as a verb after the noun: "presented", "said", "went" (not "orders")."""
    import simplemma

    if word.endswith("ed") or word in vocab.IRREGULAR_PAST or word in _AUX:
        return True
    return not word.endswith("s") and simplemma.lemmatize(word, lang="en").lower() != word


def asked_noun(question: str, longest: int = 4) -> str | None:
    """The noun a "which/what ..." question asks for: the last word of the noun phrase after its
    question word ("which executive order" -> "order"), which ends before a verb or a function word.

    >>> asked_noun("Which official presented the figures?"), asked_noun("On what date did the Peru office open?")
    ('official', 'date')
    >>> asked_noun("Which executive order preceded the vote?"), asked_noun("What was the reason for the drop?")
    ('order', 'reason')
    >>> asked_noun("What was the average daily ferry count in Lamu?")
    'count'
    >>> asked_noun("What did the Peru office say?") is None
    True
    """
    match = re.match(r"\s*(?:[a-z]+\s+)?(?:which|what)\b", question, re.I)
    if match is None or question_word(question) not in ("which", "what"):
        return None
    rest = re.findall(r"[a-z][a-z'-]*", question[match.end():].lower())
    if rest[:1] and rest[0] in _BE and rest[1:2] and rest[1] in _DETERMINERS:
        rest = rest[2:]  # "what was the reason"
    phrase = []
    for word in rest[:longest]:
        if word in vocab.STOPWORDS or word in _AUX or (phrase and _verbish(word)):
            break
        phrase.append(word)
    return phrase[-1] if phrase else None


def noun_type(noun: str, similar: Similarity | None = None) -> str | None:
    """The answer type a noun asks for: a prototype's type, else the type whose prototypes are
    closest to it in meaning, when clearly closest; None for a figure's noun or an unclear one.

    >>> noun_type("officials"), noun_type("date"), noun_type("total")
    ('who', 'when', None)
    """
    s = stem(noun)
    for kind, prototypes in vocab.ANSWER_TYPE_WORDS.items():
        if s in {stem(p) for p in prototypes}:
            return kind if kind in TYPES else None
    if similar is None:
        return None
    prototypes = [(kind, p) for kind, ps in vocab.ANSWER_TYPE_WORDS.items() for p in ps]
    cosines = similar(noun.lower(), [p for _, p in prototypes])
    best: dict[str, float] = {}
    for (kind, _), cosine in zip(prototypes, cosines):
        best[kind] = max(best.get(kind, 0.0), cosine)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= TYPE_SIMILAR and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= TYPE_MARGIN):
        return ranked[0][0] if ranked[0][0] in TYPES else None
    return None


# "What is a transit stay?", "what are ferry permits?": a definition, not a figure
_DEFINITION = re.compile(r"^\W*what(?:(?:'s|\s+is)\s+(?:a|an)|\s+are(?!\s+(?:the|its|their|his|her|our|these|those)\b))"
                         r"\s+(?P<term>[\w()-]+(?:\s+[\w()-]+){0,2})\s*\??\s*$", re.I)
_DEFINING = r"(?:is|are|was|were|means?|refers? to|describes?)"
_NAMING = r"(?:known|referred to|described|defined|called)(?:\s+\w+){0,3}?\s+as|called|termed"


def defined_term(question: str) -> str | None:
    """The term a "what is a X?" question asks to have defined, else None.

    >>> defined_term("What is a transit stay?"), defined_term("What are permits?"), defined_term("What is the total?")
    ('transit stay', 'permits', None)
    """
    match = _DEFINITION.match(question)
    return match.group("term") if match else None


def defines(text: str, term: str) -> bool:
    """Whether a sentence says what `term` is: "Such stops are known as 'transit stays'", "A
    permit is a licence ...".

    >>> defines('Such stops are known by the port as "transit stays."', "transit stay")
    True
    >>> defines("Transit stays fell by 30 percent.", "transit stay")
    False
    >>> defines('A "transit stay," as the contract calls it, is a stay of a day.', "transit stay")
    True
    """
    words = [re.escape(stem(w.lower())) + r"\w*" for w in re.findall(r"[\w()-]+", term)]
    if not words:
        return False
    name = r"\b" + r"\s+".join(words)
    quote = r"[\"“'‘]?"
    # "A 'transit stay,' as the contract calls it, is a stay of ...": an aside may come between
    aside = r"(?:,?\s+[^.;]{0,60}?,)?"
    return bool(re.search(rf"(?:{_NAMING})\s+{quote}{name}", text, re.I)
                or re.search(rf"{name}[,\"”'’]*{aside}\s+(?:\w+\s+)?{_DEFINING}\s+(?:a|an|the|when|what|how)\b",
                             text, re.I))


_WHAT_CAUSED = re.compile(r"\b(?:brought|caused|causes|cause|led to|leads to|drove|drives|prompted|triggered|"
                          r"explains|explained|behind)\b", re.I)
_AUXILIARY = {"is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "will", "would", "can", "could"}


def who_role(question: str) -> str | None:
    """The role a "who" question asks a name in, its verb: "Who chaired the hearing?" ->
    "chaired"; None for "who is ..." and "who" questions of another shape.

    >>> who_role("Who chaired the Peru hearing?"), who_role("Who is the director of ICE?")
    ('chaired', None)
    """
    found = re.search(r"\bwho\s+([a-z][a-z'’-]*)", question, re.I)
    if found is None or found.group(1).lower() in _AUXILIARY | vocab.STOPWORDS:
        return None
    return found.group(1).lower()


def answer_type(question: str, similar: Similarity | None = None) -> str | None:
    """What kind of answer a question asks for: who, when, why, where, define ("what is a X?"),
    or None (a description or a figure).

    >>> answer_type("Who ended the Peru program?"), answer_type("Until when does the Kenya contract run?")
    ('who', 'when')
    >>> answer_type("Which group said the Peru count rose?"), answer_type("In what year did the Lamu ferry open?")
    ('who', 'when')
    >>> answer_type("What was the Peru total?") is None
    True
    """
    wh = question_word(question)
    if wh in _WH_TYPE:
        return _WH_TYPE[wh]
    if wh == "what" and _WHAT_CAUSED.search(question):
        return "why"  # "what brought the waits down?" asks for a cause
    if defined_term(question):
        return "define"
    noun = asked_noun(question)
    return noun_type(noun, similar) if noun else None


# --- what a sentence holds ----------------------------------------------------------------------

_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*(?:\([^)]*\))?\s*[-–—]\s")
_NAME_WORD = r"(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)*|[A-Z]{2,}s?|(?:[A-Z]\.){1,3})"
_NAME = re.compile(_NAME_WORD + r"(?:\s+(?:(?:of|and|for|the|de|del|la|von|van)\s+)*" + _NAME_WORD + r")*")
CALENDAR = frozenset(vocab.MONTHS) | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def unquoted(text: str) -> str:
    """The sentence without what it quotes: a name inside a quotation is not who spoke it. A
    sentence that closes a quotation it didn't open is quoted up to there.

    >>> unquoted('Peru must act," said Jo Kenya, adding "soon".')
    ' said Jo Kenya, adding .'
    """
    out, inside, start = [], False, 0
    for i, ch in enumerate(text):
        if ch in "“”\"":
            opening = ch == "“" or (ch == '"' and (i == 0 or text[i - 1] in " \t\n([—–-") and not inside)
            if opening and not inside:
                out.append(text[start:i])
                inside = True
            elif not opening:
                if inside:
                    inside = False
                else:
                    out = []  # the sentence so far was the end of a quotation
                start = i + 1
    if not inside:
        out.append(text[start:])
    return "".join(out)


def without_dateline(text: str) -> str:
    """The sentence without its dateline ("LAMU, Kenya (Oct. 2, 2019) - "): the place and day it was
    filed from are not what it says.

    >>> without_dateline("LAMU, Kenya (Oct. 2, 2019) - Ferries crossed.")
    'Ferries crossed.'
    """
    match = _DATELINE.match(text)
    return text[match.end():] if match else text


def new_names(text: str, question: str, known: tuple[str, ...] = ()) -> list[str]:
    """Capitalised names (people, organisations, places) in a sentence, outside its dateline and
    its quotations, that the question doesn't already say; `known` are names the question says
    by another name (its agencies').

    >>> new_names("The Lamu Ferry Workers Union said crossings fell.", "Which group said crossings fell?")
    ['Lamu Ferry Workers Union']
    >>> new_names("LAMU, Kenya (Oct. 2, 2019) - Ferries crossed on Tuesday.", "Who counted ferries?")
    []
    >>> new_names("Ferries crossed to Lamu Island.", "Who counted ferries to Lamu Island?")
    []
    """
    asked = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}
    known_words = {w.lower() for name in known for w in re.findall(r"[A-Za-z]+", name)}
    body = unquoted(without_dateline(text))
    lead = len(body) - len(body.lstrip(" \"'“‘("))
    out = []
    for match in _NAME.finditer(body):
        name = match.group(0)
        parts = re.findall(r"[A-Za-z]+", name)
        if match.start() <= lead and parts and parts[0] in vocab.SENTENCE_STARTERS:
            name = name[len(parts[0]):].strip()
            parts = parts[1:]
        if match.start() <= lead and len(parts) == 1:
            continue  # one capitalised word opening a sentence may be any word
        fresh = [p for p in parts if len(p) > 1 and p.lower() not in asked and p.lower() not in known_words
                 and p.lower() not in CALENDAR and p.lower() not in vocab.STOPWORDS and p != "U"]
        if fresh:
            out.append(name)
    return out


_DATE = re.compile(r"\b(?:" + "|".join(sorted(vocab.MONTHS, key=len, reverse=True)) + r")\.?\s+\d{1,2}\b(?:,?\s+\d{4})?"
                   r"|\b\d{1,2}\s+(?:" + "|".join(sorted(vocab.MONTHS, key=len, reverse=True)) + r")\b(?:\s+\d{4})?"
                   r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def new_dates(text: str, question: str) -> list[str]:
    """Dates and periods a sentence states, outside its dateline, that the question doesn't.

    >>> new_dates("The Peru report, released Aug. 7, covered fiscal 2017.", "When did Peru release its fiscal 2017 report?")
    ['Aug. 7']
    >>> new_dates("The Kenya contract runs until 30 September 2024.", "Until when does the Kenya contract run?")
    ['30 September 2024']
    >>> new_dates("The Peru report covered fiscal 2017.", "When did Peru release its fiscal 2017 report?")
    []
    """
    body = without_dateline(text)
    asked_labels = {m.period.label() for m in find_periods(question)}
    low_question = question.lower()
    out, taken = [], []
    for match in _DATE.finditer(body):
        if match.group(0).lower() not in low_question:
            out.append(match.group(0))
        taken.append((match.start(), match.end()))
    for mention in find_periods(body):
        if any(a <= mention.start < b or mention.start <= a < mention.end for a, b in taken):
            continue
        if mention.period.year is None or mention.period.label() in asked_labels:
            continue
        out.append(body[mention.start:mention.end])
    return out


_CAUSE = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in vocab.CAUSE_MARKERS) + r")\b", re.I)
_FILLER = vocab.STOPWORDS | vocab.QUESTION_FILLER | CALENDAR


_TEMPORAL = {"since"}
_WEAK_CAUSE = {"when", "since", "after", "following", "amid"}


def _plain_cause(text: str, question: str) -> bool:
    """Whether the sentence states its cause with a marker that says cause ("because", "due to",
    "came after", "blamed"), not only one that may just say when ("when", "after")."""
    found = new_cause(text, question)
    if found is None:
        return False
    marker = next(m for m in _CAUSE.finditer(text) if (m.group(0) + text[m.end():]).startswith(found.split()[0]))
    return marker.group(0).lower() not in _WEAK_CAUSE or bool(
        re.search(r"\b(?:came|come|comes|followed|began|started)\s+$", text[:marker.start()], re.I))
_SUPERLATIVE = re.compile(r"\b(?:most|highest|lowest|largest|smallest|biggest|fewest|first|deadliest|best|worst|"
                          r"\w+est)\s+(?:\w+\s+){0,3}$", re.I)


def new_cause(text: str, question: str, reach: int = 8) -> str | None:
    """The words a cause marker introduces in a sentence ("after Peru agreed in June"), when some
    of them are content the question doesn't already say; None when there are none.

    >>> new_cause("Crossings fell after Peru agreed in June to close its port.", "Why did crossings fall after May 2019?")
    'after Peru agreed in June to close its port'
    >>> new_cause("Crossings fell after May 2019.", "Why did crossings fall after May 2019?") is None
    True
    >>> new_cause("The total was the highest since 2007.", "Why did the total rise?") is None
    True
    >>> new_cause("Deaths were the most since the agency began tracking them in 1998.", "Why?") is None
    True
    """
    asked = {stem(w) for w in words(question)}
    for match in _CAUSE.finditer(text):
        if match.start() == 0:
            continue  # "After the vote, ..." opens a sentence with a time, not a cause
        if match.group(0).lower() in _TEMPORAL and (_SUPERLATIVE.search(text[:match.start()])
                                                    or find_periods(" ".join(text[match.end():].split()[:6]))):
            continue  # "the most since the agency began tracking them in 1998" says when, not why
        after = re.findall(r"[A-Za-z][A-Za-z'-]*|\d[\d,.]*", text[match.end():])[:reach]
        content = [w for w in after if w[0].isalpha() and len(w) > 2 and w.lower() not in _FILLER
                   and stem(w) not in asked]
        if content:
            return (match.group(0) + " " + " ".join(after[:after.index(content[-1]) + 1])).strip()
    return None


_FALL = frozenset(stem(w) for w in vocab.FALL_WORDS + vocab.MORE_FALL_WORDS)
_RISE = frozenset(stem(w) for w in vocab.RISE_WORDS + vocab.MORE_RISE_WORDS)
_COMPARATIVES = frozenset(stem(w) for w in vocab.COMPARATIVE_WORDS)


def direction(text: str) -> set[str]:
    """Which ways a text says something moved: {"fall"}, {"rise"}, both or neither.

    >>> sorted(direction("Why did crossings fall?")), sorted(direction("Crossings declined, then rose."))
    (['fall'], ['fall', 'rise'])
    """
    found = {stem(w) for w in words(text)}
    out = set()
    if found & (_FALL - _COMPARATIVES):
        out.add("fall")
    if found & (_RISE - _COMPARATIVES):
        out.add("rise")
    return out


def fits(kind: str | None, text: str, question: str, known: tuple[str, ...] = ()) -> bool:
    """Whether a sentence holds an answer of the asked kind the question doesn't already give:
    a name for who and where, a date for when, a cause for why (of a move, when the question asks
    why something rose or fell, in that direction).

    >>> fits("why", "Crossings fell after Peru agreed to close its port.", "Why did crossings fall?")
    True
    >>> fits("why", "Crossings peaked in May, when Peru counted 40.", "Why did crossings fall?")
    False
    """
    if kind in ("who", "where"):
        return bool(new_names(text, question, known))
    if kind == "when":
        return bool(new_dates(text, question))
    if kind == "define":
        return defines(text, defined_term(question) or "")
    if kind == "why":
        asked = direction(question)
        if asked and not asked & direction(text):
            return False
        return new_cause(text, question) is not None
    return True


# --- periods -------------------------------------------------------------------------------------

def asked_periods(question: str) -> list[tuple[Period, bool]]:
    """The dated periods a question names, each with whether it only bounds a time ("after May
    2019"): such a period agrees with any period of its year.

    >>> [(p.label(), bound) for p, bound in asked_periods("Why did crossings fall after May 2019 in Peru?")]
    [('May 2019', True)]
    """
    out = []
    for mention in find_periods(question):
        if mention.period.year is None or mention.period.kind in ("unknown", "offset", "month_offset"):
            continue
        before = question[:mention.start].split()
        bound = bool(before) and before[-1].lower() in vocab.TIME_RELATIONS | {"through", "till"}
        out.append((mention.period, bound))
    return out


def dated(text: str, published: str | None = None) -> list[Period]:
    """The periods with a year a text states; with the date its article was `published`
    ("2024-04-16"), a month named alone is the latest such month up to that date."""
    date = re.match(r"(\d{4})(?:-(\d{1,2}))?", published or "")
    if date is None:
        return [m.period for m in find_periods(text) if m.period.year is not None]
    when = (int(date.group(1)), int(date.group(2)) if date.group(2) else None)
    return [p for m in find_periods(text) if (p := in_year_of(m.period, None, when)).year is not None]


def period_agrees(asked: list[tuple[Period, bool]], levels: list[list[Period]]) -> bool:
    """Whether each period the question names agrees with a period of the texts around a sentence
    (the sentence with its figures' periods; for a typed question also its paragraph and its
    article's title and lead). A bounding period ("after May 2019") agrees with any of its year.

    >>> from index.periods import find_periods as f
    >>> p = lambda t: [m.period for m in f(t)]
    >>> period_agrees([(p("fiscal 2019")[0], False)], [[], [], p("in fiscal 2019")])
    True
    >>> period_agrees([(p("fiscal 2019")[0], False)], [p("in fiscal 2018"), p("in 2017")])
    False
    >>> period_agrees([(p("May 2019")[0], True)], [p("in June 2019")])
    True
    """
    for period, bound in asked:
        stated = [p for level in levels for p in level]
        if bound:
            ok = any(p.year == period.year for p in stated)
        else:
            ok = any(compatible(period, p) and not differs_in_type(period, p) for p in stated)
        if not ok:
            return False
    return True


# --- ranking --------------------------------------------------------------------------------------

def content_words(question: str, leave_out: set[str] = frozenset()) -> list[str]:
    """The question's words that say what it asks about: not its question words, periods, generic
    words or the noun that only says what kind of answer it wants.

    >>> content_words("Which official presented the fiscal 2019 Peru ferry figures?", {"official"})
    ['presented', 'peru', 'ferry']
    """
    from index.periods import without_periods

    out = []
    for w in words(without_periods(question)):
        if w in vocab.STOPWORDS or w in vocab.QUESTION_FILLER or w in vocab.TOPIC_NEUTRAL or w in leave_out:
            continue
        if w in out or len(w) < 2 or w in CALENDAR:
            continue
        out.append(w)
    return out


def coverage(weights: dict[str, float], found: dict[str, float]) -> float:
    """The share of the question's words, weighted by rarity, that a sentence matches: `weights`
    maps each question word to its weight, `found` to how surely the sentence says it (0..1).

    >>> coverage({"present": 3.0, "border": 1.0}, {"present": 1.0})
    0.75
    """
    total = sum(weights.values())
    return sum(w * found.get(k, 0.0) for k, w in weights.items()) / total if total else 0.0


# --- choosing ---------------------------------------------------------------------------------------

def choose(bot, question: str, resolved: str, hits: list[Hit], floor: float) -> Hit | None:
    """The sentence to quote for a question that asks for words, or None when none fits.

    `question` is as asked (it says the answer type), `resolved` with the conversation's words
    filled in (it says what the question is about); `hits` are the search's for `resolved`.
    A candidate is quoted only when the hit it was found by is close to the question in meaning
    (`floor`) and matches one of its words."""
    kind = answer_type(question, bot.lexicon.cosines)
    typed_noun = {asked_noun(question)} if kind and kind != "define" else set()  # a defined term is the topic
    content = content_words(resolved, typed_noun)
    named = {w.lower() for w in re.findall(r"(?<=\s)[A-Z][A-Za-z]*", resolved)}
    weights = {stem(w): bot.lexicon.idf(stem(w)) * (NAME_WEIGHT if w in named else 1.0) for w in content}
    meanings = {stem(w): bot.lexicon.expand(w) for w in content}
    wh = question_word(question)
    asked = asked_periods(resolved)
    actors = {actor for name, actor in bot.aliases.items() if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", resolved)}
    known = tuple(name for name, actor in bot.aliases.items() if actor in actors)  # "USCIS" says its long name
    # a name the question asks about (not its agency) must be said by the sentence or its headline
    named_meanings = {stem(w): meanings[stem(w)] for w in content if w in named and stem(w) in meanings
                      and meanings[stem(w)] and not any(w in n.lower().split() for n in known)}
    verb = who_role(question) if kind == "who" and wh == "who" else None
    role = stem(verb) if verb else ""
    role_meanings = bot.lexicon.expand(verb) if verb else {}
    if role and not role_meanings:
        role = ""  # a role the articles have no word like says nothing about which sentence
    best, best_key = None, None
    for hit in hits:
        anchor_found = _found(hit.span.text, meanings)
        anchor_match = coverage(weights, anchor_found)
        if hit.dense < floor or (weights and not anchor_match) or (not weights and hit.dense < floor + 0.2):
            continue
        anchor_score = anchor_match + DENSE_WEIGHT * hit.dense
        options = [(hit, anchor_score, anchor_match)]
        if kind is not None:
            for row in bot.neighbours(hit.index):
                span = bot.corpus.sentences[row]
                own = coverage(weights, _found(span.text, meanings))
                options.append((Hit(span=span, score=hit.score, rank=hit.rank, index=row, dense=hit.dense),
                                NEIGHBOUR_SHARE * anchor_score, own))
        for option, score, own in options:
            if not fits(kind, option.span.text, resolved, known):
                continue
            # "who chaired the hearing?" is answered first by a name said in that role
            in_role = bool(role) and bool(_found(option.span.text, {role: role_meanings}))
            if wh == "what" and _FIGURE.search(without_periods(option.span.text)) \
                    and not _names_said(bot, option, named_meanings):
                # "what daily rate for holding US Marshals prisoners?": a sentence giving ICE's
                # rate would read as the answer
                continue
            if not _period_fits(bot, option, asked, kind, wh):
                continue
            # ("why": a cause said as one, "because", "came after", before a time that may be one, "when")
            key = (in_role, kind != "why" or _plain_cause(option.span.text, resolved), score, own, -option.rank)
            if best_key is None or key > best_key:
                best, best_key = option, key
    return best


_FIGURE = re.compile(r"\d")


def _names_said(bot, hit: Hit, named: dict[str, dict[str, float]]) -> bool:
    """Whether the sentence, or the headline of its article, says every name in `named`."""
    if not named:
        return True
    article = bot.articles.get(hit.span.source_id)
    text = hit.span.text + " " + (article.title if article is not None else "")
    found = _found(text, named)
    return all(found.get(n, 0.0) >= 0.5 for n in named)


def _found(text: str, meanings: dict[str, dict[str, float]]) -> dict[str, float]:
    """How surely a text says each question word: the word itself 1.0, a word of the same meaning
    its strength (from MEANING_MATCH). A dateline's place says where the story was filed, not
    what it is about."""
    have = {stem(w) for w in words(without_dateline(text))}
    out = {}
    for s, near in meanings.items():
        if s in have:
            out[s] = 1.0
            continue
        strength = max((v for o, v in near.items() if o in have and v >= MEANING_MATCH), default=0.0)
        if strength:
            out[s] = strength
    return out


def _period_fits(bot, hit: Hit, asked, kind: str | None, wh: str | None) -> bool:
    """Whether the periods the question names agree with the sentence or, for a typed question,
    its paragraph or its article; a "what was X in 2015?" question whose sentence states figures asks for a figure the figure
    lookup did not find, so the sentence's other figures must not read as the answer."""
    if not asked:
        return True
    span = hit.span
    figures = bot.facts_at(span.source_id, span.start)
    if kind is None and wh in ("what", None) and figures:
        return False
    published = bot.articles[span.source_id].published if span.source_id in bot.articles else None
    levels = [dated(span.text, published) + [f.period for f in figures if f.period.year is not None]]
    if kind is not None:
        # a name, date or cause is seldom stated beside the period: the paragraph and the article
        # it is in say which period it belongs to
        levels += [dated(" ".join(bot.corpus.sentences[row].text for row in bot.paragraph(hit.index))),
                   _article_periods(bot, hit.index)]
    return period_agrees(asked, levels)


def _article_periods(bot, row: int, reach: int = 6) -> list[Period]:
    """The periods an article is about: its title's and lead's, else those of its first sentence
    that states one (a lead may be only "FOR IMMEDIATE RELEASE")."""
    sentences = bot.corpus.sentences
    source_id = sentences[row].source_id
    found = dated(bot.articles[source_id].title + "\n" + bot.lead(source_id))
    first = bot.first_row(row)
    for i in range(first, min(first + reach, len(sentences))):
        if found or sentences[i].source_id != source_id:
            break
        found = dated(sentences[i].text)
    return found
