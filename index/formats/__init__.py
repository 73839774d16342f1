"""Read a source file of any supported format into the text every offset points into.

The format is decided by the file's content, never by its name alone: a file whose name says
one format and whose bytes say another is refused by name with both. Markdown and plain text
are returned verbatim; HTML pages and PDFs go through their extractors, and the extracted text
is what the index stores, cites and shows.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Format = Literal["text", "html", "pdf"]
MAX_BYTES = 20_000_000
SUFFIXES: dict[str, Format] = {".md": "text", ".txt": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}
# Leading bytes of common binary formats that are never articles.
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf",
                 b"\x7fELF", b"MZ", b"RIFF", b"OggS", b"ID3", b"\xd0\xcf\x11\xe0", b"Rar!", b"%!PS")
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta ", b"<title")


class ExtractionError(ValueError):
    """The file cannot be read as an article; the message is a plain sentence without the path."""


class Extracted(BaseModel):
    """The text read from one file, and the metadata the file itself carries."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Format
    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    pages: list[int] = []  # PDF only: the offset in `text` where each page starts


def sniff(raw: bytes) -> Format | Literal["binary"]:
    """What the bytes are: a PDF, an HTML page, text, or binary data."""
    head = raw[:8192]
    if b"%PDF-" in raw[:1024]:
        return "pdf"
    if b"\x00" in head or head.startswith(_BINARY_MAGIC):
        return "binary"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in lowered or \
            sum(marker in lowered for marker in _HTML_MARKERS) >= 2:
        return "html"
    if _control_ratio(head) > 0.05:
        return "binary"
    return "text"


def _control_ratio(head: bytes) -> float:
    if not head:
        return 0.0
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head)


def describe(kind: str) -> str:
    return {"pdf": "a PDF", "html": "an HTML page", "text": "plain text", "binary": "binary data"}[kind]


def expected_format(name: str) -> Format | None:
    """The format a file name promises, or None for a name the project does not read."""
    for suffix, fmt in SUFFIXES.items():
        if name.lower().endswith(suffix):
            return fmt
    return None


def read(raw: bytes, name: str) -> Extracted:
    """The text and metadata of a file named `name` with content `raw`, or ExtractionError."""
    if len(raw) > MAX_BYTES:
        raise ExtractionError(f"file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit")
    kind = sniff(raw)
    promised = expected_format(name)
    if kind == "binary":
        why = "contains NUL bytes" if b"\x00" in raw[:8192] else "not text, an HTML page or a PDF"
        raise ExtractionError(f"looks like a binary file ({why}), not an article")
    if promised is None:
        raise ExtractionError("not a supported file type (.md, .txt, .html, .htm or .pdf)")
    if promised != kind and not (promised == "html" and kind == "text"):
        raise ExtractionError(f"named like {describe(promised)} but its content is {describe(kind)}")
    if promised == "pdf":
        from index.formats.pdf import extract_pdf

        return extract_pdf(raw)
    if promised == "html":
        from index.formats.html import extract_html

        return extract_html(raw)
    return Extracted(format="text", text=decode_utf8(raw))


def decode_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ExtractionError(f"not valid UTF-8 (byte {err.start}: {raw[err.start:err.start + 1]!r})") from None
