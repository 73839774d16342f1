"""bot.core with documents added while it runs: a saved page and a PDF answer with exact, cited
(and for the PDF, paged) figures; conversations see them at once; questions asked during an
update get valid answers. Real model, real FAISS, real files."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from bot import Bot
from bot.receipt import receipt
from web import render
from documents import news_page, pdf_report
from index.documents import add, remove
from index.formats import read
from index.search import Corpus

SOURCES = Path(__file__).resolve().parents[2] / "sources"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """A bot over one real article, then a saved page and a PDF added while a conversation is open."""
    root = tmp_path_factory.mktemp("grown")
    (root / "sources").mkdir()
    shutil.copy(SOURCES / "detainer-holds-fall.md", root / "sources")
    bot = Bot.load(root / "sources", root / "index", log=lambda _: None)
    early = bot.chat()
    early.ask("When did detainers peak?")
    outcome = add([("Harbor Ledger.html", news_page()), ("report.pdf", pdf_report())], root / "sources", root / "index")
    assert [a.id for a in outcome.added] == ["harbor-ledger", "report"] and outcome.encoded == 2
    bot.replace(Corpus(root / "index"))
    return bot, early, root


def test_saved_page_answers_with_the_extracted_text(grown):
    bot, early, _ = grown
    answer = early.ask("How many asylum seekers did Harbor City officials turn back in fiscal year 2019?")
    text = read(news_page(), "x.html").text

    assert answer.value == 48213 and answer.kind == "fact"
    c = answer.citations[0]
    assert c.source_id == "harbor-ledger" and c.page is None
    assert c.quote == text[c.start:c.end] == bot.articles["harbor-ledger"].body[c.start:c.end]
    assert text[c.highlight_start:c.highlight_end] == "48,213"


@pytest.mark.parametrize("question, value, page", [
    ("How many removals did the bureau complete in fiscal year 2017?", 64905, 1),
    ("How many people did the bureau hold in detention each day in 2017?", 27316, 2),
])
def test_pdf_answers_carry_the_page(grown, question, value, page):
    bot, _, _ = grown
    answer = bot.ask(question)
    text = read(pdf_report(), "x.pdf").text

    assert answer.value == value
    c = answer.citations[0]
    assert (c.source_id, c.page) == ("report", page)
    assert c.quote == text[c.start:c.end]
    assert f"page {page}" in render.sources_html(answer, bot.articles)
    assert f"cited on page {page}" in render.cited_article_html(c, bot.articles)
    assert f"- Page: {page}\n- Source id and offsets: report, start {c.start}, end {c.end} (in the text read from the PDF)\n" \
        in receipt(answer, bot.articles)


def test_questions_during_updates_get_valid_answers(grown, tmp_path):
    bot, _, root = grown
    bodies = {a.id: a.body for a in bot.articles.values()}
    bodies.update({"second-copy": read(pdf_report(), "x.pdf").text})
    answers, errors, done = [], [], threading.Event()
    questions = ["How many removals did the bureau complete in fiscal year 2017?", "When did detainers peak?",
                 "How many asylum seekers were turned back in fiscal year 2019?"]

    def asker():
        chat = bot.chat()
        i = 0
        while not done.is_set():
            try:
                answers.append(chat.ask(questions[i % len(questions)]))
            except Exception as err:  # noqa: BLE001 - the test reports it
                errors.append(err)
            i += 1

    threads = [threading.Thread(target=asker) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        add([("second copy.pdf", pdf_report())], root / "sources", root / "index")
        bot.replace(Corpus(root / "index"))
        assert "second-copy" in bot.articles
        remove("second-copy", root / "sources", root / "index")
        bot.replace(Corpus(root / "index"))
    finally:
        done.set()
        for t in threads:
            t.join(60)

    assert errors == [] and len(answers) >= 2
    for answer in answers:
        assert answer.reason != "unverified"
        for c in answer.citations:
            assert c.quote == bodies[c.source_id][c.start:c.end]
    assert "second-copy" not in bot.articles


def test_removed_document_leaves_the_conversation(grown):
    bot, _, root = grown
    chat = bot.chat()
    assert chat.ask("How many removals did the bureau complete in fiscal year 2017?").value == 64905
    snapshot = Corpus(root / "index")
    remove("report", root / "sources", root / "index")
    bot.replace(Corpus(root / "index"))
    try:
        follow = chat.ask("what about 2016?")
        assert all(c.source_id != "report" for c in follow.citations)
        assert follow.reason != "unverified"
    finally:
        bot.replace(snapshot)  # later tests in this module see the report again


def test_a_fact_is_found_by_its_id_and_its_article(bot):
    some = bot.first_facts(2)
    assert len(some) == 2 and bot.fact_count() >= 2
    assert bot.fact(some[1].id) == some[1]
    assert bot.fact("no-such-article:12") is None and bot.fact("") is None
    assert some[0] in bot.facts_of(some[0].source_id)
    assert bot.fact_counts()[some[0].source_id] == len(bot.facts_of(some[0].source_id))


def test_a_name_is_found_in_the_singular_or_the_plural(bot):
    assert bot.mentions("Mexicans")  # the articles say "Mexican"
    assert not bot.mentions("Martians")


def test_a_name_joined_to_a_word_is_the_name(bot):
    assert bot.mentions("Mexican-born") and bot.mentions("Mexicans-only")
    assert not bot.mentions("Martian-born")
