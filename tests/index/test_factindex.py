"""The fact index written by the build: the same facts, and filters that keep what they name."""

from __future__ import annotations

import re

import pytest

from index.factindex import FactIndex, article_words, leads, previous_sentences
from index.facts import Fact
from index.stems import stems


@pytest.fixture(scope="module")
def table(corpus) -> FactIndex:
    return corpus.facts


def test_the_index_holds_every_fact_of_the_table_in_order(corpus, table):
    assert [f.model_dump(mode="json") for f in table.all()] == corpus.fact_rows
    assert len(table) == len(corpus.fact_rows)


def test_facts_of_one_sentence(corpus, table):
    first = Fact(**corpus.fact_rows[0])

    found = table.at(first.source_id, first.sentence_start)

    assert first in found
    assert {(f.source_id, f.sentence_start) for f in found} == {(first.source_id, first.sentence_start)}


@pytest.mark.parametrize("year", [2012, 2014, 2015])
def test_a_year_keeps_the_facts_of_that_year_and_no_other(table, year):
    kept = table.select(year=year)

    assert kept == [f for f in table.all() if f.period.year == year or (f.period.kind == "since" and f.period.year)]


def test_a_unit_and_an_agency(table):
    kept = table.select(unit="percent", actor=("DHS", ["Homeland Security"]))

    assert kept != []
    assert all(f.unit == "percent" and (f.actor in (None, "DHS") or "Homeland Security" in f.quote) for f in kept)
    assert [f for f in table.all() if f.unit == "percent" and f.actor in (None, "DHS")] == [
        f for f in kept if f.actor in (None, "DHS")]


def test_a_word_keeps_the_facts_whose_sentence_headline_or_lead_has_it(corpus, table):
    lead = leads(corpus.articles.values(), corpus.sentences)
    before = previous_sentences(corpus.sentences)

    kept = table.select(words=[["secur"]])

    expected = [f for f in table.all() if "secur" in stems(f.quote) | stems(f.context)
                | stems(before.get((f.source_id, f.sentence_start), ""))
                | stems(corpus.articles[f.source_id].title) | stems(lead.get(f.source_id, ""))]
    assert kept == expected != []
    assert len(kept) < len(table)


def test_articles_with_every_word(corpus, table):
    everywhere = set.intersection(*(article_words(a) for a in corpus.articles.values()))
    word = sorted(w for w in everywhere if w.isalpha())[0]

    assert table.articles_with([word]) == sorted(corpus.articles)
    assert table.articles_with(["zzzunheardof"]) == []
    ice = [a.id for a in corpus.articles.values() if re.search(r"\bICE\b", a.body, re.I)]
    assert table.articles_with(["ice"]) == sorted(ice)


def test_agency_names_and_word_counts_are_those_of_the_whole_corpus(corpus, table):
    from bot.lexicon import Lexicon
    from index.facts import actor_aliases

    aliases = {}
    for article in corpus.articles.values():
        aliases.update(actor_aliases(article.body))
    lexicon = Lexicon([s.text for s in corpus.sentences] + [a.title for a in corpus.articles.values()], encode=None)
    df, surface, documents = table.lexicon_counts()

    assert table.aliases() == aliases
    assert (df, surface, documents) == (dict(lexicon.df), lexicon.surface, lexicon.documents)


def test_views_of_a_large_table_read_only_what_they_show(corpus, table):
    rows = [Fact(**r) for r in corpus.fact_rows]
    assert table.first(3) == rows[:3]
    source = rows[0].source_id
    assert table.of_article(source) == [f for f in rows if f.source_id == source]
    counts = table.counts()
    assert sum(counts.values()) == len(rows)
    assert counts[source] == sum(f.source_id == source for f in rows)


def test_a_figure_a_series_rose_from_borrows_the_sentence_that_states_the_series():
    from index.factindex import series_antecedents
    from index.sources import Article
    from index.split import split_sentences

    body = ("Agents apprehended 7,600 unaccompanied children at the border in 2019.\n\n"
            "Officials blamed the weather.\n\n"
            "The count of unaccompanied children rose from 5,000 in 2018.")
    article = Article(id="wire", title="A wire", body=body, path="wire.md", sha256="0")
    sentences = split_sentences(body, "wire")
    found = series_antecedents([article], sentences)
    later = next(s for s in sentences if s.text.startswith("The count"))
    assert found == {("wire", later.start): sentences[0].text}
