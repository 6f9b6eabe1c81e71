"""Arrows point one way (ARCHITECTURE.md): `core` is the ground and names no project app; nothing names `home`, the
top floor (pages and templates).

"Names" means an import statement or a string holding a dotted module path or model label ("home.defaults",
"home.HomePage", "organizations.Organization"), as handed to importlib, settings or Wagtail's page-type rules.
Migrations are history and are not read. The checker is tried on made-up sources first, so this test can fail.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PROJECT_APPS = sorted(app for app in settings.INSTALLED_APPS if "." not in app and (BASE_DIR / app).is_dir())


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def named_apps(source: str, apps: list[str]) -> set[tuple[str, int]]:
    """(app, line) for every import of, or dotted string naming, one of `apps` in `source`."""
    tree = ast.parse(source)
    docstrings = _docstring_nodes(tree)
    dotted = re.compile(rf"^({'|'.join(map(re.escape, apps))})(\.[A-Za-z_][A-Za-z0-9_]*)+$")
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            match = dotted.match(node.value)
            if match:
                found.add((match.group(1), node.lineno))
        for module in modules:
            top = module.split(".")[0]
            if top in apps:
                found.add((top, node.lineno))
    return found


def _sources(app: str):
    for path in sorted((BASE_DIR / app).rglob("*.py")):
        if "migrations" not in path.relative_to(BASE_DIR).parts:
            yield path


def _violations(app: str, forbidden: list[str]) -> list[str]:
    return [f"{path.relative_to(BASE_DIR)}:{line} names {target}"
            for path in _sources(app)
            for target, line in sorted(named_apps(path.read_text(encoding="utf-8"), forbidden))]


def test_the_checker_sees_imports_and_module_names_but_not_prose():
    source = '''
"""Docstring mentioning home.models is prose."""
import home.models
from home import cache
from organizations.tenancy import current_organization
from .models import Thing
PARENTS = ["home.HomePage"]
STEP = importlib.import_module("home.demo")
ICON = "home"
LABEL = "homes.Thing"
'''
    assert {app for app, _line in named_apps(source, ["home"])} == {"home"}
    assert sorted(line for _app, line in named_apps(source, ["home"])) == [3, 4, 7, 8]
    assert {line for _app, line in named_apps(source, ["organizations"])} == {5}


def test_the_project_apps_are_known():
    assert {"core", "organizations", "home", "eservices"} <= set(PROJECT_APPS)


@pytest.mark.parametrize("app", [app for app in PROJECT_APPS if app != "home"])
def test_nothing_names_home(app):
    assert _violations(app, ["home"]) == []


def test_core_names_no_project_app():
    assert _violations("core", [app for app in PROJECT_APPS if app != "core"]) == []
