"""The benchmark tooling is development-only: installed from a checkout with the dev
dependencies, absent (and never imported) from a runtime install."""

import ast
import os
import subprocess
import sys

from django.apps import apps
from django.core.management import get_commands

from tests.conftest import ROOT

TOOLS = {"benchmark", "search_stages", "generate_captures"}
DEV_ONLY = {
    "tests",
    "datasette",
    "tantivy",
    "locust",
    "playwright",
    "schemathesis",
    "hypothesis",
    "pytest",
}


def test_a_development_checkout_has_the_commands():
    assert apps.is_installed("tests.bench")
    commands = get_commands()
    assert {name: commands.get(name) for name in TOOLS} == dict.fromkeys(TOOLS, "tests.bench")


def test_without_the_checkout_on_the_path_settings_leave_the_tooling_out(tmp_path):
    """As a runtime install: the installed packages, run from elsewhere (no `tests` package)."""
    script = (
        "import django; django.setup()\n"
        "from django.apps import apps; from django.core.management import get_commands\n"
        f"print(apps.is_installed('tests.bench'), sorted(set(get_commands()) & {TOOLS!r}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "archive.settings_test"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["False", "[]"]


def test_no_production_module_imports_development_packages():
    found = []
    for package in ("archive", "search"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module]
                else:
                    continue
                found += [
                    (str(path.relative_to(ROOT)), name)
                    for name in names
                    if name.split(".")[0] in DEV_ONLY
                ]
    assert found == []
