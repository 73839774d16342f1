"""Load articles from a folder: one file each, `.md`, `.txt`, `.html`/`.htm` or `.pdf`.

For Markdown and text the body is returned exactly as stored after the (optional) front
matter; for HTML pages and PDFs it is the text their extractors read (`index.formats`). Every
offset in the project points into that body, so nothing after this step rewrites it.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from index.formats import MAX_BYTES, ExtractionError, Format
from index.formats import SUFFIXES as FORMAT_SUFFIXES
from index.formats import read as read_format

SUFFIXES = tuple(FORMAT_SUFFIXES)
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n", re.S | re.M)
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Article(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    body: str
    path: str
    sha256: str
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    published_note: str | None = None
    format: Format = "text"
    pages: list[int] = []  # PDF only: the body offset where each page starts

    def page_at(self, offset: int) -> int | None:
        """The 1-based PDF page holding body offset `offset`; None for other formats."""
        return bisect_right(self.pages, offset) if self.pages else None

    @property
    def year(self) -> int | None:
        """The publication year, when the front matter gives one."""
        match = re.match(r"(\d{4})", self.published or "")
        return int(match.group(1)) if match else None


class SourceError(ValueError):
    """One or more articles could not be loaded; the message names every file and problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def source_files(folder: Path | str) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError([f"{folder}: the sources folder does not exist"])
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and p.name.lower() != "readme.md" and not p.name.startswith(".")
    )


def load_sources(folder: Path | str) -> list[Article]:
    """Every article in `folder`, or a SourceError listing every problem at once."""
    articles, problems, seen = [], [], {}
    for path in source_files(folder):
        try:
            article = load_article(path)
        except SourceError as err:
            problems.extend(err.problems)
            continue
        if article.id in seen:
            problems.append(f"{path}: duplicate id {article.id!r} (also used by {seen[article.id]})")
            continue
        seen[article.id] = path
        articles.append(article)
    if problems:
        raise SourceError(problems)
    if not articles:
        raise SourceError([f"{folder}: no articles (.md, .txt, .html, .htm or .pdf files) found"])
    return articles


def load_article(path: Path, raw: bytes | None = None) -> Article:
    """The article in `path` (or in `raw`, the bytes of a file to be saved under that name)."""
    path = Path(path)
    raw = path.read_bytes() if raw is None else raw
    try:
        extracted = read_format(raw, path.name)
    except ExtractionError as err:
        raise SourceError([f"{path}: {err}"]) from None
    meta, body = ({}, extracted.text) if extracted.format != "text" else _split_front_matter(path, extracted.text)
    if not body.strip():
        raise SourceError([f"{path}: the article body is empty"])
    article_id = str(meta.get("id", path.stem))
    if not _SLUG.match(article_id):
        raise SourceError([f"{path}: id {article_id!r} must be letters, digits, '.', '_' or '-'"])
    title = meta.get("title") or extracted.title or _headline(body) or path.stem
    found = {"publisher": extracted.publisher, "author": extracted.author, "published": extracted.published}
    fields = {k: str(meta.get(k) or found.get(k)) for k in ("publisher", "author", "published", "published_note")
              if meta.get(k) or found.get(k)}
    return Article(
        id=article_id,
        title=str(title),
        body=body,
        path=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        format=extracted.format,
        pages=extracted.pages,
        **fields,
    )


def _split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    match = _FRONT.match(text)
    if not match:
        raise SourceError([f"{path}: front matter starts with '---' but has no closing '---' line"])
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise SourceError([f"{path}: front matter is not valid YAML{where}: {getattr(err, 'problem', err)}"]) from None
    if not isinstance(meta, dict):
        raise SourceError([f"{path}: front matter must be a mapping of 'key: value' lines"])
    return meta, text[match.end():]


def _headline(body: str) -> str | None:
    """The first line, when it reads as a headline: short and without a final period."""
    first = body.strip().split("\n", 1)[0].strip()
    if first and len(first) <= 150 and not first.endswith((".", ":", ";", ",")):
        return first
    return None
