"""The citizens' public forms share one base (democracy.forms): the honeypot, and the submission token
where the view keeps a submission once; their own fields first, in the order the templates render them."""

import pytest

from consultations.follow.forms import FollowForm
from consultations.forms.consultations import PublicCommentForm
from consultations.petitions.forms import SendForm
from democracy.forms import CitizenForm, HoneypotForm
from disclosures.forms import FeedbackForm


@pytest.mark.parametrize(
    "form, own",
    [
        (FeedbackForm, ["kind", "text", "name", "contact"]),
        (PublicCommentForm, ["section", "text", "name", "contact"]),
        (SendForm, ["kind", "text", "name", "contact"]),
    ],
)
def test_the_submission_forms_have_their_fields_then_the_token_and_the_honeypot(form, own):
    assert issubclass(form, CitizenForm)
    assert list(form().fields) == [*own, "form_token", "website"]
    assert form().fields["website"].label == "Xin để trống ô này (chống thư rác)"


def test_the_follow_form_has_the_honeypot_last_and_no_token():
    assert issubclass(FollowForm, HoneypotForm) and not issubclass(FollowForm, CitizenForm)
    assert list(FollowForm().fields) == ["email", "frequency", "language", "website"]


def test_a_filled_honeypot_is_a_robot():
    assert HoneypotForm.is_robot({"website": " http://spam.example "})
    assert not HoneypotForm.is_robot({"website": "  "})
    assert not HoneypotForm.is_robot({})
    form = FeedbackForm({"kind": "question", "text": "Hỏi", "website": "x"})
    assert form.is_valid() and form.is_robot(form.cleaned_data)
