"""Stored team invitations; the links e-mailed in the last 7 days (audit events `team.invite`) become pending rows,
so they keep working and show on the Team page."""

from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INVITE_MAX_AGE = timedelta(days=7)


def backfill(apps, schema_editor):
    from django.utils import timezone

    AuditEvent = apps.get_model("accounts", "AuditEvent")
    Membership = apps.get_model("accounts", "Membership")
    TeamInvitation = apps.get_model("accounts", "TeamInvitation")
    since = timezone.now() - INVITE_MAX_AGE
    seen = set()
    for event in AuditEvent.objects.filter(action="team.invite", created_at__gt=since,
                                           organisation__isnull=False).order_by("-created_at"):
        email = str((event.detail or {}).get("email", "")).lower()
        role = (event.detail or {}).get("role", "member")
        key = (event.organisation_id, email)
        if not email or key in seen:
            continue
        seen.add(key)
        if Membership.objects.filter(organisation_id=event.organisation_id, user__email__iexact=email).exists():
            continue
        TeamInvitation.objects.create(organisation_id=event.organisation_id, email=email, role=role,
                                      invited_by_id=event.actor_id, sent_at=event.created_at,
                                      expires_at=event.created_at + INVITE_MAX_AGE)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_strip_bidi_controls'),
    ]

    operations = [
        migrations.CreateModel(
            name='TeamInvitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                ('role', models.CharField(choices=[('owner', 'owner'), ('manager', 'manager'), ('member', 'member')], default='member', max_length=16, verbose_name='role')),
                ('status', models.CharField(choices=[('pending', 'pending'), ('accepted', 'accepted'), ('withdrawn', 'withdrawn')], default='pending', max_length=16, verbose_name='status')),
                ('sent_at', models.DateTimeField(verbose_name='sent at')),
                ('expires_at', models.DateTimeField(verbose_name='expires at')),
                ('settled_at', models.DateTimeField(blank=True, null=True, verbose_name='accepted or withdrawn at')),
                ('invited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='accounts.organisation')),
            ],
            options={
                'ordering': ['-sent_at', '-id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('organisation', 'email'), name='unique_pending_invitation')],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
