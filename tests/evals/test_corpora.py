"""Eval corpora: the committed file names real folders; several source folders become one."""

import pytest

from evals.corpora import EvalCorpus, holdout_items, load_corpora, pick, sources_folder
from evals.gold import load_gold


def test_every_committed_corpus_has_its_gold_and_sources():
    corpora = load_corpora()
    assert [c.name for c in corpora][:2] == ["seed", "devset"]
    for corpus in corpora:
        assert load_gold(corpus.gold), corpus.name
        assert all(folder.is_dir() for folder in corpus.sources), corpus.name


def test_pick_names_the_valid_corpora():
    corpora = load_corpora()
    assert [c.name for c in pick(corpora, ["devset"])] == ["devset"]
    with pytest.raises(ValueError, match="unknown corpus nope; choose from .*devset.*seed"):
        pick(corpora, ["nope"])


def test_sources_from_several_folders_are_assembled_and_kept_in_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "one.txt").write_text("Headline one\n\nBody one.\n")
    (b / "two.md").write_text("---\nid: two\n---\nBody two.\n")
    corpus = EvalCorpus(name="x", gold=tmp_path / "g.jsonl", sources=[a, b], baseline=tmp_path / "b.json",
                        holdout=["two.md"])
    folder = sources_folder(corpus, tmp_path / "work")
    assert sorted(p.name for p in folder.iterdir()) == ["one.txt", "two.md"]
    (a / "one.txt").unlink()
    (a / "three.txt").write_text("Headline three\n\nBody three.\n")
    folder = sources_folder(corpus, tmp_path / "work")
    assert sorted(p.name for p in folder.iterdir()) == ["three.txt", "two.md"]


def test_holdout_items_are_found_by_their_evidence(tmp_path):
    (tmp_path / "kept.txt").write_text("Headline\n\nThe count was 1,234 in all.\n")
    (tmp_path / "held.txt").write_text("Headline\n\nOfficials counted 5,678 cases.\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "k", "category": "lookup", "turns": [{"question": "q", "expect": {"evidence": ["1,234"]}}]}\n'
                    '{"id": "h", "category": "lookup", "turns": [{"question": "q", "expect": {"evidence": ["5,678 cases"]}}]}\n')
    corpus = EvalCorpus(name="x", gold=gold, sources=[tmp_path], baseline=tmp_path / "b.json", holdout=["held.txt"])
    assert holdout_items(corpus, load_gold(gold), tmp_path) == {"h"}
