"""Background faces of events (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def event_reminders_task() -> int:
    """Send the due registration-deadline reminders; returns how many were sent."""
    from tijara.events.services import reminders_send

    return reminders_send()
