from django import template

register = template.Library()


@register.filter
def last_part(code: str) -> str:
    """ "II.1.a" → "a": the number a document prints before a task (the section prints the rest)."""
    return str(code).rstrip(".").split(".")[-1]
