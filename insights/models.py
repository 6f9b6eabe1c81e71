"""The official list of a province's LGOs (imported from the Department of Local Administration's registry), against
which the province view measures adoption: registered on this deployment or not, active or not."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.constants import OrganizationKind


class RegistryEntry(models.Model):
    """One LGO of the national registry (not an LGO-owned row: it describes LGOs, most not on the deployment).

    Matched to an `Organization` by its 7-digit DLA code. Rows are replaced by `imports.import_registry`, never
    edited by hand, so the province's figures always come from one published list.
    """

    dla_code = models.CharField(_("DLA code"), max_length=7, unique=True)
    name_th = models.CharField(_("name in Thai"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    province = models.CharField(_("province"), max_length=100, db_index=True)
    district = models.CharField(_("district"), max_length=100)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("LGO registry entry")
        verbose_name_plural = _("LGO registry")
        ordering = ["province", "district", "name_th"]

    def __str__(self) -> str:
        return f"{self.dla_code} {self.name_th}"
