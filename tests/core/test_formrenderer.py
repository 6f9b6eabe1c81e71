"""The form renderer writes plain <input> widgets in Python: the same markup Django's templates give."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from core.formrenderer import FormRenderer


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"class": "input", "autocomplete": "off",
                                                          "data-x": '"<quoted & tagged>"', "spellcheck": "false"}))
    email = forms.EmailField(required=False)
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}))
    flag = forms.BooleanField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    upload = forms.FileField(required=False)
    disabled = forms.CharField(disabled=True, required=False)
    choice = forms.ChoiceField(choices=[("a", "ก"), ("b", "ข")])


@pytest.mark.parametrize("data", [
    None,
    {"text": '<script>alert("x")</script>', "email": "a@b.c", "number": "12", "flag": "on", "hidden": "h&h",
     "when": "2026-12-05", "secret": "p<w>", "choice": "b"},
    {"text": mark_safe("<b>safe</b>"), "number": "x"},
])
def test_the_same_markup_as_djangos_templates(data):
    initial = {"when": dt.date(2026, 1, 2), "text": "เริ่มต้น"}
    fast = Everything(data, initial=initial, renderer=FormRenderer())
    stock = Everything(data, initial=initial, renderer=DjangoTemplates())
    for name in fast.fields:
        assert str(fast[name]) == str(stock[name]), name


def test_a_template_overridden_by_the_project_is_rendered(monkeypatch):
    renderer = FormRenderer()
    monkeypatch.setattr(renderer, "_source", lambda name: "<input {{ widget.name }} overridden>")
    assert not renderer._is_stock("django/forms/widgets/text.html")
    assert FormRenderer()._is_stock("django/forms/widgets/text.html")
