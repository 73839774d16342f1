"""Word meaning for matching a question to a fact: stems, a synonym table kept as data
(`index.vocab.SYNONYMS`), typo folding, and similarity from the embedding model.

    >>> lex = Lexicon(["Unaccompanied children were apprehended"], encode=None)
    >>> sorted(lex.expand("kids"))
    ['child']
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Callable

import numpy as np

from index import vocab
from index.stems import phrases_to_words, stem, stem_counts, stems, words  # noqa: F401  (used by bot.coverage)

EMBED_SIMILAR = 0.62  # word cosine at which two words count as the same meaning
SYNONYM_STRENGTH = 0.9
RELATED_STRENGTH = 0.75  # words naming one counted thing: enough to account for a word, not to say the same
TYPO_STRENGTH = 0.85


def _synonym_table() -> dict[str, dict[str, float]]:
    """Word -> words that may mean it, with how surely: the synonym groups' words mean one thing;
    the words naming one counted thing are only related ("felonies" and "misdemeanors" are both
    convictions, not each other)."""
    table: dict[str, dict[str, float]] = {}
    groups = [(g, SYNONYM_STRENGTH) for g in vocab.SYNONYMS] + \
        [(words, RELATED_STRENGTH) for thing, words in vocab.THINGS.items() if thing != "people"]
    for group, strength in groups:
        members = {stem(p) for p in group if " " not in p}
        for m in members:
            for other in members - {m}:
                mine = table.setdefault(m, {})
                mine[other] = max(mine.get(other, 0.0), strength)
    # a kind of person ("immigrants", "aliens") is among the people a figure counts as "people":
    # related, one way only, since "people" may count more than the kind asked for
    generic = {stem(w) for w in next(g for g in vocab.SYNONYMS if "people" in g)}
    for word in vocab.THINGS.get("people", ()):
        s = stem(word)
        if s not in generic:
            mine = table.setdefault(s, {})
            for g in generic:
                mine[g] = max(mine.get(g, 0.0), RELATED_STRENGTH)
    return table


def edit1(a: str, b: str) -> bool:
    """Whether two words differ by one insertion, deletion, substitution or swap."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                   and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def derived(a: str, b: str) -> bool:
    """Whether one word is the other with an ending changed, as a people's name is its
    country's: "peruvian" / "peru", "kenyan" / "kenya", "chilean" / "chile".

    >>> derived("kenyan", "kenya"), derived("austrian", "australia"), derived("chile", "child")
    (True, False, False)
    """
    a, b = a.lower(), b.lower()
    short = min(len(a), len(b))
    if short < 4 or a == b:
        return False
    common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), short)
    # (a short word with its last letter changed is another word: "chile" is not "child")
    return common >= max(4, short - 1) and abs(len(a) - len(b)) <= 4 and (len(a) != len(b) or common >= 6)


class Lexicon:
    """The corpus's words (as stems) with their document frequency and, when an encoder is given,
    their embeddings, so a question word can be matched to the words that mean it."""

    def __init__(self, texts: list[str], encode: Callable[[list[str]], np.ndarray] | None,
                 cache: Path | None = None):
        df, surface = stem_counts(texts)
        self._setup(df, surface, len(texts), encode, cache)

    @classmethod
    def from_counts(cls, df: dict[str, int], surface: dict[str, str], documents: int,
                    encode: Callable[[list[str]], np.ndarray] | None, cache: Path | None = None) -> Lexicon:
        """The lexicon of texts already counted (`index.stems.stem_counts`), e.g. by the index build."""
        lexicon = cls.__new__(cls)
        lexicon._setup(df, surface, documents, encode, cache)
        return lexicon

    def _setup(self, df, surface, documents: int, encode, cache: Path | None) -> None:
        self.documents = max(1, documents)
        self.df = df
        self.surface = surface
        self.synonyms = _synonym_table()
        self._encode = encode
        self._stems = sorted(self.surface)
        self._vectors = self._load_vectors(cache) if encode is not None else None
        self._cache: dict[tuple[str, bool], dict[str, float]] = {}
        self.names: set[str] = set()  # stems the articles write only as names ("Peru"); see `name_stems`
        self._word_vectors: dict[str, np.ndarray] = {}

    def _load_vectors(self, cache: Path | None) -> np.ndarray:
        names = [self.surface[s] for s in self._stems]
        key = hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]
        path = cache / f"lexicon-{key}.npy" if cache is not None else None
        if path is not None and path.is_file():
            try:
                vectors = np.load(path)
                if vectors.shape[0] == len(names):
                    return vectors
            except (OSError, ValueError):
                pass
        vectors = self._encode(names) if names else np.zeros((0, 384), dtype=np.float32)
        if path is not None:
            try:
                np.save(path, vectors)
            except OSError:
                pass  # a read-only index folder only costs the encoding at the next start
        return vectors

    def name_stems(self, names: set[str]) -> None:
        """Say which stems the articles write only as names, so that one name never means another."""
        self.names = set(names)
        self._cache.clear()

    def known(self, s: str) -> bool:
        return s in self.df

    def idf(self, s: str) -> float:
        return math.log((1 + self.documents) / (1 + self.df.get(s, 0))) + 1.0

    def common(self, s: str, share: float = 0.25) -> bool:
        """Words in more than `share` of the corpus's sentences say little about a figure."""
        return self.df.get(s, 0) > share * self.documents

    def cosines(self, word: str, others: list[str]) -> list[float]:
        """How close `word` is in meaning to each of `others` (embedding cosine); all 0.0 without
        an encoder."""
        if self._encode is None or not others:
            return [0.0] * len(others)
        missing = [w for w in [word, *others] if w not in self._word_vectors]
        if missing:
            for w, v in zip(missing, self._encode(missing)):
                self._word_vectors[w] = v
        vector = self._word_vectors[word]
        return [float(self._word_vectors[o] @ vector) for o in others]

    def expand(self, word: str, name: bool = False) -> dict[str, float]:
        """Corpus stems that may mean `word`, with how surely: itself 1.0, a synonym 0.9, a typo
        (or, for a `name`, its country or people: "Peruvian" for "Peru") 0.85, an embedding
        neighbour its cosine."""
        word = word.lower()
        if (word, name) in self._cache:
            return self._cache[(word, name)]
        s = stem(word)
        out: dict[str, float] = {}
        if s in self.df:
            out[s] = 1.0
        for key in (s, word):
            for other, strength in self.synonyms.get(key, {}).items():
                if other in self.df:
                    out[other] = max(out.get(other, 0.0), strength)
        if not out and len(word) >= 5:
            for o in self._stems:
                if len(o) >= 4 and (edit1(s, o) or edit1(word, self.surface[o])
                                    or (name and derived(word, self.surface[o]))):
                    out[o] = TYPO_STRENGTH
        elif name and len(word) >= 5:
            # "Kenyans" is written "Kenya" in a list even where the article also says "Kenyans"
            for o in self._stems:
                if o not in out and len(o) >= 4 and derived(word, self.surface[o]):
                    out[o] = TYPO_STRENGTH
        if self._vectors is not None and len(self._stems) and len(word) >= 3:
            vector = self._encode([word])[0]
            sims = self._vectors @ vector
            for i in np.nonzero(sims >= EMBED_SIMILAR)[0]:
                o = self._stems[int(i)]
                if name and o in self.names and o[:4] != s[:4]:
                    continue  # the model puts names of one kind close together ("Chile" near "Peru")
                out[o] = max(out.get(o, 0.0), float(sims[i]))
        self._cache[(word, name)] = out
        return out
