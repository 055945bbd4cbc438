"""Writes of plans: create and recompute (through compose.plan_compose), share with an advisor, comment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from tijara.accounts.models import Organisation, User
from tijara.accounts.selectors import can_write, role_in
from tijara.core.errors import PermissionDenied, TijaraError
from tijara.plans.compose import PlanRequest, plan_compose
from tijara.plans.models import ExportPlan, PlanComment, PlanShare

DECIMAL_PARAMETERS = ("exw_mad", "weight_kg", "freight")


def _decimal(value, name: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise TijaraError("invalid_number", _("%(name)s must be a number, not “%(value)s”.")
                          % {"name": name, "value": value}, field=name) from None
    if not number.is_finite() or number <= 0:
        raise TijaraError("invalid_number", _("%(name)s must be a positive number.") % {"name": name}, field=name)
    return number


def ship_date_parse(value) -> date | None:
    """A ship date from 'YYYY-MM-DD' (or a date); TijaraError when malformed."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    parsed = parse_date(str(value))
    if parsed is None:
        raise TijaraError("invalid_date", _("Ship date must be written YYYY-MM-DD, not “%(value)s”.") % {"value": value},
                          field="ship_date")
    return parsed


def plan_request(*, market: str, language: str = "en", text: str = "", product=None, hs: str = "",
                 channel: str = "direct", ship_date=None, parameters: dict | None = None) -> PlanRequest:
    """Validate and assemble a PlanRequest from user input."""
    parameters = parameters or {}
    return PlanRequest(
        market=market, language=language, text=(text or "").strip()[:5000], product=product, hs=(hs or "").strip(),
        channel=(channel or "direct").strip().lower(), ship_date=ship_date_parse(ship_date),
        exw_mad=_decimal(parameters.get("exw_mad"), "exw_mad"), weight_kg=_decimal(parameters.get("weight_kg"), "weight_kg"),
        dims_cm=str(parameters.get("dims_cm") or ""), incoterm=str(parameters.get("incoterm") or "DAP").upper(),
        freight=_decimal(parameters.get("freight"), "freight"), rate_card=str(parameters.get("rate_card") or ""),
    )


def _parameters_json(parameters: dict | None) -> dict:
    return {k: str(v) for k, v in (parameters or {}).items() if v not in (None, "")}


def plan_create(*, actor: User, organisation: Organisation, market: str, language: str = "en", text: str = "",
                product=None, hs: str = "", channel: str = "direct", ship_date=None,
                parameters: dict | None = None) -> ExportPlan:
    """Compute a plan and save it for the organisation (members only)."""
    if not can_write(user=actor, organisation=organisation):
        raise PermissionDenied("forbidden", _("Only members of the organisation can create its plans."))
    if product is not None and product.organisation_id != organisation.pk:
        raise TijaraError("not_found", _("No such product in your catalog."), status=404)
    request = plan_request(market=market, language=language, text=text, product=product, hs=hs, channel=channel,
                           ship_date=ship_date, parameters=parameters)
    result = plan_compose(request).as_dict()
    return ExportPlan.objects.create(
        organisation=organisation, product=product, description=request.text, hs_code=request.hs,
        market=request.market, language=request.language, channel=request.channel, ship_date=request.ship_date,
        parameters=_parameters_json(parameters), result=result, computed_at=timezone.now(), created_by=actor,
    )


def plan_recompute(*, actor: User, plan: ExportPlan, language: str | None = None) -> ExportPlan:
    """Recompute every section with today's data (members only)."""
    if not can_write(user=actor, organisation=plan.organisation):
        raise PermissionDenied("forbidden", _("Only members of the organisation can recompute its plans."))
    request = plan_request(market=plan.market, language=language or plan.language, text=plan.description,
                           product=plan.product, hs=plan.hs_code, channel=plan.channel, ship_date=plan.ship_date,
                           parameters=plan.parameters)
    plan.result = plan_compose(request).as_dict()
    plan.language = request.language
    plan.computed_at = timezone.now()
    plan.save(update_fields=["result", "language", "computed_at", "updated_at"])
    return plan


def plan_share(*, actor: User, plan: ExportPlan, advisor_email: str) -> PlanShare:
    """Share a plan with an advisor (read and comment); owners and managers only."""
    if role_in(user=actor, organisation=plan.organisation) not in ("owner", "manager"):
        raise PermissionDenied("forbidden", _("Only an owner or a manager can share a plan."))
    advisor = User.objects.filter(email__iexact=(advisor_email or "").strip(), staff_role=User.StaffRole.ADVISOR).first()
    if advisor is None:
        raise TijaraError("not_advisor", _("No advisor has this email address."), field="advisor_email")
    share, _created = PlanShare.objects.get_or_create(plan=plan, advisor=advisor, defaults={"shared_by": actor})
    return share


def plan_comment(*, actor: User, plan: ExportPlan, text: str) -> PlanComment:
    """Add a comment (members, shared advisors, advisors of the region)."""
    from tijara.plans.selectors import can_comment

    text = (text or "").strip()
    if not text or len(text) > 5000:
        raise TijaraError("invalid_comment", _("A comment has 1 to 5000 characters."), field="text")
    if not can_comment(user=actor, plan=plan):
        raise PermissionDenied("forbidden", _("You cannot comment on this plan."))
    return PlanComment.objects.create(plan=plan, author=actor, text=text)


def plan_delete(*, actor: User, plan: ExportPlan) -> None:
    if not can_write(user=actor, organisation=plan.organisation):
        raise PermissionDenied("forbidden", _("Only members of the organisation can delete its plans."))
    with transaction.atomic():
        plan.delete()
