"""Data flows one way: sources -> index -> bot -> web -> app. Answer code knows no article."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"index": {"index"}, "bot": {"index", "bot"}, "evals": {"index", "bot", "evals"},
          "web": {"index", "bot", "web"}}


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
    project = {"index", "bot", "evals", "app", "benchmarks", "web"}
    for path in (ROOT / package).rglob("*.py"):
        assert _imports(path) & project <= LAYERS[package], path


def _answer_code():
    files = [p for layer in ("bot", "index", "web") for p in (ROOT / layer).rglob("*")
             if p.suffix in (".py", ".js", ".css")]
    if (ROOT / "app.py").exists():
        files.append(ROOT / "app.py")
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


def test_answer_code_names_no_distinctive_figure_or_id_of_any_eval_corpus():
    """Every eval corpus's articles, not only the seed's: a figure with three or more significant
    digits ("27,415", not "100,000") or an article id in the answering code would be a rule shaped
    around one article."""
    from index.sources import load_sources

    folders = ["sources", "evals/corpora/devset/articles", "evals/corpora/own/articles", "evals/corpora/fresh/articles"]
    figures, ids = set(), set()
    for folder in folders:
        for article in load_sources(ROOT / folder):
            ids.add(article.id)
            figures.update(f for f in re.findall(r"\d{1,3}(?:,\d{3})+", article.body)
                           if len(f.replace(",", "").rstrip("0")) >= 3)
    for path in _answer_code():
        text = path.read_text()
        found = sorted(f for f in figures | ids if re.search(rf"(?<![\d,]){re.escape(f)}(?![\d,])", text))
        assert found == [], f"{path.relative_to(ROOT)} names {found}"
