"""What the consultations app tells the apps that listen (the follow app's e-mails), each sent after the
commit of the write that caused it, so a receiver never acts on something rolled back:

- `consultation_opened(sender=Consultation, consultation=…)`: the plan is published, comments are taken;
- `consultation_posted_on_board(sender=Consultation, consultation=…)`: an agency's open consultation
  is posted on its commune's public board (one posted before it opens is told by `consultation_opened`);
- `consultation_closed(sender=Consultation, consultation_ids=[…])`: the closing job closed these;
- `results_published(sender=Consultation, consultation=…)`: the approver published the results;
- `comment_responded(sender=Comment, comment=…)`: a comment got its response (or a correction);
- `decision_tallied(sender=Decision, decision=…)`: a decision's result is recorded (tally or count);
- `decision_recognised(sender=Decision, decision=…)`: recognised, or refused with reasons.
"""

from django.dispatch import Signal

consultation_opened = Signal()
consultation_posted_on_board = Signal()
consultation_closed = Signal()
results_published = Signal()
comment_responded = Signal()
decision_tallied = Signal()
decision_recognised = Signal()
