"""E-service models, one module per aggregate: the catalogue pages, cases and their history, issued documents,
wizard drafts and notification wording. Everything is re-exported here, so `eservices.models.X` keeps working for
code and for migrations (which name `_kind_choices` and `_attachment_path` by this path).
"""

from .annualfees import AnnualFee
from .building import BuildingFeeRates, PermitDecision
from .cases import (
    Attachment,
    FormSnapshot,
    InfoRequest,
    Message,
    StatusChange,
    Submission,
    SubmissionQuerySet,
    _attachment_path,
)
from .documents import IssuedDocument
from .drafts import Draft
from .notifications import NotificationTemplate
from .pages import ServiceIndexPage, ServicePage, ServicePageForm, _kind_choices, organization_for_page

__all__ = [
    "AnnualFee",
    "Attachment",
    "BuildingFeeRates",
    "Draft",
    "FormSnapshot",
    "InfoRequest",
    "IssuedDocument",
    "Message",
    "NotificationTemplate",
    "PermitDecision",
    "ServiceIndexPage",
    "ServicePage",
    "ServicePageForm",
    "StatusChange",
    "Submission",
    "SubmissionQuerySet",
    "_attachment_path",
    "_kind_choices",
    "organization_for_page",
]
