"""Adding and removing documents through the running app over HTTP (web/documents.py).

Each test server gets its own copy of one real article and its own index, so nothing here
touches the project's `sources/`. Real model, real FAISS, real Gradio server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest

import app_server
from web.documents import is_loopback, uploads_allowed
from documents import news_page, pdf_report, scanned_pdf
from index.formats import read

pytestmark = pytest.mark.slow
FIRST_ARTICLE = "detainer-holds-fall.md"


def start(root: Path, host: str = "127.0.0.1", extra=()) -> tuple[subprocess.Popen, str, Path]:
    sources = root / "sources"
    sources.mkdir(parents=True)
    shutil.copy(app_server.ROOT / "sources" / FIRST_ARTICLE, sources)
    process, url = app_server.serve(["--host", host, "--sources", str(sources), "--index", str(root / "index"),
                                     "--db", str(root / "feedback.sqlite"), *extra], root / "server.log")
    return process, url, sources


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def uploading(tmp_path_factory):
    root = tmp_path_factory.mktemp("uploads")
    process, url, sources = start(root)
    yield url, sources, root
    stop(process)


def test_upload_becomes_answerable_without_a_restart(uploading, tmp_path):
    from gradio_client import Client, handle_file

    url, sources, _ = uploading
    client = Client(url, verbose=False)
    conversation = client.predict("When did detainers peak?", "", api_name="/ask")["conversation_id"]
    files = {"Harbor Ledger (saved).html": news_page(), "agency report.pdf": pdf_report(), "scan.pdf": scanned_pdf(),
             "fake.pdf": bytes(range(256)) * 8}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)

    status, rows, _, _ = client.predict([handle_file(str(tmp_path / n)) for n in files], api_name="/add_documents")

    assert "Added **Harbor Ledger (saved).html** as `harbor-ledger-saved.html`" in status
    assert "Added **agency report.pdf** as `agency-report.pdf`" in status
    assert "Refused **scan.pdf**: no text layer; OCR it first." in status
    assert "Refused **fake.pdf**: looks like a binary file (contains NUL bytes), not an article." in status
    assert sorted(p.name for p in sources.iterdir()) == sorted([FIRST_ARTICLE, "harbor-ledger-saved.html", "agency-report.pdf"])
    assert [r[0] for r in rows["data"]] == ["agency-report", "detainer-holds-fall", "harbor-ledger-saved"]

    # the conversation opened before the upload answers from the new documents
    page = client.predict("How many asylum seekers did Harbor City officials turn back in fiscal year 2019?",
                          conversation, api_name="/ask")
    assert page["value"] == 48213
    cited = page["citations"][0]
    assert cited["source_id"] == "harbor-ledger-saved"
    assert cited["quote"] == read(news_page(), "x.html").text[cited["start"]:cited["end"]]
    report = client.predict("How many people did the bureau hold in detention each day in 2017?", conversation,
                            api_name="/ask")
    assert report["value"] == 27316 and report["citations"][0]["page"] == 2


def test_only_refused_files_change_nothing(uploading, tmp_path):
    from gradio_client import Client, handle_file

    url, sources, root = uploading
    before = sorted(p.name for p in sources.iterdir())
    manifest = (root / "index" / "manifest.json").read_text()
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf())

    status, *_ = Client(url, verbose=False).predict([handle_file(str(tmp_path / "scan.pdf"))], api_name="/add_documents")

    assert status == "- Refused **scan.pdf**: no text layer; OCR it first."
    assert sorted(p.name for p in sources.iterdir()) == before
    assert (root / "index" / "manifest.json").read_text() == manifest


def test_remove_through_the_app(uploading):
    from gradio_client import Client

    url, sources, _ = uploading
    client = Client(url, verbose=False)
    status, rows, _, _ = client.predict("agency-report", api_name="/remove_document")

    assert "Removed `agency-report`." in status
    assert not (sources / "agency-report.pdf").exists()
    assert "agency-report" not in [r[0] for r in rows["data"]]
    answer = client.predict("How many people did the bureau hold in detention each day in 2017?", "", api_name="/ask")
    assert all(c["source_id"] != "agency-report" for c in answer["citations"])
    status, *_ = client.predict("no-such-document", api_name="/remove_document")
    assert status == "Nothing changed: there is no document with id 'no-such-document'"


def _lan_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent; this picks the outward interface
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_uploads_are_off_on_other_interfaces_without_the_flag(tmp_path):
    from gradio_client import Client

    process, url, sources = start(tmp_path, host="0.0.0.0")
    try:
        client = Client(url, verbose=False)
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode()
        assert "Uploads are off" in page and "--allow-uploads" in page
        with pytest.raises(Exception, match="add_documents"):
            client.predict([], api_name="/add_documents")
        assert sorted(p.name for p in sources.iterdir()) == [FIRST_ARTICLE]
    finally:
        stop(process)


@pytest.mark.parametrize("host, flag, allowed", [
    ("127.0.0.1", False, True), ("localhost", False, True), ("::1", False, True), ("127.0.0.2", False, True),
    ("0.0.0.0", False, False), ("192.168.1.5", False, False), ("::", False, False), ("example.org", False, False),
    ("0.0.0.0", True, True),
])
def test_uploads_allowed(host, flag, allowed):
    assert uploads_allowed(host, flag) is allowed
    assert is_loopback("127.0.0.1") and not is_loopback("10.0.0.1")
