"""What the disclosures app tells the apps above it, which it never imports (tests/test_layers.py).

`published(sender=Disclosure, disclosure=…, by=…)`: an approver has published a disclosure. Sent inside
the publishing transaction, so what a receiver writes commits or rolls back with the publication. The
consultations app listens to learn that a consultation's result disclosure is published (issue 18 item 5).
"""

from django.dispatch import Signal

published = Signal()

# `feedback_answered(sender=Feedback, feedback=…)`: a question or comment was answered (or its answer
# corrected). Sent after the commit: a receiver (the follow app's mail to the asker) never sees an answer
# that was rolled back.
feedback_answered = Signal()
