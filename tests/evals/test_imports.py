"""evals drives the bot from outside: it may import the `bot` package's public names, nothing deeper."""

import ast
from pathlib import Path

import evals

EVALS = Path(evals.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_evals_imports_only_the_public_bot_package():
    project = {"bot", "index", "app", "benchmarks"}
    reached = {(path.name, name) for path in sorted(EVALS.glob("*.py")) for name in imported_modules(path)
               if name.split(".")[0] in project}
    assert reached == {("__main__.py", "bot")}
