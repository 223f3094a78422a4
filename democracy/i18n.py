"""Texts the portal writes itself (how a deadline was counted, why a vote passed) in both languages.

They are computed once, when the deadline is set or the vote counted, from the calendar and the rules of
that day; recomputing them later for display could tell a different story (an administrator may since
have added a day off). So the Vietnamese text (the record, used by the PDFs) and the English one are
both stored, side by side (`<field>` and `<field>_en`), and a page shows the reader's with `Localized`.
"""

from django.utils import translation


def in_reader_language(vi: str, en: str) -> str:
    """The English text for a reader in English when there is one, the Vietnamese otherwise."""
    return en if en and translation.get_language() == "en" else vi


def both_languages(message) -> tuple[str, str]:
    """A translatable message (a `gettext_lazy` string, or a function building one with `gettext`)
    rendered in Vietnamese and in English, whatever the language of the request that computes it."""
    render = message if callable(message) else lambda: str(message)
    with translation.override("vi"):
        vi = render()
    with translation.override("en"):
        en = render()
    return vi, en


class Localized:
    """A model attribute: `<field>`, or `<field>_en` for a reader in English (see `in_reader_language`).

    window_explanation_text = Localized("window_explanation")
    """

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return in_reader_language(getattr(obj, self.field), getattr(obj, f"{self.field}_en"))
