"""The citizen's side: a commune's notice board and archive, one disclosure's page, the feedback form,
and the downloads of documents and records.

Every page loads a disclosure through `access.get_disclosure_for_user` (404 to outsiders, so an
agency's internal disclosures and a commune's drafts are never revealed), and lists only
`Disclosure.objects.public()`, which never holds agency disclosures (Art. 46). Each page runs a
fixed number of queries whatever the amount of data.
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from democracy import publiccache, ratelimit, sent
from democracy.downloads import document_download, safe_download
from democracy.models import CatalogueItem, Kind, Scope
from democracy.origin import same_origin_post
from units.models import AdministrativeUnit, Level
from units.text import vi_sorted

from .. import actions, phrases
from ..access import (
    get_disclosure_for_comment,
    get_disclosure_for_user,
    get_document_for_user,
    get_record_for_user,
    visible_filter,
)
from ..forms import ArchiveFilter, FeedbackForm, add_action_errors
from ..models import Disclosure, FeedbackRevision, Record, State

ARCHIVE_PAGE_SIZE = 20
SENT = "disclosures.feedback"  # the citizen's own questions, remembered in their session (democracy.sent)


def sent_message():
    return _("Đã gửi câu hỏi. Câu trả lời sẽ được đăng dưới thông tin này.")


# --- Helpers -----------------------------------------------------------------------------------------


def _commune_or_404(code):
    """Only commune-level units keep a notice board (Art. 11); provinces and villages have none."""
    return get_object_or_404(
        AdministrativeUnit.objects.select_related("parent__parent__parent"), code=code, level=Level.COMMUNE
    )


def closed_reason(disclosure, moment=None) -> str:
    """Why online questions and comments are not taken, or "" while the window is open."""
    if disclosure.is_open(moment):
        return ""
    if disclosure.state == State.WITHDRAWN:
        return _("Thông tin đã bị thu hồi; không nhận thêm câu hỏi, ý kiến trực tuyến.")
    if disclosure.state == State.SUPERSEDED:
        return _("Thông tin đã được thay thế bằng phiên bản mới; xin gửi câu hỏi, ý kiến tại phiên bản mới.")
    if disclosure.state in (State.PUBLISHED, State.CLOSED) and disclosure.window_end:
        return _(
            "Thời gian niêm yết đã kết thúc ngày %(date)s; không nhận thêm câu hỏi, ý kiến trực tuyến."
        ) % {"date": disclosure.window_end.strftime("%d/%m/%Y")}
    return _("Thông tin chưa được công khai nên chưa nhận câu hỏi, ý kiến.")


# --- Board, archive ----------------------------------------------------------------------------------


def board(request, code):
    """What is posted now, with days left and the exact end; the permanent items; links to the rest.
    One query for both lists; each row's words formatted once in Python (`phrases`)."""
    unit = _commune_or_404(code)
    now = timezone.now()
    today = timezone.localdate(now)
    rows = (
        Disclosure.objects.public()
        .for_unit(unit)
        .filter(state=State.PUBLISHED)
        .filter(Q(item__is_permanent=True) | Q(window_ends_at__isnull=True) | Q(window_ends_at__gte=now))
        .select_related("item")
        .only(*BOARD_FIELDS)
    )
    posted, permanent = [], []
    detail_url = phrases.url_maker("disclosures:detail")
    for d in rows:
        d.url = detail_url(d.pk)
        d.tag = phrases.item_tag(d.item)
        if d.item.is_permanent:
            d.updated = phrases.updated_on(d)
            d.version_text = phrases.version(d) if d.version > 1 else ""
            permanent.append(d)
        else:
            publiccache.valid_until(request, d.window_ends_at)  # the board changes when a window ends
            d.days_left = (d.window_end - today).days if d.window_end else None
            d.days_text = phrases.days_left(d.days_left)
            d.closing = phrases.closing(d)
            d.since = phrases.posted_since(d)
            posted.append(d)
    # As ORDER BY window_ends_at, -published_at, pk (NULLs last) and item__clause, -published_at, pk.
    newest_first = lambda d: (-d.published_at.timestamp() if d.published_at else float("-inf"), d.pk)  # noqa: E731
    posted.sort(key=newest_first)
    posted.sort(key=lambda d: (d.window_ends_at is None, d.window_ends_at or now))
    permanent.sort(key=newest_first)
    permanent.sort(key=lambda d: d.item.clause)
    return render(
        request,
        "disclosures/public/board.html",
        {"unit": unit, "ancestors": unit.ancestors(), "posted": posted, "permanent": permanent},
    )


BOARD_FIELDS = (
    "title", "published_at", "window_end", "window_ends_at", "decision_number", "version", "state",
    "item__article", "item__clause", "item__is_permanent",
)  # fmt: skip


def archive(request, code):
    """Everything the commune ever made public, searchable without diacritics, 20 a page."""
    unit = _commune_or_404(code)
    public = Disclosure.objects.public().for_unit(unit)
    items = CatalogueItem.objects.filter(scope=Scope.COMMUNE, kind=Kind.DISCLOSE, article=11).order_by(
        "clause"
    )
    first = public.aggregate(first=Min("published_at"))["first"]
    this_year = timezone.localdate().year
    years = range(this_year, (timezone.localtime(first).year if first else this_year) - 1, -1)
    filters = ArchiveFilter(request.GET or None, items=items, years=years)
    filters.is_valid()

    results = public.select_related("item")
    if q := filters.value("q"):
        results = results.search(q)
    if clause := filters.value("item"):
        results = results.filter(item__article=11, item__clause=clause)
    if year := filters.value("year"):
        results = results.filter(published_at__year=year)
    if state := filters.value("state"):
        results = results.filter(state=state)
    page = Paginator(results.order_by("-published_at", "-pk"), ARCHIVE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    detail_url = phrases.url_maker("disclosures:detail")
    for d in page.object_list:  # each row's words once, in Python (phrases)
        d.url = detail_url(d.pk)
        d.tag = phrases.item_tag(d.item)
        d.since = phrases.posted_since(d)
        d.closing = phrases.closing(d) if d.window_ends_at else ""
    return render(
        request,
        "disclosures/public/archive.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors(),
            "filters": filters,
            "page": page,
            "filtered": any(filters.value(n) for n in ("q", "item", "year", "state")),
        },
    )


# --- One disclosure ----------------------------------------------------------------------------------


def detail(request, pk):
    return _render_detail(request, get_disclosure_for_user(request, pk))


def _render_detail(request, access, *, form=None, refusal="", status=200):
    """The page of one disclosure. Feedback is published once answered (or shown as hidden, with the
    reason); the name and contact of whoever sent it are never on the page."""
    disclosure = access.disclosure
    can_comment = access.can_comment
    fresh = form is None  # not a form sent back with its errors
    if can_comment and form is None:
        form = FeedbackForm()  # its form_token made in the browser (js/form-token.js): the page is cached
    versions = list(
        Disclosure.objects.filter(visible_filter(request))
        .filter(Q(pk=disclosure.supersedes_id) | Q(supersedes=disclosure))
        .only("pk", "version", "state", "title", "correction_reason", "supersedes_id", "published_at")
    )
    feedback = disclosure.feedback.only(
        "kind", "text", "received_at", "answer", "answered_at", "hidden_at", "hidden_reason", "disclosure_id"
    )
    is_public = access.is_public
    today = timezone.localdate()
    # The citizen's own questions not yet answered: shown to this session only, never to others.
    own_pks = sent.remembered(request, SENT)
    mine = list(
        feedback.filter(pk__in=own_pks, hidden_at__isnull=True, answer="").order_by("received_at", "pk")
    )
    just_sent = sent.take_just_sent(request, SENT) if fresh else None
    just_sent = next((f for f in mine if f.pk == just_sent), None)
    if disclosure.is_open():
        publiccache.valid_until(request, disclosure.window_ends_at)  # the form goes at the window's end
    context = {
        "d": disclosure,
        "unit": disclosure.unit,
        "ancestors": disclosure.unit.ancestors() if disclosure.unit else [],
        "is_public": is_public,
        "documents": list(disclosure.documents.all()),
        "records": list(disclosure.records.exclude(pdf="").order_by("made_at", "pk")),
        "villages": vi_sorted(disclosure.posting_villages.only("name")),
        "feedback": _with_revisions(disclosure, feedback.filter(Q(hidden_at__isnull=False) | ~Q(answer=""))),
        "pending": feedback.filter(hidden_at__isnull=True, answer="").count(),
        "previous": next((v for v in versions if v.pk == disclosure.supersedes_id), None),
        "newer": next((v for v in versions if v.supersedes_id == disclosure.pk), None),
        "days_left": (disclosure.window_end - today).days
        if disclosure.window_end and disclosure.is_open()
        else None,
        "can_comment": can_comment,
        "closed_reason": "" if can_comment else closed_reason(disclosure),
        "form": form,
        "refusal": refusal,
        "mine": mine,
        "just_sent": just_sent,
        "sent_message": sent_message() if just_sent else "",
    }
    response = render(request, "disclosures/public/detail.html", context, status=status)
    if not is_public:
        add_never_cache_headers(response)  # staff-only content never sits in a shared cache
    if own_pks:
        sent.private_page(response)
    return response


def _with_revisions(disclosure, feedback) -> list:
    """The published feedback, each with the earlier versions of its answer (`f.earlier`): one query for
    the revisions whatever the number of questions, none answered or all."""
    earlier = defaultdict(list)
    for revision in FeedbackRevision.objects.filter(feedback__disclosure=disclosure).order_by(
        "revised_at", "pk"
    ):
        earlier[revision.feedback_id].append(revision)
    rows = list(feedback)
    for f in rows:
        f.earlier = earlier[f.pk]
    return rows


@same_origin_post
@require_POST
def feedback(request, pk):
    """A citizen's question or comment (PRG). Limits against abuse: a rate limit per client, a size
    limit, and a honeypot that makes a bot believe it succeeded while nothing is stored."""
    access = get_disclosure_for_comment(request, pk)
    disclosure = access.disclosure
    form = FeedbackForm(request.POST)
    if not ratelimit.feedback_allowed(request):
        response = _render_detail(
            request,
            access,
            form=form,
            status=429,
            refusal=_(
                "Bạn đã gửi quá nhiều câu hỏi, ý kiến trong một giờ. Xin thử lại sau; "
                "nội dung bạn vừa nhập vẫn còn trong ô dưới đây."
            ),
        )
        response["Retry-After"] = str(ratelimit.retry_after())
        return response
    # Back to the page, where the form was: the confirmation, its reference number, focus moved to it.
    done = redirect(reverse("disclosures:detail", args=[disclosure.pk]) + "#gui-thanh-cong")
    if FeedbackForm.is_robot(request.POST):
        messages.success(request, sent_message())
        return done
    if reason := closed_reason(disclosure):
        return _render_detail(request, access, refusal=reason, status=400)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sent_feedback = actions.add_feedback(
                disclosure,
                text=data["text"],
                kind=data["kind"],
                name=data["name"],
                contact=data["contact"],
                form_token=data["form_token"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            sent.remember(request, SENT, sent_feedback.pk)
            return done
    return _render_detail(request, access, form=form, status=400)


# --- Downloads ---------------------------------------------------------------------------------------


def document(request, pk):
    access, doc = get_document_for_user(request, pk)
    return document_download(doc, public=access.is_public)


RECORD_FILENAMES = {
    Record.Kind.POSTING: "bien-ban-niem-yet",
    Record.Kind.CLOSING: "bien-ban-ket-thuc-niem-yet",
}


def record(request, pk):
    access, rec = get_record_for_user(request, pk)
    if not rec.pdf:
        raise Http404  # made, not rendered yet: the PDF task has not run
    return safe_download(
        rec.pdf,
        filename=f"{RECORD_FILENAMES[rec.kind]}-{rec.disclosure_id}.pdf",
        content_type="application/pdf",
        public=access.is_public,
    )
