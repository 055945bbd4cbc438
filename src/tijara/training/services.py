"""Writes of the training app: record a self-assessment, mark lesson steps done."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tijara.accounts.models import Organisation, User
from tijara.accounts.selectors import can_write
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.training import content, scoring
from tijara.training.models import Assessment, LessonProgress


def assessment_submit(*, actor: User, organisation: Organisation, answers: dict) -> Assessment:
    """Score and store one take of the self-assessment (members of the organisation only)."""
    if not can_write(user=actor, organisation=organisation):
        raise PermissionDenied("forbidden", _("Only members of the organisation can take its assessment."))
    spec = content.assessment()
    try:
        clean = scoring.validate_answers(spec, answers)
    except ValueError as exc:
        raise TijaraError("invalid_answers", _("The answers are incomplete or invalid: %(reason)s.")
                          % {"reason": exc}, field="answers") from exc
    scores, overall = scoring.score(spec, clean)
    with transaction.atomic():
        return Assessment.objects.create(organisation=organisation, taken_by=actor, version=spec.version,
                                         answers=clean, scores=scores, overall=overall)


def lesson_step_set(*, user: User, slug: str, step: int, done: bool = True) -> LessonProgress:
    """Mark step `step` (1-based) of a lesson done or not done for the user."""
    lesson = content.lesson(slug)
    if lesson is None:
        raise NotFound("not_found", _("No such lesson."))
    if not 1 <= step <= len(lesson.steps):
        raise TijaraError("invalid_step", _("This lesson has no step %(step)s.") % {"step": step}, field="step")
    with transaction.atomic():
        progress, _created = LessonProgress.objects.select_for_update().get_or_create(user=user, lesson=slug)
        steps = set(progress.steps_done)
        steps.add(step) if done else steps.discard(step)
        progress.steps_done = sorted(steps)
        progress.completed_at = timezone.now() if len(steps) == len(lesson.steps) else None
        progress.save()
    return progress
