"""Load articles from a folder: one file each, `.md` or `.txt`, front matter optional.

The body is returned exactly as stored after the front matter; every offset in the
project points into it, so nothing here ever rewrites article text.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

SUFFIXES = (".md", ".txt")
MAX_BYTES = 20_000_000
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
        p for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES and p.name.lower() != "readme.md"
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
        raise SourceError([f"{folder}: no articles (.md or .txt files) found"])
    return articles


def load_article(path: Path) -> Article:
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise SourceError([f"{path}: file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit"])
    if b"\x00" in raw:
        raise SourceError([f"{path}: looks like a binary file (contains NUL bytes), not an article"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SourceError([f"{path}: not valid UTF-8 (byte {err.start}: {raw[err.start:err.start + 1]!r})"]) from None
    meta, body = _split_front_matter(path, text)
    if not body.strip():
        raise SourceError([f"{path}: the article body is empty"])
    article_id = str(meta.get("id", path.stem))
    if not _SLUG.match(article_id):
        raise SourceError([f"{path}: id {article_id!r} must be letters, digits, '.', '_' or '-'"])
    title = meta.get("title") or _headline(body) or path.stem
    fields = {k: str(meta[k]) for k in ("publisher", "author", "published", "published_note") if meta.get(k)}
    return Article(
        id=article_id,
        title=str(title),
        body=body,
        path=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
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
