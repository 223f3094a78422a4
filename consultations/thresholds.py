"""The law's thresholds for community and staff decisions, read from the catalogue item.

Art. 21(1): items 1–2 of Art. 15 pass with at least two-thirds of ALL household representatives of the
village (commune-wide: at least two-thirds of the villages); items 3–6 with more than half of ALL
household representatives (commune-wide: of all the commune's villages). The fractions, and whether a
commune-wide matter counts villages, are the catalogue item's. Art. 51(2)(c): an agency conference needs at least two-thirds of the staff
present and passes with more than half of those present. Fractions are compared in integers, so
"exactly two-thirds" is never lost to rounding.
"""

from dataclasses import dataclass

from democracy.models import CatalogueItem, Scope

from .models import Outcome


@dataclass(frozen=True)
class Result:
    outcome: str
    explanation: str

    @property
    def passed(self):
        return self.outcome == Outcome.PASSED


def reaches(count: int, base: int, numerator: int, denominator: int, inclusive: bool) -> bool:
    return count * denominator >= numerator * base if inclusive else count * denominator > numerator * base


def _rule(numerator, denominator, inclusive) -> str:
    return f"{'từ' if inclusive else 'trên'} {numerator}/{denominator}"


def decide(
    item: CatalogueItem, *, electorate: int, agree: int, present: int | None = None, villages: bool = False
) -> Result:
    """The outcome of a vote: `agree` out of `electorate` households (or villages when `villages`), or
    for agencies out of `present` staff with the quorum checked against `electorate` (all staff)."""
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
                f"Có mặt {present}/{electorate} người, chưa đạt từ {qn}/{qd} tổng số (Điều 51 khoản 2 điểm c).",
            )
        passed = reaches(agree, present, num, den, inclusive)
        text = f"Tán thành {agree}/{present} người dự, cần {_rule(num, den, inclusive)} số người dự"
    else:
        base = "thôn, tổ dân phố" if villages else "hộ"
        passed = reaches(agree, electorate, num, den, inclusive)
        text = f"Tán thành {agree}/{electorate} {base}, cần {_rule(num, den, inclusive)} tổng số {base}"
    outcome = Outcome.PASSED if passed else Outcome.FAILED
    return Result(outcome, f"{text} ({item.legal_basis}): {outcome.label.lower()}.")
