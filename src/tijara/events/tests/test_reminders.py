import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from tijara.events import services
from tijara.events.models import Event, EventFollow

pytestmark = pytest.mark.django_db


@pytest.fixture
def biofach_follow(owner_user):
    event = Event.objects.get(slug="biofach")  # confirmed: 2027-02-16 .. 2027-02-19, no published deadline
    services.follow(user=owner_user, event=event)
    return event


def test_reminder_window_and_once_per_deadline(time_machine, biofach_follow, settings):
    settings.TIJARA_EVENT_REMINDER_DAYS = 30
    time_machine.move_to("2027-01-16T08:00:00+00:00", tick=False)  # 31 days before the start
    assert services.reminders_send() == 0 and not mail.outbox
    time_machine.move_to("2027-01-17T08:00:00+00:00", tick=False)  # 30 days before
    assert services.reminders_send() == 1
    message = mail.outbox[0]
    assert "BIOFACH" in message.subject and "2027-02-16" in message.subject
    assert "frischeingeschenkt.de" in message.body  # the source of the dates
    assert services.reminders_send() == 0  # once per deadline
    follow = EventFollow.objects.get(event=biofach_follow)
    assert follow.reminded_for == dt.date(2027, 2, 16)


def test_registration_deadline_is_used_when_published(time_machine, biofach_follow, settings):
    settings.TIJARA_EVENT_REMINDER_DAYS = 10
    Event.objects.filter(pk=biofach_follow.pk).update(registration_deadline=dt.date(2026, 12, 20))
    time_machine.move_to("2026-12-10T08:00:00+00:00", tick=False)
    assert services.reminders_send() == 1
    assert "Registration" in mail.outbox[0].subject or "inscription" in mail.outbox[0].subject.lower()


def test_no_reminder_from_unverified_or_missing_dates(time_machine, owner_user):
    homi = Event.objects.get(slug="homi-milano")  # U mark
    homi.start = homi.end = dt.date(2027, 1, 20)
    homi.save()
    services.follow(user=owner_user, event=homi)
    services.follow(user=owner_user, event=Event.objects.get(slug="maisonobjet-paris"))  # no dates
    time_machine.move_to("2027-01-10T08:00:00+00:00", tick=False)
    assert services.reminders_due() == [] and services.reminders_send() == 0


def test_daily_command_runs_the_task(time_machine, biofach_follow):
    time_machine.move_to("2027-02-01T08:00:00+00:00", tick=False)
    call_command("send_event_reminders")  # ImmediateBackend in tests: the task runs at once
    assert len(mail.outbox) == 1
