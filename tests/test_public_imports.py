"""The bot imports libraries through their public modules only: a private module
(`telegram._utils.types`) may move or vanish in any release."""

from __future__ import annotations

import ast

from tests.test_import_graph import modules


def private_imports() -> list[str]:
    found = []
    for module, path in sorted(modules().items()):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            found += [f"{module}: {name}" for name in names
                      if any(part.startswith("_") and part not in ("__future__", "__main__")
                             for part in name.split("."))]
    return found


def test_no_private_module_of_a_library_is_imported() -> None:
    assert private_imports() == []
