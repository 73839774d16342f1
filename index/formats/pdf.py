"""PDFs: the text of each page in reading order (pypdf), with the offset where each page starts.

pypdf returns a page as the lines the PDF draws. Lines wrapped inside a paragraph are joined
with a space (a word hyphenated across lines is joined whole), so a sentence is one sentence;
a paragraph ends at a short line that finishes a sentence, a heading-like short line, or the
end of the page. Pages are separated by a blank line. A PDF without a text layer is refused.
"""

from __future__ import annotations

import io
import re

from index.formats import ExtractionError, Extracted

_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")
_END = ('.', '!', '?', ':', '"', '”', "'", '’', ')')


def extract_pdf(raw: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("the PDF is encrypted with a password; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as err:
        raise ExtractionError(f"the PDF could not be read ({type(err).__name__}: {str(err)[:120]})") from None
    if not pages:
        raise ExtractionError("the PDF has no pages")
    text, starts = "", []
    for page in pages:
        starts.append(len(text))
        body = reflow(page)
        if body:
            text += body + "\n\n"
    if not text.strip():
        raise ExtractionError("no text layer; OCR it first")
    return Extracted(format="pdf", text=text, pages=starts, title=_meta(info, "/Title"),
                     author=_meta(info, "/Author"), published=pdf_date(_meta(info, "/CreationDate")))


def reflow(page: str) -> str:
    """One page's lines joined into paragraphs."""
    lines = [" ".join(line.split()) for line in page.replace("\r", "\n").split("\n")]
    width = max((len(line) for line in lines), default=0)
    paragraphs, current = [], ""
    for i, line in enumerate(lines):
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and len(current) > 1 and current[-2].isalpha() and line[:1].islower():
            current = current[:-1] + line  # "immi-" + "gration"
        else:
            current = f"{current} {line}" if current else line
        short = len(line) < 0.8 * width
        heading = len(line) < 0.6 * width and not line.endswith((",", ";", "-"))
        if (short and line.endswith(_END)) or heading or i == len(lines) - 1:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def pdf_date(value: str | None) -> str | None:
    """ "D:20150302..." -> "2015-03-02" (or the year and month, when that is all it gives)."""
    match = _PDF_DATE.match(value or "")
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)


def _meta(info, key: str) -> str | None:
    try:
        value = info.get(key)
    except Exception:
        return None
    value = " ".join(str(value).split()) if value else ""
    return value or None
