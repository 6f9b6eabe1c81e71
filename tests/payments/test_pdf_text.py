"""Payment receipts through their real path: pdftotext and pypdf give the printed Thai back exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from payments.constants import PaymentChannel
from payments.receipts import render_receipt_pdf
from payments.services import InvoiceLineData, record_payment
from tests.thai_corpus import CORPUS, assert_corpus_extracts_exactly

pytestmark = pytest.mark.django_db


def test_receipt_text_layer_gives_thai_back_exactly(make_invoice):
    """pdftotext and pypdf read the printed Thai exactly (sara am as ำ, stacked marks in order), not under NFKC."""
    chunks = [CORPUS[start:start + 4] for start in range(0, len(CORPUS), 4)]  # one invoice line each, one row high
    lines = [InvoiceLineData(description=" ".join(chunk), amount=Decimal("10.00")) for chunk in chunks]
    invoice = make_invoice(lines=lines, payer_name="นายกำพล น้ำใจดี")
    payment = record_payment(invoice=invoice, amount=invoice.total, channel=PaymentChannel.COUNTER_CASH,
                             provider="counter", provider_reference="r-corpus", paid_at=timezone.now())
    pdf = render_receipt_pdf(payment.receipt)
    for chunk in chunks:
        assert_corpus_extracts_exactly(pdf, chunk)
    assert_corpus_extracts_exactly(pdf, ["นายกำพล", "น้ำใจดี"])

