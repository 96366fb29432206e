"""No import circles in the bot package: the graph of every import, at module level, under
TYPE_CHECKING and inside functions alike, read from the source (AST), has no cycle.

A function-level import that dodges a circle still couples the two modules both ways; so does a
type-only one. Features that need each other go through typed hooks (bot/core/hooks.py) or a
shared part one layer down instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import bot

ROOT = Path(bot.__file__).resolve().parent


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package in `root`."""
    found = {}
    for path in root.rglob("*.py"):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _ancestors(name: str) -> Iterator[str]:
    while "." in name:
        name = name.rpartition(".")[0]
        yield name


def _targets(node: ast.AST, module: str, is_package: bool, known: Mapping[str, Path]
             ) -> Iterator[str]:
    """The bot modules one import statement loads."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = module if is_package else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        # `from pkg import name` loads pkg.name when that is a module, else pkg itself.
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
    else:
        return
    for name in names:
        while name and name not in known:  # `import bot.x.y` of a name inside a module
            name = name.rpartition(".")[0]
        if name:
            yield name


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the package's modules it imports anywhere in its source. Importing a.b.c also
    runs a/__init__ and a/b/__init__, so those count too, except the importer's own packages
    (they are already being initialised when it runs)."""
    known = modules(root)
    graph: dict[str, set[str]] = {}
    for module, path in known.items():
        own = set(_ancestors(module))
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(node, module, path.name == "__init__.py", known):
                deps |= {target, *(a for a in _ancestors(target) if a in known)} - own
        graph[module] = deps - {module}
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_bot_package_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_graph_sees_function_level_and_type_only_imports() -> None:
    graph = import_graph()
    # bot/__main__.py imports the runner inside a function; bot/core/context.py imports
    # Services only under TYPE_CHECKING.
    assert "bot.ops.runner" in graph["bot.__main__"]
    assert "bot.core.services" in graph["bot.core.context"]
    # `from pkg import module` is the module, and runs the package's __init__ first.
    assert {"bot.features.steps.kit"} <= graph["bot.features.steps.step2"]
    assert {"bot.features.steps.common", "bot.features.steps"} <= graph[
        "bot.features.onboarding.handlers"]


def test_a_circle_through_a_function_level_or_type_only_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from pkg.sub import b\n",
        "sub/__init__.py": "",
        "sub/b.py": "def later():\n    from ..c import thing\n",
        "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.a\n",
        "d.py": "from pkg import a, c\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    assert cycles(import_graph(package)) == [["pkg.a", "pkg.c", "pkg.sub.b"]]
