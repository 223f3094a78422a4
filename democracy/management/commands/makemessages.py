"""`makemessages` that also extracts `_lazy(...)`: the project imports `gettext_lazy as _lazy` where a
module needs both the eager and the lazy function, and xgettext only knows the names Django passes."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_lazy"]
