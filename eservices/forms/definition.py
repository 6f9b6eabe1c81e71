"""The form *definition*: the plain-JSON shape of a service's form, snapshotted on every submission.

Shape (version 1)::

    {"version": 1, "steps": [{"key": "1", "title": "...", "description": "...", "show_if_field": "",
      "show_if_value": "", "fields": [{"type": "short_text", "key": "applicant_name", "label": "...",
      "help_text": "", "requirement": "required", "applicant_role": "name", "show_if_field": "",
      "show_if_value": "", ...type options}]}]}

Show-if conditions point to questions on earlier steps only, so the server can decide what to ask without JavaScript.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from core.thai import mask_national_id as mask_national_id  # shared with payments' officer pages

from ..constants import ApplicantRole, Requirement
from . import registry

DEFINITION_VERSION = 1
Spec = dict[str, Any]


def definition_from_stream(stream_value: Any) -> dict[str, Any]:
    """Turn a page's `form_steps` StreamField value into the JSON definition (keys are 1-based step numbers)."""
    steps = []
    for index, step in enumerate(stream_value or [], start=1):
        value = step.block.get_prep_value(step.value)
        fields = []
        for child in value.get("fields", []):
            spec = dict(child.get("value", {}))
            spec["type"] = child["type"]
            fields.append(spec)
        steps.append({
            "key": str(index),
            "title": value.get("title", ""),
            "description": value.get("description", ""),
            "show_if_field": value.get("show_if_field", ""),
            "show_if_value": value.get("show_if_value", ""),
            "fields": fields,
        })
    return normalise({"version": DEFINITION_VERSION, "steps": steps})


def normalise(definition: dict[str, Any]) -> dict[str, Any]:
    """Make the definition plain JSON (Decimals to strings) so the snapshot equals what the database returns."""
    return json.loads(json.dumps(definition, cls=DjangoJSONEncoder))


def question(kind: str, key: str, label: str, requirement: str = "required", **extra: Any) -> Spec:
    """A question's settings as the editor's block stores them (no "type"), for forms written in code."""
    spec = {"key": key, "label": label, "help_text": extra.pop("help_text", ""), "requirement": requirement,
            "applicant_role": extra.pop("applicant_role", extra.pop("role", "")),
            "show_if_field": extra.pop("show_if_field", ""), "show_if_value": extra.pop("show_if_value", ""), **extra}
    if not registry.get(kind).has_requirement:
        spec.pop("requirement")
    return spec


def iter_fields(definition: dict[str, Any]) -> Iterator[tuple[dict[str, Any], Spec]]:
    for step in definition.get("steps", []):
        for spec in step.get("fields", []):
            yield step, spec


def field_map(definition: dict[str, Any]) -> dict[str, Spec]:
    return {spec["key"]: spec for _step, spec in iter_fields(definition)}


def requirement(spec: Spec) -> str:
    if not registry.get(spec["type"]).has_requirement:
        return Requirement.REQUIRED
    return spec.get("requirement") or Requirement.REQUIRED


def _condition_met(item: dict[str, Any], answers: dict[str, Any], fields: dict[str, Spec]) -> bool:
    key = item.get("show_if_field") or ""
    if not key:
        return True
    spec = fields.get(key)
    if spec is None or key not in answers:
        return False
    return registry.get(spec["type"]).matches(answers[key], str(item.get("show_if_value") or ""))


def visible_steps(definition: dict[str, Any], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The steps the citizen is asked, given the answers so far (a step hidden by an earlier answer is skipped)."""
    fields = field_map(definition)
    return [step for step in definition.get("steps", []) if _condition_met(step, answers, fields)]


def visible_fields(step: dict[str, Any], answers: dict[str, Any], definition: dict[str, Any]) -> list[Spec]:
    fields = field_map(definition)
    return [spec for spec in step.get("fields", []) if _condition_met(spec, answers, fields)]


def prune_answers(definition: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Keep only answers to questions still shown (changing an early answer can hide later ones)."""
    kept: dict[str, Any] = {}
    for step in visible_steps(definition, answers):
        for spec in visible_fields(step, answers, definition):
            if spec["key"] in answers:
                kept[spec["key"]] = answers[spec["key"]]
    return kept


def answer_rows(definition: dict[str, Any], answers: dict[str, Any], *, mask_ids: bool = False) -> list[dict]:
    """Steps with their (spec, question, answer text) rows for check-your-answers, PDFs and the case page."""
    sections = []
    for step in visible_steps(definition, answers):
        rows = []
        for spec in visible_fields(step, answers, definition):
            field_type = registry.get(spec["type"])
            text = field_type.display(answers.get(spec["key"]), spec)
            if mask_ids and spec["type"] == "national_id" and text:
                text = mask_national_id(str(answers.get(spec["key"])))
            rows.append({"spec": spec, "key": spec["key"], "label": spec.get("label", ""), "value": text,
                         "is_file": field_type.is_file})
        sections.append({"step": step, "rows": rows})
    return sections


def soft_missing(definition: dict[str, Any], answers: dict[str, Any]) -> list[tuple[dict, Spec]]:
    """Recommended (soft-required) questions left empty: shown as warnings, never blocking."""
    missing = []
    for step in visible_steps(definition, answers):
        for spec in visible_fields(step, answers, definition):
            if requirement(spec) == Requirement.SOFT and registry.get(spec["type"]).is_empty(answers.get(spec["key"])):
                missing.append((step, spec))
    return missing


def applicant_from_answers(definition: dict[str, Any], answers: dict[str, Any]) -> dict[str, str]:
    """The applicant's name, e-mail, phone and national ID, from the questions marked with those roles."""
    found = {role: "" for role in ("name", "email", "phone", "national_id")}
    for _step, spec in iter_fields(definition):
        role = spec.get("applicant_role") or ApplicantRole.NONE
        value = answers.get(spec["key"])
        if role in found and value and not found[role]:
            found[role] = str(value).strip()
    return found


def validate_definition(definition: dict[str, Any]) -> list[str]:
    """Mistakes an editor can make that would break the form; empty when the definition is usable."""
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index, step in enumerate(definition.get("steps", []), start=1):
        earlier = dict(seen)
        condition = step.get("show_if_field")
        if condition and condition not in earlier:
            errors.append(_("Step %(step)s: show-if refers to “%(key)s”, which is not a question on an earlier step.")
                          % {"step": index, "key": condition})
        if not step.get("fields"):
            errors.append(_("Step %(step)s has no questions.") % {"step": index})
        for spec in step.get("fields", []):
            key = spec.get("key", "")
            if key in seen:
                errors.append(_("The key “%(key)s” is used twice; each question needs its own key.") % {"key": key})
            condition = spec.get("show_if_field")
            if condition and condition not in earlier:
                errors.append(_("Question “%(key)s”: show-if must refer to a question on an earlier step.")
                              % {"key": key})
            if spec["type"] == "choice" and not str(spec.get("options", "")).strip():
                errors.append(_("Question “%(key)s” has no options.") % {"key": key})
            seen[key] = index
    return errors
