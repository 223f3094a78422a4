"""The plan as a PDF in the layout of Decree 30/2020/NĐ-CP (issuer heading, number, place and date,
title, bases, sections I–III with the tasks' lead / coordinating bodies and time, Nơi nhận, signature
block), and its tasks with their status as XLSX for the reviewer."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone, translation

from democracy.downloads import generated_download
from democracy.pdf import place_date, render_pdf
from democracy.xlsx import XLSX_TYPE, write_sheet
from units.letterhead import issuer

from .access import get_plan_for_staff, get_plan_for_user
from .models import Status


def paragraphs(text: str) -> list[dict]:
    """Lines of a text field as paragraphs; a line starting with "-" or "+" is an indented point."""
    found = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            found.append({"text": line, "point": line[:1] in "-+"})
    return found


def _sections(plan):
    tasks = list(
        plan.tasks.select_related("section", "lead_unit", "lead_agency").prefetch_related(
            "coordinating_units", "coordinating_agencies"
        )
    )
    by_section = {}
    loose = []
    for task in tasks:
        if task.section_id:
            by_section.setdefault(task.section_id, []).append(task)
        else:
            loose.append(task)
    sections = [(s, by_section.get(s.pk, [])) for s in plan.sections.all()]
    return sections, loose, tasks


@translation.override("vi")
def plan_pdf_bytes(plan) -> bytes:
    sections, loose, _tasks = _sections(plan)
    number = plan.reference or ("\u00a0" * 6 + f"/{plan.symbol}")
    context = {
        "plan": plan,
        **issuer(plan.owner),
        "number": number,
        "place_date": place_date(
            plan.place, plan.date if plan.state != "draft" or plan.number else None, year=plan.year
        ),
        "bases": paragraphs(plan.bases),
        "purpose": paragraphs(plan.purpose),
        "organisation": paragraphs(plan.organisation),
        "funding": paragraphs(plan.funding),
        "sections": sections,
        "loose": loose,
        "recipients": plan.recipient_lines,
        "signer_lines": plan.signer_lines,
    }
    return render_pdf("plans/pdf/plan.html", context)


def plan_pdf(request, pk):
    """Anyone for a unit's issued plan (a public document); the owner's people for a draft or an
    agency's plan; 404 otherwise."""
    found = get_plan_for_user(request, pk)
    plan = found.plan
    name = f"ke-hoach-{plan.number or 'du-thao'}-{plan.year}.pdf"
    return generated_download(
        plan_pdf_bytes(plan),
        filename=name,
        content_type="application/pdf",
        public=found.is_public,
        inline=True,
    )


HEADERS = ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian thực hiện", "Hạn", "Cách tính hạn",
           "Tình trạng", "Ngày cập nhật", "Quá hạn", "Số kế hoạch cấp dưới"]  # fmt: skip
WIDTHS = [8, 50, 30, 30, 24, 12, 50, 18, 12, 8, 10]


@translation.override("vi")
def tasks_xlsx_bytes(plan) -> bytes:
    from django.db.models import Count

    today = timezone.localdate()
    _sections_, _loose, tasks = _sections(plan)
    counts = dict(plan.tasks.annotate(n=Count("children")).values_list("pk", "n"))
    rows = [
        [
            t.code, t.heading, t.lead_label, t.coordinating_label(), t.time_text, t.due_on, t.due_explanation,
            Status(t.status).label, t.status_on, "Quá hạn" if t.is_overdue(today) else "", counts.get(t.pk, 0),
        ]
        for t in tasks
    ]  # fmt: skip
    return write_sheet(HEADERS, rows, sheet_title="Nhiệm vụ", widths=WIDTHS)


@login_required
def tasks_xlsx(request, pk):
    found = get_plan_for_staff(request, pk)
    plan = found.plan
    name = f"nhiem-vu-ke-hoach-{plan.number or plan.pk}-{plan.year}.xlsx"
    return generated_download(tasks_xlsx_bytes(plan), filename=name, content_type=XLSX_TYPE)
