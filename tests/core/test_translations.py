"""Thai is the default language: every message catalogue must be complete, with nothing fuzzy.

Covers the project catalogue (locale/) and every app's own (<app>/locale/). Regenerate with `make messages`, then
fill every msgstr in Thai.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def _catalogues() -> list[Path]:
    paths = sorted(BASE_DIR.glob("locale/*/LC_MESSAGES/*.po"))
    paths += sorted(p for p in BASE_DIR.glob("*/locale/*/LC_MESSAGES/*.po") if ".venv" not in p.parts)
    return paths


def _label(path: Path) -> str:
    return str(path.relative_to(BASE_DIR))


def test_there_are_thai_catalogues():
    thai = [p for p in _catalogues() if p.parts[-3] == "th"]
    assert BASE_DIR / "locale/th/LC_MESSAGES/django.po" in thai
    assert len(thai) >= 2


@pytest.mark.parametrize("path", [p for p in _catalogues() if p.parts[-3] == "th"], ids=_label)
def test_thai_catalogue_is_complete(path: Path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not untranslated, f"{_label(path)}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"


@pytest.mark.parametrize("path", _catalogues(), ids=_label)
def test_no_fuzzy_entries_and_placeholders_kept(path: Path):
    catalogue = polib.pofile(str(path))
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not fuzzy, f"{_label(path)}: fuzzy entries {fuzzy[:5]}"
    for entry in catalogue.translated_entries():
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            # Thai has one plural form: its text follows the plural msgid, which may name more placeholders.
            for placeholder in _placeholders(entry.msgid_plural or entry.msgid):
                assert placeholder in translation, f"{_label(path)}: {placeholder} lost in {entry.msgid!r}"


def _placeholders(text: str) -> set[str]:
    import re

    return set(re.findall(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}", text))


def test_project_catalogue_does_not_override_the_apps():
    """LOCALE_PATHS wins over every app's catalogue, so locale/ must not translate what an app translates."""
    project = {entry.msgid for entry in polib.pofile(str(BASE_DIR / "locale/th/LC_MESSAGES/django.po"))}
    for path in BASE_DIR.glob("*/locale/th/LC_MESSAGES/django.po"):
        if ".venv" in path.parts:
            continue
        shared = project & {entry.msgid for entry in polib.pofile(str(path))}
        assert not shared, f"locale/th overrides {_label(path)} for {sorted(shared)[:5]}"


def test_shared_templates_are_translated_in_homes_catalogue():
    """templates/ lies outside every app, so `make messages` links it into home/ for the scan; if that ever stops,
    its strings turn obsolete (#~) in home's catalogue and pages fall back to English."""
    import re

    catalogue = polib.pofile(str(BASE_DIR / "home/locale/th/LC_MESSAGES/django.po"))
    translated = {entry.msgid for entry in catalogue.translated_entries() if not entry.obsolete}
    used = set()
    for template in (BASE_DIR / "templates").rglob("*.html"):
        used |= set(re.findall(r'{%\s*(?:translate|trans)\s+"([^"]+)"', template.read_text()))
    assert used, "the pattern found no translatable strings in templates/"
    missing = sorted(used - translated)
    assert not missing, f"templates/ strings without Thai in home's catalogue: {missing[:5]}"


@pytest.mark.parametrize("path", [p for p in _catalogues() if p.parts[-3] == "th"], ids=_label)
def test_thai_catalogue_compiles_cleanly(path: Path):
    """What `msgfmt -c` refuses: an entry defined twice (union merges of parallel branches leave them) and a second
    plural form, which Thai (nplurals=1) does not have."""
    seen: set[tuple[str | None, str]] = set()
    for entry in polib.pofile(str(path)):
        key = (entry.msgctxt, entry.msgid)
        assert key not in seen, f"{_label(path)}: {entry.msgid!r} is defined twice"
        seen.add(key)
        assert set(entry.msgstr_plural) <= {0}, f"{_label(path)}: {entry.msgid!r} has more than one plural form"


def _thai_catalogues_by_precedence() -> list[Path]:
    """Django merges every catalogue into one per language: LOCALE_PATHS first, then INSTALLED_APPS in order (an
    earlier app wins). thai_overrides is an app too, so it is in this list where settings put it."""
    from django.apps import apps

    paths = [BASE_DIR / "locale/th/LC_MESSAGES/django.po"]
    for config in apps.get_app_configs():
        path = Path(config.path) / "locale/th/LC_MESSAGES/django.po"
        if path.exists() and ".venv" not in path.parts and BASE_DIR in path.parents:
            paths.append(path)
    return paths


def test_one_english_string_has_one_thai_across_catalogues():
    """The same msgid (and context) translated two ways in two catalogues shows only the first app's Thai
    everywhere, e.g. the complaints board's "Reports" (จำนวนเรื่อง) became the name of Wagtail's reports menu, and
    waste fees' "Collection" (ค่าเก็บและขน) Wagtail's image collections. Where the meaning differs, the string needs a
    context (pgettext, `{% translate "…" context "…" %}`); where it does not, one Thai wording."""
    first: dict[tuple[str | None, str], tuple[str, str]] = {}
    clashes = []
    for path in _thai_catalogues_by_precedence():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgstr or entry.msgid_plural:
                continue
            key = (entry.msgctxt, entry.msgid)
            where, thai = first.setdefault(key, (_label(path), entry.msgstr))
            if thai != entry.msgstr:
                clashes.append(f"{entry.msgid!r} (context {entry.msgctxt!r}): {where} {thai!r}, "
                               f"{_label(path)} {entry.msgstr!r}")
    assert len(_thai_catalogues_by_precedence()) > 5
    assert not clashes, f"{len(clashes)} strings with two Thai translations: " + "; ".join(clashes[:10])


@pytest.mark.parametrize(("context", "english", "thai"), [
    (None, "Reports", "รายงาน"),                      # Wagtail's reports menu
    ("count", "Reports", "จำนวนเรื่อง"),              # the complaints board's column
    (None, "Collection", "คอลเลกชัน"),                # Wagtail's image and document collections
    ("waste fee", "Collection", "ค่าเก็บและขน"),       # the waste-fee tariff's column
    (None, "Open", "กำลังดำเนินการ"),                 # a complaint's state
    ("invoice status", "Open", "รอชำระ"),
    (None, "document", "เอกสาร"),                     # Wagtail's documents
    ("correspondence", "document", "หนังสือ"),
    (None, "Permanent", "ถาวร"),                      # a permanent redirect
    ("retention", "Permanent", "เก็บไว้ตลอดไป"),
    (None, "Caption", "คำบรรยายตาราง"),              # Wagtail's table caption
    ("image", "Caption", "คำบรรยายภาพ"),
])
def test_shared_english_words_keep_their_own_thai(context, english, thai):
    from django.utils import translation

    with translation.override("th"):
        shown = translation.pgettext(context, english) if context else translation.gettext(english)
    assert shown == thai
