"""index.search: real questions about the real articles find their evidence sentence in the top 3,
with every retrieval backend (the embedded default and Qdrant in local mode)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from index.backends import BACKENDS
from index.search import tokenize

pytestmark = pytest.mark.slow

NO_QDRANT = importlib.util.find_spec("qdrant_client") is None


@pytest.fixture(scope="module", params=sorted(BACKENDS))
def corpus(request, index_dir):
    """The session's index served by each backend in turn."""
    from index.search import Corpus

    if request.param == "qdrant" and NO_QDRANT:
        pytest.skip("qdrant-client is not installed: pip install -e '.[qdrant]' runs these tests on Qdrant too")
    return Corpus(index_dir, backend=request.param)

# (question, text that only the evidence sentence contains)
QUESTIONS = [
    ("How many deportations did DHS conduct in 2014?", "577,295"),
    ("How many apprehensions did Customs and Border make?", "486,651"),
    ("When did the number of people held peak?", "peaked in March 2011"),
    ("How many requests were refused by local police?", "10,182"),
    ("How many removals did DHS carry out in 2014?", "414,481"),
    ("How many returns were there in 2014?", "162,814"),
    ("How many apprehensions did Border Patrol report in 2000?", "1.6 million"),
    ("How much did migration from countries other than Mexico increase?", "68 percent"),
    ("By how much did Mexican migration drop since fiscal year 2013?", "14 percent"),
    ("How many people removed by ICE were apprehended shortly after arriving?", "213,719"),
    ("How many were removed from the interior?", "102,224"),
    ("What percent of removals and returns were of convicted criminals?", "Eighty-five percent"),
    ("How many immigrants deported in 2014 were not convicted criminals?", "around 15,000"),
    ("How long were people held without a warrant?", "48 hours"),
    ("How many jurisdictions are declining to cooperate with ICE detainers?", "More than 275"),
    ("How many deportations did DHS carry out this year?", "nearly 600,000"),
    ("By how much has the rate of police holds fallen?", "fallen by 30 percent"),
    ("How many people were being held in April?", "just under 8,000"),
    ("What was the figure five years before the peak?", "a few hundred"),
    ("When did the Secure Communities program end?", "formally ended the Secure Communities"),
    ("What replaced the Secure Communities program?", "Priority Enforcement Program"),
    ("How many people did the Obama administration deport in fiscal 2012?", "nearly 410,000"),
    ("What share of deportees had been convicted of felonies or misdemeanors?", "About 55 percent"),
    ("How many deportees were convicted of homicide?", "1,215"),
    ("How many sexual offenders were deported?", "5,557"),
    ("How many deported people had drug convictions?", "40,448"),
    ("How many were deported for driving under the influence?", "36,166"),
    ("What share of the Latino vote did Romney get?", "less than 30 percent"),
    ("What percentage of the Latino vote did Obama receive?", "slightly more than 70 percent"),
    ("How many families were separated this year?", "409,000"),
    ("When was Secure Communities launched?", "launched in 2008"),
    ("What did ICE say about the 287G program?", "stop some agreements under the 287G program"),
]

# Questions whose evidence is found, but not in the top 3 (rank measured when written).
KNOWN_MISSES = [
    # rank 4: the 315,943 removals sentence, the 577,295 sentence and the headline come first
    ("How many removals or returns did ICE have?", "315,042"),
    # rank 15: no number and only one content word ("director") to match
    ("Who is the director of ICE?", "John Morton"),
]


def rank_of(corpus, question: str, evidence: str, k: int = 3) -> int | None:
    return next((h.rank for h in corpus.search(question, k=k) if evidence in h.span.text), None)


def test_each_evidence_text_is_in_exactly_one_sentence(corpus):
    for _, evidence in QUESTIONS + KNOWN_MISSES:
        assert len([s for s in corpus.sentences if evidence in s.text]) == 1, evidence


@pytest.mark.parametrize("question, evidence", QUESTIONS)
def test_evidence_sentence_is_in_the_top_3(corpus, question, evidence):
    assert rank_of(corpus, question, evidence) is not None


@pytest.mark.parametrize("question, evidence", KNOWN_MISSES)
@pytest.mark.xfail(reason="evidence ranks below 3; see KNOWN_MISSES", strict=False)
def test_known_misses(corpus, question, evidence):
    assert rank_of(corpus, question, evidence) is not None


def test_top_hit_for_a_figure_quotes_it(corpus):
    [hit] = corpus.search("577,295 deportations", k=1)

    assert (hit.rank, hit.source_id, hit.span.text) == (
        1,
        "dhs-deportations-fiscal-2014",
        "According to the department's statistics, released on Dec. 19, DHS conducted a total of 577,295 "
        "deportations -- comprising 414,481 removals and 162,814 returns.",
    )


def test_hits_are_ranked_exact_spans(corpus, articles):
    hits = corpus.search("Secure Communities program detainers", k=8)

    assert [h.rank for h in hits] == list(range(1, 9))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.index for h in hits}) == 8
    for hit in hits:
        assert corpus.sentences[hit.index] == hit.span
        assert articles[hit.source_id].body[hit.span.start : hit.span.end] == hit.span.text
        assert -1.0 <= hit.dense <= 1.0


def test_a_duplicated_sentence_is_returned_once(corpus):
    caption = "Agents with U.S. Immigration and Customs Enforcement."

    hits = corpus.search(caption, k=10)

    assert [h.span.text for h in hits].count(caption) == 1
    assert hits[0].span.text == caption
    assert hits[0].span.duplicate_of is None


def test_a_repeated_sentence_takes_no_rank_from_the_sentences_below_it(corpus):
    # both copies of the caption match "Immigration and Customs Enforcement" in every ranking;
    # counted once, they leave the director's quote first
    hits = corpus.search("Who was the director of Immigration and Customs Enforcement in 2012?", k=3)

    assert "John Morton, the director of Immigration and Customs Enforcement" in hits[0].span.text


def test_rankings_do_not_hang_on_float_noise():
    from index.backends import canonical

    noisy = canonical([(4, 0.58511913), (5, 0.58511910), (2, 0.9)])
    assert noisy == canonical([(5, 0.58511913), (4, 0.58511910), (2, 0.9)])
    assert [row for row, _ in noisy] == [2, 5, 4]


@pytest.mark.parametrize("query", ["", "   ", "\n"])
def test_empty_query_finds_nothing(corpus, query):
    assert corpus.search(query) == []


def test_a_query_of_stopwords_still_ranks_densely(corpus):
    hits = corpus.search("how many of them were there", k=3)

    assert corpus.bm25_ranking("sentences", "how many of them were there", 10) == []
    assert len(hits) == 3


def test_dense_and_keyword_rankings_alone(corpus):
    [dense] = corpus.search_dense("refused requests by local and state police", k=1)
    [keyword] = corpus.search_bm25("10,182", k=1)

    assert "10,182" in dense.span.text
    assert "10,182" in keyword.span.text
    assert corpus.search_bm25("zebra", k=3) == []


def test_k_larger_than_the_corpus(corpus):
    hits = corpus.search("immigration", k=10_000, depth=10_000)

    # every sentence except the one repeated caption
    assert len(hits) == len(corpus.sentences) - 1


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("How many deportations did DHS conduct in 2014?", ["deportation", "dhs", "conduct", "2014"]),
        ("Homeland Security's 577,295 removals", ["homeland", "security", "577,295", "removal"]),
        ("1.6 million apprehensions", ["1.6", "million", "apprehension"]),
        ("April’s figures", ["april", "figure"]),
        ("the process was less", ["process", "less"]),
        ("families separated", ["familie", "separated"]),  # crude plural folding, same on both sides
        ("how many of them", []),
    ],
)
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


def test_backend_is_the_one_asked_for(corpus):
    assert corpus.backend.name in BACKENDS


def test_an_unknown_backend_names_the_valid_ones(index_dir):
    from index.search import Corpus
    from index.store import Settings

    with pytest.raises(ValueError, match="unknown retrieval backend 'nope'.*valid names are faiss, qdrant"):
        Corpus(index_dir, backend="nope")
    with pytest.raises(ValueError, match="valid names are faiss, qdrant"):
        Settings(model="m", backend="nope")


def test_the_backend_setting_comes_from_the_environment(monkeypatch):
    from index.store import default_settings

    monkeypatch.setenv("NEWSNUMBERS_BACKEND", "qdrant")
    assert default_settings().backend == "qdrant"
    assert default_settings(backend="faiss").backend == "faiss"
    monkeypatch.delenv("NEWSNUMBERS_BACKEND")
    assert default_settings().backend == "faiss"


@pytest.mark.skipif(NO_QDRANT, reason="qdrant-client is not installed")
def test_both_backends_rank_alike(index_dir):
    """Keyword rankings are the same BM25; dense ones the same cosine; fused hits agree."""
    from benchmarks.timing import gold_questions
    from index.search import Corpus

    default, qdrant = Corpus(index_dir, backend="faiss"), Corpus(index_dir, backend="qdrant")
    same = 0
    questions = gold_questions()[:40]
    for question in questions:
        vector = default.embed_query(question)
        for table in ("sentences", "chunks"):
            a, b = default.bm25_ranking(table, question, 20), qdrant.bm25_ranking(table, question, 20)
            assert [row for row, _ in a] == [row for row, _ in b], question
            assert [s for _, s in a] == pytest.approx([s for _, s in b], abs=1e-4)
            a, b = default.dense_ranking(table, vector, 5), qdrant.dense_ranking(table, vector, 5)
            assert [s for _, s in a] == pytest.approx([s for _, s in b], abs=1e-4)
        same += [h.index for h in default.search(question, vector=vector)] == \
            [h.index for h in qdrant.search(question, vector=vector)]
    assert same == len(questions)


@pytest.mark.slow
@pytest.mark.parametrize("backend", sorted(BACKENDS))
@pytest.mark.parametrize("damage", ["truncate faiss", "garbage table"])
def test_load_corpus_rebuilds_an_unreadable_index(tmp_path, damage, backend, monkeypatch):
    import shutil

    from index.search import load_corpus
    from index.store import build, default_settings

    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "sources" / "detainer-holds-fall.md", sources)
    if backend == "qdrant" and NO_QDRANT:
        pytest.skip("qdrant-client is not installed")
    monkeypatch.setenv("NEWSNUMBERS_QDRANT_URL", str(tmp_path / "qdrant"))  # local mode on disk, empty
    out = tmp_path / "index"
    build(sources, out)
    if damage == "truncate faiss":
        path = out / "sentences.faiss"
        path.write_bytes(path.read_bytes()[:100])
    else:
        (out / "chunks.jsonl").write_text("{not json\n")
    messages = []

    corpus = load_corpus(sources, out, default_settings(backend=backend), log=messages.append)

    assert corpus.backend.name == backend
    assert list(corpus.articles) == ["detainer-holds-fall"]
    assert len(messages) == 1 and messages[0].endswith("; rebuilding")
    assert corpus.search("When did the number of people held peak?", k=1)[0].span.text.startswith("The number of")


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_the_search_command_on_each_backend(index_dir, capsys, backend):
    from index.__main__ import main

    if backend == "qdrant" and NO_QDRANT:
        pytest.skip("qdrant-client is not installed")
    sources = Path(__file__).resolve().parents[2] / "sources"

    code = main(["search", "577,295 deportations", "-k", "1", "--sources", str(sources), "--index", str(index_dir),
                 "--backend", backend])

    assert code == 0
    assert "[dhs-deportations-fiscal-2014 " in capsys.readouterr().out


def test_the_search_command_refuses_an_unknown_backend(index_dir, capsys):
    from index.__main__ import main

    sources = Path(__file__).resolve().parents[2] / "sources"

    code = main(["search", "deportations", "--sources", str(sources), "--index", str(index_dir), "--backend", "nope"])

    assert code == 2
    assert capsys.readouterr().err == ("error: unknown retrieval backend 'nope' (from the settings or "
                                       "NEWSNUMBERS_BACKEND): valid names are faiss, qdrant\n")
