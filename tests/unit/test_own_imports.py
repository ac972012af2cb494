"""Our own modules are imported directly (issue 17, item 12): a ``try: import … except ImportError``
around a module of the hegai package turns a broken import into a quiet "not there" (an assessment of
null, a skipped evaluation) instead of an error. Only third-party dependencies may be optional."""

from __future__ import annotations

import ast
from pathlib import Path

import hegai

PACKAGE = Path(hegai.__file__).parent
IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return False
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(getattr(n, "id", getattr(n, "attr", "")) in IMPORT_ERRORS for n in names)


def _own_imports(body: list[ast.stmt]) -> list[str]:
    found = []
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0] == "hegai"):
                found.append("." * node.level + (node.module or ""))
            elif isinstance(node, ast.Import):
                found += [a.name for a in node.names if a.name.split(".")[0] == "hegai"]
    return found


def test_no_module_of_ours_is_imported_under_an_import_error_guard():
    guarded = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers):
                guarded += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {name}" for name in _own_imports(node.body)]
    assert not guarded, f"own modules imported under except ImportError: {guarded}"
