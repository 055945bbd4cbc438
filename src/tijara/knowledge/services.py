"""Writes of the knowledge base: the review workflow (advisor proposes, admin publishes) and checklist ticks."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tijara.accounts.selectors import organisation_for
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.knowledge import scope
from tijara.knowledge.models import LANGUAGES, ChecklistTick, Fact, FactRevision
from tijara.knowledge.selectors import checklist_for_subject

TEXT_FIELDS = [f"{kind}_{lang}" for kind in ("title", "text") for lang in LANGUAGES]


# The translation note of a fact edited on the platform: the record, in English; pages show it translated.
EDITED_NOTE = "edited on the platform"


def _require_staff(user, *, admin: bool = False) -> None:
    if not user or not user.is_authenticated:
        raise PermissionDenied("forbidden", _("Log in first."))
    if admin and not user.is_platform_admin:
        raise PermissionDenied("forbidden", _("Only an admin can publish or reject a revision."))
    if not admin and not (user.is_advisor or user.is_platform_admin):
        raise PermissionDenied("forbidden", _("Only advisors and admins can propose changes to facts."))


@transaction.atomic
def revision_propose(*, user, fact_id: str, texts: dict[str, str], note: str = "") -> FactRevision:
    """An advisor (or admin) proposes new titles/texts for a fact; every language must be filled."""
    _require_staff(user)
    fact = Fact.objects.filter(fact_id=fact_id).first()
    if fact is None:
        raise NotFound("not_found", _("No such fact."))
    values = {}
    for name in TEXT_FIELDS:
        value = " ".join((texts.get(name) or "").split())
        if not value:
            raise TijaraError("missing_text", _("Fill the {field} field.").format(field=name), field=name)
        if name.startswith("title_") and len(value) > 300:
            raise TijaraError("too_long", _("A title may have at most 300 characters."), field=name)
        values[name] = value
    if all(getattr(fact, k) == v for k, v in values.items()):
        raise TijaraError("unchanged", _("The proposal is identical to the published text."))
    return FactRevision.objects.create(fact=fact, proposed_by=user, note=note[:2000], **values)


@transaction.atomic
def revision_publish(*, user, revision_id: int) -> Fact:
    """An admin publishes a proposed revision: the fact's texts change and the old ones are kept in the revision."""
    _require_staff(user, admin=True)
    revision = FactRevision.objects.select_for_update().filter(pk=revision_id).select_related("fact").first()
    if revision is None:
        raise NotFound("not_found", _("No such revision."))
    if revision.status != FactRevision.Status.PROPOSED:
        raise TijaraError("not_proposed", _("This revision was already reviewed."))
    fact = revision.fact
    revision.previous = {name: getattr(fact, name) for name in TEXT_FIELDS}
    for name in TEXT_FIELDS:
        setattr(fact, name, getattr(revision, name))
    fact.is_edited = True
    fact.translation_note = EDITED_NOTE
    fact.save(update_fields=[*TEXT_FIELDS, "is_edited", "translation_note", "updated_at"])
    revision.status = FactRevision.Status.PUBLISHED
    revision.reviewed_by = user
    revision.reviewed_at = timezone.now()
    revision.save(update_fields=["previous", "status", "reviewed_by", "reviewed_at", "updated_at"])
    return fact


@transaction.atomic
def revision_reject(*, user, revision_id: int, note: str = "") -> FactRevision:
    """An admin rejects a proposed revision (kept in the history)."""
    _require_staff(user, admin=True)
    revision = FactRevision.objects.select_for_update().filter(pk=revision_id).first()
    if revision is None:
        raise NotFound("not_found", _("No such revision."))
    if revision.status != FactRevision.Status.PROPOSED:
        raise TijaraError("not_proposed", _("This revision was already reviewed."))
    revision.status = FactRevision.Status.REJECTED
    revision.reviewed_by = user
    revision.reviewed_at = timezone.now()
    if note:
        revision.note = f"{revision.note}\n{note}".strip()[:2000]
    revision.save(update_fields=["status", "reviewed_by", "reviewed_at", "note", "updated_at"])
    return revision


@transaction.atomic
def checklist_tick(*, user, organisation_slug: str, subject: str, market: str, item_key: str, done: bool) -> bool:
    """Tick (or untick) a checklist item for a product of the user's organisation; returns the new state."""
    organisation = organisation_for(user=user, slug=organisation_slug, write=True)
    subject = (subject or "").strip()
    if not subject or len(subject) > 80:
        raise TijaraError("bad_subject", _("Name the product (SKU), family:<code> or hs:<code>."), field="subject")
    if not item_key or len(item_key) > 80:
        raise TijaraError("bad_item", _("Unknown checklist item."), field="item_key")
    try:
        code = scope.normalise_market(market)
    except ValueError:
        raise TijaraError("bad_market", _("“{market}” is not a market code.").format(market=market),
                          field="market") from None
    checklist = checklist_for_subject(organisation=organisation, subject=subject, market=code)
    if item_key not in {item.key for item in checklist.items}:
        raise TijaraError("bad_item", _("Unknown checklist item."), field="item_key")
    if done:
        ChecklistTick.objects.get_or_create(organisation=organisation, subject=subject, market=code, item_key=item_key,
                                            defaults={"ticked_by": user})
    else:
        ChecklistTick.objects.filter(organisation=organisation, subject=subject, market=code,
                                     item_key=item_key).delete()
    return done
