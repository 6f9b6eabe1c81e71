"""README.md documents every environment variable the settings read, and starts with the two commands."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def _variables_read_by_settings() -> set[str]:
    pattern = re.compile(r"""(?:env(?:_bool|_list)?\(|os\.environ(?:\.get)?[\[(])\s*["']([A-Z][A-Z0-9_]+)["']""")
    names: set[str] = set()
    for path in (BASE_DIR / "config" / "settings").glob("*.py"):
        names |= set(pattern.findall(path.read_text()))
    return names


def test_every_setting_variable_is_documented():
    readme = (BASE_DIR / "README.md").read_text()
    variables = _variables_read_by_settings()
    assert {"DATABASE_URL", "SECRET_KEY", "REDIS_URL"} <= variables  # the pattern still finds them
    missing = sorted(name for name in variables if f"`{name}`" not in readme)
    assert not missing, f"README.md does not document: {missing}"


def test_readme_starts_with_the_two_commands():
    head = (BASE_DIR / "README.md").read_text()[:1200]
    assert "make run" in head and "make test" in head
