"""The fact table as a SQLite file in the index folder, queried instead of scanned.

`write` stores every fact once (its record as JSON, plus the columns questions filter on:
unit, period, actor, counted thing) and three inverted indexes built from the same words the
matcher reads (`index.stems`):

- `fact_terms`: the stems of a fact's clause, sentence, context and the sentence before it,
  its keywords (as `kw:<keyword>`) and the agency names its sentence contains (`name:<name>`);
- `article_terms`: the stems of each article's headline and lead, which every fact of the
  article carries;
- `words`: every word of every article (lowercase), for checking that a name is in the sources.

It also keeps what the bot used to compute from the whole corpus at every start: the agency
names the articles define, and how many sentences use each stem. `FactIndex` reads the file
without loading it: a question reads only the facts its filters select, so its cost follows the
size of that selection, not of the archive.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from index.facts import Fact, actor_aliases, lead_sentences
from index.initials import cased_names, initialisms
from index.sources import Article
from index.split import Span
from index import vocab
from index.stems import phrases_to_words, refers_back, stem, stem_counts, stems

FILE = "facts.sqlite"
_NAME_WORD = re.compile(r"\w+")

_SCHEMA = """
CREATE TABLE facts (row INTEGER PRIMARY KEY, source_id TEXT NOT NULL, sentence_start INTEGER NOT NULL,
                    unit TEXT, year INTEGER, month INTEGER, period_kind TEXT, actor TEXT, thing TEXT);
CREATE TABLE records (row INTEGER PRIMARY KEY, before TEXT NOT NULL, previous TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE fact_terms (term TEXT NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (term, row)) WITHOUT ROWID;
CREATE TABLE article_terms (term TEXT NOT NULL, source_id TEXT NOT NULL, PRIMARY KEY (term, source_id)) WITHOUT ROWID;
CREATE TABLE words (word TEXT NOT NULL, source_id TEXT NOT NULL, PRIMARY KEY (word, source_id)) WITHOUT ROWID;
CREATE TABLE articles (source_id TEXT PRIMARY KEY, title TEXT NOT NULL, lead TEXT NOT NULL);
CREATE TABLE lexicon (stem TEXT PRIMARY KEY, df INTEGER NOT NULL, surface TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX facts_sentence ON facts (source_id, sentence_start);
CREATE INDEX facts_period ON facts (year, unit);
CREATE INDEX facts_kind ON facts (period_kind);
CREATE INDEX facts_measure ON facts (thing, actor, year);
"""


def leads(articles: Iterable[Article], sentences: list[Span]) -> dict[str, str]:
    """Each article's lead: the sentences of its first paragraph after the headline."""
    by_source: dict[str, list[Span]] = {}
    for sentence in sentences:
        by_source.setdefault(sentence.source_id, []).append(sentence)
    return {a.id: " ".join(s.text for s in lead_sentences(a, by_source.get(a.id, []))) for a in articles}


def previous_sentences(sentences: list[Span]) -> dict[tuple[str, int], str]:
    """(source id, sentence start) -> the sentence before it in the same paragraph."""
    return {(s.source_id, s.start): prev.text for prev, s in zip(sentences, sentences[1:])
            if prev.source_id == s.source_id and prev.paragraph == s.paragraph}


def referred_sentences(articles: Iterable[Article], sentences: list[Span]) -> dict[tuple[str, int], str]:
    """(source id, sentence start) -> the sentence a sentence opening by pointing back ("That was
    down from N") refers to: the one before it, across a paragraph break, with the one that
    points at in turn."""
    titles = {a.id: a.title.strip() for a in articles}
    out: dict[tuple[str, int], str] = {}
    for prev, s in zip(sentences, sentences[1:]):
        if prev.source_id == s.source_id and prev.text.strip() != titles.get(prev.source_id):
            lent = out.get((prev.source_id, prev.start), "") if refers_back(prev.text) else ""
            out[(s.source_id, s.start)] = (prev.text + " " + lent).strip()
    texts = {(s.source_id, s.start): s.text for s in sentences}
    found = {key: text for key, text in out.items() if refers_back(texts[key])}
    found.update(series_antecedents(articles, sentences))  # a named series is a surer antecedent
    return found


_PLAIN = {stem(w) for w in vocab.STOPWORDS | vocab.QUESTION_FILLER | vocab.TOPIC_NEUTRAL}
# "The count of X rose from N": N is an earlier level of a series the article states elsewhere
_SERIES = re.compile(r"^(?P<subject>.+?)\b(?:rose|grew|increased|climbed|jumped|fell|dropped|declined|decreased|"
                     r"was up|was down|were up|were down)\s+from\s+(?:about\s+|nearly\s+|some\s+)?[$£€]?\d", re.I)


def series_antecedents(articles: Iterable[Article], sentences: list[Span]) -> dict[tuple[str, int], str]:
    """(source id, sentence start) -> the earlier sentence that states the series a "rose from N"
    sentence compares with: the first earlier sentence with a figure that shares at least two
    words with its subject ("The count of seasonal visas rose from N" -> "Officials
    issued M seasonal visas ...")."""
    titles = {a.id: a.title.strip() for a in articles}
    out: dict[tuple[str, int], str] = {}
    earlier: dict[str, list[tuple[str, set[str]]]] = {}  # an article's sentences with a figure so far, and their stems
    for s in sentences:
        seen = earlier.setdefault(s.source_id, [])
        match = _SERIES.match(s.text.strip())
        if match:
            subject = stems(match.group("subject")) - _PLAIN
            found = next((text for text, words in seen if len(subject & words) >= 2), None)
            if found is not None:
                out[(s.source_id, s.start)] = found
        if s.text.strip() != titles.get(s.source_id) and re.search(r"\d", s.text):
            seen.append((s.text, stems(s.text)))
    return out


def article_words(article: Article) -> set[str]:
    """The lowercase words of an article's headline and text, as a name in a question is checked."""
    return set(_NAME_WORD.findall((article.title + "\n" + article.body).lower()))


def write(path: Path, articles: list[Article], sentences: list[Span], facts: list[Fact]) -> None:
    """Write the fact index of one build to `path` (a new file)."""
    lead = leads(articles, sentences)
    before = previous_sentences(sentences)
    referred = referred_sentences(articles, sentences)
    aliases: dict[str, str] = {}
    for article in articles:
        aliases.update(actor_aliases(article.body))
    df, surface = stem_counts([s.text for s in sentences] + [a.title for a in articles])
    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        rows, records, terms = [], [], []
        for row, f in enumerate(facts):
            prev = before.get((f.source_id, f.sentence_start), "")
            rows.append((row, f.source_id, f.sentence_start, f.unit, f.period.year, f.period.month, f.period.kind,
                         f.actor, f.thing))
            lent = referred.get((f.source_id, f.sentence_start), "")
            records.append((row, prev, lent, f.model_dump_json()))
            texts = (f.clause, f.quote, f.context, prev, lent)
            # a phrase of the synonym table ("turned down") is indexed as its group's word too
            words = set().union(*(stems(t) | stems(phrases_to_words(t)) for t in texts))
            words |= {f"kw:{k}" for k in f.keywords} | {f"name:{n}" for n in aliases if n in f.quote}
            terms.extend((w, row) for w in words)
        db.executemany(f"INSERT INTO facts VALUES ({', '.join('?' * 9)})", rows)
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?)", records)
        db.executemany("INSERT OR IGNORE INTO fact_terms VALUES (?, ?)", terms)
        db.executemany("INSERT INTO articles VALUES (?, ?, ?)", [(a.id, a.title, lead.get(a.id, "")) for a in articles])
        db.executemany("INSERT OR IGNORE INTO article_terms VALUES (?, ?)",
                       [(w, a.id) for a in articles
                        for w in stems(a.title) | stems(a.publisher or "") | stems(lead.get(a.id, ""))])
        db.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", [(w, a.id) for a in articles for w in article_words(a)])
        db.executemany("INSERT INTO lexicon VALUES (?, ?, ?)", [(s, n, surface[s]) for s, n in df.items()])
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("aliases", json.dumps(aliases, ensure_ascii=False)),
            ("initials", json.dumps(initialisms([t for a in articles for t in (a.title, a.body)]), ensure_ascii=False)),
            ("names", json.dumps(cased_names([t for a in articles for t in (a.title, a.body)]), ensure_ascii=False)),
            ("lexicon_documents", str(len(sentences) + len(articles)))])
        db.executescript(_INDEXES)
        db.commit()
    finally:
        db.close()


class FactIndex:
    """Read access to a written fact index; facts are read when a query selects them, once."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"{self.path} does not exist")
        # a version folder never changes after its build, so the file is opened as immutable
        self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._facts: dict[int, Fact] = {}
        self._all: list[Fact] | None = None
        self._vocabulary: list[str] | None = None

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    def _facts_of(self, rows: list[int]) -> list[Fact]:
        """The facts of table rows `rows`, each read from its record once."""
        missing = [r for r in rows if r not in self._facts]
        for start in range(0, len(missing), 900):  # SQLite takes at most 999 parameters
            part = missing[start:start + 900]
            for row, record in self._query(f"SELECT row, record FROM records WHERE row IN ({_marks(part)})", part):
                self._facts.setdefault(row, Fact.model_validate_json(record))
        return [self._facts[r] for r in rows]

    def _rows(self, sql: str, params: Iterable = ()) -> list[Fact]:
        return self._facts_of([r[0] for r in self._query(sql, params)])

    def __len__(self) -> int:
        return self._query("SELECT count(*) FROM facts")[0][0]

    def all(self) -> list[Fact]:
        """Every fact in table order (read once; for views that list the whole table)."""
        if self._all is None:
            self._all = self._rows("SELECT row FROM facts ORDER BY row")
        return self._all

    def first(self, limit: int) -> list[Fact]:
        """The first `limit` facts in table order (a view of a large table reads no more)."""
        return self._rows("SELECT row FROM facts ORDER BY row LIMIT ?", (limit,))

    def of_article(self, source_id: str) -> list[Fact]:
        """The facts of one article, in table order."""
        return self._rows("SELECT row FROM facts WHERE source_id = ? ORDER BY row", (source_id,))

    def counts(self) -> dict[str, int]:
        """Facts per article."""
        return dict(self._query("SELECT source_id, count(*) FROM facts GROUP BY source_id"))

    def at(self, source_id: str, sentence_start: int) -> list[Fact]:
        """The facts of one sentence, in table order."""
        return self._rows("SELECT row FROM facts WHERE source_id = ? AND sentence_start = ? ORDER BY row",
                          (source_id, sentence_start))

    def measuring(self, thing: str, actor: str | None, year: int | None, unit: str) -> list[Fact]:
        """The facts that count `thing` by `actor` in `year` in `unit`, in table order."""
        return self._rows("SELECT row FROM facts WHERE thing = ? AND actor IS ? AND year IS ? AND unit = ? ORDER BY row",
                          (thing, actor, year, unit))

    def before(self, fact: Fact) -> str:
        """The sentence before the fact's, in the same paragraph ("" when it opens one)."""
        found = self._query("SELECT before FROM records WHERE row = (SELECT row FROM facts WHERE source_id = ? "
                            "AND sentence_start = ? LIMIT 1)", (fact.source_id, fact.sentence_start))
        return found[0][0] if found else ""

    def previous(self, fact: Fact) -> str:
        """The sentence the fact's sentence points back to ("That was N"), "" when it does not."""
        found = self._query("SELECT previous FROM records WHERE row = (SELECT row FROM facts WHERE source_id = ? "
                            "AND sentence_start = ? LIMIT 1)", (fact.source_id, fact.sentence_start))
        return found[0][0] if found else ""

    def lead(self, source_id: str) -> str:
        found = self._query("SELECT lead FROM articles WHERE source_id = ?", (source_id,))
        return found[0][0] if found else ""

    def select(self, unit: str | None = None, exclude_unit: str | None = None, year: int | None = None,
               month: int | None = None, actor: tuple[str, list[str]] | None = None,
               thing: tuple[list[str], list[str]] | None = None, words: list[list[str]] = ()) -> list[Fact]:
        """Facts that may answer, in table order; every filter keeps a superset of what it names.

        Args:
            unit, exclude_unit: the fact's unit is `unit` / is not `exclude_unit`.
            year, month: the fact is dated and is for that year (or month), or "since" a year.
            actor: (agency, its names): the fact's agency is that one or none, or its sentence
                contains one of the names (as written: names are those of `aliases`).
            thing: (counted things, keywords): the fact counts one of the things, or has one of the keywords.
            words: for each word of the question, the stems that may mean it: the fact's clause,
                sentence, context, preceding sentence, headline or lead has one of them.
        """
        where, params = [], []
        if unit is not None:
            where.append("unit = ?")
            params.append(unit)
        if exclude_unit is not None:
            where.append("unit IS NOT ?")
            params.append(exclude_unit)
        if year is not None:
            where.append("(year = ? OR (period_kind = 'since' AND year IS NOT NULL))")
            params.append(year)
        elif month is not None:
            where.append("year IS NOT NULL AND (month = ? OR period_kind = 'since')")
            params.append(month)
        if actor is not None:
            agency, names = actor
            where.append(f"(actor IS NULL OR actor = ? OR row IN (SELECT row FROM fact_terms WHERE term IN ({_marks(names)})))")
            params += [agency, *(f"name:{n}" for n in names)]
        if thing is not None:
            things, keywords = thing
            where.append(f"(thing IN ({_marks(things)}) OR row IN "
                         f"(SELECT row FROM fact_terms WHERE term IN ({_marks(keywords)})))")
            params += [*things, *(f"kw:{k}" for k in keywords)]
        for options in words:
            where.append(f"(row IN (SELECT row FROM fact_terms WHERE term IN ({_marks(options)})) OR source_id IN "
                         f"(SELECT source_id FROM article_terms WHERE term IN ({_marks(options)})))")
            params += [*options, *options]
        sql = "SELECT row FROM facts" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY row"
        return self._rows(sql, params)

    def articles_with(self, words: list[str]) -> list[str]:
        """Ids of the articles whose text has every one of `words` (lowercase) as a whole word."""
        if not words:
            return []
        sql = " INTERSECT ".join(["SELECT source_id FROM words WHERE word = ?"] * len(set(words)))
        return sorted(r[0] for r in self._query(sql, sorted(set(words))))

    def aliases(self) -> dict[str, str]:
        """Agency names, the vocabulary's and those the articles define ("Long Name (LN)")."""
        return json.loads(self._query("SELECT value FROM meta WHERE key = 'aliases'")[0][0])

    def initials(self) -> dict[str, list[str]]:
        """Initialisms of the articles' capitalized names ("DEA" -> "Drug Enforcement Administration")."""
        found = self._query("SELECT value FROM meta WHERE key = 'initials'")
        return json.loads(found[0][0]) if found else {}

    def cased_names(self) -> dict[str, str]:
        """Names of several capitalized words as written, by their lowercase form."""
        found = self._query("SELECT value FROM meta WHERE key = 'names'")
        return json.loads(found[0][0]) if found else {}

    def vocabulary(self) -> list[str]:
        """Every lowercase word of letters the articles and their headlines write, once (read on
        first use)."""
        if self._vocabulary is None:
            self._vocabulary = [w for (w,) in self._query("SELECT DISTINCT word FROM words") if w.isalpha()]
        return self._vocabulary

    def lexicon_counts(self) -> tuple[dict[str, int], dict[str, str], int]:
        """(sentences and headlines using each stem, each stem's usual written form, how many texts)."""
        rows = self._query("SELECT stem, df, surface FROM lexicon")
        documents = int(self._query("SELECT value FROM meta WHERE key = 'lexicon_documents'")[0][0])
        return {s: n for s, n, _ in rows}, {s: w for s, _, w in rows}, documents

    def close(self) -> None:
        self._db.close()


def _marks(values: list) -> str:
    return ", ".join("?" * len(values)) or "NULL"
