"""Reads: which documents an officer may see, registers, search, my desk, stalled routings, retention lists.

Every read that shows a document's number, subject, sender or files goes through `visible_documents` (directly, or
through `visible_routings` for routing lists): the desk, stalled, references (อ้างถึง), search, registers and their
PDFs, the queue awaiting registration, retention and handover lists, file downloads and the audit trail. A list
that filters routings or documents by hand would show a classified letter to someone the rule keeps out
(tests/saraban/test_secrecy.py walks every saraban page to prove it does not).

Visibility rule (the issue left it open; decided here and used by every list, search and download):

* Correspondence administrators (and superusers) see every document of their LGO, secret or not.
* A classified document (ลับ, ลับมาก) is otherwise visible only to the people named on it: officers it was routed
  to by name, heads of departments it was routed to or that own it (the head opens a department's secret mail and
  signs its letters), the officer who registered or created it, and its signer. Membership of a routed department
  alone is not enough.
* An unclassified document is visible to executives and LGO administrators (they see the whole LGO), and otherwise
  to the people named on it and the members of departments it was routed to or that own it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from core.thai import BE_OFFSET, be_year
from organizations.constants import Role
from organizations.models import Membership
from organizations.tenancy import sees_whole_organization

from .constants import (
    ARCHIVES_HANDOVER_YEARS,
    RETENTION_YEARS,
    DocumentStatus,
    Register,
    RetentionClass,
    RoutingStatus,
    Secrecy,
)
from .models import Document, Routing, search_form
from .permissions import is_correspondence_admin
from .search import REFERENCE_REGISTERS, split_numbers, word_string


def _department_ids(user, organization, *, heads_only: bool = False) -> QuerySet:
    memberships = Membership.objects.for_organization(organization).filter(user=user, department__isnull=False)
    if heads_only:
        memberships = memberships.filter(role=Role.DEPARTMENT_HEAD)
    return memberships.values("department_id")


def visible_documents(user, organization) -> QuerySet[Document]:
    """Documents of `organization` that `user` may see (the rule in this module's docstring)."""
    documents = Document.objects.for_organization(organization)
    if is_correspondence_admin(user, organization):
        return documents
    # The people-named part is a small set of ids (a UNION of indexed look-ups); PostgreSQL hashes it once, so the
    # rule costs a hash probe per candidate row, or drives the query outright for an officer who sees few documents.
    headed = _department_ids(user, organization, heads_only=True)
    in_organization = Document.objects.for_organization(organization)
    # One indexed condition per part (an OR across columns would make PostgreSQL scan the table).
    named_ids = [
        Routing.objects.filter(to_user=user).order_by().values("document_id"),
        Routing.objects.filter(to_department__in=headed).order_by().values("document_id"),
        *(in_organization.filter(**{column: user}).order_by().values("pk")
          for column in ("registered_by", "created_by", "signer")),
        in_organization.filter(department__in=headed).order_by().values("pk"),
    ]
    if sees_whole_organization(user, organization):
        return documents.filter(Q(secrecy=Secrecy.NORMAL) | Q(pk__in=named_ids[0].union(*named_ids[1:])))
    departments = _department_ids(user, organization)
    unclassified_ids = [
        Routing.objects.filter(to_department__in=departments, document__secrecy=Secrecy.NORMAL)
        .order_by().values("document_id"),
        in_organization.filter(department__in=departments, secrecy=Secrecy.NORMAL).order_by().values("pk"),
    ]
    return documents.filter(pk__in=named_ids[0].union(*named_ids[1:], *unclassified_ids))


def register_entries(user, organization, register: str, *, date_from: dt.date | None = None,
                     date_to: dt.date | None = None, year: int | None = None) -> QuerySet[Document]:
    """The numbered entries of one register, newest first, with what the register columns need."""
    entries = visible_documents(user, organization).filter(register=register, number__isnull=False)
    if year:
        entries = entries.filter(year=year)
    if date_from:
        entries = entries.filter(registered_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(registered_at__date__lte=date_to)
    return entries.select_related("department").order_by("-year", "-number")


def visible_routings(user, organization, routings: QuerySet[Routing]) -> QuerySet[Routing]:
    """`routings` narrowed to those whose document `user` may see: a department's copy of a classified letter is
    on the head's desk, not on every member's."""
    return routings.filter(document__organization=organization,
                           document__in=visible_documents(user, organization).values("pk"))


def visible_among(user, organization, documents: QuerySet[Document]) -> tuple[QuerySet[Document], int]:
    """`documents` that `user` may see, and how many more there are that they may not (lists that must say that
    something is there, such as a destruction list, give the count and nothing else)."""
    if is_correspondence_admin(user, organization):
        return documents, 0
    shown = documents.filter(pk__in=visible_documents(user, organization).values("pk"))
    return shown, documents.count() - shown.count()


def pending_receipt(user, organization) -> QuerySet[Document]:
    """Letters other LGOs on this platform sent us, waiting to be registered (รอลงรับ)."""
    return (
        visible_documents(user, organization)
        .filter(status=DocumentStatus.PENDING_RECEIPT)
        .select_related("source_document__organization")
        .order_by("created_at")
    )


@dataclass(frozen=True)
class SearchQuery:
    """What the search form asks; empty fields are ignored."""

    text: str = ""
    number: int | None = None
    year: int | None = None
    reference_number: str = ""
    sender: str = ""
    recipient: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    register: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.text, self.number, self.year, self.reference_number, self.sender, self.recipient,
                        self.date_from, self.date_to, self.register))


def search_documents(user, organization, query: SearchQuery) -> QuerySet[Document] | RankedSearch:
    """Find documents by number, ที่, dates, sender, recipient and any words inside the subject, text or PDF text.

    Thai is written without spaces, so words are matched as substrings of `search_text` (subject + text + the
    received PDF's text layer, NFKC and casefolded on save): on PostgreSQL its trigram GIN index (migration 0003)
    serves the LIKE; SQLite scans. Documents where every word of the query is a whole word (saraban.search) come
    first, those where it only sits inside longer words after them, each group newest first. Words typed as a
    printed register number ("241/2569", "รับ 241/2569") find that number. Sender, recipient and ที่ use
    `icontains` with trigram indexes on UPPER(column) (migration 0002).
    """
    documents = visible_documents(user, organization)
    numbers, text = split_numbers(query.text)
    for register_word, number, year in numbers:
        documents = documents.filter(number=number, year=year)
        if register_word:
            documents = documents.filter(register=REFERENCE_REGISTERS[register_word])
    whole_words = []
    for word in search_form(text).split():
        documents = documents.filter(search_text__contains=word)
        whole_words.append(word_string(word))
    if query.number:
        documents = documents.filter(number=query.number)
    if query.year:
        documents = documents.filter(year=query.year)
    if query.reference_number:
        documents = documents.filter(reference_number__icontains=query.reference_number.strip())
    if query.sender:
        documents = documents.filter(sender__icontains=query.sender.strip())
    if query.recipient:
        documents = documents.filter(recipient__icontains=query.recipient.strip())
    if query.date_from:
        documents = documents.filter(dated__gte=query.date_from)
    if query.date_to:
        documents = documents.filter(dated__lte=query.date_to)
    if query.register:
        documents = documents.filter(register=query.register)
    if not whole_words:
        return documents.order_by("-dated", "-pk")
    return RankedSearch(documents, tuple(whole_words))


@dataclass(frozen=True)
class RankedSearch:
    """Search results with whole-word matches first, read one rank group at a time, each group newest first.

    One query ordered by the rank had to read and sort every candidate (a common word: 40,000 rows) before it could
    return the first 50. Here each group is its own query that stops after the rows a page needs: the top group
    ("every word whole") through the trigram index on `search_words` (migration 0006), the others walking the date
    index. A later page counts the groups before it. The order is exactly that of ranking in one query.
    """

    documents: QuerySet[Document]
    phrases: tuple[str, ...]

    def _groups(self):
        """Rank groups from every phrase whole down to none, as querysets (newest first)."""
        every_phrase_whole = Q()
        for phrase in self.phrases:
            every_phrase_whole &= Q(search_words__contains=phrase)
        yield self.documents.filter(every_phrase_whole).order_by("-dated", "-pk")
        if len(self.phrases) == 1:
            yield self.documents.exclude(every_phrase_whole).order_by("-dated", "-pk")
            return
        rank = sum((Case(When(search_words__contains=phrase, then=Value(1)), default=Value(0),
                         output_field=IntegerField()) for phrase in self.phrases), Value(0))
        ranked = self.documents.annotate(whole_words=rank)
        for whole in range(len(self.phrases) - 1, -1, -1):
            yield ranked.filter(whole_words=whole).order_by("-dated", "-pk")

    def __getitem__(self, item: slice) -> list[Document]:
        if not isinstance(item, slice) or item.step is not None:
            raise TypeError("RankedSearch takes a slice without a step")
        skip, wanted = item.start or 0, None if item.stop is None else item.stop - (item.start or 0)
        rows: list[Document] = []
        for group in self._groups():
            if wanted is not None and len(rows) >= wanted:
                break
            if skip:
                size = group.count()
                if size <= skip:
                    skip -= size
                    continue
            end = None if wanted is None else skip + wanted - len(rows)
            rows.extend(group[skip:end])
            skip = 0
        return rows

    def __iter__(self):
        return iter(self[0:None])


# --- My desk and stalled -----------------------------------------------------------------------------------------

def _my_routings(user, organization) -> QuerySet[Routing]:
    """Routings addressed to `user` by name or to a department they belong to, whose document they may see."""
    return visible_routings(user, organization, Routing.objects.filter(
        Q(to_user=user) | Q(to_department__in=_department_ids(user, organization))
    ))


def _with_document(routings: QuerySet[Routing]) -> QuerySet[Routing]:
    return routings.select_related("document", "to_department", "to_user", "sent_by").order_by("due_date", "pk")


def desk_to_read(user, organization) -> QuerySet[Routing]:
    """Sent to me or my department and not yet read."""
    return _with_document(_my_routings(user, organization).filter(status=RoutingStatus.PENDING))


def desk_to_act(user, organization) -> QuerySet[Routing]:
    """Read, for consideration or action, not yet done."""
    return _with_document(
        _my_routings(user, organization).filter(status=RoutingStatus.ACKNOWLEDGED)
    )


def desk_sent(user, organization) -> QuerySet[Routing]:
    """What I routed to others."""
    return _with_document(
        visible_routings(user, organization, Routing.objects.filter(sent_by=user))
    ).order_by("-sent_at", "-pk")


def stalled_routings(user, organization, *, today: dt.date | None = None) -> QuerySet[Routing]:
    """Routed but not read after the urgency's limit, or not done by the due date, among documents `user` sees."""
    today = today or timezone.localdate()
    late = Q(status=RoutingStatus.PENDING, acknowledge_by__lt=today) | Q(
        status__in=[RoutingStatus.PENDING, RoutingStatus.ACKNOWLEDGED], due_date__lt=today
    )
    return _with_document(visible_routings(user, organization, Routing.objects.filter(late)))


# --- Retention ---------------------------------------------------------------------------------------------------

def retention_expiry_year(document: Document) -> int | None:
    """The BE year at whose end the document may be destroyed; None for permanent ones."""
    years = RETENTION_YEARS.get(document.retention_class)
    if document.retention_class == RetentionClass.OTHER_LAW:
        years = document.retention_years
    if years is None or document.dated is None:
        return None
    return be_year(document.dated) + years


def past_retention(organization, *, be_year: int) -> QuerySet[Document]:
    """Documents whose retention ends by the end of `be_year`, not destroyed and not on another list.

    retention_expiry_year(document) <= be_year, said in SQL: dated's year is at most be_year − 543 − the years kept
    (the class's, or the document's own under another law); permanent ones never match.
    """
    last_dated_year = be_year - BE_OFFSET  # Gregorian year
    expired = Q(retention_class=RetentionClass.OTHER_LAW, retention_years__isnull=False,
                dated__year__lte=last_dated_year - F("retention_years"))
    for retention_class, years in RETENTION_YEARS.items():
        if years is not None:
            expired |= Q(retention_class=retention_class, dated__year__lte=last_dated_year - years)
    return (
        Document.objects.for_organization(organization)
        .exclude(retention_class=RetentionClass.PERMANENT)
        .filter(destroyed_at__isnull=True, destruction_list__isnull=True, dated__isnull=False,
                dated__year__lt=last_dated_year)
        .filter(expired)
        .exclude(status__in=[DocumentStatus.DRAFT, DocumentStatus.PENDING_RECEIPT])
        .order_by("dated", "pk")
    )


def archives_handover(organization, *, today: dt.date | None = None) -> QuerySet[Document]:
    """Documents older than 20 years that are still kept: to be handed to the National Archives (ข้อ 58)."""
    today = today or timezone.localdate()
    try:
        cutoff = today.replace(year=today.year - ARCHIVES_HANDOVER_YEARS)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - ARCHIVES_HANDOVER_YEARS, day=28)
    return (
        Document.objects.for_organization(organization)
        .filter(dated__lte=cutoff, destroyed_at__isnull=True)
        .exclude(status__in=[DocumentStatus.DRAFT, DocumentStatus.PENDING_RECEIPT])
        .order_by("dated", "pk")
    )


REGISTER_ORDER = (Register.INCOMING, Register.OUTGOING, Register.ORDER, Register.ANNOUNCEMENT)
