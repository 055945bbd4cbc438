"""Assistant: conversations kept per user (deletable) and thumbs up/down feedback on answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import TimeStampedModel


class Conversation(TimeStampedModel):
    """A user's thread of questions and answers; the user can delete it (messages and feedback go with it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations",
                             verbose_name=_("user"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.title


class Message(TimeStampedModel):
    """One question or one answer in a conversation, with the answer's citations as given to the user."""

    class Role(models.TextChoices):
        USER = "user", _("question")
        ASSISTANT = "assistant", _("answer")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages",
                                     verbose_name=_("conversation"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    confident = models.BooleanField(_("confident"), default=False)
    citations = models.JSONField(_("citations"), default=list, blank=True)
    mode = models.CharField(_("mode"), max_length=16, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.role}: {self.text[:40]}"


class Feedback(TimeStampedModel):
    """A thumbs up or down on an answer, visible to staff."""

    class Value(models.IntegerChoices):
        UP = 1, _("helpful")
        DOWN = -1, _("not helpful")

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("answer"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user"))
    value = models.SmallIntegerField(_("value"), choices=Value.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.value:+d} on {self.message_id}"
