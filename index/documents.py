"""Add documents to the sources folder and remove them, updating the index incrementally.

Every file is checked by its content before anything is written: size, type (sniffed, not
taken from the name), encoding, and that an article can be read from it. Accepted files are
saved into the sources folder under a safe name; nothing is written anywhere else. A refused
file is named with its reason and changes nothing. If the index update fails, the saved
files are taken out again, so the sources and the index never disagree.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from index.formats import MAX_BYTES, SUFFIXES, sniff
from index.sources import Article, SourceError, load_article, source_files
from index.store import Settings, build_lock, build_locked, default_settings

_UNSAFE = re.compile(r"[^a-z0-9._-]+")
MAX_STEM = 80


class Refusal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str  # the file's name as given
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


class Added(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str  # the file's name as given
    id: str
    file: str  # the name it was saved under in the sources folder
    title: str
    format: str


class Outcome(BaseModel):
    """What an add or remove did: the documents taken, the files refused, the index counts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    added: list[Added] = []
    removed: list[str] = []
    refused: list[Refusal] = []
    counts: dict[str, int] = {}
    encoded: int = 0  # documents whose vectors this update computed


class DocumentError(ValueError):
    """A remove that cannot be done; the message says why."""


def safe_stem(name: str) -> str:
    """A file name's stem reduced to lowercase letters, digits, '.', '_' and '-': no folders, no
    leading dots, at most 80 characters; "document" when nothing is left."""
    base = re.split(r"[\\/]", name or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii").lower()
    cleaned = _UNSAFE.sub("-", ascii_stem).strip("._-")
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:MAX_STEM].strip("._-")
    return cleaned or "document"


def target_suffix(name: str, raw: bytes) -> str | None:
    """The suffix a file is saved with: from its content, keeping '.md' for Markdown text."""
    kind = sniff(raw)
    if kind == "pdf":
        return ".pdf"
    if kind == "html":
        return ".html"
    if kind == "text":
        return ".md" if name.lower().endswith(".md") else ".txt"
    return None


def check(name: str, raw: bytes, sources: Path, taken_ids: set[str], taken_files: set[str]) -> tuple[Path, Article]:
    """Where an upload named `name` would be saved and the article read from it, or SourceError
    with the reason (as a sentence without the path)."""
    if len(raw) > MAX_BYTES:
        raise SourceError([f"file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit"])
    if not raw.strip():
        raise SourceError(["the file is empty"])
    suffix = target_suffix(name, raw)
    if suffix is None:
        why = "contains NUL bytes" if b"\x00" in raw[:8192] else "not text, an HTML page or a PDF"
        raise SourceError([f"looks like a binary file ({why}), not an article"])
    stem, n = safe_stem(name), 1
    candidate = stem
    while candidate in taken_ids or any(f.rsplit(".", 1)[0] == candidate for f in taken_files):
        n += 1
        candidate = f"{stem}-{n}"
    target = Path(sources) / f"{candidate}{suffix}"
    if target.resolve().parent != Path(sources).resolve():
        raise SourceError(["the file name cannot be used"])
    try:
        article = load_article(target, raw)
    except SourceError as err:
        raise SourceError([p.split(": ", 1)[1] if p.startswith(f"{target}: ") else p for p in err.problems]) from None
    if article.id in taken_ids:  # Markdown front matter may name an id already in use
        raise SourceError([f"its id {article.id!r} is already used by another document"])
    return target, article


def add(files: list[tuple[str, bytes]], sources: Path, out: Path, settings: Settings | None = None,
        log=None) -> Outcome:
    """Check each (name, content) pair, save the good ones into `sources` and update the index.
    Files are refused one by one; the others still go in."""
    log = log or (lambda _message: None)
    sources, out = Path(sources), Path(out)
    settings = settings or default_settings()
    with build_lock(out):
        existing = _ids(sources, out)
        taken_ids, taken_files = set(existing.values()), {p.name for p in sources.iterdir()}
        accepted: list[tuple[str, Path, Article, bytes]] = []
        refused: list[Refusal] = []
        for name, raw in files:
            shown = re.split(r"[\\/]", name or "")[-1] or "(no name)"
            log(f"checking {shown}")
            try:
                target, article = check(name, raw, sources, taken_ids, taken_files)
            except SourceError as err:
                refused.append(Refusal(name=shown, reason="; ".join(err.problems)))
                continue
            taken_ids.add(article.id)
            taken_files.add(target.name)
            accepted.append((shown, target, article, raw))
        if not accepted:
            return Outcome(refused=refused)
        written = []
        try:
            for _, target, _, raw in accepted:
                _write_new(target, raw)
                written.append(target)
            manifest = build_locked(sources, out, settings, log=log)
        except BaseException:
            for target in written:
                target.unlink(missing_ok=True)
            raise
    added = [Added(name=shown, id=a.id, file=t.name, title=a.title, format=a.format) for shown, t, a, _ in accepted]
    return Outcome(added=added, refused=refused, counts=manifest["counts"],
                   encoded=sum(d["encoded"] for d in manifest["documents"].values()))


def remove(doc_id: str, sources: Path, out: Path, settings: Settings | None = None, log=None) -> Outcome:
    """Delete the source file of document `doc_id` and update the index; DocumentError when
    there is no such document or it is the last one."""
    log = log or (lambda _message: None)
    sources, out = Path(sources), Path(out)
    with build_lock(out):
        ids = _ids(sources, out)
        files = [name for name, i in ids.items() if i == doc_id]
        if not files:
            raise DocumentError(f"there is no document with id {doc_id!r}")
        if len(ids) == 1:
            raise DocumentError(f"{doc_id!r} is the only document; add another before removing it")
        path = sources / files[0]
        aside = sources / f".removing-{path.name}"
        os.replace(path, aside)
        try:
            log(f"removing {path.name}")
            manifest = build_locked(sources, out, settings or default_settings(), log=log)
        except BaseException:
            os.replace(aside, path)
            raise
        aside.unlink()
    return Outcome(removed=[doc_id], counts=manifest["counts"],
                   encoded=sum(d["encoded"] for d in manifest["documents"].values()))


def _ids(sources: Path, out: Path) -> dict[str, str]:
    """Source file name -> document id, from the index where it knows the file, else the file."""
    try:
        known = json.loads((Path(out) / "manifest.json").read_text()).get("documents", {})
    except (OSError, ValueError, AttributeError):
        known = {}
    ids = {}
    for path in source_files(sources):
        if path.name in known:
            ids[path.name] = known[path.name]["id"]
            continue
        try:
            ids[path.name] = load_article(path).id
        except SourceError:
            ids[path.name] = path.stem
    return ids


def _write_new(target: Path, raw: bytes) -> None:
    """Write `raw` to `target` (which must not exist) through a hidden temporary file beside it."""
    tmp = target.with_name(f".upload-{os.getpid()}-{target.name}")
    with open(tmp, "xb") as handle:
        handle.write(raw)
    try:
        os.link(tmp, target)  # fails if the target appeared meanwhile; never overwrites
    finally:
        tmp.unlink()


def supported_suffixes() -> list[str]:
    return list(SUFFIXES)
