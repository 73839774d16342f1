"""Data flows one way: sources -> index -> bot -> app. Answer code knows no article."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"index": {"index"}, "bot": {"index", "bot"}, "evals": {"index", "bot", "evals"}}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_imports_flow_one_way(package):
    project = {"index", "bot", "evals", "app", "benchmarks"}
    for path in (ROOT / package).rglob("*.py"):
        assert _imports(path) & project <= LAYERS[package], path


def _answer_code():
    files = list((ROOT / "bot").rglob("*.py")) + list((ROOT / "index").rglob("*.py"))
    files += [ROOT / name for name in ("app.py", "app_documents.py") if (ROOT / name).exists()]
    return files


def test_answer_code_names_no_figure_or_id_from_the_articles(articles):
    figures = set()
    for article in articles.values():
        figures.update(re.findall(r"\d{1,3}(?:,\d{3})+", article.body))
    ids = set(articles)
    for path in _answer_code():
        text = path.read_text()
        found = [f for f in figures | ids if f in text]
        assert found == [], f"{path.relative_to(ROOT)} names {found}"
