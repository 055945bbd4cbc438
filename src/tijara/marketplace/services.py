"""Writes of the marketplace: the search documents of public products, page views, inquiries, quotes, moderation."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

import pycountry
from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tijara.accounts.models import Membership, Organisation, User
from tijara.accounts.services import audit_record
from tijara.catalog.models import Product
from tijara.catalog.selectors import product_text, public_products
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.core.links import signed_payload
from tijara.marketplace import adapters, documents
from tijara.marketplace.models import (
    INCOTERMS,
    AbuseReport,
    GuestInquiry,
    Inquiry,
    InquiryLine,
    Message,
    ProductView,
    Quote,
    QuoteLine,
    SearchDocument,
)

# ---------------------------------------------------------------------------------------------- search index


def search_index_product(product_id: int) -> bool:
    """Bring one product's search document up to date: written when public, removed otherwise; True if indexed.

    Called by the catalog after any change of a product, its texts, variants or photos (and by the
    `search_index` command); the index file of each process catches up on its next search.
    """
    product = public_products().filter(pk=product_id).first()
    if product is None:
        SearchDocument.objects.filter(product_id=product_id).delete()
        return False
    payload, embedding = documents.document_payload(product)
    SearchDocument.objects.update_or_create(
        product_id=product.pk, defaults={"payload": payload, "embedding": embedding, "updated_at": timezone.now()}
    )
    return True


def search_index_rebuild(*, stdout=None, batch: int = 500) -> int:
    """Rewrite every public product's search document and drop the others; returns the number indexed."""
    public_ids = set(public_products().values_list("pk", flat=True))
    stale = sorted(set(SearchDocument.objects.values_list("product_id", flat=True)) - public_ids)
    for start in range(0, len(stale), 5000):
        SearchDocument.objects.filter(product_id__in=stale[start:start + 5000]).delete()
    ids = sorted(public_ids)
    done = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        products = list(public_products().filter(pk__in=chunk))
        embeddings = documents.embeddings_for(products)
        now = timezone.now()
        rows = [SearchDocument(product_id=product.pk, payload=documents.document_payload(product, with_embedding=False)[0],
                               embedding=embeddings[product.pk], updated_at=now) for product in products]
        with transaction.atomic():
            # Replacing rows is much faster than bulk_update's CASE expressions, and readers never see a gap.
            SearchDocument.objects.filter(product_id__in=chunk).delete()
            SearchDocument.objects.bulk_create(rows)
        done += len(rows)
        if stdout is not None:
            stdout.write(f"search index: {done}/{len(ids)}")
    return done


# ---------------------------------------------------------------------------------------------- page views


def product_view_record(*, product: Product, country: str = "") -> None:
    """Count one view of a public product page for today and the visitor's country."""
    day = timezone.localdate()
    country = (country or "")[:3].upper()
    updated = ProductView.objects.filter(product=product, day=day, country=country).update(views=F("views") + 1)
    if not updated:
        _row, created = ProductView.objects.get_or_create(
            product=product, day=day, country=country,
            defaults={"organisation_id": product.organisation_id, "views": 1},
        )
        if not created:
            ProductView.objects.filter(pk=_row.pk).update(views=F("views") + 1)


# ---------------------------------------------------------------------------------------------- inquiries


def _now():
    return timezone.now()


def _limit(count: int, limit: int, message: str) -> None:
    if count >= limit:
        raise TijaraError("rate_limited", message, status=429)


def _country(code: str) -> str:
    value = (code or "").strip().upper()
    country = pycountry.countries.get(alpha_3=value) if len(value) == 3 else (
        pycountry.countries.get(alpha_2=value) if len(value) == 2 else None)
    if country is None:
        raise TijaraError("invalid", _("“{code}” is not a country code (ISO 3166, e.g. USA or FR).").format(
            code=value[:10]), field="destination_country")
    return country.alpha_3


def _incoterm(code: str, *, required: bool = False) -> str:
    value = (code or "").strip().upper()
    if not value and not required:
        return ""
    if value not in INCOTERMS:
        raise TijaraError("invalid", _("“{code}” is not an Incoterms® 2020 rule; use one of {rules}.").format(
            code=value[:10], rules=", ".join(INCOTERMS)), field="incoterm")
    return value


def _currency(code: str) -> str:
    value = (code or "").strip().upper()
    if len(value) != 3 or not value.isalpha() or pycountry.currencies.get(alpha_3=value) is None:
        raise TijaraError("invalid", _("“{code}” is not a currency code (ISO 4217, e.g. EUR).").format(
            code=value[:10]), field="currency")
    return value


def _decimal(value, *, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0 or number > Decimal("9999999999"):
        raise TijaraError("invalid", _("“{value}” is not a valid amount.").format(value=str(value)[:20]), field=field)
    return number.quantize(Decimal("0.01"))


def line_quantity(value, *, field: str = "quantity") -> int:
    """A line's quantity as a whole number from 1 to 10 million, or TijaraError naming the field (forms check it too)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 10_000_000:
        raise TijaraError("invalid", _("A quantity is a whole number of at least 1."), field=field)
    return number


def _is_member(user: User, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def _maker_recipients(inquiry: Inquiry) -> list[User]:
    return [m.user for m in Membership.objects.filter(organisation=inquiry.maker).select_related("user")
            if m.user.is_active]


def _notify(inquiry: Inquiry, recipients: list[User], template: str, **extra) -> None:
    """One email per recipient, written in the recipient's preferred language (sent after commit)."""
    url = settings.SITE_URL + reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk})

    def send():
        for user in recipients:
            language = user.preferred_language or "fr"
            with translation.override(language):
                context = {"inquiry": inquiry, "user": user, "url": url, **extra,
                           **_email_rows(inquiry, language, template, extra)}
                subject = render_to_string(f"marketplace/email/{template}_subject.txt", context).strip()
                body = render_to_string(f"marketplace/email/{template}.txt", context)
            send_mail(subject, body, None, [user.email], fail_silently=False)

    transaction.on_commit(send)


def _email_rows(inquiry: Inquiry, language: str, template: str, extra: dict) -> dict:
    """The lines an e-mail lists, for a reader of `language`: the inquiry's product titles (`lines`, in the new
    inquiry's e-mail) and the sent quote's descriptions (`quote_rows`), each with the language it is written in, so
    the e-mail says when a text is left in another language, as the inquiry page does."""
    from tijara.marketplace.selectors import inquiry_line_title, line_text_language

    rows = {}
    if template == "inquiry_new":
        rows["lines"] = [{"line": line, **inquiry_line_title(line, language)}
                         for line in inquiry.lines.select_related("product").prefetch_related("product__texts")]
    quote = extra.get("quote")
    if quote is not None:
        rows["quote_rows"] = [{"line": line, "language": line_text_language(line.description, line.product)}
                              for line in quote.lines.select_related("product").prefetch_related("product__texts")]
    return rows


def _inquiry_checked(*, lines: list[dict], destination_country: str, message: str, incoterm: str = "",
                     deadline: date | None = None, currency: str = "EUR") -> dict:
    """Validate an inquiry's fields and lines (public products of one maker); the cleaned values."""
    message = (message or "").strip()
    if not message:
        raise TijaraError("invalid", _("Write a message to the maker."), field="message")
    if len(message) > 5000:
        raise TijaraError("invalid", _("The message is too long: at most 5,000 characters."), field="message")
    if not lines:
        raise TijaraError("invalid", _("Choose at least one product."), field="lines")
    if len(lines) > 50:
        raise TijaraError("invalid", _("At most 50 products per inquiry."), field="lines")
    if deadline is not None and deadline < timezone.localdate():
        raise TijaraError("invalid", _("The deadline is already past."), field="deadline")
    country = _country(destination_country)
    rule = _incoterm(incoterm)
    currency = _currency(currency)
    ids = []
    for line in lines:
        try:
            ids.append(int(line.get("product_id")))
        except (TypeError, ValueError):
            raise TijaraError("invalid", _("Unknown product."), field="lines") from None
    products = {p.pk: p for p in public_products().filter(pk__in=ids)}
    if len(products) != len(set(ids)):
        raise TijaraError("not_found", _("One of the products is not in the public catalog."), field="lines",
                          status=404)
    makers = {p.organisation_id for p in products.values()}
    if len(makers) != 1:
        raise TijaraError("invalid", _("An inquiry goes to one maker: send one inquiry per maker."), field="lines")
    if len(set(ids)) != len(ids):
        raise TijaraError("invalid", _("A product is listed twice."), field="lines")
    checked_lines = [{"product": products[int(line["product_id"])], "quantity": line_quantity(line.get("quantity")),
                      "target_unit_price": _decimal(line.get("target_unit_price"), field="target_unit_price")}
                     for line in lines]
    return {"maker": next(iter(products.values())).organisation, "destination_country": country, "incoterm": rule,
            "deadline": deadline, "currency": currency, "message": message, "lines": checked_lines}


def _inquiry_write(*, buyer: User, checked: dict, ip: str | None) -> Inquiry:
    """Store a checked inquiry of `buyer` and email the maker's members."""
    maker = checked["maker"]
    if _is_member(buyer, maker):
        raise TijaraError("invalid", _("You cannot send an inquiry to your own organisation."), field="lines")
    buyer_organisation = Organisation.objects.filter(memberships__user=buyer, kind=Organisation.Kind.BUYER).first()
    inquiry = Inquiry.objects.create(
        buyer=buyer, buyer_organisation=buyer_organisation, maker=maker,
        destination_country=checked["destination_country"], incoterm=checked["incoterm"],
        deadline=checked["deadline"], currency=checked["currency"], message=checked["message"], ip=ip,
    )
    for line in checked["lines"]:
        product = line["product"]
        text, _served = product_text(product, buyer.preferred_language)
        InquiryLine.objects.create(
            inquiry=inquiry, product=product, sku=product.sku, title=(text.title if text else product.sku)[:200],
            quantity=line["quantity"], target_unit_price=line["target_unit_price"],
        )
    _notify(inquiry, _maker_recipients(inquiry), "inquiry_new")
    return inquiry


@transaction.atomic
def inquiry_create(*, buyer: User, lines: list[dict], destination_country: str, message: str,
                   incoterm: str = "", deadline: date | None = None, currency: str = "EUR",
                   ip: str | None = None, honeypot: str = "") -> Inquiry:
    """Send a request for quotation to the maker of the listed public products (one maker per inquiry)."""
    if honeypot:
        raise TijaraError("spam", _("This request looks automated and was not sent."))
    if not buyer.is_authenticated or not buyer.is_active:
        raise PermissionDenied("forbidden", _("Sign in to send an inquiry."))
    if not buyer.is_email_verified:
        raise PermissionDenied("email_unverified", _("Confirm your email address before sending an inquiry."))
    since = _now() - timedelta(hours=1)
    _limit(Inquiry.objects.filter(buyer=buyer, created_at__gte=since).count(), settings.TIJARA_INQUIRIES_PER_HOUR,
           _("You have sent many inquiries in the last hour; please wait before sending another."))
    if ip:
        _limit(_ip_inquiries_since(ip, since), settings.TIJARA_INQUIRIES_PER_IP_PER_HOUR,
               _("Many inquiries came from your network in the last hour; please wait before sending another."))
    checked = _inquiry_checked(lines=lines, destination_country=destination_country, message=message,
                               incoterm=incoterm, deadline=deadline, currency=currency)
    return _inquiry_write(buyer=buyer, checked=checked, ip=ip)


def _ip_inquiries_since(ip: str, since) -> int:
    """Inquiries sent from `ip` since then, signed-in or guest (a confirmed guest one counts once)."""
    return (Inquiry.objects.filter(ip=ip, created_at__gte=since).count()
            + GuestInquiry.objects.filter(ip=ip, created_at__gte=since, inquiry__isnull=True).count())


# ---------------------------------------------------------------------------------------------- guest inquiries

GUEST_SALT = "tijara.marketplace.guest-inquiry"
GUEST_MAX_AGE = 48 * 3600  # the confirmation link's lifetime; unconfirmed guest inquiries are deleted after it


def guest_inquiry_token(guest: GuestInquiry) -> str:
    return signing.dumps({"g": guest.pk, "e": guest.email}, salt=GUEST_SALT)


@transaction.atomic
def guest_inquiry_create(*, name: str, email: str, lines: list[dict], destination_country: str, message: str,
                         language: str = "fr", ip: str | None = None, honeypot: str = "") -> GuestInquiry:
    """Hold a visitor's request for quotation and e-mail them a signed, expiring confirmation link.

    Nothing reaches the maker before the link is followed (`guest_inquiry_confirm`). Same anti-spam as
    signed-in buyers: honeypot, per-address and per-network hourly limits.
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from tijara.core.unicode import strip_bidi_controls

    if honeypot:
        raise TijaraError("spam", _("This request looks automated and was not sent."))
    name = " ".join(strip_bidi_controls(name or "").split())[:150]
    if not name:
        raise TijaraError("invalid", _("Tell the maker your name."), field="name")
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise TijaraError("invalid", _("Enter a valid e-mail address."), field="email") from None
    since = _now() - timedelta(hours=1)
    _limit(GuestInquiry.objects.filter(email=email, created_at__gte=since).count()
           + Inquiry.objects.filter(buyer__email__iexact=email, created_at__gte=since).count(),
           settings.TIJARA_INQUIRIES_PER_HOUR,
           _("Many inquiries were sent with this e-mail address in the last hour; please wait before sending another."))
    if ip:
        _limit(_ip_inquiries_since(ip, since), settings.TIJARA_INQUIRIES_PER_IP_PER_HOUR,
               _("Many inquiries came from your network in the last hour; please wait before sending another."))
    checked = _inquiry_checked(lines=lines, destination_country=destination_country, message=message)
    guest_inquiries_expire()  # also run from a timer (`tijara guest_inquiries_expire`); cheap when nothing is due
    guest = GuestInquiry.objects.create(
        name=name, email=email, maker=checked["maker"], destination_country=checked["destination_country"],
        message=checked["message"], language=(language or "fr")[:8], ip=ip,
        lines=[{"product_id": line["product"].pk, "quantity": line["quantity"]} for line in checked["lines"]],
    )
    url = (settings.SITE_URL + reverse("marketplace:guest_confirm", kwargs={"token": guest_inquiry_token(guest)})
           + f"?lang={guest.language}")  # the confirmation page opens in the language the guest wrote in
    with translation.override(guest.language or "fr"):
        subject = _("Confirm your quote request on Tijara")
        body = render_to_string("marketplace/email/guest_confirm.txt", {
            "guest": guest, "url": url, "hours": GUEST_MAX_AGE // 3600})
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    return guest


def _guest_from_token(token: str, *, lock: bool = True) -> GuestInquiry:
    data = signed_payload(
        token, salt=GUEST_SALT, max_age=GUEST_MAX_AGE,
        expired=_("This confirmation link has expired and the request was not sent. Please send it again."),
        invalid=_("This confirmation link is not valid."))
    rows = GuestInquiry.objects.select_for_update() if lock else GuestInquiry.objects
    guest = rows.select_related("maker").filter(pk=data.get("g"), email=data.get("e")).first()
    if guest is None:
        raise TijaraError("token_invalid", _("This confirmation link is not valid."))
    return guest


def guest_inquiry_read(*, token: str) -> GuestInquiry:
    """The guest's inquiry behind a confirmation link, changing nothing (the link's page shows it with a button that
    confirms: mail scanners open links, so only the guest's POST delivers it); TijaraError when expired or tampered."""
    return _guest_from_token(token, lock=False)


@transaction.atomic
def guest_inquiry_confirm(*, token: str) -> GuestInquiry:
    """Deliver a guest's inquiry to the maker from the signed link (idempotent; the link's page POSTs here).

    The inquiry belongs to the account of that address: the existing one, or a new buyer account with an
    unusable password (its address now confirmed); the guest gets an e-mail with a link to follow the thread
    (set a password through the password-reset flow, or sign in). The page never says which case it was.
    """
    guest = _guest_from_token(token)
    if guest.inquiry_id is not None or guest.confirmed_at is not None:
        return guest
    user = User.objects.filter(email__iexact=guest.email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email=guest.email, password=None, full_name=guest.name,
                                        preferred_language=guest.language or "fr", email_verified_at=_now())
    elif not user.is_active:
        raise TijaraError("token_invalid", _("This confirmation link is not valid."))
    elif user.email_verified_at is None:
        user.email_verified_at = _now()
        user.save(update_fields=["email_verified_at"])
    checked = _inquiry_checked(lines=guest.lines, destination_country=guest.destination_country,
                               message=guest.message)
    inquiry = _inquiry_write(buyer=user, checked=checked, ip=guest.ip)
    guest.confirmed_at = _now()
    guest.inquiry = inquiry
    guest.save(update_fields=["confirmed_at", "inquiry", "updated_at"])
    audit_record(actor=user, action="inquiry.guest_confirmed", organisation=inquiry.maker,
                 detail={"inquiry": inquiry.pk, "account_created": created}, ip=guest.ip)
    _guest_follow_send(guest=guest, user=user, inquiry=inquiry, created=created)
    return guest


def _guest_follow_send(*, guest: GuestInquiry, user: User, inquiry: Inquiry, created: bool) -> None:
    """E-mail the guest how to follow the thread: set a password (new account) or sign in (existing one)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    base = settings.SITE_URL.rstrip("/")
    thread_url = base + reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk})
    set_password_url = ""
    if created or not user.has_usable_password():
        set_password_url = base + reverse("accounts:password_reset_confirm", kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)})
    with translation.override(user.preferred_language or guest.language or "fr"):
        subject = _("Your quote request {ref} was sent to {maker}").format(
            ref=inquiry.reference, maker=inquiry.maker.public_name)
        body = render_to_string("marketplace/email/guest_follow.txt", {
            "guest": guest, "inquiry": inquiry, "thread_url": thread_url, "set_password_url": set_password_url,
            "login_url": base + reverse("accounts:login") + "?next=" + reverse(
                "marketplace:inquiry", kwargs={"pk": inquiry.pk})})
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))


def guest_inquiries_expire(*, now=None) -> int:
    """Delete unconfirmed guest inquiries whose link has expired; returns how many."""
    limit = (now or _now()) - timedelta(seconds=GUEST_MAX_AGE)
    deleted, _detail = GuestInquiry.objects.filter(inquiry__isnull=True, created_at__lt=limit).delete()
    return deleted


def _participant_side(actor: User, inquiry: Inquiry) -> str:
    if actor.pk == inquiry.buyer_id:
        return "buyer"
    if _is_member(actor, inquiry.maker):
        return "maker"
    raise NotFound("not_found", _("No such inquiry."))


@transaction.atomic
def inquiry_message_post(*, actor: User, inquiry: Inquiry, body: str) -> Message:
    """Add a message to the thread (buyer or a member of the maker) and email the other side."""
    side = _participant_side(actor, inquiry)
    if inquiry.hidden_at:
        raise TijaraError("hidden", _("This inquiry was hidden by moderation."), status=409)
    body = (body or "").strip()
    if not body:
        raise TijaraError("invalid", _("The message is empty."), field="body")
    if len(body) > 5000:
        raise TijaraError("invalid", _("The message is too long: at most 5,000 characters."), field="body")
    since = _now() - timedelta(hours=1)
    _limit(Message.objects.filter(author=actor, created_at__gte=since).count(), settings.TIJARA_MESSAGES_PER_HOUR,
           _("You have posted many messages in the last hour; please wait a little."))
    message = Message.objects.create(inquiry=inquiry, author=actor, from_maker=side == "maker", body=body)
    if side == "maker":
        _mark_answered(inquiry)
        _notify(inquiry, [inquiry.buyer], "message_new", message=message)
    else:
        _notify(inquiry, _maker_recipients(inquiry), "message_new", message=message)
    return message


def _mark_answered(inquiry: Inquiry) -> None:
    fields = ["updated_at"]
    if inquiry.first_response_at is None:
        inquiry.first_response_at = _now()
        fields.append("first_response_at")
    if inquiry.status == Inquiry.Status.OPEN:
        inquiry.status = Inquiry.Status.ANSWERED
        fields.append("status")
    inquiry.save(update_fields=fields)


@transaction.atomic
def quote_create(*, actor: User, inquiry: Inquiry, lines: list[dict], incoterm: str, valid_until: date,
                 currency: str = "", note: str = "") -> Quote:
    """A maker's priced quote: unit prices in MAD converted to the quote currency at Pricing's dated rate."""
    if _participant_side(actor, inquiry) != "maker":
        raise PermissionDenied("forbidden", _("Only the maker can send a quote."))
    if inquiry.hidden_at:
        raise TijaraError("hidden", _("This inquiry was hidden by moderation."), status=409)
    if inquiry.status in (Inquiry.Status.WON, Inquiry.Status.LOST):
        raise TijaraError("closed", _("This inquiry is closed."), status=409)
    rule = _incoterm(incoterm, required=True)
    currency = _currency(currency or inquiry.currency)
    if valid_until is None or valid_until < timezone.localdate():
        raise TijaraError("invalid", _("A quote must be valid until today or later."), field="valid_until")
    if not lines:
        raise TijaraError("invalid", _("A quote needs at least one line."), field="lines")
    if len(note or "") > 5000:
        raise TijaraError("invalid", _("The note is too long: at most 5,000 characters."), field="note")
    conversion = adapters.convert_from_mad(Decimal(1), currency)
    if conversion is None:
        raise TijaraError("no_rate", _("No exchange rate between MAD and {currency} is known: quote in MAD or in a "
                                       "currency with a rate.").format(currency=currency), field="currency")
    known = {line.pk: line for line in inquiry.lines.all()}
    prepared = []
    for number, line in enumerate(lines, 1):
        unit_mad = _decimal(line.get("unit_price_mad"), field=f"lines.{number}.unit_price_mad")
        if unit_mad is None:
            raise TijaraError("invalid", _("Line {n} has no unit price.").format(n=number), field="lines")
        quantity = line_quantity(line.get("quantity"), field=f"lines.{number}.quantity")
        source = known.get(int(line["inquiry_line_id"])) if str(line.get("inquiry_line_id") or "").isdigit() else None
        description = str(line.get("description") or (f"{source.sku} — {source.title}" if source else "")).strip()
        if not description:
            raise TijaraError("invalid", _("Line {n} has no description.").format(n=number), field="lines")
        converted = adapters.convert_from_mad(unit_mad, currency)
        unit_price = converted.amount.quantize(Decimal("0.01"))
        prepared.append((source, description[:250], quantity, unit_mad, unit_price))
    total = sum((unit_price * quantity for *_x, quantity, _m, unit_price in prepared), Decimal(0))
    total_mad = sum((unit_mad * quantity for *_x, quantity, unit_mad, _p in prepared), Decimal(0))
    quote = Quote.objects.create(
        inquiry=inquiry, created_by=actor, currency=currency, incoterm=rule, valid_until=valid_until,
        note=(note or "").strip(), total=total, total_mad=total_mad, rate=conversion.rate,
        rate_date=_parse_date(conversion.rate_date), rate_source=conversion.source[:300],
    )
    QuoteLine.objects.bulk_create([
        QuoteLine(quote=quote, product=source.product if source else None, description=description,
                  quantity=quantity, unit_price_mad=unit_mad, unit_price=unit_price,
                  line_total=unit_price * quantity)
        for source, description, quantity, unit_mad, unit_price in prepared
    ])
    _mark_answered(inquiry)
    Inquiry.objects.filter(pk=inquiry.pk).update(status=Inquiry.Status.QUOTED)
    inquiry.status = Inquiry.Status.QUOTED
    _notify(inquiry, [inquiry.buyer], "quote_new", quote=quote)
    return quote


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


@transaction.atomic
def inquiry_close(*, actor: User, inquiry: Inquiry, outcome: str) -> Inquiry:
    """The maker marks the inquiry won or lost."""
    if _participant_side(actor, inquiry) != "maker":
        raise PermissionDenied("forbidden", _("Only the maker can close an inquiry."))
    if outcome not in (Inquiry.Status.WON, Inquiry.Status.LOST):
        raise TijaraError("invalid", _("An inquiry is closed as won or lost."), field="outcome")
    inquiry.status = outcome
    inquiry.closed_at = _now()
    inquiry.save(update_fields=["status", "closed_at", "updated_at"])
    return inquiry


@transaction.atomic
def abuse_report(*, actor: User, inquiry: Inquiry, reason: str) -> AbuseReport:
    """A participant reports the inquiry (spam, abuse) to the moderators."""
    _participant_side(actor, inquiry)
    reason = (reason or "").strip()
    if not reason:
        raise TijaraError("invalid", _("Say briefly what is wrong."), field="reason")
    report = AbuseReport.objects.create(inquiry=inquiry, reporter=actor, reason=reason[:2000])
    staff = list(User.objects.filter(is_active=True, staff_role=User.StaffRole.ADMIN))
    if staff:
        _notify(inquiry, staff, "abuse_report", report=report)
    return report


@transaction.atomic
def abuse_resolve(*, actor: User, report: AbuseReport, hide: bool) -> AbuseReport:
    """A platform admin dismisses a report or hides the inquiry from the maker."""
    if not actor.is_platform_admin:
        raise PermissionDenied("forbidden", _("Only platform administrators moderate inquiries."))
    report.outcome = AbuseReport.Outcome.HIDDEN if hide else AbuseReport.Outcome.DISMISSED
    report.resolved_at = _now()
    report.resolved_by = actor
    report.save(update_fields=["outcome", "resolved_at", "resolved_by", "updated_at"])
    if hide:
        Inquiry.objects.filter(pk=report.inquiry_id).update(hidden_at=_now(), hidden_by=actor)
    audit_record(actor=actor, action="marketplace.abuse_resolve", organisation=report.inquiry.maker,
                 detail={"report": report.pk, "inquiry": report.inquiry_id, "outcome": report.outcome})
    return report


# ---------------------------------------------------------------------------------------------- catching up


def search_index_changed(*, since) -> int:
    """Re-index every product whose row, texts, variants, photos or organisation changed since `since`."""
    from tijara.catalog.models import Photo, ProductText, Variant

    changed = set(Product.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
    for model in (ProductText, Variant, Photo):
        changed |= set(model.objects.filter(updated_at__gte=since).values_list("product_id", flat=True))
    organisations = Organisation.objects.filter(updated_at__gte=since).values("pk")
    changed |= set(Product.objects.filter(organisation__in=organisations).values_list("pk", flat=True)[:50_000])
    for product_id in sorted(changed):
        search_index_product(product_id)
    return len(changed)
