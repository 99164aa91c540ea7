"""Every key is built in `chalicelib/storage/keys.py`, and the key table of the docs (Architecture) is what it builds."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from chalicelib.storage.keys import LAYOUT

ROOT = Path(__file__).parent.parent
#: What a key prefix looks like: capitals and a `#` (`CASE#`, `TIPREF#`, `AUDIT#CASE#`).
KEY_PREFIX = re.compile(r"(^|[^A-Za-z])[A-Z]{2,}#")


def key_literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that look like a key prefix, docstrings left out."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and KEY_PREFIX.search(node.value)
    ]


def test_no_module_but_the_key_module_writes_a_key_prefix():
    found = {
        str(path.relative_to(ROOT)): literals
        for path in sorted((ROOT / "chalicelib").rglob("*.py"))
        if path.name != "keys.py" and (literals := key_literals(path))
    }
    assert found == {}


def test_the_key_scan_would_see_a_key_written_elsewhere(tmp_path):
    module = tmp_path / "elsewhere.py"
    module.write_text(
        '"""Mentions CASE#<id> in its docstring only."""\n\ndef pk(case_id):\n    return f"CASE#{case_id}"\n'
    )
    assert key_literals(module) == [(4, "CASE#")]


#: The page of the documentation site that shows the table's layout to a reader.
ARCHITECTURE = ROOT / "docs" / "operating" / "architecture.md"


def test_the_documented_key_table_is_the_layout_the_builders_make():
    page = ARCHITECTURE.read_text()
    table = page.split("| item | pk | sk | indexes |\n|---|---|---|---|\n", 1)[1].split("\n\n", 1)[0]
    assert table.splitlines() == [layout.row() for layout in LAYOUT]
