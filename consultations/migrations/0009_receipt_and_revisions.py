"""A recommendation's receipt date (issue 14 item 6: the 15 days to answer run from the day the commune or
agency received it, Art. 40(1), 63(1)); for the rows already there it is the day it was made, so their
due dates do not move. The revisions that keep a corrected answer or response (issue 18 item 4)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def received_when_made(apps, schema_editor):
    Recommendation = apps.get_model("consultations", "Recommendation")
    Recommendation.objects.filter(received_on__isnull=True).update(received_on=models.F("made_on"))


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0008_delegate_conferences'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='recommendation',
            name='received_on',
            field=models.DateField(null=True, verbose_name='ngày nhận kiến nghị'),
        ),
        migrations.RunPython(received_when_made, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='recommendation',
            name='received_on',
            field=models.DateField(verbose_name='ngày nhận kiến nghị'),
        ),
        migrations.CreateModel(
            name='AnswerRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='nội dung trước khi sửa')),
                ('reason', models.TextField(max_length=2000, verbose_name='lý do sửa')),
                ('revised_at', models.DateTimeField(verbose_name='thời điểm sửa')),
                ('given_on', models.DateField(verbose_name='ngày trả lời')),
                ('recommendation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='revisions', to='consultations.recommendation')),
                ('revised_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người sửa')),
            ],
            options={
                'verbose_name': 'câu trả lời kiến nghị trước khi sửa',
                'verbose_name_plural': 'câu trả lời kiến nghị trước khi sửa',
                'ordering': ['revised_at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ResponseRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='nội dung trước khi sửa')),
                ('reason', models.TextField(max_length=2000, verbose_name='lý do sửa')),
                ('revised_at', models.DateTimeField(verbose_name='thời điểm sửa')),
                ('kind', models.CharField(blank=True, choices=[('accepted', 'Tiếp thu'), ('explained', 'Giải trình'), ('out_of_scope', 'Không thuộc phạm vi lấy ý kiến')], max_length=14, verbose_name='hình thức trả lời')),
                ('given_at', models.DateTimeField(null=True, verbose_name='thời điểm trả lời')),
                ('comment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='revisions', to='consultations.comment')),
                ('revised_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người sửa')),
            ],
            options={
                'verbose_name': 'nội dung giải trình, tiếp thu trước khi sửa',
                'verbose_name_plural': 'nội dung giải trình, tiếp thu trước khi sửa',
                'ordering': ['revised_at', 'pk'],
                'abstract': False,
            },
        ),
    ]
