"""index.documents and `python -m index add/remove`: checks by content, safe names, nothing
changed by a refused file, and a killed update leaving the previous index in service."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from documents import news_page, pdf_report, scanned_pdf
from index import store
from index.documents import DocumentError, add, remove, safe_stem
from index.search import Corpus
from index.store import build, stale_reason, default_settings

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "detainer-holds-fall.md"


@pytest.mark.parametrize("name, stem", [
    ("../../etc/passwd", "passwd"), ("..\\..\\boot.ini", "boot"), ("Report (Final) Ümlaut.PDF", "report-final-umlaut"),
    (".hidden.html", "hidden"), ("", "document"), ("***.pdf", "document"), ("a" * 200 + ".txt", "a" * 80),
    ("CON", "con"), ("two..dots--and  spaces.md", "two..dots-and-spaces"),
])
def test_safe_stem(name, stem):
    assert safe_stem(name) == stem


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("docs")
    (root / "sources").mkdir()
    shutil.copy(ROOT / "sources" / ARTICLE, root / "sources")
    build(root / "sources", root / "index")
    return root


@pytest.fixture
def library(built, tmp_path):
    shutil.copytree(built / "sources", tmp_path / "sources")
    shutil.copytree(store.live_folder(built / "index"), tmp_path / "index.v1")
    (tmp_path / "index").symlink_to("index.v1")
    return tmp_path / "sources", tmp_path / "index"


@pytest.mark.slow
def test_refused_files_change_nothing(library):
    sources, out = library
    manifest = (out / "manifest.json").read_text()
    files = [("scan.pdf", scanned_pdf()), ("random.pdf", bytes(range(256)) * 4), ("empty.txt", b"  \n"),
             ("big.txt", b"x" * 20_000_001), ("latin.txt", "café".encode("latin-1")),
             ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), ("../escape.html", b"<html><body></body></html>")]

    outcome = add(files, sources, out)

    assert [(r.name, r.reason) for r in outcome.refused] == [
        ("scan.pdf", "no text layer; OCR it first"),
        ("random.pdf", "looks like a binary file (contains NUL bytes), not an article"),
        ("empty.txt", "the file is empty"),
        ("big.txt", "file is 20,000,001 bytes, over the 20,000,000-byte limit"),
        ("latin.txt", "not valid UTF-8 (byte 3: b'\\xe9')"),
        ("photo.png", "looks like a binary file (contains NUL bytes), not an article"),
        ("escape.html", "no article text found in the HTML page"),
    ]
    assert outcome.added == []
    assert sorted(p.name for p in sources.iterdir()) == [ARTICLE]
    assert sorted(p.name for p in sources.parent.iterdir()) == ["index", "index.lock", "index.v1", "sources"]
    assert (out / "manifest.json").read_text() == manifest


@pytest.mark.slow
def test_added_files_get_safe_unique_names_inside_the_sources(library):
    sources, out = library

    outcome = add([("../../Harbor Ledger.HTM", news_page()), ("harbor ledger.html", news_page(date_style="printed")),
                   ("detainer-holds-fall.pdf", pdf_report()), ("report.html", pdf_report())], sources, out)

    assert [(a.file, a.id, a.format) for a in outcome.added] == [
        ("harbor-ledger.html", "harbor-ledger", "html"), ("harbor-ledger-2.html", "harbor-ledger-2", "html"),
        ("detainer-holds-fall-2.pdf", "detainer-holds-fall-2", "pdf"), ("report.pdf", "report", "pdf")]
    assert sorted(p.name for p in sources.iterdir()) == sorted([ARTICLE] + [a.file for a in outcome.added])
    assert outcome.encoded == 4 and outcome.counts["articles"] == 5
    assert stale_reason(out, sources, default_settings()) is None
    assert sorted(Corpus(out).articles) == sorted(["detainer-holds-fall"] + [a.id for a in outcome.added])


@pytest.mark.slow
def test_remove_takes_out_one_document_without_encoding(library):
    sources, out = library
    add([("page.html", news_page())], sources, out)

    outcome = remove("page", sources, out)

    assert outcome.removed == ["page"] and outcome.encoded == 0
    assert sorted(p.name for p in sources.iterdir()) == [ARTICLE]
    assert list(Corpus(out).articles) == ["detainer-holds-fall"]
    with pytest.raises(DocumentError, match="there is no document with id 'page'"):
        remove("page", sources, out)
    with pytest.raises(DocumentError, match="is the only document"):
        remove("detainer-holds-fall", sources, out)


@pytest.mark.slow
def test_failed_update_takes_the_files_back_out(library, monkeypatch):
    sources, out = library
    manifest = (out / "manifest.json").read_text()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.embed, "encode", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        add([("page.html", news_page())], sources, out)

    assert sorted(p.name for p in sources.iterdir()) == [ARTICLE]
    assert (out / "manifest.json").read_text() == manifest


def run_cli(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "index", *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.slow
def test_command_line_add_and_remove(library, tmp_path):
    sources, out = library
    (tmp_path / "Harbor page.html").write_bytes(news_page())
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf())
    where = ["--sources", sources, "--out", out]

    added = run_cli("add", tmp_path / "Harbor page.html", tmp_path / "scan.pdf", *where)
    assert added.returncode == 1, added.stderr
    assert f"added Harbor page.html as {sources / 'harbor-page.html'} (id harbor-page)" in added.stdout
    assert "refused scan.pdf: no text layer; OCR it first" in added.stderr
    assert "(1 document encoded)" in added.stdout and "Traceback" not in added.stderr

    removed = run_cli("remove", "harbor-page", *where)
    assert removed.returncode == 0, removed.stderr
    assert "removed harbor-page" in removed.stdout and "(0 documents encoded)" in removed.stdout

    missing = run_cli("remove", "harbor-page", *where)
    assert missing.returncode == 2 and missing.stderr.strip() == "error: there is no document with id 'harbor-page'"
    assert sorted(p.name for p in sources.iterdir()) == [ARTICLE]


@pytest.mark.slow
def test_killed_update_leaves_the_previous_index_in_service(library, tmp_path):
    sources, out = library
    before = (out / "manifest.json").read_text()
    long_article = "\n\n".join(f"Paragraph {n}. The office counted {n * 37} visits in week {n}. It said more would come."
                               for n in range(1, 500))
    (tmp_path / "long.md").write_text(f"---\ntitle: A long report\n---\n{long_article}\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "index", "add", str(tmp_path / "long.md"), "--sources",
                                str(sources), "--out", str(out)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not any(p.name.startswith("index.tmp-") for p in out.parent.iterdir()):
        assert process.poll() is None, process.stdout.read().decode()
        time.sleep(0.02)
    time.sleep(0.5)  # the update is now encoding
    process.send_signal(signal.SIGKILL)
    process.wait(30)

    assert (out / "manifest.json").read_text() == before
    assert list(Corpus(out).articles) == ["detainer-holds-fall"]
    assert json.loads(before)["counts"]["articles"] == 1
    # the saved file is picked up, encoded alone, by the next update
    manifest = build(sources, out)
    assert manifest["counts"]["articles"] == 2
    assert [d["encoded"] for d in manifest["documents"].values()] == [False, True]
