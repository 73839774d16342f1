"""Session fixtures: the real model and index, loaded once for the whole test run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    """A fresh index of the real articles, built once per session (never the developer's own)."""
    from index.store import build

    out = tmp_path_factory.mktemp("index") / "index"
    build(SOURCES, out)
    return out


@pytest.fixture(scope="session")
def corpus(index_dir):
    from index.search import Corpus

    return Corpus(index_dir)


@pytest.fixture(scope="session")
def bot(index_dir):
    from bot import Bot

    return Bot.load(SOURCES, index_dir, log=lambda _: None)


@pytest.fixture(scope="session")
def articles():
    from index.sources import load_sources

    return {a.id: a for a in load_sources(SOURCES)}
