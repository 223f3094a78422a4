"""The law's thresholds for community and staff decisions, read from the catalogue item.

Art. 21(1): items 1–2 of Art. 15 pass with at least two-thirds of ALL household representatives of the
village (commune-wide: at least two-thirds of the villages); items 3–6 with more than half of ALL
household representatives (commune-wide: of all the commune's villages). The fractions, and whether a
commune-wide matter counts villages, are the catalogue item's. Art. 51(2)(c): an agency conference needs at least two-thirds of the staff
present and passes with more than half of those present. Fractions are compared in integers, so
"exactly two-thirds" is never lost to rounding.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from democracy.i18n import both_languages
from democracy.models import CatalogueItem, Scope, cited_articles

from .models import Outcome


@dataclass(frozen=True)
class Result:
    outcome: str
    explanation: str
    explanation_en: str = ""

    @property
    def passed(self):
        return self.outcome == Outcome.PASSED


def reaches(count: int, base: int, numerator: int, denominator: int, inclusive: bool) -> bool:
    return count * denominator >= numerator * base if inclusive else count * denominator > numerator * base


def _rule(numerator, denominator, inclusive) -> str:
    if inclusive:
        return _("từ %(fraction)s") % {"fraction": f"{numerator}/{denominator}"}
    return _("trên %(fraction)s") % {"fraction": f"{numerator}/{denominator}"}


def decide(
    item: CatalogueItem, *, electorate: int, agree: int, present: int | None = None, villages: bool = False
) -> Result:
    """The outcome of a vote: `agree` out of `electorate` households (or villages when `villages`), or
    for agencies out of `present` staff with the quorum checked against `electorate` (all staff).
    The explanation is given in Vietnamese and in English (`democracy.i18n`)."""
    num, den, inclusive = item.threshold_numerator, item.threshold_denominator, item.threshold_inclusive
    if not (num and den) or electorate <= 0:
        raise ValueError("Nội dung này không có tỷ lệ biểu quyết hoặc chưa có tổng số người biểu quyết.")
    if item.scope == Scope.AGENCY:
        present = present or 0
        qn, qd = item.quorum_numerator, item.quorum_denominator
        if not (qn and qd):
            raise ValueError("Nội dung này chưa có tỷ lệ số người dự tối thiểu trong danh mục.")
        if not reaches(present, electorate, qn, qd, True):
            return Result(
                Outcome.NO_QUORUM,
                *both_languages(
                    lambda: (
                        _(
                            "Có mặt %(present)s/%(electorate)s người, chưa đạt từ %(quorum)s tổng số "
                            "(Điều 51 khoản 2 điểm c)."
                        )
                        % {"present": present, "electorate": electorate, "quorum": f"{qn}/{qd}"}
                    )
                ),
            )
        passed = reaches(agree, present, num, den, inclusive)

        def text():
            return _("Tán thành %(agree)s/%(present)s người dự, cần %(rule)s số người dự") % {
                "agree": agree, "present": present, "rule": _rule(num, den, inclusive),
            }  # fmt: skip
    else:
        passed = reaches(agree, electorate, num, den, inclusive)

        def text():
            if villages:
                message = _(
                    "Tán thành %(agree)s/%(electorate)s thôn, tổ dân phố, cần %(rule)s tổng số thôn, tổ dân phố"
                )
            else:
                message = _("Tán thành %(agree)s/%(electorate)s hộ, cần %(rule)s tổng số hộ")
            return message % {"agree": agree, "electorate": electorate, "rule": _rule(num, den, inclusive)}

    outcome = Outcome.PASSED if passed else Outcome.FAILED
    return Result(
        outcome,
        *both_languages(
            lambda: (
                # The outcome itself is the bold word before this sentence on every page: not repeated.
                _("%(text)s (%(basis)s).") % {"text": text(), "basis": cited_articles(item.legal_basis)}
            )
        ),
    )
