"""The import of disclosures (one row, one disclosure, through `actions.import_disclosure`) and the
columns the export writes."""

import datetime as dt
import re
from types import SimpleNamespace

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from import_export import fields

from democracy.calendar import VIETNAM_TZ
from democracy.models import CatalogueItem, Kind, Scope
from democracy.xlsx import FORMULA_STARTS
from units.imports.base import (
    COMMUNE,
    AgencyCodeWidget,
    ImportResource,
    TextWidget,
    UnitCodeWidget,
    _choice_key,
    cell_text,
)
from units.models import AdministrativeUnit, Agency, Level, owner_fields

from .. import actions
from ..models import Disclosure, State
from .widgets import (
    DATE_HINT,
    ColumnField,
    DateWidget,
    FormsWidget,
    LongTextWidget,
    WindowDaysWidget,
    day_text,
    is_agency_row,
)

#: The fields of a draft a row fills in (what the clerk's form fills in).
DRAFT_FIELDS = (
    "item", "title", "summary", "body", "decision_number", "decision_date", "decision_issuer", "forms",
    "window_days",
)  # fmt: skip
#: What the domain functions computed, copied back for the import preview and the admin log.
COMPUTED_FIELDS = ("pk", "state", "published_at", "window_end", "posting_deadline", "is_late", "late_reason")
#: A historical posting is dated at this time of its posting day (office hours).
POSTING_TIME = dt.time(8, 0)
ARTICLE = {Scope.COMMUNE: 11, Scope.AGENCY: 46}


def _item(d, name):
    return getattr(d.item, name) if d.item_id else None


def _posted_on(d):
    return timezone.localdate(d.published_at) if d.published_at else None


def _state(d):
    return str(d.get_state_display()) if d.pk else ""


# --- The resource ------------------------------------------------------------------------------------


class DisclosureResource(ImportResource):
    """Disclosures of a commune (ma_don_vi) or an agency (ma_co_quan), one per row."""

    ma_don_vi = fields.Field(
        attribute="unit",
        column_name="ma_don_vi",
        widget=UnitCodeWidget({Level.COMMUNE}, COMMUNE, current=False, required=False),
    )
    ma_co_quan = fields.Field(attribute="agency", column_name="ma_co_quan", widget=AgencyCodeWidget())
    dieu = ColumnField("dieu", lambda d: _item(d, "article"))
    khoan = ColumnField("khoan", lambda d: _item(d, "clause"))
    tieu_de = fields.Field(attribute="title", column_name="tieu_de", widget=TextWidget(max_length=300))
    tom_tat = fields.Field(attribute="summary", column_name="tom_tat", widget=LongTextWidget(max_length=2000))
    noi_dung = fields.Field(
        attribute="body", column_name="noi_dung", widget=LongTextWidget(max_length=50000, required=False)
    )
    so_van_ban = fields.Field(
        attribute="decision_number", column_name="so_van_ban", widget=TextWidget(max_length=100)
    )
    ngay_ban_hanh = fields.Field(attribute="decision_date", column_name="ngay_ban_hanh", widget=DateWidget())
    co_quan_ban_hanh = fields.Field(
        attribute="decision_issuer", column_name="co_quan_ban_hanh", widget=TextWidget(max_length=255)
    )
    hinh_thuc = fields.Field(attribute="forms", column_name="hinh_thuc", widget=FormsWidget())
    so_ngay_niem_yet = fields.Field(
        attribute="window_days", column_name="so_ngay_niem_yet", widget=WindowDaysWidget()
    )
    ngay_niem_yet = ColumnField("ngay_niem_yet", _posted_on, DateWidget(required=False))
    ly_do_muon = fields.Field(
        attribute="late_reason",
        column_name="ly_do_muon",
        widget=LongTextWidget(max_length=2000, required=False),
    )
    ngay_ket_thuc = ColumnField("ngay_ket_thuc", lambda d: d.window_end, DateWidget(required=False))
    trang_thai = ColumnField("trang_thai", _state)

    required_columns = (
        "dieu", "khoan", "tieu_de", "tom_tat", "so_van_ban", "ngay_ban_hanh", "co_quan_ban_hanh", "hinh_thuc",
    )  # fmt: skip
    one_of_columns = (("ma_don_vi", "ma_co_quan"),)

    class Meta:
        model = Disclosure
        fields = (
            "ma_don_vi", "ma_co_quan", "dieu", "khoan", "tieu_de", "tom_tat", "noi_dung", "so_van_ban",
            "ngay_ban_hanh", "co_quan_ban_hanh", "hinh_thuc", "so_ngay_niem_yet", "ngay_niem_yet",
            "ly_do_muon", "ngay_ket_thuc", "trang_thai",
        )  # fmt: skip
        import_order = export_order = fields
        # Every row is a new disclosure: published ones are never updated by an import.
        force_init_instance = True
        name = "Thông tin công khai"

    def get_queryset(self):
        return Disclosure.objects.select_related("item", "unit", "agency")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.items = {
            (item.scope, item.article, item.clause): item
            for item in CatalogueItem.objects.filter(kind=Kind.DISCLOSE, is_active=True)
        }
        self.states = {}
        for member in State:
            self.states[_choice_key(member.value)] = member
            self.states[_choice_key(str(member.label))] = member

    def before_import_row(self, row, row_number=None, **kwargs):
        # Undo the export's formula guard ("'=…" → "=…"), so an exported file imports as it was.
        for column, value in row.items():
            if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1] in FORMULA_STARTS:
                row[column] = value[1:]
        super().before_import_row(row, row_number=row_number, **kwargs)

    def row_key(self, row):
        owner = cell_text(row.get("ma_co_quan")) or cell_text(row.get("ma_don_vi"))
        title, number = cell_text(row.get("tieu_de")), cell_text(row.get("so_van_ban"))
        if not (owner and title and number):
            return None
        return NON_FIELD_ERRORS, (owner, number, cell_text(row.get("ngay_ban_hanh")), title.lower())

    # Checks across columns, in the order a clerk reads the row.

    def check_row(self, instance, row, errors):
        scope = Scope.AGENCY if is_agency_row(row) else Scope.COMMUNE
        owner = self._check_owner(instance, row, errors)
        item = self._check_item(row, scope, errors)
        posting_day = self._cell(DateWidget(required=False), row, "ngay_niem_yet", errors)
        state = self._check_state(row, posting_day, errors)
        if item is not None:
            instance.item = item
            if owner is not None and not errors.keys() & {"decision_date", "window_days"}:
                try:
                    actions.check_fields(owner, {name: getattr(instance, name) for name in DRAFT_FIELDS})
                except ValidationError as e:
                    for key, messages in e.message_dict.items():
                        errors.setdefault("khoan" if key == "item" else key, []).extend(messages)
        if posting_day is not None:
            self._check_posting(instance, row, item, posting_day, errors)
        if owner is not None:
            self._check_unit_in_force(owner, posting_day, errors)
        if owner is not None and not errors:
            self._check_not_imported(instance, owner, errors)
        instance.import_row = SimpleNamespace(owner=owner, posting_day=posting_day, state=state)

    @staticmethod
    def _cell(widget, row, column, errors):
        if column not in row:
            return None
        try:
            return widget.clean(row.get(column), row=row)
        except ValueError as e:
            errors.setdefault(column, []).append(str(e))
            return None

    def _check_owner(self, instance, row, errors):
        unit_code, agency_code = cell_text(row.get("ma_don_vi")), cell_text(row.get("ma_co_quan"))
        if unit_code and agency_code:
            errors.setdefault("agency", []).append("chỉ điền một trong hai cột ma_don_vi hoặc ma_co_quan.")
            return None
        if not unit_code and not agency_code:
            errors.setdefault("unit", []).append(
                f"cần mã {COMMUNE} (cột ma_don_vi) hoặc mã cơ quan, đơn vị (cột ma_co_quan)."
            )
            return None
        if "unit" in errors and Agency.objects.filter(code=unit_code).exists():
            errors["unit"] = [f"{unit_code} là mã một cơ quan, đơn vị: ghi mã này vào cột ma_co_quan."]
        if "agency" in errors and AdministrativeUnit.objects.filter(code=agency_code).exists():
            errors["agency"] = [f"{agency_code} là mã một đơn vị hành chính: ghi mã này vào cột ma_don_vi."]
        if "unit" in errors or "agency" in errors:
            return None
        return instance.agency if agency_code else instance.unit

    def _check_item(self, row, scope, errors):
        article = ARTICLE[scope]
        whose = "cơ quan, đơn vị" if scope == Scope.AGENCY else COMMUNE
        clauses = sorted(c for (s, a, c) in self.items if s == scope)
        numbers = {}
        for column, word in (("dieu", "dieu"), ("khoan", "khoan")):
            text = cell_text(row.get(column))
            match = re.fullmatch(rf"(?:{word}\s*)?(\d{{1,3}})", _choice_key(text)) if text else None
            if not text:
                errors.setdefault(column, []).append("không được để trống.")
            elif match is None:
                errors.setdefault(column, []).append(f"«{text}» không phải một số.")
            else:
                numbers[column] = int(match.group(1))
        if "dieu" in numbers and numbers["dieu"] != article:
            errors.setdefault("dieu", []).append(
                f"nội dung công khai của {whose} thuộc Điều {article} Luật 10/2022/QH15, "
                f"không phải Điều {numbers['dieu']}."
            )
            return None
        if len(numbers) < 2:
            return None
        item = self.items.get((scope, article, numbers["khoan"]))
        if item is None:
            errors.setdefault("khoan", []).append(
                f"không có nội dung phải công khai nào ở khoản {numbers['khoan']} Điều {article}; "
                f"dùng khoản {clauses[0]}–{clauses[-1]}."
                if clauses
                else "danh mục pháp lý chưa có nội dung này."
            )
        return item

    def _check_state(self, row, posting_day, errors):
        text = cell_text(row.get("trang_thai"))
        if not text:
            return None
        state = self.states.get(_choice_key(text))
        if state is None:
            errors.setdefault("trang_thai", []).append(
                f"«{text}» không phải trạng thái; để trống hoặc dùng: "
                + "; ".join(str(member.label) for member in State)
                + "."
            )
        elif state in (State.WITHDRAWN, State.SUPERSEDED):
            errors.setdefault("trang_thai", []).append(
                f"thông tin «{state.label}» không nhập lại được (thu hồi, thay thế phải ghi lý do trên cổng); "
                "bỏ dòng này khỏi tệp."
            )
        elif state in (State.DRAFT, State.SUBMITTED) and posting_day is not None:
            errors.setdefault("trang_thai", []).append(
                f"«{state.label}» nhưng cột ngay_niem_yet có ngày niêm yết; bỏ một trong hai."
            )
        elif state in (State.PUBLISHED, State.CLOSED) and posting_day is None and "ngay_niem_yet" in row:
            errors.setdefault("ngay_niem_yet", []).append(
                f"trạng thái «{state.label}» cần ngày niêm yết; {DATE_HINT}."
            )
        return state

    def _check_posting(self, instance, row, item, posting_day, errors):
        today = timezone.localdate()
        decision_date = instance.decision_date if "decision_date" not in errors else None
        if posting_day > today:
            errors.setdefault("ngay_niem_yet", []).append(
                f"ngày niêm yết {day_text(posting_day)} chưa đến; thông tin chưa niêm yết thì để trống cột này "
                "(nhập thành bản nháp)."
            )
            return
        if decision_date and posting_day < decision_date:
            errors.setdefault("ngay_niem_yet", []).append(
                f"ngày niêm yết {day_text(posting_day)} trước ngày ban hành {day_text(decision_date)}."
            )
            return
        if not instance.body:
            errors.setdefault("body", []).append(
                "thông tin đã niêm yết cần nội dung (tệp nhập không kèm tài liệu đính kèm)."
            )
        if item is not None and decision_date:
            deadline = actions.posting_deadline(item, decision_date)
            if posting_day > deadline.date and not (instance.late_reason or "").strip():
                errors.setdefault("late_reason", []).append(
                    f"niêm yết ngày {day_text(posting_day)} là muộn: hạn công khai là {day_text(deadline.date)} "
                    f"({deadline.explanation}); hãy nêu lý do công khai muộn."
                )

    @staticmethod
    def _check_unit_in_force(owner, posting_day, errors):
        if owner_fields(owner)["unit"] is None:  # an agency has no days in force
            return
        day = posting_day or timezone.localdate()
        if (owner.valid_from and day < owner.valid_from) or (owner.valid_to and day > owner.valid_to):
            when = f"ngày niêm yết {day_text(posting_day)}" if posting_day else "hôm nay (bản nháp)"
            errors.setdefault("unit", []).append(
                f"«{owner.name}» (mã {owner.code}) không tồn tại vào {when}."
            )

    @staticmethod
    def _check_not_imported(instance, owner, errors):
        """The same decision and title for the same owner: a file imported twice adds nothing twice."""
        found = (
            Disclosure.objects.filter(
                **owner_fields(owner),
                decision_number=instance.decision_number,
                decision_date=instance.decision_date,
                title__iexact=instance.title,
            )
            .values_list("pk", flat=True)
            .first()
        )
        if found:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                f"đã có thông tin công khai «{instance.title}» của văn bản {instance.decision_number} "
                f"ngày {day_text(instance.decision_date)} (mã trên cổng: {found}); không nhập lại."
            )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The domain functions validate (actions.check_fields, submit, publish); the model's full_clean
        # would only repeat the widgets' checks in English-keyed fields.
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def public_owners(self, instance):
        return []  # actions.import_disclosure invalidates the owner's pages of what it publishes

    def save_instance(self, instance, is_create, row, **kwargs):
        """Through the domain functions: a draft, or a draft submitted and published on its posting day."""
        user = kwargs.get("user")
        by = user if user is not None and user.is_authenticated else None
        data = instance.import_row
        line = kwargs.get("row_number", 0) + 1
        source = kwargs.get("file_name") or "tệp"
        published_at = (
            dt.datetime.combine(data.posting_day, POSTING_TIME, VIETNAM_TZ) if data.posting_day else None
        )
        try:
            disclosure = actions.import_disclosure(
                owner=data.owner,
                by=by,
                note=f"Nhập từ {source}, dòng {line}.",
                published_at=published_at,
                late_reason=instance.late_reason or "",
                **{name: getattr(instance, name) for name in DRAFT_FIELDS},
            )
        except ValidationError as e:
            if hasattr(e, "error_dict"):
                raise ValidationError(
                    {("khoan" if key == "item" else key): value for key, value in e.error_dict.items()}
                ) from e
            raise
        # The preview and the admin log show what was made: its id, state and computed window.
        for name in COMPUTED_FIELDS:
            setattr(instance, name, getattr(disclosure, name))
