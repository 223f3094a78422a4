"""The figures of a report as labelled sections, in the order reports print them (page, PDF, XLSX of a
unit report and of a roll-up all use this, so they name every figure the same way)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from consultations.models import CommentChannel
from democracy.models import CatalogueItem
from disclosures.models import AgencyForm, CommuneForm


@dataclass(frozen=True)
class Line:
    label: str
    value: int
    indent: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[Line]


def _item_labels() -> dict[str, str]:
    items = CatalogueItem.objects.order_by("article", "clause").only("article", "clause", "label_vi")
    return {f"{i.article}.{i.clause}": f"Điều {i.article} khoản {i.clause}: {i.label_vi}" for i in items}


def _form_labels(internal: bool | None) -> dict[str, str]:
    if internal is True:
        return dict(AgencyForm.choices)
    if internal is False:
        return dict(CommuneForm.choices)
    # A roll-up mixes both: the codes overlap, so name the scope.
    labels = {code: f"{_('Cấp xã')}: {label}" for code, label in CommuneForm.choices}
    return labels


def _sorted_items(by_item: dict) -> list[str]:
    def key(code):
        article, _sep, clause = code.partition(".")
        return (int(article), int(clause or 0))

    return sorted(by_item, key=key)


def sections(figures: dict, *, internal: bool | None = False) -> list[Section]:
    """`internal`: True for an agency's report, False for a commune's, None for a roll-up of both."""
    d, f, c = figures["disclosures"], figures["feedback"], figures["consultations"]
    dec, rec = figures["decisions"], figures["recommendations"]
    item_labels = _item_labels() if d.get("by_item") else {}
    form_labels = _form_labels(internal) if d.get("by_form") else {}
    channels = dict(CommentChannel.choices)

    disclosure_lines = [
        Line(_("Số nội dung đã công khai (niêm yết) trong kỳ"), d["published"]),
        Line(_("Công khai đúng hạn (theo hạn của từng nội dung trong danh mục)"), d["on_time"], True),
        Line(_("Công khai muộn"), d["late"], True),
        Line(_("Đã thu hồi"), d["withdrawn"], True),
        Line(_("Đính chính, thay thế"), d["corrections"], True),
        Line(_("Số lượt niêm yết kết thúc trong kỳ"), d["windows_ended"]),
        Line(_("Niêm yết đủ thời gian theo quy định"), d["windows_honoured"], True),
    ]
    by_item = [
        Line(item_labels.get(code, code), d["by_item"][code], True)
        for code in _sorted_items(d.get("by_item", {}))
    ]
    by_form = [
        Line(form_labels.get(code, code), n, True)
        for code, n in sorted(d.get("by_form", {}).items(), key=lambda kv: kv[0])
    ]
    result = [Section(_("I. Công khai thông tin"), disclosure_lines)]
    if by_item:
        result.append(Section(_("Theo nội dung công khai (danh mục của Luật)"), by_item))
    if by_form:
        result.append(Section(_("Theo hình thức công khai"), by_form))
    result.append(
        Section(
            _("II. Ý kiến, câu hỏi của cán bộ, công chức, viên chức, người lao động về thông tin công khai")
            if internal
            else _("II. Ý kiến, câu hỏi của Nhân dân về thông tin công khai"),
            [
                Line(_("Số ý kiến, câu hỏi tiếp nhận"), f["received"]),
                Line(_("Đã trả lời"), f["answered"], True),
                Line(_("Chưa trả lời"), f["received"] - f["answered"], True),
                Line(_("Ẩn do vi phạm quy định (có ghi lý do)"), f["hidden"]),
            ],
        )
    )
    consultation_lines = [
        Line(_("Số cuộc lấy ý kiến kết thúc trong kỳ"), c["held"]),
        Line(_("Đã công khai kết quả, nội dung giải trình, tiếp thu"), c["results_published"], True),
        Line(_("Số ý kiến tham gia"), c["comments"]),
        Line(_("Đã giải trình, tiếp thu"), c["responded"], True),
    ]
    consultation_lines += [
        Line(f"{_('Qua kênh')}: {channels.get(code, code)}", n, True)
        for code, n in sorted(c.get("by_channel", {}).items())
    ]
    result.append(Section(_("III. Nhân dân, cán bộ tham gia ý kiến"), consultation_lines))
    result.append(
        Section(
            _("IV. Nhân dân, cán bộ bàn và quyết định"),
            [
                Line(_("Số nội dung đã bàn và quyết định (đã có kết quả)"), dec["taken"]),
                Line(_("Được thông qua"), dec["passed"], True),
                Line(_("Cần công nhận (đã đến hạn)"), dec["needs_recognition"], True),
                Line(_("Được công nhận"), dec["recognised"], True),
                Line(_("Không công nhận (có lý do)"), dec["refused"], True),
                Line(_("Công nhận hoặc trả lời đúng hạn (Điều 21 khoản 2)"), dec["handled_on_time"], True),
            ],
        )
    )
    result.append(
        Section(
            _("V. Kiến nghị của Ban Thanh tra nhân dân"),
            [
                Line(_("Số kiến nghị nhận được"), rec["received"]),
                Line(_("Đã đến hạn trả lời"), rec.get("due", 0), True),
                Line(_("Đã trả lời"), rec["answered"], True),
                Line(_("Trả lời đúng hạn (Điều 40 khoản 1, Điều 63 khoản 1)"), rec["answered_on_time"], True),
                Line(_("Quá hạn chưa trả lời"), rec["overdue"], True),
            ],
        )
    )
    if (plans := figures.get("plans")) is not None:  # reports/plans/family.py; absent in older snapshots
        result.append(
            Section(
                _("VI. Kết quả thực hiện kế hoạch"),
                [
                    Line(_("Số nhiệm vụ của kế hoạch đến hạn trong kỳ"), plans["due"]),
                    Line(_("Hoàn thành đúng hạn"), plans["done_on_time"], True),
                    Line(_("Quá hạn chưa hoàn thành"), plans["overdue"], True),
                    Line(_("Kế hoạch cấp trên yêu cầu ban hành trong kỳ"), plans["plans_expected"]),
                    Line(_("Đã ban hành đúng hạn"), plans["plans_on_time"], True),
                ],
            )
        )
    return result
