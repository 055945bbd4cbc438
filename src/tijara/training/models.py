"""Readiness self-assessments (one row per take, so retakes show progress) and lesson progress per user."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import TimeStampedModel


class Assessment(TimeStampedModel):
    """One take of the export-readiness self-assessment by an organisation."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="readiness_assessments", verbose_name=_("organisation"))
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("taken by"))
    version = models.PositiveSmallIntegerField(_("questionnaire version"), default=1)
    answers = models.JSONField(_("answers"), default=dict)
    scores = models.JSONField(_("scores per dimension"), default=dict)
    overall = models.PositiveSmallIntegerField(_("overall score"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")


class LessonProgress(TimeStampedModel):
    """Which steps of a lesson a user has done."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress",
                             verbose_name=_("user"))
    lesson = models.SlugField(_("lesson"), max_length=80)
    steps_done = models.JSONField(_("steps done"), default=list)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="training_progress_unique")]
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
