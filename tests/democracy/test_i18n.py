"""Explanations the portal computes are kept in Vietnamese and English and shown in the reader's language."""

import datetime as dt

from django.utils import translation

from democracy.calendar import add_working_days, english_of, period_end
from democracy.i18n import both_languages, in_reader_language


def test_an_explanation_is_shown_in_english_to_a_reader_in_english_and_in_vietnamese_otherwise():
    with translation.override("en"):
        assert in_reader_language("Quyết định …", "Decision …") == "Decision …"
        assert in_reader_language("Quyết định …", "") == "Quyết định …"  # nothing stored in English
    with translation.override("vi"):
        assert in_reader_language("Quyết định …", "Decision …") == "Quyết định …"


def test_a_message_is_rendered_in_both_languages_whatever_the_request_language():
    from django.utils.translation import gettext_lazy

    with translation.override("en"):
        vi, en = both_languages(
            gettext_lazy("Niêm yết thường xuyên, cập nhật khi thay đổi (Điều 13 khoản 2).")
        )
    assert vi.startswith("Niêm yết thường xuyên") and en.startswith("Permanent posting")


def test_an_old_vietnamese_explanation_gets_its_english_by_counting_again(db):
    deadline = add_working_days(dt.date(2024, 2, 7), 5)
    window = period_end(dt.date(2026, 12, 2), 30, label="Niêm yết", label_en="Posting")
    assert english_of(deadline.explanation) == deadline.explanation_en
    assert "Lunar New Year" in deadline.explanation_en
    assert english_of(window.explanation) == window.explanation_en
    assert english_of(window.explanation).startswith("Posting of 30 days")


def test_an_explanation_the_calendar_no_longer_gives_stays_vietnamese_only(db):
    stale = add_working_days(dt.date(2024, 2, 7), 5).explanation.replace("21/02/2024", "20/02/2024")
    assert english_of(stale) == ""
    assert english_of("Một lời giải thích khác") == ""
