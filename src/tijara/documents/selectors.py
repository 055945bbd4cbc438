"""Reads of shipments, always scoped to what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tijara.accounts.selectors import can_read, can_write
from tijara.core.errors import NotFound
from tijara.documents.models import Shipment


def shipments_for(*, organisation) -> QuerySet[Shipment]:
    """The shipments of an (already authorised) organisation, newest first."""
    return Shipment.objects.filter(organisation=organisation).select_related("organisation")


def shipment_for(*, user, pk: int) -> Shipment:
    """The shipment `pk` if the user may read its organisation; NotFound otherwise (outsiders learn nothing)."""
    shipment = Shipment.objects.select_related("organisation").filter(pk=pk).first()
    if shipment is None or not user.is_authenticated or not can_read(user=user, organisation=shipment.organisation):
        raise NotFound("not_found", _("No such shipment."))
    return shipment


def can_edit(*, user, shipment: Shipment) -> bool:
    """Members of the shipment's organisation may change it (advisors read only)."""
    return can_write(user=user, organisation=shipment.organisation)


def quote_for(*, user, pk: int):
    """A marketplace quote sent by one of the user's organisations (members only), or None."""
    from tijara.marketplace.models import Quote
    from tijara.marketplace.selectors import inquiry_for, inquiry_side

    quote = Quote.objects.select_related("inquiry").filter(pk=pk).first()
    if quote is None:
        return None
    try:
        inquiry = inquiry_for(user=user, pk=quote.inquiry_id)
    except NotFound:
        return None
    if inquiry_side(user=user, inquiry=inquiry) != "maker" or not can_write(user=user, organisation=inquiry.maker):
        return None
    return quote
