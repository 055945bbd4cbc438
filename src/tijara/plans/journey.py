"""The artisan's export to-do for one product: the six steps, their derived statuses, and the choices saved.

State lives in `plans.Journey` (one row per product); statuses are derived here, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tijara.accounts.selectors import can_read, can_write
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.plans.models import Journey

STEPS = ("product", "code", "markets", "price", "plan", "sell")
STEP_NAMES = {
    "product": gettext_lazy("Describe the product"),
    "code": gettext_lazy("Customs code"),
    "markets": gettext_lazy("Markets"),
    "price": gettext_lazy("Price"),
    "plan": gettext_lazy("Export plan and documents"),
    "sell": gettext_lazy("Sell online"),
}
STATUS_WORDS = {
    "done": gettext_lazy("Done"),
    "progress": gettext_lazy("In progress"),
    "attention": gettext_lazy("Needs attention"),
    "todo": gettext_lazy("Not started"),
    "blocked": gettext_lazy("Can't start yet"),
}
MAX_COMPARED = 3
JOURNEY_CHANNELS = ("etsy", "amazon-handmade", "shopify", "ebay", "direct")


@dataclass
class Task:
    key: str
    number: int
    name: str
    hint: str
    status: str
    url: str
    reason: str = ""

    @property
    def status_word(self) -> str:
        return str(STATUS_WORDS[self.status])

    @property
    def link(self) -> bool:
        return self.status != "blocked"


def product_for_journey(*, user, pk: int, write: bool = False):
    """The product if the user may read it (write: a member); NotFound otherwise (outsiders learn nothing)."""
    from tijara.catalog.models import Product

    product = (Product.objects.select_related("organisation", "craft_family").prefetch_related("photos", "texts",
                                                                                               "variants")
               .filter(pk=pk).first())
    if product is None or not user.is_authenticated or not can_read(user=user, organisation=product.organisation):
        raise NotFound("not_found", _("No such product."))
    if write and not can_write(user=user, organisation=product.organisation):
        raise PermissionDenied("forbidden", _("Only members of the organisation can change its export steps."))
    return product


def journey_for(*, product) -> Journey:
    """The product's journey row (an unsaved empty one if none was started)."""
    return Journey.objects.filter(product=product).first() or Journey(product=product)


def _iso3(value: str) -> str:
    from tijara.markets.selectors import country_get

    code = (value or "").strip().upper()
    if len(code) != 3 or country_get(code) is None:
        raise TijaraError("unknown_market", _("Choose a country from the list."), field="market")
    return code


def journey_set(*, actor, product, hs_code: str | None = None, markets: list[str] | None = None,
                market: str | None = None, channel: str | None = None, freight_mad=None, plan=None) -> Journey:
    """Save the choices made on one step (members only); later choices stay unless they no longer fit."""
    if not can_write(user=actor, organisation=product.organisation):
        raise PermissionDenied("forbidden", _("Only members of the organisation can change its export steps."))
    journey = journey_for(product=product)
    if hs_code is not None:
        digits = "".join(ch for ch in hs_code if ch.isdigit())
        if len(digits) < 6:
            raise TijaraError("invalid_hs", _("Choose a customs code from the list."), field="hs")
        if digits[:6] != (journey.hs_code or "")[:6]:
            journey.markets, journey.market, journey.plan = [], "", None
        journey.hs_code = digits[:6]
    if markets is not None:
        codes = []
        for code in markets:
            iso3 = _iso3(code)
            if iso3 not in codes:
                codes.append(iso3)
        if len(codes) > MAX_COMPARED:
            raise TijaraError("too_many", _("Compare at most three markets."), field="market")
        journey.markets = codes
    if market is not None:
        journey.market = _iso3(market)
        if journey.market not in journey.markets:
            journey.markets = [journey.market, *journey.markets][:MAX_COMPARED]
    if channel is not None:
        if channel not in JOURNEY_CHANNELS:
            raise TijaraError("invalid_channel", _("Choose a sales channel from the list."), field="channel")
        journey.channel = channel
    if freight_mad is not None:
        try:
            value = Decimal(str(freight_mad).replace(",", "."))
        except InvalidOperation:
            value = Decimal(0)
        if not value.is_finite() or value <= 0:
            raise TijaraError("invalid_number", _("Enter the freight quote in dirhams, for example 250."),
                              field="freight")
        journey.freight_mad = value
    if plan is not None:
        journey.plan = plan
    journey.save()
    return journey


def product_title(product, language: str) -> str:
    """The product's title in the language (or the closest one written), else its reference."""
    from tijara.catalog.selectors import product_text

    text, _served = product_text(product, language)
    return text.title if text and text.title else product.sku


def product_description(product, language: str) -> str:
    from tijara.catalog.selectors import product_text

    text, _served = product_text(product, language)
    return f"{text.title}. {text.description}".strip() if text else ""


def confirmed_code(product, journey: Journey) -> str:
    return journey.hs_code or "".join(ch for ch in (product.hs_code or "") if ch.isdigit())[:6]


def export_tasks_for(*, product, journey: Journey | None = None) -> list[Task]:
    """The six steps of the product's export to-do, in order, with a status derived from what is saved."""
    journey = journey or journey_for(product=product)
    pk = product.pk
    code = confirmed_code(product, journey)
    has_text = product.texts.exists() if hasattr(product, "texts") else True
    tasks: list[Task] = []

    def add(key, status, hint, reason=""):
        tasks.append(Task(key=key, number=len(tasks) + 1, name=str(STEP_NAMES[key]), hint=hint, status=status,
                          url=reverse(f"plans:journey_{key}", args=[pk]), reason=reason))

    add("product", "done" if has_text else "progress", _("Title, description, photo, price and weight."))
    add("code", "done" if journey.hs_code else ("progress" if code else "todo"),
        _("The code customs abroad will use for your product."))
    if not code:
        add("markets", "blocked", _("Where your product sells best."), _("Confirm the customs code first."))
    else:
        add("markets", "done" if journey.market else ("progress" if journey.markets else "todo"),
            _("Where your product sells best."))
    if not journey.market:
        add("price", "blocked", _("What the buyer pays once it arrives."), _("Choose a market first."))
    else:
        add("price", "done" if journey.channel and journey.freight_mad else "todo",
            _("What the buyer pays once it arrives."))
    if not (journey.market and journey.channel and journey.freight_mad):
        add("plan", "blocked", _("One page to print or share, with the documents."), _("Price it first."))
    elif journey.plan_id and (journey.plan.market != journey.market or journey.plan.hs_code[:6] != code[:6]):
        add("plan", "attention", _("One page to print or share, with the documents."),
            _("The market or the code changed since the plan was saved: save it again."))
    else:
        add("plan", "done" if journey.plan_id else "todo", _("One page to print or share, with the documents."))
    add("sell", "todo" if journey.plan_id else "blocked", _("List the product on online shops."),
        "" if journey.plan_id else _("Save the export plan first."))
    return tasks


def next_task(tasks: list[Task]) -> Task | None:
    """The first step that is neither done nor blocked."""
    return next((t for t in tasks if t.status in ("todo", "progress", "attention")), None)
