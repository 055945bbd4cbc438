"""Reads of plans, scoped to the actor, and the freshness check of a saved plan."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tijara.accounts.selectors import can_read, role_in
from tijara.core.errors import NotFound
from tijara.plans.models import ExportPlan

RECOMPUTE_AFTER_DAYS = 30


def plans_for(*, organisation) -> QuerySet[ExportPlan]:
    return ExportPlan.objects.filter(organisation=organisation).select_related("product")


def plans_shared_with(*, user) -> QuerySet[ExportPlan]:
    return ExportPlan.objects.filter(shares__advisor=user).select_related("organisation", "product")


def can_view(*, user, plan: ExportPlan) -> bool:
    """Members, advisors of the organisation's region, advisors it was shared with, admins."""
    if not user.is_authenticated:
        return False
    return can_read(user=user, organisation=plan.organisation) or plan.shares.filter(advisor=user).exists()


def can_comment(*, user, plan: ExportPlan) -> bool:
    return can_view(user=user, plan=plan)


def can_edit(*, user, plan: ExportPlan) -> bool:
    return role_in(user=user, organisation=plan.organisation) is not None


def plan_for(*, user, pk: int) -> ExportPlan:
    """The plan if the user may see it; NotFound otherwise (outsiders learn nothing)."""
    plan = ExportPlan.objects.select_related("organisation", "product").filter(pk=pk).first()
    if plan is None or not can_view(user=user, plan=plan):
        raise NotFound("not_found", _("No such plan."))
    return plan


def visible_plans(*, user) -> QuerySet[ExportPlan]:
    from tijara.accounts.selectors import organisations_advised_by, organisations_for

    return ExportPlan.objects.filter(
        Q(organisation__in=organisations_for(user=user)) | Q(organisation__in=organisations_advised_by(user=user))
        | Q(shares__advisor=user)
    ).distinct().select_related("organisation", "product")


def plan_warnings(*, plan: ExportPlan, in_words: bool = False) -> list[str]:
    """What has changed or gone stale since the plan was computed: facts re-checked, edited or expired; old plan.

    The API names a fact by its ID; a page or a PDF (`in_words`) by its title in the active language, or a withdrawn
    one by its source."""
    from tijara.knowledge.selectors import fact_get, source_ref

    warnings: list[str] = []
    used = {}
    for section in plan.result.values():
        if isinstance(section, dict):
            for ref in section.get("sources") or []:
                if isinstance(ref, dict) and ref.get("fact_id"):
                    used[ref["fact_id"]] = ref
    for fact_id, saved in sorted(used.items()):
        try:
            current = source_ref(fact_get(fact_id=fact_id))
        except NotFound:
            if in_words:
                warnings.append(_("A rule used by this plan has been withdrawn (source: %(source)s).")
                                % {"source": saved.get("source") or "—"})
            else:
                warnings.append(_("Fact %(id)s used by this plan has been withdrawn.") % {"id": fact_id})
            continue
        changed = str(current.as_of) != str(saved.get("as_of")) or str(current.last_checked) != str(saved.get("last_checked"))
        if in_words and (current.stale or changed):
            title = current.title
            if current.stale:
                warnings.append(_("The rule “%(title)s” is stale (past its validity or not checked for 12 months).")
                                % {"title": title})
            else:
                warnings.append(_("The rule “%(title)s” has changed since this plan was computed.") % {"title": title})
        elif current.stale:
            warnings.append(_("Fact %(id)s is stale (past its validity or not checked for 12 months).") % {"id": fact_id})
        elif changed:
            warnings.append(_("Fact %(id)s has changed since this plan was computed.") % {"id": fact_id})
    if plan.computed_at and plan.computed_at < timezone.now() - timedelta(days=RECOMPUTE_AFTER_DAYS):
        warnings.append(_("This plan was computed more than %(days)d days ago: recompute it.") % {"days": RECOMPUTE_AFTER_DAYS})
    return warnings
