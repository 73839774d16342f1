"""Eval corpora: a gold file asked over its own sources and gated against its own baseline.

`evals/corpora.yaml` names them. A corpus whose sources span several folders (the dev
articles with the seed articles beside them) is assembled into one folder under the output
directory, so the index is built exactly as for any other sources folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = Path(__file__).resolve().parent / "corpora.yaml"


class EvalCorpus(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    gold: Path
    sources: list[Path] = Field(min_length=1)
    baseline: Path
    index: Path | None = None  # default: out/evals/<name>/index
    holdout: list[str] = Field(default_factory=list)


def load_corpora(path: Path = DEFAULT_CORPORA, root: Path = ROOT) -> list[EvalCorpus]:
    """The corpora in `path`, with paths resolved against the project root."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    out = []
    for name, spec in data.items():
        spec = dict(spec)
        for key in ("gold", "baseline", "index"):
            if spec.get(key):
                spec[key] = root / spec[key]
        spec["sources"] = [root / s for s in spec["sources"]]
        out.append(EvalCorpus(name=name, **spec))
    return out


def pick(corpora: list[EvalCorpus], names: list[str] | None) -> list[EvalCorpus]:
    """The named corpora, in file order; a ValueError lists the valid names."""
    if not names:
        return corpora
    known = {c.name for c in corpora}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown corpus {', '.join(unknown)}; choose from {', '.join(sorted(known))}")
    return [c for c in corpora if c.name in names]


def sources_folder(corpus: EvalCorpus, work: Path) -> Path:
    """One folder holding every article of the corpus (the folder itself when there is one).

    Files are copied only when their bytes differ, so an unchanged corpus keeps a fresh index."""
    if len(corpus.sources) == 1:
        return corpus.sources[0]
    folder = work / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {}
    for source in corpus.sources:
        for path in sorted(Path(source).iterdir()):
            if path.is_file() and path.name.lower() != "readme.md":
                wanted.setdefault(path.name, path)
    for stale in folder.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    for name, path in wanted.items():
        target = folder / name
        if not target.exists() or target.read_bytes() != path.read_bytes():
            shutil.copyfile(path, target)
    return folder


def holdout_items(corpus: EvalCorpus, gold: list, folder: Path) -> set[str]:
    """Ids of gold items whose evidence is found in a held-out article."""
    from evals.judge import normalize

    if not corpus.holdout:
        return set()
    texts = [normalize((folder / name).read_text(encoding="utf-8")) for name in corpus.holdout
             if (folder / name).is_file()]
    return {item.id for item in gold
            if any(normalize(e) in t for turn in item.turns for e in turn.expect.evidence for t in texts)}
