"""The boundaries of every rule: exactly two-thirds, exactly half, the quorum just missed."""

import pytest

from consultations.thresholds import decide
from democracy.models import CatalogueItem


def item(article, clause, scope="commune"):
    return CatalogueItem.objects.get(scope=scope, article=article, clause=clause)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "clause, households, agree, passed",
    [
        (1, 120, 80, True),  # exactly two-thirds of all households: passes (≥)
        (1, 120, 79, False),
        (2, 100, 67, True),  # 67/100 ≥ 2/3
        (2, 100, 66, False),  # 66/100 < 2/3
        (3, 120, 60, False),  # exactly half: not more than half
        (3, 120, 61, True),
        (4, 7, 4, True),
        (4, 7, 3, False),
        (5, 2, 1, False),
        (6, 101, 51, True),
        (6, 101, 50, False),
    ],
)
def test_community_thresholds_count_all_households(clause, households, agree, passed):
    result = decide(item(15, clause), electorate=households, agree=agree)
    assert result.passed is passed
    assert f"{agree}/{households} hộ" in result.explanation


@pytest.mark.django_db
@pytest.mark.parametrize(
    "villages, agreeing, passed", [(9, 6, True), (9, 5, False), (10, 7, True), (10, 6, False)]
)
def test_commune_wide_items_1_and_2_count_villages(villages, agreeing, passed):
    assert decide(item(15, 1), electorate=villages, agree=agreeing, villages=True).passed is passed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "staff, present, agree, outcome",
    [
        (30, 20, 11, "passed"),  # quorum exactly two-thirds; 11/20 > half
        (30, 20, 10, "failed"),  # exactly half of those present: not more than half
        (30, 19, 19, "no_quorum"),  # quorum missed by one
        (28, 28, 28, "passed"),
    ],
)
def test_agency_conferences_need_a_quorum_and_more_than_half_of_those_present(staff, present, agree, outcome):
    result = decide(item(49, 3, "agency"), electorate=staff, present=present, agree=agree)
    assert result.outcome == outcome


def test_the_outcome_is_explained_in_vietnamese_and_in_english_whatever_the_clerks_language(cast):
    from django.utils import translation

    with translation.override("en"):
        result = decide(item(15, 1), electorate=186, agree=130)
    assert result.explanation.startswith("Tán thành 130/186 hộ, cần từ 2/3 tổng số hộ")
    assert result.explanation_en.startswith(
        "130/186 households in favour, at least 2/3 of all households needed"
    )
