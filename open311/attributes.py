"""Service attributes: a topic's extra questions, as GeoReport v2 `attributes` and POSTed `attribute[code]`.

A topic's questions come from complaints' `Category.questions` when the LGO wrote any (a list of dicts with code,
description, datatype, required, values); a topic without questions has an empty definition and `metadata` false.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from .constants import Datatype
from .formats import Open311Error

_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")


def for_category(category: Any) -> list[dict[str, Any]]:
    """The spec's attribute list for `category` (empty when it has no extra questions)."""
    rows = []
    for order, question in enumerate(getattr(category, "questions", None) or [], start=1):
        values = [{"key": str(v.get("key", "")), "name": str(v.get("name", ""))} for v in question.get("values", [])]
        rows.append({
            "variable": True,
            "code": str(question["code"]),
            "datatype": question.get("datatype", Datatype.STRING),
            "required": bool(question.get("required", False)),
            "datatype_description": question.get("datatype_description", ""),
            "order": order,
            "description": str(question.get("description", "")),
            "values": values,
        })
    return rows


def read(category: Any, data: QueryDict) -> dict[str, Any]:
    """The POSTed `attribute[code]` answers, checked against the topic's questions (required ones present,
    list answers among the listed keys); unknown codes are kept as text so nothing the client sent is lost."""
    answers: dict[str, Any] = {}
    for key in data:
        match = _ATTRIBUTE.match(key)
        if match:
            values = [value.strip() for value in data.getlist(key) if value.strip()]
            answers[match.group(1)] = values if match.group(2) else (values[0] if values else "")
    for question in for_category(category):
        answer = answers.get(question["code"])
        if question["required"] and not answer:
            raise Open311Error(400, _("attribute[%(code)s] is required.") % {"code": question["code"]})
        allowed = {value["key"] for value in question["values"]}
        given = answer if isinstance(answer, list) else [answer] if answer else []
        if allowed and any(value not in allowed for value in given):
            raise Open311Error(400, _("attribute[%(code)s] must be one of its listed keys.")
                               % {"code": question["code"]})
    return answers
