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
from bot.coverage import Asked, Fit, fact_words, fit, refers_back
from bot.lexicon import TYPO_STRENGTH, Lexicon, stem
from index import embed
from bot.pipeline import answer_question
from index.facts import Fact, actor_aliases
from index.search import Corpus, Hit, load_corpus
from index.store import DEFAULT_DIR, DEFAULT_SOURCES, default_settings

log = logging.getLogger("bot")


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
        facts = [Fact(**row) for row in corpus.fact_rows]
        aliases: dict[str, str] = {}
        for article in corpus.articles.values():
            aliases.update(actor_aliases(article.body))
        text = "\n".join(a.title + "\n" + a.body for a in corpus.articles.values())
        lexicon = Lexicon([s.text for s in corpus.sentences] + [a.title for a in corpus.articles.values()],
                          encode=lambda texts: embed.encode(corpus.model, texts), cache=corpus.folder)
        words = _fact_words(corpus, facts)
        with self._swap:
            self.corpus, self.facts, self.articles, self.aliases, self._text = (
                corpus, facts, corpus.articles, aliases, text)
            self.lexicon, self._words = lexicon, words
            # agency names say who, not what: a clause naming one is not narrower for it
            self._names = {stem(w) for name in aliases for w in name.split()}

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
        return fit(asked, self._words[fact.id], self.lexicon, self._names)

    def mentions(self, name: str) -> bool:
        """Whether any article names `name` (a whole word, any case), or its country or people
        ("Peruvian" for "Peru")."""
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", self._text, re.I) is not None:
            return True
        return " " not in name and any(s >= TYPO_STRENGTH and s < 1.0 for s in self.lexicon.expand(name, name=True).values())

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


def _fact_words(corpus: Corpus, facts: list[Fact]) -> dict:
    """Each fact's words at their levels: clause, sentence, context, headline, lead and the
    sentence before it (see `bot.coverage.fact_words`)."""
    leads: dict[str, list] = {}
    for sentence in corpus.sentences:
        # the lead is the first paragraph after the headline
        if sentence.text.strip() == corpus.articles[sentence.source_id].title.strip():
            continue
        para, texts = leads.setdefault(sentence.source_id, [sentence.paragraph, []])
        if sentence.paragraph == para:
            texts.append(sentence.text)
    clauses: dict[tuple[str, int], list[Fact]] = {}
    for f in facts:
        clauses.setdefault((f.source_id, f.sentence_start), []).append(f)
    before, previous = {}, {}
    for prev, sentence in zip(corpus.sentences, corpus.sentences[1:]):
        if prev.source_id == sentence.source_id and prev.text.strip() != corpus.articles[prev.source_id].title.strip():
            # a sentence that itself refers back lends the one it points at too
            lent = previous.get((prev.source_id, prev.start), "") if refers_back(prev.text) else ""
            previous[(sentence.source_id, sentence.start)] = prev.text + " " + lent
            if prev.paragraph == sentence.paragraph:
                before[(sentence.source_id, sentence.start)] = prev.text
    return {f.id: fact_words(f, corpus.articles[f.source_id].title,
                             " ".join(leads.get(f.source_id, [0, []])[1]),
                             before.get((f.source_id, f.sentence_start), ""),
                             [o.clause for o in clauses[(f.source_id, f.sentence_start)]
                              if o.clause != f.clause and not _whole_of(o, f)],
                             previous.get((f.source_id, f.sentence_start), ""))
            for f in facts}


_PARTS_FOLLOW = re.compile(r":|\binclud|\b(?:of|among) (?:them|whom|which|those)\b|\bsuch as\b", re.I)


def _whole_of(whole: Fact, part: Fact) -> bool:
    """Whether `part` is listed as part of `whole` ("N miles of barrier: A miles of one kind and B
    of another", "N people, including M convicted criminals"): the part shares the whole's
    words, they are not another figure's."""
    if whole.start >= part.start:
        return False
    return _PARTS_FOLLOW.search(part.quote[whole.end - part.sentence_start:part.start - part.sentence_start]) is not None
