"""index.formats: the type comes from the content; a name that disagrees is refused."""

from __future__ import annotations

import pytest

from index.formats import ExtractionError, read, sniff


@pytest.mark.parametrize("raw, kind", [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html><body>x</body></html>", "html"),
    (b"<html lang='en'><head><title>x</title></head></html>", "html"),
    (b"---\nid: a\n---\nThe body mentions <b>bold</b> once.", "text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"PK\x03\x04 zipped", "binary"),
    ("plain words, naïve café".encode(), "text"),
])
def test_sniff(raw, kind):
    assert sniff(raw) == kind


def test_unsupported_names_and_sizes_are_refused():
    with pytest.raises(ExtractionError, match=r"not a supported file type \(.md, .txt, .html, .htm or .pdf\)"):
        read(b"hello", "notes.docx")
    with pytest.raises(ExtractionError, match="over the 20,000,000-byte limit"):
        read(b"x" * 20_000_001, "big.txt")


def test_markdown_is_returned_verbatim():
    raw = "---\nid: a\n---\nBody  with\r\nodd   spacing.\n".encode()
    assert read(raw, "a.md").text == raw.decode()
