"""Split article bodies into sentences and chunks with exact character offsets.

Every span satisfies `body[span.start:span.end] == span.text`; citations depend on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from index import vocab

# A candidate boundary: terminal punctuation, any closing quotes or brackets, then space.
_BOUNDARY = re.compile(r"(?:\.\.\.|…|[.!?])+[\"'”’)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_WORD = re.compile(r"\s*([\"'“‘(\[]?)(\S*)")
# Dotted abbreviations such as U.S., D.C., e.g. or Ph.D; not domain names such as example.com.
_INITIALISM = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")


class Span(BaseModel):
    """A sentence or chunk of one article: `text == body[start:end]`."""

    model_config = ConfigDict(frozen=True)

    source_id: str
    start: int
    end: int
    text: str
    paragraph: int = 0
    duplicate_of: int | None = None  # index of an earlier sentence with the same text


def paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph; blank lines separate paragraphs."""
    spans, pos = [], 0
    for match in _PARAGRAPH.finditer(body):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(body)))
    return [_strip(body, s, e) for s, e in spans if body[s:e].strip()]


def split_sentences(body: str, source_id: str = "") -> list[Span]:
    """Sentences of `body`, in order, with duplicate sentences marked."""
    out: list[Span] = []
    first_seen: dict[str, int] = {}
    for number, (p_start, p_end) in enumerate(paragraphs(body)):
        for start, end in _sentences_in(body, p_start, p_end):
            text = body[start:end]
            key = " ".join(text.split()).lower()
            out.append(
                Span(
                    source_id=source_id,
                    start=start,
                    end=end,
                    text=text,
                    paragraph=number,
                    duplicate_of=first_seen.get(key),
                )
            )
            first_seen.setdefault(key, len(out) - 1)
    return out


def _sentences_in(body: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start]
    for line_end in _line_breaks(body, start, end):
        cuts.append(line_end)
    for match in _BOUNDARY.finditer(body, start, end):
        if _is_boundary(body, match, start, end):
            cuts.append(match.end())
    cuts = sorted(set(cuts)) + [end]
    spans = [_strip(body, a, b) for a, b in zip(cuts, cuts[1:])]
    return [(a, b) for a, b in spans if a < b]


_LIST_ITEM = re.compile(r"[ \t]*(?:[-•*–]|\d{1,2}[.)])[ \t]+\S")


def _line_breaks(body: str, start: int, end: int) -> list[int]:
    """A single newline ends a sentence when the line before it is complete or headline-like, or
    the next line is a list item ("• $18.6 million spent ...")."""
    out, line_start = [], start
    for match in re.finditer(r"\n", body[start:end]):
        pos = start + match.start()
        line = body[line_start:pos].strip()
        if line and (line[-1] in ".!?:\"'”’)" or len(line) < 100 or _LIST_ITEM.match(body, pos + 1, end)):
            out.append(pos)
        line_start = pos + 1
    return out


def _is_boundary(body: str, match: re.Match, p_start: int, p_end: int) -> bool:
    punct = match.group(0)
    after = _NEXT_WORD.match(body, match.end(), p_end)
    opener, word = after.group(1), after.group(2)
    if not word and not opener:
        return False
    first = (word or "x")[0]
    if first.islower() or first in ",;:-–—":
        return False
    if punct.startswith(("...", "…")):
        return not _inside_quote(body, p_start, match.start())
    if not punct.startswith("."):
        return True
    line_start = max(p_start, body.rfind("\n", p_start, match.start()) + 1)
    if re.fullmatch(r"[ \t]*\d{1,2}", body[line_start:match.start()]):
        return False  # "1. Republic of Kenya ...": a numbered list's marker opens its line
    before = _WORD_BEFORE.search(body, p_start, match.start() + 1)
    token = before.group(1) if before else ""
    bare = token.rstrip(".")
    if bare in vocab.TITLE_ABBREVIATIONS or re.fullmatch(r"[A-Z]", bare):
        return False
    if bare in vocab.MONTH_ABBREVIATIONS and first.isdigit():
        return False
    if bare in ("No", "no", "Nos") and first.isdigit():
        return False
    if _INITIALISM.fullmatch(bare) or bare in vocab.OTHER_ABBREVIATIONS:
        return word.strip("\"'“‘(") in vocab.SENTENCE_STARTERS
    return True


def _inside_quote(body: str, start: int, pos: int) -> bool:
    text = body[start:pos]
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _strip(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def estimate_tokens(text: str) -> int:
    """A generous estimate of wordpieces: every word and symbol, plus a quarter for splits."""
    return int(len(re.findall(r"\w+|[^\w\s]", text)) * 1.25) + 2


def chunk_sentences(
    body: str,
    sentences: list[Span],
    max_tokens: int = 200,
    overlap: int = 1,
    count_tokens: Callable[[str], int] = estimate_tokens,
) -> list[Span]:
    """Windows of whole sentences under `max_tokens`, each sharing `overlap` sentences with the last."""
    chunks: list[Span] = []
    i = 0
    while i < len(sentences):
        j = i + 1
        while j < len(sentences) and count_tokens(body[sentences[i].start : sentences[j].end]) <= max_tokens:
            j += 1
        start, end = sentences[i].start, sentences[j - 1].end
        chunks.append(
            Span(source_id=sentences[i].source_id, start=start, end=end, text=body[start:end], paragraph=sentences[i].paragraph)
        )
        if j >= len(sentences):
            break
        i = max(j - overlap, i + 1)
    return chunks
