"""The Bot (loaded once per process) and Chat (one conversation)."""

from __future__ import annotations

import copy
import logging
import re
import threading
import uuid
from pathlib import Path

from bot.answer import Answer
from bot.conversation import State
from bot.candidates import candidates
from bot.coverage import PLAIN, SAME_MEANING, Asked, Fit, FactWords, fact_words, fit, series_scene
from bot import spelling
from bot.lexicon import TYPO_STRENGTH, Lexicon, stem, stems
from index import embed, vocab
from bot.match import Need
from bot.nouns import modifiers
from bot.moves import bracketed_of, from_to, level_before, reached_after
from bot.pipeline import answer_question
from index.facts import Fact
from index.initials import phrases_for
from index.periods import without_periods
from index.search import Corpus, Hit, load_corpus
from index.store import DEFAULT_DIR, DEFAULT_SOURCES, default_settings

log = logging.getLogger("bot")


_BARE_FROM = re.compile(r"\W*(?:up|down)\s+from\s+\S+(?:\s+(?:that|then|earlier))?\W*", re.I)


class Bot:
    """Holds the model, the index and the fact table. Thread-safe for `chat().ask()`.

    `replace(corpus)` swaps in an updated index while questions are being answered: each
    question is answered from one `snapshot()`, all old or all new, and every conversation
    sees the new documents from its next question on."""

    def __init__(self, corpus: Corpus):
        self._lock = threading.Lock()  # FAISS and the model are shared; searches are serialized
        self._swap = threading.Lock()
        self.replace(corpus)

    def replace(self, corpus: Corpus) -> None:
        """Answer from `corpus` from now on."""
        # what grows with the corpus was computed by the build (index.factindex): nothing here
        # visits every fact, sentence or article
        table = corpus.facts
        aliases = table.aliases()
        df, surface, documents = table.lexicon_counts()
        lexicon = Lexicon.from_counts(df, surface, documents, encode=lambda texts: self._encode(corpus, texts),
                                      cache=corpus.folder)
        with self._swap:
            self.corpus, self._table, self.articles, self.aliases = corpus, table, corpus.articles, aliases
            self.lexicon, self._words, self._initials = lexicon, {}, table.initials()
            self._phrases: dict[str, list[str]] = {}  # initialisms read as lowercase phrases
            self._cased = table.cased_names()
            lexicon.name_stems({stem(name) for name in self._cased if " " not in name})
            # agency names say who, not what: a clause naming one is not narrower for it
            self._names = {stem(w) for name in aliases for w in name.split()}

    def _encode(self, corpus: Corpus, texts: list[str]):
        # the model's tokenizer is not safe to share between threads: the lexicon's word
        # embeddings take the same lock as searches
        with self._lock:
            return embed.encode(corpus.model, texts)

    @property
    def facts(self) -> list[Fact]:
        """The whole fact table (read on first use; answering reads only `candidates`)."""
        return self._table.all()

    def fact_count(self) -> int:
        return len(self._table)

    def first_facts(self, limit: int) -> list[Fact]:
        """The first `limit` facts of the table, for views that cannot show a large archive whole."""
        return self._table.first(limit)

    def facts_of(self, source_id: str) -> list[Fact]:
        """The facts of one article."""
        return self._table.of_article(source_id)

    def fact(self, fact_id: str) -> Fact | None:
        """One fact by its id ("article:offset"), read from its article's facts."""
        source_id = fact_id.rpartition(":")[0]
        return next((f for f in self.facts_of(source_id) if f.id == fact_id), None) if source_id else None

    def fact_counts(self) -> dict[str, int]:
        """Facts per article."""
        return self._table.counts()

    def candidates(self, need: Need) -> list[Fact]:
        """The facts `bot.match.rank(..., need, ...)` may score: the rest cannot answer `need`."""
        return candidates(self._table, need, self.aliases, by_meaning=True)

    def measuring(self, fact: Fact) -> list[Fact]:
        """Facts of the same thing, agency, year and unit as `fact` (candidates for a conflict)."""
        return self._table.measuring(fact.thing, fact.actor, fact.period.year, fact.unit)

    def facts_at(self, source_id: str, sentence_start: int) -> list[Fact]:
        """The facts of one sentence."""
        return self._table.at(source_id, sentence_start)

    def before(self, fact: Fact) -> str:
        """The sentence before the fact's, in the same paragraph ("" when it opens one)."""
        return self._table.before(fact)

    def lead(self, source_id: str) -> str:
        """An article's lead: the sentences of its first paragraph after the headline."""
        return self._table.lead(source_id)

    def paragraph(self, row: int) -> list[int]:
        """The rows of the sentences in the same paragraph as sentence `row`, in order."""
        sentences = self.corpus.sentences
        here = sentences[row]

        def same(i: int) -> bool:
            return 0 <= i < len(sentences) and sentences[i].source_id == here.source_id \
                and sentences[i].paragraph == here.paragraph

        first, last = row, row
        while same(first - 1):
            first -= 1
        while same(last + 1):
            last += 1
        return list(range(first, last + 1))

    def first_row(self, row: int) -> int:
        """The row of the first sentence of the article sentence `row` is in."""
        sentences = self.corpus.sentences
        while row > 0 and sentences[row - 1].source_id == sentences[row].source_id:
            row -= 1
        return row

    def neighbours(self, row: int) -> list[int]:
        """The rows of the sentences just before and after sentence `row` in its paragraph."""
        return [i for i in self.paragraph(row) if abs(i - row) == 1]

    def snapshot(self) -> Bot:
        """This bot's current index, fixed: a later `replace` does not change it."""
        with self._swap:
            return copy.copy(self)

    @classmethod
    def load(cls, sources: Path | str = DEFAULT_SOURCES, index_dir: Path | str = DEFAULT_DIR,
             model: str | None = None, log=print) -> Bot:
        """Build the index if it is missing or stale, then load it and the model."""
        corpus = load_corpus(Path(sources), Path(index_dir), default_settings(model), log=log)
        corpus.embed_query("warm up")
        return cls(corpus)

    def meaning(self, fact: Fact, asked: list[Asked]) -> Fit:
        """How completely `fact` accounts for the question's words (see bot.coverage)."""
        return fit(asked, self._fact_words(fact), self.lexicon, self._names)

    def words_of(self, fact: Fact) -> FactWords:
        """The fact's words at their levels: its clause, sentence, context, headline and lead."""
        return self._fact_words(fact)

    @property
    def agency_stems(self) -> set[str]:
        """Stems of the words of every agency name: they say who, not what."""
        return self._names

    def articles_with(self, words: list[str]) -> list[str]:
        """Ids of the articles whose text has every one of `words` (lowercase) as a whole word."""
        return self._table.articles_with(words)

    def names(self, fact: Fact, asked: Asked) -> bool:
        """Whether the figure's own clause says the word (or a synonym), not only its sentence."""
        clause = self._fact_words(fact).clause
        return any(strength >= SAME_MEANING and s in clause for s, strength in asked.meanings.items())

    def _fact_words(self, fact: Fact) -> FactWords:
        """The fact's words at their levels, worked out on its first use and kept."""
        found = self._words.get(fact.id)
        if found is None:
            here = [o for o in self.facts_at(fact.source_id, fact.sentence_start) if o.id != fact.id]
            host = bracketed_of(fact, here)
            if host is not None:
                # "profit of $96m (2021: $88m)": the earlier year's figure of the same measure
                found = self._words[fact.id] = self._fact_words(host)
                return found
            # the level a move reached is described by the words before "from" ("raising the fee
            # from A to B")
            move = from_to(fact, here + [fact])
            # "A people ..., N more than in 2018": N counts what A counts
            level = level_before(fact, here + [fact])
            # ("Kenya — 712 (up from 501)", "issued 2,415 visas in ..., up from 1,980 the year
            # before": a level left that says nothing else is of what the figure before it is of)
            bare_from = _BARE_FROM.fullmatch(without_periods(fact.clause)) is not None
            reached = max((o for o in here if o.unit == fact.unit and o.start < fact.start), key=lambda o: o.start,
                          default=None) if bare_from else None
            joined = [o for o in here if _joined(o, fact) or (move is not None and move == (o, fact))
                      or (reached is not None and o.id == reached.id)
                      or (level is not None and level[0].id == o.id)]
            others = [o for o in here if o.clause != fact.clause and not _whole_of(o, fact) and o not in joined]
            lead, before, previous = self._without_parts(
                fact, [self._table.lead(fact.source_id), self._table.before(fact), self._table.previous(fact)])
            lead = self._without_series(fact, lead)
            # "a $30 stamping fee, for a total of $105": a total after its parts shares their subject,
            # verb and noun; only the words that set a part apart ("stamping") are the part's
            parts = {o.id for o in others if _whole_of(fact, o)}
            words = {o.id: " ".join(modifiers(o.quote[o.end - o.sentence_start:])) if o.id in parts
                     and o.start < fact.start else o.clause for o in others}
            # (a report's publisher says whose figures it gives: "City of Port Lamu Office of
            # Immigrant Affairs" over its own table)
            article = self.articles[fact.source_id]
            heading = article.title + (" . " + article.publisher if article.publisher else "")
            found = fact_words(fact, heading, lead, before,
                               [words[o.id] for o in others], previous,
                               parts=[words[o.id] for o in others if o.id in parts],
                               joined=[o.clause for o in joined] + [reached_after(fact, here) or "",
                                                                      elided_noun(fact, here)],
                               list_words=self._list_words(fact))
            self._words[fact.id] = found
        return found

    def _list_words(self, fact: Fact) -> set[str]:
        """Stems of a list line's label ("- Employment-based preferences: N") that other lines
        of its list (those under the same lead-in) have in theirs, when the label keeps a word of
        its own besides them."""
        if not fact.context or fact.clause != fact.thing_text:
            return set()
        others = [f for f in self.facts_of(fact.source_id) if f.context == fact.context
                  and f.sentence_start != fact.sentence_start and f.clause == f.thing_text]
        mine = stems(fact.clause) - PLAIN
        shared = mine & set().union(*(stems(f.clause) for f in others))
        return shared if mine - shared else set()

    def _without_series(self, fact: Fact, lead: str) -> str:
        """The lead as a figure reads it: a lead sentence that runs through a series
        ("N encounters in March, down from M; single adults rose to A; family members fell to B")
        says in each later part what that part's figure counts, and none of that is said of another
        figure; its first part still sets the scene."""
        if not lead:
            return lead
        for quote in {f.quote for f in self.facts_of(fact.source_id) if f.quote in lead}:
            lead = lead.replace(quote, series_scene(quote, "", quote))
        return lead

    def _without_parts(self, fact: Fact, texts: list[str]) -> list[str]:
        """Earlier text `fact` borrows words from (its article's lead, its paragraph, the sentence it
        points back to), each without the clauses of the parts it lists: "The total was up from N"
        is the whole's, not "1,700 after a traffic stop"'s."""
        if not any(texts):
            return texts
        body = self.articles[fact.source_id].body
        earlier = [f for f in self.facts_of(fact.source_id) if f.sentence_start < fact.sentence_start]
        out = []
        for text in texts:
            at = body.find(text[:60]) if text else -1
            if at >= 0:
                here = [f for f in earlier if f.sentence_start >= at]
                for part in [f for f in here if any(w.sentence_start == f.sentence_start and _whole_of(w, f)
                                                    for w in here if w.id != f.id)]:
                    text = text.replace(part.clause, " ")
            out.append(text)
        return out

    def whole_of(self, fact: Fact) -> Fact | None:
        """The figure of its sentence that `fact` is listed as a part of ("N miles ...: A miles of one
        kind and B of another"), if any."""
        return next((o for o in self.facts_at(fact.source_id, fact.sentence_start)
                     if o.id != fact.id and o.unit == fact.unit and _whole_of(o, fact)), None)

    def mentions(self, name: str) -> bool:
        """Whether any article names `name` (a whole word, any case), or its country or people
        ("Peruvian" for "Peru"), or spells out its initialism ("DEA"), or, for a name joined to a
        word ("Peru-based"), the name."""
        if self._written(name):
            return True
        if self._initials.get(name):
            return True  # "DEA" for the "Drug Enforcement Administration" an article spells out
        head = re.fullmatch(r"(.+?)-[a-z]+", name)
        if head and self.mentions(head.group(1)):
            return True  # "Trump-era", "Peru-based", "U.S.-born": the name is the part before
        # "Peruvian" for "Peruvians", "Peruvians" for "Peruvian"
        forms = [] if " " in name else ([name[:-1]] if name.lower().endswith("s") else [name + "s", name + "es"])
        if any(self._written(f) for f in forms):
            return True
        return " " not in name and any(TYPO_STRENGTH <= s < 1.0 for s in self.lexicon.expand(name, name=True).values())

    def respelled(self, text: str) -> str:
        """`text` with each word neither the articles nor the model's dictionary knows read as the
        one article word a slip away from it ("refugee ceilng" as "refugee ceiling")."""
        return spelling.respelled(text, self.lexicon.known, embed.dictionary(self.corpus.model), self._table.vocabulary)

    def recased(self, text: str) -> str:
        """`text` with the articles' names written as they write them, where the question has them
        in lowercase ("how many did lamu aid alliance resettle in malindi?")."""
        words = list(re.finditer(r"[A-Za-z][\w'’&-]*", text))
        out, spans, start = text, [], 0
        while start < len(words):
            for end in range(min(len(words), start + 6), start, -1):
                chunk = text[words[start].start():words[end - 1].end()]
                if chunk.islower() and " ".join(chunk.split()) in self._cased:
                    spans.append((words[start].start(), words[end - 1].end(), self._cased[" ".join(chunk.split())]))
                    start = end - 1
                    break
            start += 1
        for a, b, name in reversed(spans):
            out = out[:a] + name + out[b:]
        return out

    def spelled_out(self, initialism: str) -> str | None:
        """The one name the articles spell out for an initialism they never write ("Drug
        Enforcement Administration" for "DEA"); None when they write it, or spell out several."""
        if self._written(initialism):
            return None
        single = initialism[:-1] if initialism.endswith("s") else initialism  # "HMs"
        names = self._initials.get(initialism, []) or self._initials.get(single, [])
        if not names and (single == initialism or not self._written(single)):
            # "HMs" for the "harbour masters" the articles write in lowercase
            if single not in self._phrases:
                texts = [t for a in self.articles.values() for t in (a.title, a.body)]
                self._phrases[single] = phrases_for(single, texts, vocab.STOPWORDS)
            names = self._phrases[single]
        return names[0] if len(names) == 1 else None

    def _written(self, name: str) -> bool:
        """Whether an article has `name` as written: only the articles the word index says have
        all its words are searched."""
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I)
        tokens = re.findall(r"\w+", name.lower())
        ids = self._table.articles_with(tokens) if tokens else list(self.articles)
        return any(pattern.search(self.articles[i].title + "\n" + self.articles[i].body) for i in ids if i in self.articles)

    def chat(self) -> Chat:
        return Chat(self)

    def ask(self, question: str) -> Answer:
        """A one-question conversation."""
        return self.chat().ask(question)

    def search(self, query: str, k: int = 5) -> list[Hit]:
        with self._lock:
            return self.corpus.search(query, k=k)


class Chat:
    """One conversation: follow-up questions resolve against its earlier turns."""

    def __init__(self, bot: Bot, conversation_id: str | None = None):
        self.bot = bot
        self.id = conversation_id or uuid.uuid4().hex
        self.state = State()
        self.history: list[Answer] = []

    def ask(self, question: str) -> Answer:
        bot = self.bot.snapshot()
        answer, self.state = answer_question(bot, question, _known(self.state, bot.articles))
        answer = with_pages(answer, bot.articles)
        self.history.append(answer)
        return answer


def _known(state: State, articles) -> State:
    """The conversation without figures from documents removed since they were stated."""
    def keep(facts):
        return [f for f in facts if f.source_id in articles]

    if all(f.source_id in articles for f in state.facts + state.recent + ([state.parent] if state.parent else [])):
        return state
    parent = state.parent if state.parent is None or state.parent.source_id in articles else None
    return state.model_copy(update={"facts": keep(state.facts), "recent": keep(state.recent), "parent": parent})


def with_pages(answer: Answer, articles) -> Answer:
    """Citations of PDF text carry the page they are on."""
    if not any(articles[c.source_id].pages for c in answer.citations if c.source_id in articles):
        return answer
    citations = [c.model_copy(update={"page": articles[c.source_id].page_at(c.start)}) if c.source_id in articles else c
                 for c in answer.citations]
    return answer.model_copy(update={"citations": citations})


_JOINED = re.compile(r"^\s*(?:,|,?\s*(?:and|or))\s*$", re.I)


def elided_noun(fact: Fact, here: list[Fact]) -> str:
    """The noun an earlier figure of the sentence counts, when this figure's verb follows it
    straight away and that figure's verb is the same one: "14 residents spoke against it and six
    spoke in favor" counts six residents. "" when there is none.

    >>> q = "Of the callers, 14 residents spoke against it and six spoke in favor."
    >>> a = Fact.model_construct(start=15, thing_text="residents spoke against it", quote=q, sentence_start=0)
    >>> b = Fact.model_construct(start=50, thing_text="spoke", quote=q, sentence_start=0)
    >>> elided_noun(b, [a])
    'residents'
    """
    own = fact.thing_text.split()
    if not own:
        return ""
    for other in sorted(here, key=lambda o: -o.start):
        if other.start >= fact.start:
            continue
        words = other.thing_text.split()
        if own[0] in words[1:]:
            return " ".join(words[:words.index(own[0])])
    return ""


def _joined(other: Fact, fact: Fact) -> bool:
    """Whether two figures of a sentence are joined with nothing but "and", "or" or a comma between
    them ("were A and B for 2022 and 2021, respectively"): they share one clause's words."""
    first, second = (other, fact) if other.start < fact.start else (fact, other)
    return first.unit == second.unit and _JOINED.match(fact.quote[first.end - fact.sentence_start:
                                                                  second.start - fact.sentence_start]) is not None


_OF_OPENING = re.compile(r"^\W*(?:of|out of|among)\b", re.I)
_OF_THEM_AFTER = re.compile(r"^\s+(?:of|among) (?:them|those|whom|which|these)\b", re.I)
_TOTAL_BEFORE = re.compile(r"\b(?:a (?:combined |grand )?total of|totall?ing|adding up to|making|bringing the total to)"
                           r"\s+(?:(?:about|nearly|some|roughly|around|almost|more than|just over)\s+)?[$£€¥]?$", re.I)
_PARTS_FOLLOW = re.compile(r":|\binclud|\b(?:of|among) (?:them|whom|which|those)\b|\bsuch as\b|\b(?:due|owing) to\b",
                           re.I)


def _whole_of(whole: Fact, part: Fact) -> bool:
    """Whether `part` is listed as part of `whole` ("N miles of barrier: A miles of one kind and B
    of another", "N people, including M convicted criminals"): the part shares the whole's
    words, they are not another figure's."""
    if whole.start == part.start:
        return False
    if whole.start > part.start:
        # "A of one kind and B of another, for a total of N": the total comes after its parts
        return _TOTAL_BEFORE.search(whole.quote[:whole.start - whole.sentence_start]) is not None
    between = part.quote[whole.end - part.sentence_start:part.start - part.sentence_start]
    if _OF_OPENING.match(part.quote[:whole.start - part.sentence_start]) and "," in between:
        return True  # "Of N removals, A were ..."
    if _OF_THEM_AFTER.match(part.quote[part.end - part.sentence_start:]) and not re.search(r"\d", between):
        return True  # "N arrests, A of them of people with convictions"
    return _PARTS_FOLLOW.search(between) is not None
