"""Fixtures for correspondence tests: an LGO with a ที่ prefix, officers in each role, a sample incoming PDF."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.pdf import render_html_to_pdf
from organizations.constants import Role
from organizations.models import Membership
from saraban import services
from saraban.constants import LetterFormat


@pytest.fixture(autouse=True)
def _admin_access(db):
    """Officers reach the Wagtail admin through their role groups; grant the bare access permission here."""
    from django.contrib.auth.models import Permission
    from django.db.models.signals import post_save

    from organizations.models import Membership as MembershipModel

    def grant(sender, instance, created, **kwargs):
        if created:
            instance.user.user_permissions.add(
                Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
            )

    post_save.connect(grant, sender=MembershipModel, dispatch_uid="saraban-test-admin-access")
    yield
    post_save.disconnect(dispatch_uid="saraban-test-admin-access", sender=MembershipModel)


@pytest.fixture
def lgo(org_a):
    org_a.document_prefix = "ชร 52301"
    org_a.address = "ถนนพหลโยธิน เชียงราย 57000"
    org_a.save()
    return org_a


@pytest.fixture
def clerk(lgo, make_officer):
    """The correspondence administrator (สารบรรณกลาง) who registers mail."""
    return make_officer(lgo, Role.CORRESPONDENCE_ADMIN, username="clerk", department="office")


@pytest.fixture
def head(lgo, make_officer):
    user = make_officer(lgo, Role.DEPARTMENT_HEAD, username="head", department="finance")
    Membership.objects.filter(user=user).update(position="ผู้อำนวยการกองคลัง")
    return user


@pytest.fixture
def executive(lgo, make_officer):
    user = make_officer(lgo, Role.EXECUTIVE, username="mayor")
    user.first_name, user.last_name = "ประยูร", "ศรีสุข"
    user.save()
    Membership.objects.filter(user=user).update(position="นายกเทศมนตรีตำบลเอ")
    return user


@pytest.fixture
def officer(lgo, make_officer):
    return make_officer(lgo, Role.OFFICER, username="finance-officer", department="finance")


@pytest.fixture
def outsider(lgo, make_officer):
    """An officer of the same LGO in another department, named on nothing."""
    return make_officer(lgo, Role.OFFICER, username="engineer", department="engineering")


def pdf_text(content: bytes) -> str:
    """A PDF's text as poppler's pdftotext reads it (what indexers and copy-paste get)."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()


@pytest.fixture(scope="session")
def letter_pdf() -> bytes:
    html = ('<!doctype html><html lang="th"><meta charset="utf-8"><body>'
            "<p>ที่ ชร 0023/ว 1234</p><p>เรื่อง ขอเชิญประชุมคณะกรรมการ</p><p>เรียน นายกเทศมนตรี</p></body></html>")
    return render_html_to_pdf(html)


@pytest.fixture
def pdf_upload(letter_pdf) -> Callable[[], SimpleUploadedFile]:
    def factory(name: str = "letter.pdf") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, letter_pdf, content_type="application/pdf")

    return factory


@pytest.fixture
def incoming(lgo, clerk) -> Callable[..., object]:
    def factory(subject: str = "ขอเชิญประชุมคณะกรรมการพัฒนาท้องถิ่น", **kwargs):
        pdf = kwargs.pop("pdf", None)
        user = kwargs.pop("user", clerk)
        data = services.IncomingData(
            subject=subject, sender=kwargs.pop("sender", "ที่ทำการปกครองอำเภอเมืองเชียงราย"),
            reference_number=kwargs.pop("reference_number", "ชร 0023/ว 1234"),
            dated=kwargs.pop("dated", dt.date(2026, 11, 20)), **kwargs,
        )
        return services.register_incoming(organization=lgo, user=user, data=data, pdf=pdf)

    return factory


@pytest.fixture
def draft(lgo, officer) -> Callable[..., object]:
    def factory(letter_format: str = LetterFormat.EXTERNAL, **kwargs):
        data = services.LetterData(
            letter_format=letter_format,
            subject=kwargs.pop("subject", "ขอความอนุเคราะห์ใช้สถานที่จัดงานประเพณีลอยกระทง"),
            recipient=kwargs.pop("recipient", "ผู้อำนวยการโรงเรียนบ้านดอย"),
            salutation=kwargs.pop("salutation", "ผู้อำนวยการโรงเรียนบ้านดอย"),
            body=kwargs.pop("body", "ด้วยเทศบาลตำบลเอกำหนดจัดงานประเพณีลอยกระทง ประจำปี 2569\n"
                                    "จึงเรียนมาเพื่อโปรดพิจารณาอนุเคราะห์"),
            contact_text=kwargs.pop("contact_text", "กองคลัง\nโทร. 053 123 456"),
            **kwargs,
        )
        return services.create_draft(organization=lgo, user=officer, data=data)

    return factory
