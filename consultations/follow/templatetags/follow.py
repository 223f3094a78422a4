"""`{% follow_mine_url "feedback" pk %}`: the signed link that lets the sender of a question or comment
follow its answer by e-mail (shown only on the page that confirms what they just sent)."""

from django import template

from consultations.follow.links import mine_url

register = template.Library()


@register.simple_tag
def follow_mine_url(kind: str, pk: int) -> str:
    return mine_url(kind, pk)
