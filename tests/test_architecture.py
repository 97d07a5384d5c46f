# SPDX-License-Identifier: MIT
"""The house: imports run one way (core -> render -> adapters), no cycle, no module past ~400 lines."""

from __future__ import annotations

import ast
import re
import subprocess
from collections import Counter
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "mkdocs_milestones"

CORE = ("atomic", "model", "vocabulary", "lines", "source", "quick", "links", "detect", "reading", "refs", "sections", "schedule", "parser", "roadmap_doc", "dates", "i18n", "graph", "layout", "roadmap.query", "export", "site", "mojibake", "history")
"""Plain modules: strings in, values out; only the standard library (and yaml for front matter)."""
RENDER = ("render",)
ADAPTERS = ("extension", "hosts", "plugin", "source_repair", "page_state", "collector", "options", "site_history", "compat", "cli", "roadmap.markers")
LONG = {
    "parser.py": "one walk of a milestone document (_Parser), ~550 lines; its toolkit and readers are source/detect/reading/refs/sections/schedule",
    "vocabulary.py": "word tables (data): statuses, priorities, levels, emoji",
    "model.py": "the data model: one small dataclass per fact of a plan (milestone, phase, check, field, ...), ~410 lines",
    "mojibake/_tokens.py": "the token tables and the tokenizer that reads them, 427 lines",
    "mojibake/_tables.py": "data tables",
    "mojibake/_boxes.py": "box-drawing repair: one grid algorithm, 456 lines",
    "layout.py": "one algorithm (layered layout), ~530 lines",
}


def _modules() -> dict[str, Path]:
    out = {}
    for f in PACKAGE.rglob("*.py"):
        name = ".".join(f.relative_to(PACKAGE).with_suffix("").parts)
        out[name.removesuffix(".__init__") if name != "__init__" else ""] = f
    return out


def _runtime_nodes(tree: ast.Module) -> list[ast.AST]:
    """Every node that can run: all but the ``if TYPE_CHECKING:`` blocks (function-local imports count)."""
    out: list[ast.AST] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
            continue
        out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out


def _imports(name: str, path: Path) -> set[str]:
    """The package modules ``name`` imports, at module level or inside functions."""
    mods = _modules()
    pkg = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = pkg.split(".") if pkg else []
            base = parts[: len(parts) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{target}.{alias.name}".lstrip(".")
                found.add(sub if sub in mods else target)
    return found


def _layer(name: str) -> int:
    def under(prefixes: tuple[str, ...]) -> bool:
        return any(name == p or name.startswith(p + ".") for p in prefixes)

    return 0 if under(CORE) else 1 if under(RENDER) else 2 if under(ADAPTERS) else 3


def test_no_import_cycle() -> None:
    mods = _modules()
    graph = {m: _imports(m, p) & set(mods) for m, p in mods.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])
    assert not cycles, cycles


def test_imports_run_one_way() -> None:
    wrong = []
    for name, path in _modules().items():
        if not name:
            continue
        for target in _imports(name, path):
            if target and _layer(target) > _layer(name):
                wrong.append(f"{name} imports {target}")
    assert not wrong, wrong


def test_core_and_render_import_neither_markdown_nor_mkdocs() -> None:
    code = (
        "import sys\n"
        "import mkdocs_milestones.parser, mkdocs_milestones.export, mkdocs_milestones.site, mkdocs_milestones.dates\n"
        "import mkdocs_milestones.roadmap.query, mkdocs_milestones.roadmap.markers, mkdocs_milestones.render.roadmap\n"
        "import mkdocs_milestones.render.html, mkdocs_milestones.render.svg, mkdocs_milestones.render.markup\n"
        "print(sorted(m for m in ('markdown', 'mkdocs') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_modules_stay_small() -> None:
    long = {}
    for name, path in _modules().items():
        rel = path.relative_to(PACKAGE).as_posix()
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > 400 and rel not in LONG:
            long[rel] = n
    assert not long, long


ENTRY_POINTS = {"MilestonesPlugin", "makeExtension", "active_language"}
"""Names reached from outside the package's code: pyproject entry points, ``i18n.active_language`` (public)."""


def test_no_dead_names_and_one_name_per_table() -> None:
    """Every top-level function, class and constant of the package is used somewhere in it besides its own
    definition and ``__all__`` (no dead code, no alias kept for "older callers"); a status table has one
    name (``STATUS_EMOJI`` the emoji, ``STATUS_GLYPHS`` the graph's glyphs), never re-exported under another."""
    sources = {f: f.read_text(encoding="utf-8") for f in PACKAGE.rglob("*.py")}
    words = Counter(w for src in sources.values() for w in re.findall(r"\w+", src))
    dead = []
    for f, src in sources.items():
        for node in ast.parse(src).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names = [node.name]
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
            else:
                continue
            for name in names:
                if name.startswith("__") or name in ENTRY_POINTS:
                    continue
                uses = words[name] - 1 - src.count(f'"{name}"')
                if uses < 1:
                    dead.append(f"{f.relative_to(PACKAGE)}: {name}")
    assert not dead, dead
    aliases = [
        f"{f.relative_to(PACKAGE)}: {a.name} as {a.asname}"
        for f, src in sources.items() for node in ast.walk(ast.parse(src)) if isinstance(node, ast.ImportFrom)
        for a in node.names if a.asname and a.name.isupper()
    ] + [
        f"{f.relative_to(PACKAGE)}: {ast.unparse(node)}"  # ``safe_href = safe_url``: one thing, two names
        for f, src in sources.items() for node in ast.parse(src).body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and not node.value.id.startswith("_")
    ]
    assert not aliases, aliases


def test_readme_names_the_long_modules() -> None:
    """The README's layout note lists exactly the modules allowed past ~400 lines (and how many)."""
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    note = readme[readme.index("no module past about 400 lines"):][:400]
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
    assert f"but {words[len(LONG)]} it lists" in note, note
    for rel in LONG:
        assert f"`{rel.removesuffix('.py')}`" in note, (rel, note)
