"""HTML pages: the article's main text and the page's own metadata, read with trafilatura.

trafilatura drops navigation, ads, comments, scripts and styles. Its paragraphs come one per
line; they are joined with blank lines so the splitter sees the page's paragraphs (a table's
rows stay one paragraph).
"""

from __future__ import annotations

import re

from index.formats import ExtractionError, Extracted

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(raw: bytes) -> str:
    """The page as text: its byte-order mark, else its declared charset, else UTF-8, else the
    encoding charset-normalizer finds most likely."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "strict")
    declared = _META_CHARSET.search(raw[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in candidates + ["utf-8"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ExtractionError("the page's text encoding could not be determined; save it as UTF-8")
    return str(best)


def extract_html(raw: bytes) -> Extracted:
    import trafilatura

    page = decode_html(raw)
    try:
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True,
                                          include_images=False, include_links=False,
                                          date_extraction_params={"original_date": True, "extensive_search": True})
    except Exception as err:  # a malformed page: say so rather than crash
        raise ExtractionError(f"the HTML page could not be parsed ({type(err).__name__})") from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise ExtractionError("no article text found in the HTML page")
    return Extracted(
        format="html",
        text=_joined(paragraphs),
        title=_clean(doc.title),
        author=_clean(doc.author),
        publisher=_clean(doc.sitename),
        published=_clean(doc.date),
    )


def _joined(lines: list[str]) -> str:
    r"""The page's lines as paragraphs, except that the rows of a table (trafilatura writes them
    as "| a | b |" lines) stay together, one table one paragraph, so its header labels its rows.

    >>> _joined(["Intro.", "| Year | N |", "|---|---|", "| 2021 | 5 |", "After."])
    'Intro.\n\n| Year | N |\n|---|---|\n| 2021 | 5 |\n\nAfter.\n'
    """
    out = ""
    for i, line in enumerate(lines):
        if i:
            out += "\n" if line.startswith("|") and lines[i - 1].startswith("|") else "\n\n"
        out += line
    return out + "\n"


def _clean(value) -> str | None:
    value = " ".join(str(value).split()) if value else ""
    return value or None
