"""Admin → Settings → LINE: the LGO administrator pastes the channel secret and access token of the LGO's own
LINE Official Account and reads the webhook address to enter in the LINE Developers console."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from open311.admin_views import administered_organization
from organizations.links import absolute_url

from . import services
from .models import LineSettings


class LineSettingsForm(forms.ModelForm):
    """Secrets are write-only: left blank, the stored value is kept (the page never shows it)."""

    channel_secret = forms.CharField(label=gettext_lazy("Channel secret"), required=False, max_length=64,
                                     widget=forms.PasswordInput(render_value=False),
                                     help_text=gettext_lazy("Basic settings → Channel secret. Leave blank to keep "
                                                            "the one saved."))
    access_token = forms.CharField(label=gettext_lazy("Channel access token"), required=False,
                                   widget=forms.PasswordInput(render_value=False),
                                   help_text=gettext_lazy("Messaging API → Channel access token (long-lived). Leave "
                                                          "blank to keep the one saved."))

    class Meta:
        model = LineSettings
        fields = ["enabled", "basic_id", "channel_secret", "access_token"]

    def clean_basic_id(self) -> str:
        value = self.cleaned_data["basic_id"].strip()
        if value and not value.startswith("@"):
            value = "@" + value
        return value


def line_settings(request: HttpRequest) -> HttpResponse:
    organization = administered_organization(request)
    current = LineSettings.objects.for_organization(organization).first() or LineSettings(organization=organization)
    form = LineSettingsForm(request.POST or None, instance=current,
                            initial={"channel_secret": "", "access_token": ""})
    if request.method == "POST" and form.is_valid():
        services.save_settings(organization=organization, enabled=form.cleaned_data["enabled"],
                               basic_id=form.cleaned_data["basic_id"],
                               channel_secret=form.cleaned_data["channel_secret"],
                               access_token=form.cleaned_data["access_token"])
        messages.success(request, _("LINE settings saved."))
        return HttpResponseRedirect(reverse("lineoa_settings"))
    return TemplateResponse(request, "lineoa/settings.html", {
        "organization": organization, "form": form, "settings": current,
        "webhook_url": absolute_url(reverse("lineoa_webhook"), organization, request=request),
        "page_title": _("LINE Official Account of the LGO"), "header_icon": "mail",
    })
