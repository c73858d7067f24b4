"""The house rules of the layout, read from the modules' own imports (no database)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "archive"
# The wiring may import anything: settings, the URL map and the API root that mounts routers.
WIRING = {
    "archive/settings.py",
    "archive/settings_test.py",
    "archive/urls.py",
    "archive/api/root.py",
}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_archive_never_imports_search_outside_the_wiring():
    offenders = {}
    for path in sorted(ARCHIVE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in WIRING:
            continue
        found = {m for m in imported_modules(path) if m == "search" or m.startswith("search.")}
        if found:
            offenders[relative] = sorted(found)
    assert offenders == {}


def test_the_api_lives_in_its_package():
    assert sorted(p.name for p in ARCHIVE.glob("api_*.py")) == []
    assert (ARCHIVE / "api" / "root.py").is_file()


def test_the_layout_check_sees_an_import_of_search(tmp_path):
    """The check above can fail: a module importing search is seen, in both import forms."""
    module = tmp_path / "m.py"
    module.write_text("import search.query\nfrom search import views\n", encoding="utf-8")
    assert imported_modules(module) == {"search.query", "search"}
