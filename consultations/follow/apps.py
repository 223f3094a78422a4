from django.apps import AppConfig


class FollowConfig(AppConfig):
    name = "consultations.follow"
    label = "follow"
    verbose_name = "Theo dõi qua thư điện tử"

    def ready(self):
        from consultations import signals as consultation_signals
        from consultations.petitions import signals as petition_signals
        from disclosures import signals as disclosure_signals
        from units.waiting import register

        from . import receivers
        from .waiting import waiting

        connect = [
            (disclosure_signals.published, receivers.disclosure_published),
            (disclosure_signals.feedback_answered, receivers.feedback_answered),
            (consultation_signals.consultation_opened, receivers.consultation_opened),
            (consultation_signals.consultation_posted_on_board, receivers.consultation_posted_on_board),
            (consultation_signals.consultation_closed, receivers.consultation_closed),
            (consultation_signals.results_published, receivers.results_published),
            (consultation_signals.comment_responded, receivers.comment_responded),
            (consultation_signals.decision_tallied, receivers.decision_result),
            (consultation_signals.decision_recognised, receivers.decision_result),
            (petition_signals.answered, receivers.petition_answered),
        ]
        for signal, receiver in connect:
            signal.connect(receiver, dispatch_uid=f"follow.{receiver.__name__}")
        register(waiting)
