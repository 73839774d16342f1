"""index.store: the built folder, its manifest, stale detection, the atomic swap and the lock.

Small builds copy one or two real articles into tmp_path; the model is cached per process, so
each extra build costs well under a second.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from index import embed, store
from index.search import Corpus
from index.sources import SourceError
from index.split import split_sentences
from index.store import IndexError_, Settings, build, default_settings, ensure, stale_reason

SOURCES = Path(__file__).resolve().parents[2] / "sources"
SMALL = ("detainer-holds-fall.md",)

pytestmark = pytest.mark.slow


def copy_sources(folder: Path, names=SMALL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SOURCES / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    """(sources, index) for one real article, built once; tests that change them take a copy."""
    root = tmp_path_factory.mktemp("small")
    sources = copy_sources(root / "sources")
    build(sources, root / "index")
    return sources, root / "index"


@pytest.fixture
def small(small_build, tmp_path):
    sources, out = small_build
    shutil.copytree(sources, tmp_path / "sources")
    shutil.copytree(store.live_folder(out), tmp_path / "index.v1")
    (tmp_path / "index").symlink_to("index.v1")
    return tmp_path / "sources", tmp_path / "index"


@pytest.fixture(scope="module")
def brute_force(corpus):
    """The same normalized vectors FAISS holds, encoded again for a numpy search."""
    model = default_settings().model
    return {name: embed.encode(model, [s.text for s in spans])
            for name, spans in (("sentences", corpus.sentences), ("chunks", corpus.chunks))}


@pytest.mark.parametrize(
    "query",
    ["How many deportations did DHS conduct in 2014?", "When did detainers peak?", "Latino vote share", "x"],
)
@pytest.mark.parametrize("name", ["sentences", "chunks"])
def test_flat_faiss_equals_brute_force_inner_product(corpus, brute_force, name, query):
    vectors = brute_force[name]
    q = embed.encode(default_settings().model, [query])
    scores = vectors @ q[0]
    expected = np.argsort(-scores, kind="stable")[:10]

    ranking = corpus.dense_ranking(name, q, 10)

    assert type(corpus.dense[name]).__name__ == "IndexFlatIP"
    assert [row for row, _ in ranking] == expected.tolist()
    # float32 dot products: FAISS and numpy may differ in the last bits
    assert [s for _, s in ranking] == pytest.approx(scores[expected].tolist(), abs=1e-5)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(np.ones(len(vectors)), abs=1e-5)


def test_manifest_describes_the_build(index_dir, articles):
    manifest = json.loads((index_dir / "manifest.json").read_text())
    sentence_count = sum(len(split_sentences(a.body)) for a in articles.values())

    assert manifest["format_version"] == store.FORMAT_VERSION
    assert manifest["model"] == embed.model_name(default_settings().model)
    assert manifest["dimension"] == 384
    assert manifest["split"] == {"max_tokens": 200, "overlap": 1}
    assert manifest["index_type"] == "flat"
    assert sorted(manifest["sources"]) == sorted(p.name for p in SOURCES.glob("*-*.md"))
    assert manifest["counts"]["articles"] == 3
    assert manifest["counts"]["sentences"] == sentence_count
    assert manifest["files"] == ["sentences.faiss", "sentences.jsonl", "sentences.bm25", "chunks.faiss",
                                 "chunks.jsonl", "chunks.bm25", "articles.jsonl", "facts.jsonl", "facts.sqlite"]
    # the bot keeps its word-vector cache (lexicon-<hash>.npy) beside the index it was built from
    built = sorted(p.name for p in index_dir.iterdir() if not p.name.startswith("lexicon-"))
    assert built == sorted(manifest["files"] + ["manifest.json", "docs"])
    assert sorted(p.name for p in (index_dir / "docs").iterdir()) == sorted(
        f"{a}{suffix}" for a in articles for suffix in (".json", ".npz"))
    assert {name: d["id"] for name, d in manifest["documents"].items()} == {f"{a}.md": a for a in articles}
    assert all(d["sha256"] == manifest["sources"][name] and d["encoded"] for name, d in manifest["documents"].items())


def test_corpus_loads_what_build_wrote(index_dir, corpus, articles):
    counts = json.loads((index_dir / "manifest.json").read_text())["counts"]

    assert {
        "articles": len(corpus.articles),
        "sentences": len(corpus.sentences),
        "chunks": len(corpus.chunks),
        "facts": len(corpus.fact_rows),
    } == counts
    assert corpus.articles == articles
    assert corpus.dense["sentences"].ntotal == counts["sentences"]
    assert corpus.dense["chunks"].ntotal == counts["chunks"]
    expected = []
    for article in articles.values():
        expected += [s.model_dump(exclude={"duplicate_of"}) for s in split_sentences(article.body, article.id)]
    assert [s.model_dump(exclude={"duplicate_of"}) for s in corpus.sentences] == expected
    for span in corpus.sentences + corpus.chunks:
        assert articles[span.source_id].body[span.start : span.end] == span.text


def test_duplicate_marks_point_into_the_whole_sentence_table(corpus):
    duplicates = [(i, s.duplicate_of) for i, s in enumerate(corpus.sentences) if s.duplicate_of is not None]

    assert len(duplicates) == 1
    row, first = duplicates[0]
    assert corpus.sentences[row].text == corpus.sentences[first].text == (
        "Agents with U.S. Immigration and Customs Enforcement."
    )
    assert corpus.sentences[row].source_id == "ice-fiscal-2012-deportation-record"


def test_small_round_trip(small):
    sources, out = small
    manifest = json.loads((out / "manifest.json").read_text())

    corpus = Corpus(out)

    assert manifest["counts"] == {"articles": 1, "sentences": 11, "chunks": 3, "facts": len(corpus.fact_rows)}
    assert list(corpus.articles) == ["detainer-holds-fall"]
    assert [h.span.text for h in corpus.search("peaked in March 2011", k=1)] == [
        "The number of those detained by the program peaked in March 2011, when police were holding nearly "
        "28,000 people."
    ]
    assert stale_reason(out, sources, default_settings()) is None


def rewrite_manifest(out: Path, **changes) -> None:
    path = out / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest.update(changes)
    path.write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    "cause, reason",
    [
        ("source changed", "source detainer-holds-fall.md changed"),
        ("source added", "source added.md was added"),
        ("source removed", "source detainer-holds-fall.md was removed"),
        ("curated facts added", "source facts.yaml was added"),
        ("model differs", "index was built with model '{built}', not '{other}'"),
        ("format differs", f"index format 0 differs from {store.FORMAT_VERSION}"),
        ("split differs", "splitting settings changed"),
        ("file missing", "index file chunks.faiss is missing"),
        ("no manifest", "no index at {out}"),
    ],
)
def test_stale_reason_names_each_cause(small, cause, reason):
    sources, out = small
    settings = default_settings()
    if cause == "source changed":
        path = sources / "detainer-holds-fall.md"
        path.write_text(path.read_text() + "\nOne more sentence.")
    elif cause == "source added":
        (sources / "added.md").write_text("A new article.")
    elif cause == "source removed":
        (sources / "detainer-holds-fall.md").unlink()
        (sources / "other.md").write_text("Another article.")  # a build needs one; it sorts after the removed file
    elif cause == "curated facts added":
        (sources / "facts.yaml").write_text("[]\n")
    elif cause == "model differs":
        settings = Settings(model="/models/other-model")
    elif cause == "format differs":
        rewrite_manifest(out, format_version=0)
    elif cause == "split differs":
        settings = Settings(model=settings.model, max_tokens=100)
    elif cause == "file missing":
        (out / "chunks.faiss").unlink()
    elif cause == "no manifest":
        (out / "manifest.json").unlink()

    from index.embed import model_name

    expected = reason.format(out=out, built=model_name(default_settings().model), other=model_name("/models/other-model"))
    assert stale_reason(out, sources, settings) == expected


@pytest.mark.parametrize("content", ["", "{not json", "\x00\x01"])
def test_unreadable_manifest_is_a_reason(small, content):
    sources, out = small
    (out / "manifest.json").write_text(content)

    reason = stale_reason(out, sources, default_settings())

    assert reason.startswith(f"{out / 'manifest.json'} is unreadable (")


def test_ensure_rebuilds_only_when_stale(small):
    sources, out = small
    messages = []

    ensure(sources, out, log=messages.append)
    assert messages == []

    shutil.copy(SOURCES / "dhs-deportations-fiscal-2014.md", sources)
    ensure(sources, out, log=messages.append)

    assert messages == ["building index: source dhs-deportations-fiscal-2014.md was added"]
    assert sorted(Corpus(out).articles) == ["detainer-holds-fall", "dhs-deportations-fiscal-2014"]
    assert stale_reason(out, sources, default_settings()) is None


@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_interrupted_build_keeps_the_previous_index(small, monkeypatch, error):
    sources, out = small
    before = (out / "manifest.json").read_text()
    shutil.copy(SOURCES / "dhs-deportations-fiscal-2014.md", sources)
    real_encode = store.embed.encode
    calls = []

    def encode_then_fail(*args, **kwargs):
        # the sentence vectors are written to the temporary folder; the chunk vectors never come
        calls.append(args[1])
        if len(calls) == 2:
            assert any(p.name.startswith("index.tmp-") for p in out.parent.iterdir())
            raise error
        return real_encode(*args, **kwargs)

    monkeypatch.setattr(store.embed, "encode", encode_then_fail)

    with pytest.raises(type(error)):
        build(sources, out)

    assert len(calls) == 2
    assert (out / "manifest.json").read_text() == before
    assert list(Corpus(out).articles) == ["detainer-holds-fall"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["index", "index.lock", "index.v1", "sources"]


def test_failed_first_build_leaves_nothing(tmp_path, monkeypatch):
    sources = copy_sources(tmp_path / "sources")

    def fail(*args, **kwargs):
        raise RuntimeError("facts failed")

    monkeypatch.setattr(store, "_write_jsonl", fail)

    with pytest.raises(RuntimeError, match="facts failed"):
        build(sources, tmp_path / "index")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.lock", "sources"]


def test_bad_sources_fail_before_touching_the_index(small):
    sources, out = small
    before = (out / "manifest.json").read_text()
    (sources / "broken.md").write_bytes(b"\xff\xfe")

    with pytest.raises(Exception, match="broken.md: not valid UTF-8"):
        build(sources, out)

    assert (out / "manifest.json").read_text() == before


def test_rebuild_swaps_in_place_and_keeps_ids(small):
    sources, out = small
    before = Corpus(out)

    build(sources, out)
    after = Corpus(out)

    assert [s.model_dump() for s in after.sentences] == [s.model_dump() for s in before.sentences]
    assert [f["id"] for f in after.fact_rows] == [f["id"] for f in before.fact_rows]
    # the index is a link to its newest version; the one before stays for readers still loading it
    assert sorted(p.name for p in out.parent.iterdir()) == ["index", "index.lock", "index.v1", "index.v2", "sources"]
    assert out.is_symlink() and store.live_folder(out).name == "index.v2"
    build(sources, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["index", "index.lock", "index.v2", "index.v3", "sources"]


def test_build_lock_makes_a_second_build_wait(tmp_path):
    out = tmp_path / "index"
    events = []

    def second():
        with store.build_lock(out):
            events.append("second")

    with store.build_lock(out):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        events.append("first done")
    thread.join(5)

    assert events == ["first done", "second"]


@pytest.mark.parametrize(
    "damage",
    ["truncated", "garbage", "empty", "missing"],
)
def test_damaged_faiss_file_raises_a_clear_error(small, damage):
    _, out = small
    path = out / "sentences.faiss"
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"not a faiss index at all" * 10)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()

    with pytest.raises(IndexError_) as err:
        Corpus(out)

    message = str(err.value)
    assert message.startswith(f"index at {out} is unreadable (")
    assert message.endswith("); rebuild it with `python -m index build`")


def test_bm25_is_loaded_as_built_not_indexed_again(small, monkeypatch):
    import bm25s

    _, out = small
    built = Corpus(out)
    monkeypatch.setattr(bm25s.BM25, "index", lambda *a, **k: pytest.fail("BM25 indexed at load"))

    loaded = Corpus(out)

    for table in ("sentences", "chunks"):
        assert loaded.bm25_ranking(table, "detainer requests police", 10) == built.bm25_ranking(
            table, "detainer requests police", 10) != []


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_a_damaged_bm25_index_raises_a_clear_error(small, damage):
    _, out = small
    folder = out / "chunks.bm25"
    if damage == "missing":
        shutil.rmtree(folder)
    else:
        (folder / "params.index.json").write_text("{not json")

    with pytest.raises(IndexError_, match=rf"^index at {out} is unreadable \(.*\); rebuild it with `python -m index build`$"):
        Corpus(out)


def test_faiss_file_with_the_wrong_rows_raises(small):
    _, out = small
    shutil.copy(out / "chunks.faiss", out / "sentences.faiss")

    with pytest.raises(IndexError_) as err:
        Corpus(out)

    assert str(err.value) == (
        f"index at {out}: sentences.faiss has 3 rows for 11 sentences; rebuild it with `python -m index build`"
    )


def test_truncated_jsonl_raises_a_clear_error(small):
    _, out = small
    path = out / "sentences.jsonl"
    path.write_text(path.read_text()[:100])

    with pytest.raises(IndexError_, match=r"is unreadable \(.*\); rebuild it with `python -m index build`"):
        Corpus(out)


def test_ensure_keeps_the_previous_index_in_service_when_a_new_article_is_broken(small):
    sources, out = small
    before = (out / "manifest.json").read_text()
    (sources / "broken.md").write_bytes(b"\xff\xfe not utf-8")
    messages = []

    assert ensure(sources, out, default_settings(), log=messages.append) == out

    assert (out / "manifest.json").read_text() == before
    assert messages[0].startswith("building index: source broken.md was added")
    assert "broken.md: not valid UTF-8" in messages[1] and "previous index stays in service" in messages[1]


def test_ensure_raises_when_there_is_no_previous_index(small, tmp_path):
    sources, _ = small
    (sources / "broken.md").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(SourceError, match="broken.md: not valid UTF-8"):
        ensure(sources, tmp_path / "fresh", default_settings(), log=lambda _: None)


def _encoded_texts(monkeypatch) -> list[str]:
    texts: list[str] = []
    real_encode = store.embed.encode

    def spy(model, batch, *args, **kwargs):
        texts.extend(batch)
        return real_encode(model, batch, *args, **kwargs)

    monkeypatch.setattr(store.embed, "encode", spy)
    return texts


def test_adding_a_document_encodes_only_it_and_equals_a_full_build(small, tmp_path, monkeypatch):
    sources, out = small
    shutil.copy(SOURCES / "dhs-deportations-fiscal-2014.md", sources)
    encoded = _encoded_texts(monkeypatch)

    manifest = build(sources, out)

    added = split_sentences((sources / "dhs-deportations-fiscal-2014.md").read_text().split("---\n", 2)[2])
    assert set(encoded) >= {s.text for s in added}
    assert not {s.text for s in split_sentences((sources / "detainer-holds-fall.md").read_text())} & set(encoded)
    assert {name: d["encoded"] for name, d in manifest["documents"].items()} == {
        "detainer-holds-fall.md": False, "dhs-deportations-fiscal-2014.md": True}
    full_out = tmp_path / "full"
    build(sources, full_out, full=True)
    incremental, full = Corpus(out), Corpus(full_out)
    assert incremental.articles == full.articles
    assert [s.model_dump() for s in incremental.sentences] == [s.model_dump() for s in full.sentences]
    assert [s.model_dump() for s in incremental.chunks] == [s.model_dump() for s in full.chunks]
    assert incremental.fact_rows == full.fact_rows
    for name in ("sentences", "chunks"):
        a = incremental.dense[name].reconstruct_n(0, incremental.dense[name].ntotal)
        b = full.dense[name].reconstruct_n(0, full.dense[name].ntotal)
        assert np.abs(a - b).max() < 1e-4


def test_removing_a_document_encodes_nothing(small, monkeypatch):
    sources, out = small
    shutil.copy(SOURCES / "dhs-deportations-fiscal-2014.md", sources)
    build(sources, out)
    (sources / "dhs-deportations-fiscal-2014.md").unlink()
    encoded = _encoded_texts(monkeypatch)

    manifest = build(sources, out)

    assert encoded == []
    assert list(manifest["documents"]) == ["detainer-holds-fall.md"]
    assert list(Corpus(out).articles) == ["detainer-holds-fall"]


@pytest.mark.parametrize("change, reason", [
    ("split", "encoding every document again: splitting settings changed"),
    ("format", f"encoding every document again: index format 1 differs from {store.FORMAT_VERSION}"),
    ("full", "encoding every document again: a full rebuild was requested"),
])
def test_settings_changes_encode_everything_and_say_why(small, monkeypatch, change, reason):
    sources, out = small
    settings = default_settings()
    if change == "split":
        settings = Settings(model=settings.model, max_tokens=100)
    if change == "format":
        rewrite_manifest(out, format_version=1)
    encoded = _encoded_texts(monkeypatch)
    messages = []

    manifest = build(sources, out, settings, full=change == "full", log=messages.append)

    assert messages[0] == reason
    assert all(d["encoded"] for d in manifest["documents"].values())
    assert len(encoded) == manifest["counts"]["sentences"] + manifest["counts"]["chunks"]


def test_a_damaged_document_record_is_encoded_again(small, monkeypatch):
    sources, out = small
    (out / "docs" / "detainer-holds-fall.npz").write_bytes(b"not numpy")
    shutil.copy(SOURCES / "dhs-deportations-fiscal-2014.md", sources)

    manifest = build(sources, out)

    assert all(d["encoded"] for d in manifest["documents"].values())
    assert sorted(Corpus(out).articles) == ["detainer-holds-fall", "dhs-deportations-fiscal-2014"]
