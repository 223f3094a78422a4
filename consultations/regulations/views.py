"""The register's pages: the citizen's page of a commune's rules in force, a rule's page (with the
staff's forms when the visitor may edit), its register entry as PDF and its file; the clerk's forms to
enter a rule and to issue one after a consultation; the approver's form to enter a cycle held on paper;
and a draft's posting and closing records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consultations.access import Allowed
from democracy.downloads import generated_download, safe_download
from democracy.forms import add_action_errors
from units.models import AdministrativeUnit, Level

from . import actions, outputs
from .access import (
    get_consultation_for_approving,
    get_draft_record_for_user,
    get_register_owner,
    get_regulation_for_user,
)
from .conventions import steps_of
from .forms import PaperCycleForm, RegulationForm, ReplaceForm
from .models import DraftRecord, Regulation
from .postings import draft_record_pdf


def _pdf(pdf: bytes, filename: str):
    return generated_download(pdf, filename=filename, content_type="application/pdf", inline=True)


# --- The citizen's side -------------------------------------------------------------------------------


def board(request, code):
    """ "Quy chế, hương ước, quy ước đang có hiệu lực": the commune's and its villages' rules in force."""
    unit = AdministrativeUnit.objects.filter(code=code, level=Level.COMMUNE).first()
    if unit is None:
        raise Http404
    today = timezone.localdate()
    rules = list(
        Regulation.objects.public()
        .filter(Q(unit=unit) | Q(unit__parent=unit))
        .in_force(today)
        .select_related("unit")
        .order_by("unit__level", "unit__name", "kind", "-effective_from")
    )
    commune_rules = [r for r in rules if r.unit_id == unit.pk]
    village_rules = [r for r in rules if r.unit_id != unit.pk]
    return render(
        request,
        "regulations/board.html",
        {"unit": unit, "commune_rules": commune_rules, "village_rules": village_rules, "today": today},
    )


def _detail(request, allowed: Allowed, *, status=200, replace_form=None):
    regulation = allowed.obj
    return render(
        request,
        "regulations/detail.html",
        {
            "r": regulation,
            "allowed": allowed,
            "commune": regulation.unit.parent
            if regulation.unit_id and regulation.unit.level == Level.VILLAGE
            else regulation.unit,
            "in_force": regulation.is_in_force(),
            "replaces": outputs.replaced_one(regulation),
            "steps": steps_of(regulation) if regulation.is_convention else [],
            "replace_form": replace_form
            if replace_form is not None
            else (
                ReplaceForm(regulation=regulation)
                if allowed.can_edit and not regulation.replaced_by_id
                else None
            ),
        },
        status=status,
    )


def detail(request, pk):
    return _detail(request, get_regulation_for_user(request, pk))


def entry_pdf(request, pk):
    regulation = get_regulation_for_user(request, pk).obj
    return _pdf(outputs.entry_pdf(regulation), f"so-quy-che-{regulation.pk}.pdf")


def file(request, pk):
    regulation = get_regulation_for_user(request, pk).obj
    if not regulation.file:
        raise Http404
    return safe_download(
        regulation.file, filename=regulation.original_name or f"quy-che-{regulation.pk}.pdf",
        content_type="application/pdf" if regulation.file.name.endswith(".pdf") else "application/octet-stream",
        public=not regulation.is_internal,
    )  # fmt: skip


def draft_record(request, pk):
    record = get_draft_record_for_user(request, pk)
    stem = (
        "bien-ban-niem-yet-du-thao"
        if record.kind == DraftRecord.Kind.POSTING
        else "bien-ban-ket-thuc-niem-yet-du-thao"
    )
    return _pdf(draft_record_pdf(record), f"{stem}-{record.consultation_id}.pdf")


# --- Staff ----------------------------------------------------------------------------------------


def _register(request, owner):
    form = RegulationForm(
        request.POST or None, request.FILES or None, owner=owner, kinds=actions.kinds_for(owner)
    )
    if request.method == "POST" and form.is_valid():
        try:
            regulation = actions.register_regulation(
                owner=owner, by=request.user, file=form.cleaned_data["file"],
                replaces=form.cleaned_data["replaces"], **form.regulation_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi “%(title)s” vào sổ quy chế.") % {"title": regulation.title})
            return redirect("regulations:detail", pk=regulation.pk)
    return render(request, "regulations/form.html", {"form": form, "owner": owner, "consultation": None},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def create(request, code):
    return _register(request, get_register_owner(request, code, write=True).obj)


@login_required
@require_http_methods(["GET", "POST"])
def create_for_agency(request, code):
    return _register(request, get_register_owner(request, code, agency=True, write=True).obj)


@login_required
@require_POST
def replace(request, pk):
    allowed = get_regulation_for_user(request, pk, write=True)
    form = ReplaceForm(request.POST, regulation=allowed.obj)
    if form.is_valid():
        try:
            actions.set_replacement(
                allowed.obj, by=request.user, replaced_by=form.cleaned_data["replaced_by"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận văn bản thay thế."))
            return redirect("regulations:detail", pk=pk)
    allowed.obj.refresh_from_db()
    return _detail(request, allowed, status=400, replace_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def issue(request, pk):
    """The outcome step of a consultation on a draft rule: the issued document enters the register."""
    from consultations.access import get_consultation_for_user

    consultation = get_consultation_for_user(request, pk, write=True, staff=True).obj
    owner = consultation.owner
    kind = actions.regulation_kind_of(consultation)
    form = RegulationForm(
        request.POST or None, request.FILES or None, owner=owner, kinds=actions.kinds_for(owner), default_kind=kind,
        initial={"title": consultation.title.removeprefix("Dự thảo ").strip()},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            regulation = actions.issue_from_consultation(
                consultation, by=request.user, file=form.cleaned_data["file"],
                replaces=form.cleaned_data["replaces"], **form.regulation_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi văn bản số %(n)s vào sổ quy chế và trình phê duyệt niêm yết.")
                % {"n": regulation.number},
            )
            return redirect("regulations:detail", pk=regulation.pk)
    return render(request, "regulations/form.html", {"form": form, "owner": owner, "consultation": consultation},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def paper(request, pk):
    """An approver enters a consultation held on paper with its real dates (reason and audit row)."""
    consultation = get_consultation_for_approving(request, pk).obj
    form = PaperCycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.enter_paper_cycle(
                consultation, by=request.user, reason=data["reason"], opened_at=form.moment(data["opened_on"], 8),
                last_day=data["last_day"], closed_at=form.moment(data["closed_on"], 16),
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã nhập lại cuộc lấy ý kiến theo hồ sơ giấy."))
            return redirect("consultations:staff_detail", pk=pk)
    return render(request, "regulations/paper.html", {"form": form, "c": consultation},
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def issue_decision(request, pk):
    """A village convention adopted (Art. 15 item 3) and recognised by the commune enters the village's
    register, and its posting (Art. 11 item 4) goes to the commune's approver. The page says what will
    happen before the clerk confirms; a decision that cannot be entered (yet) says why."""
    from consultations.access import get_decision_for_user

    decision = get_decision_for_user(request, pk, write=True, staff=True).obj
    village = decision.unit
    if not actions.is_convention_decision(decision):
        messages.error(
            request, _("Chỉ quyết định của thôn về hương ước, quy ước (Điều 15 khoản 3) được ghi vào sổ.")
        )
        return redirect("consultations:decision_detail", pk=pk)
    if (entered := decision.regulations.first()) is not None:
        messages.info(request, _("Hương ước, quy ước này đã được ghi vào sổ."))
        return redirect("regulations:detail", pk=entered.pk)
    day = decision.recognised_on
    form = RegulationForm(
        request.POST or None, request.FILES or None, owner=village, kinds=actions.kinds_for(village),
        initial={"title": decision.title, "issued_on": day, "effective_from": day, "decided_on": decision.decided_on,
                 "issuer": str(village.parent)},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            regulation = actions.issue_from_decision(
                decision, by=request.user, file=form.cleaned_data["file"],
                replaces=form.cleaned_data["replaces"], **form.regulation_fields(),
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Đã ghi %(title)s số %(n)s vào sổ của %(village)s và trình phê duyệt niêm yết thường xuyên."
                )
                % {"title": regulation.get_kind_display(), "n": regulation.number, "village": village.name},
            )
            return redirect("regulations:detail", pk=regulation.pk)
    return render(
        request, "regulations/form.html",
        {"form": form, "owner": village, "consultation": None, "decision": decision,
         "ready": actions.issuable_from_decision(decision)},
        status=400 if form.errors else 200,
    )  # fmt: skip
