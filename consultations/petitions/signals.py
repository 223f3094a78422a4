"""What the petitions app tells others, which it never imports.

`answered(sender=Petition, petition=…)`: a petition has been answered (or explained as outside the
commune's scope). Sent after the answering transaction commits (`transaction.on_commit`), so a receiver
(the follow-by-e-mail app) never mails an answer that was rolled back.
"""

from django.dispatch import Signal

answered = Signal()
