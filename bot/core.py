"""The Bot (loaded once per process) and Chat (one conversation)."""

from __future__ import annotations

import logging
import re
import threading
import uuid
from pathlib import Path

from bot.answer import Answer
from bot.conversation import State
from bot.coverage import Asked, Fit, fact_words, fit
from bot.lexicon import Lexicon
from index import embed
from bot.pipeline import answer_question
from index.facts import Fact, actor_aliases
from index.search import Corpus, Hit, load_corpus
from index.store import DEFAULT_DIR, DEFAULT_SOURCES, default_settings

log = logging.getLogger("bot")


class Bot:
    """Holds the model, the index and the fact table. Thread-safe for `chat().ask()`."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.facts = [Fact(**row) for row in corpus.fact_rows]
        self.articles = corpus.articles
        self.aliases: dict[str, str] = {}
        for article in self.articles.values():
            self.aliases.update(actor_aliases(article.body))
        self._text = "\n".join(a.title + "\n" + a.body for a in self.articles.values())
        self.lexicon = Lexicon([s.text for s in corpus.sentences] + [a.title for a in self.articles.values()],
                               encode=lambda texts: embed.encode(corpus.model, texts), cache=corpus.folder)
        leads: dict[str, list] = {}
        for sentence in corpus.sentences:
            # the lead is the first paragraph after the headline
            if sentence.text.strip() == self.articles[sentence.source_id].title.strip():
                continue
            para, texts = leads.setdefault(sentence.source_id, [sentence.paragraph, []])
            if sentence.paragraph == para:
                texts.append(sentence.text)
        before = {}
        for prev, sentence in zip(corpus.sentences, corpus.sentences[1:]):
            if prev.source_id == sentence.source_id and prev.paragraph == sentence.paragraph:
                before[(sentence.source_id, sentence.start)] = prev.text
        self._words = {f.id: fact_words(f, self.articles[f.source_id].title,
                                        " ".join(leads.get(f.source_id, [0, []])[1]),
                                        before.get((f.source_id, f.sentence_start), "")) for f in self.facts}
        self._lock = threading.Lock()  # FAISS and the model are shared; searches are serialized

    @classmethod
    def load(cls, sources: Path | str = DEFAULT_SOURCES, index_dir: Path | str = DEFAULT_DIR,
             model: str | None = None, log=print) -> Bot:
        """Build the index if it is missing or stale, then load it and the model."""
        corpus = load_corpus(Path(sources), Path(index_dir), default_settings(model), log=log)
        corpus.embed_query("warm up")
        return cls(corpus)

    def meaning(self, fact: Fact, asked: list[Asked]) -> Fit:
        """How completely `fact` accounts for the question's words (see bot.coverage)."""
        return fit(asked, self._words[fact.id], self.lexicon)

    def mentions(self, name: str) -> bool:
        """Whether any article names `name` (a whole word, any case)."""
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", self._text, re.I) is not None

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
        answer, self.state = answer_question(self.bot, question, self.state)
        self.history.append(answer)
        return answer
