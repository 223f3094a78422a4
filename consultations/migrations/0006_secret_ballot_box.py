"""The secret ballot box (issue 17): a vote code keeps only whether it was used, ballots are cast into
`PendingBallot` and counted into `Ballot` in a shuffled order.

Data already there: each code's exact `used_at` becomes `used`, and the ballots and codes of every
online vote are rewritten once in a random order (new ballot ids, fresh row versions), so the votes cast
before the upgrade cannot be paired with their codes either. A vote still running keeps its ballots in
`Ballot`; the count adds the box's to them.
"""

import random
import uuid

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


def forget_times(apps, schema_editor):
    VoteCode = apps.get_model("consultations", "VoteCode")
    Ballot = apps.get_model("consultations", "Ballot")
    shuffle = random.SystemRandom().shuffle
    decisions = set(VoteCode.objects.values_list("decision_id", flat=True))
    decisions |= set(Ballot.objects.values_list("decision_id", flat=True))
    for decision in decisions:
        ballots = list(Ballot.objects.filter(decision_id=decision).values("choice", "other_text", "receipt"))
        Ballot.objects.filter(decision_id=decision).delete()
        shuffle(ballots)
        Ballot.objects.bulk_create([Ballot(decision_id=decision, **fields) for fields in ballots])
        codes = list(VoteCode.objects.filter(decision_id=decision).values_list("pk", "used_at"))
        shuffle(codes)
        for pk, used_at in codes:  # used_at=None too: the new row version must not carry the time
            VoteCode.objects.filter(pk=pk).update(used=used_at is not None, used_at=None)


def restore_use(apps, schema_editor):
    """Back to the old schema: a used code gets the opening of its vote (the real time is gone), so it
    stays used."""
    VoteCode = apps.get_model("consultations", "VoteCode")
    for code in VoteCode.objects.filter(used=True).select_related("decision"):
        VoteCode.objects.filter(pk=code.pk).update(used_at=code.decision.vote_opens_at or timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_owned_reverse_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="votecode",
            name="used",
            field=models.BooleanField(default=False, verbose_name="đã dùng"),
        ),
        migrations.RunPython(forget_times, restore_use),
        migrations.RemoveField(
            model_name="votecode",
            name="used_at",
        ),
        migrations.CreateModel(
            name="PendingBallot",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                (
                    "choice",
                    models.CharField(
                        choices=[("agree", "Tán thành"), ("disagree", "Không tán thành"), ("other", "Ý kiến khác")],
                        max_length=10,
                    ),
                ),
                ("other_text", models.CharField(blank=True, max_length=1000)),
                ("receipt", models.CharField(max_length=16, unique=True)),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pending_ballots",
                        to="consultations.decision",
                    ),
                ),
            ],
        ),
    ]
