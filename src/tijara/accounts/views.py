from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tijara.accounts import selectors, services
from tijara.accounts.forms import (
    BuyerSignupForm,
    InvitationSignupForm,
    LoginForm,
    OrganisationForm,
    SignupForm,
    TeamInviteForm,
    TokenForm,
)
from tijara.accounts.models import Organisation
from tijara.accounts.tasks import email_verification_task, signup_existing_notice_task
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.core.l10n import isolate


def client_ip(request) -> str:
    """The visitor's address (X-Forwarded-For only from a trusted proxy)."""
    from tijara.core.ratelimit import client_ip as proxied_client_ip

    return proxied_client_ip(request)


def _ip_or_none(address: str) -> str | None:
    import ipaddress

    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def signup(request):
    from tijara.core.ratelimit import rate_limited

    buyer = (request.POST.get("as") or request.GET.get("as")) == "buyer"
    form_class = BuyerSignupForm if buyer else SignupForm
    form = form_class(request.POST or None, initial={"preferred_language": translation.get_language()})
    if request.method == "POST" and rate_limited(scope="signup", key=client_ip(request), limit=10, window_seconds=3600):
        form.is_valid()
        form.add_error(None, _("Too many sign-ups from your network. Try again in an hour."))
    elif request.method == "POST" and form.is_valid():
        # Whether the address already has an account is never shown: both cases end on the same page, and the
        # owner of an existing account gets an email instead (so sign-up cannot be used to probe addresses).
        data = form.cleaned_data
        base_url = request.build_absolute_uri("/")
        if services.user_email_taken(email=data["email"]):
            signup_existing_notice_task.enqueue(data["email"], base_url)
            return redirect("accounts:signup_done")
        try:
            with transaction.atomic():
                user = services.user_create(email=data["email"], password=data["password"], full_name=data["full_name"],
                                            preferred_language=data["preferred_language"])
                if buyer:
                    services.organisation_create(owner=user, kind=Organisation.Kind.BUYER,
                                                 public_name=data["company"] or data["full_name"], region="", city="",
                                                 country=data["country"])
                else:
                    services.organisation_create(owner=user, kind=data["kind"], public_name=data["organisation_name"],
                                                 region=data["region"], city=data["city"],
                                                 country=data["country"] or "MAR")
        except TijaraError as exc:
            if exc.code == "email_taken":  # created by a parallel request since the check above
                signup_existing_notice_task.enqueue(data["email"], base_url)
                return redirect("accounts:signup_done")
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            email_verification_task.enqueue(user.pk, base_url)
            return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form, "buyer": buyer})


def signup_done(request):
    return render(request, "accounts/signup_done.html")


def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email, client = form.cleaned_data["email"], client_ip(request)
        # The slot is taken before the password is checked: parallel guesses cannot get more checks than the limit.
        if not services.login_attempt_begin(email=email, client=client):
            form.add_error(None, _("Too many failed attempts. Wait 15 minutes or reset your password."))
        else:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is None:
                services.login_failure_record(email=email, ip=_ip_or_none(client))
                form.add_error(None, _("Wrong email or password."))
            else:
                services.login_attempt_succeeded(email=email, client=client)
                login(request, user)
                next_url = request.GET.get("next", "")
                if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                                                require_https=request.is_secure()):
                    return _in_language(redirect(next_url), user.preferred_language)
                return _in_language(redirect("accounts:dashboard"), user.preferred_language)
    return render(request, "accounts/login.html", {"form": form})


def _in_language(response, language: str):
    """The response with the language cookie set, as Django's set_language view sets it."""
    from django.conf import settings

    if language in dict(settings.LANGUAGES):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                            samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


@require_POST
def language_set(request):
    """The language switcher: Django's set_language, and a signed-in user's choice is kept in their profile."""
    from django.views.i18n import set_language

    response = set_language(request)
    if request.user.is_authenticated:
        try:
            services.preferred_language_set(user=request.user, language=request.POST.get("language", ""))
        except TijaraError:
            pass  # a language the site does not offer: set_language ignored it too
    return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset confirmation, which also lifts the login locks of the account (the lock message says so)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_failures_clear(email=form.user.email)
        return response


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:home")


def verify_email(request, token: str):
    try:
        services.user_verify_email(token=token)
    except TijaraError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your email address is confirmed."))
    return redirect("accounts:dashboard" if request.user.is_authenticated else "accounts:login")


@login_required
@require_POST
def resend_verification(request):
    email_verification_task.enqueue(request.user.pk, request.build_absolute_uri("/"))
    messages.success(request, _("We sent you a new confirmation email."))
    return redirect("accounts:dashboard")


@login_required
def dashboard(request):
    organisation = selectors.current_organisation(request)
    return render(request, "accounts/dashboard.html", {
        "organisation": organisation,
        "organisations": selectors.organisations_for(user=request.user),
        "role": selectors.role_in(user=request.user, organisation=organisation) if organisation else None,
    })


@login_required
@require_POST
def switch_organisation(request):
    slug = request.POST.get("organisation", "")
    if selectors.organisations_for(user=request.user).filter(slug=slug).exists():
        request.session["organisation"] = slug
    return redirect("accounts:dashboard")


def _organisation_or_404(request, slug, **kwargs):
    try:
        return selectors.organisation_for(user=request.user, slug=slug, **kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def organisation_edit(request, slug: str):
    organisation = _organisation_or_404(request, slug)
    if not selectors.can_write(user=request.user, organisation=organisation, manage=True):
        return render(request, "accounts/forbidden.html", status=403)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if "logo" in fields and not fields["logo"]:
            fields["logo"] = ""
        try:
            services.organisation_update(actor=request.user, organisation=organisation, **fields)
        except (TijaraError, ValidationError) as exc:
            form.add_error(None, getattr(exc, "message", str(exc)))
        else:
            messages.success(request, _("Profile saved."))
            return redirect("accounts:organisation_edit", slug=organisation.slug)
    elif request.method == "POST":
        organisation.refresh_from_db()
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": organisation})


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"],
                expires_in_days=form.cleaned_data["expires_in_days"])
        except TijaraError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            form = TokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form, "new_key": new_key, "tokens": request.user.api_tokens.all(),
    })


@login_required
@require_POST
def token_revoke(request, token_id: int):
    try:
        token = services.api_token_revoke(user=request.user, token_id=token_id)
    except TijaraError as exc:
        raise Http404(exc.message) from exc
    if token.last_used_at:
        messages.success(request, _("Token “{name}” revoked. It was last used on {when}.").format(
            name=token.name, when=date_format(timezone.localtime(token.last_used_at), "SHORT_DATETIME_FORMAT")))
    else:
        messages.success(request, _("Token “{name}” revoked. It was never used.").format(name=token.name))
    return redirect("accounts:tokens")


ADVISOR_PAGE_SIZE = 50  # organisations per page of the advisor overview


@login_required
def advisor(request):
    if not (request.user.is_advisor or request.user.is_platform_admin):
        return render(request, "accounts/forbidden.html", status=403)
    organisations = selectors.organisations_advised_by(user=request.user).order_by("region", "public_name", "pk")
    page = Paginator(organisations, ADVISOR_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/advisor.html", {"organisations": page.object_list, "page": page})


@login_required
@require_POST
def organisation_verify(request, slug: str):
    organisation = _organisation_or_404(request, slug)
    try:
        services.organisation_verify(actor=request.user, organisation=organisation,
                                     verified=request.POST.get("verified", "1") == "1")
    except PermissionDenied:
        return render(request, "accounts/forbidden.html", status=403)
    messages.success(request, _("Verification updated."))
    return redirect("accounts:advisor")


@login_required
def organisation_export(request, slug: str):
    from django.http import HttpResponse

    organisation = _organisation_or_404(request, slug)
    try:
        data = services.organisation_export(actor=request.user, organisation=organisation)
    except PermissionDenied:
        return render(request, "accounts/forbidden.html", status=403)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="tijara-{organisation.slug}-export.zip"'
    return response


@login_required
def organisation_delete(request, slug: str):
    organisation = _organisation_or_404(request, slug)
    if selectors.role_in(user=request.user, organisation=organisation) != "owner":
        return render(request, "accounts/forbidden.html", status=403)
    error = None
    if request.method == "POST":
        try:
            services.organisation_delete(actor=request.user, organisation=organisation,
                                         confirm_slug=request.POST.get("confirm_slug", ""))
        except TijaraError as exc:
            error = exc.message
        else:
            if not request.user.__class__.objects.filter(pk=request.user.pk).exists():
                logout(request)
            messages.success(request, _("The organisation and all its data were deleted."))
            return redirect("core:home")
    return render(request, "accounts/organisation_delete.html", {"organisation": organisation, "error": error})


# ---- team ----------------------------------------------------------------------------------------------------------

def _team_context(request, organisation, invite_form=None):
    from tijara.accounts import team

    role = selectors.role_in(user=request.user, organisation=organisation)
    roles = team.roles_assignable(actor_role=role)
    members = list(team.team_members(actor=request.user, organisation=organisation))
    for m in members:
        m.changeable = m.user_id != request.user.pk and team.can_change(actor_role=role, target_role=m.role)
    invitations = list(team.team_invitations(actor=request.user, organisation=organisation)) if roles else []
    for invitation in invitations:
        invitation.changeable = team.can_change(actor_role=role, target_role=invitation.role)
    return {
        "organisation": organisation, "role": role, "members": members, "roles": roles,
        "can_manage": bool(roles), "invitations": invitations,
        "invite_form": invite_form or (TeamInviteForm(roles=roles) if roles else None),
    }


def _member_organisation_or_404(request, slug):
    """The organisation if the user is a member of it (advisors and outsiders get 404: the team is private)."""
    organisation = selectors.organisations_for(user=request.user).filter(slug=slug).first()
    if organisation is None:
        raise Http404(_("No such organisation."))
    return organisation


@login_required
def team(request, slug: str):
    organisation = _member_organisation_or_404(request, slug)
    return render(request, "accounts/team.html", _team_context(request, organisation))


@login_required
@require_POST
def team_invite(request, slug: str):
    from tijara.accounts import team as team_services

    organisation = _member_organisation_or_404(request, slug)
    roles = team_services.roles_assignable(actor_role=selectors.role_in(user=request.user, organisation=organisation))
    if not roles:
        return render(request, "accounts/forbidden.html", status=403)
    form = TeamInviteForm(request.POST, roles=roles)
    if form.is_valid():
        try:
            team_services.team_invite(actor=request.user, organisation=organisation, email=form.cleaned_data["email"],
                                      role=form.cleaned_data["role"], base_url=request.build_absolute_uri("/"),
                                      ip=_ip_or_none(client_ip(request)))
        except TijaraError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            # The same words whether the address has an account or not.
            messages.success(request, _("Invitation sent to {email}. The link is valid for 7 days.").format(
                email=isolate(form.cleaned_data["email"])))
            return redirect("accounts:team", slug=organisation.slug)
    return render(request, "accounts/team.html", _team_context(request, organisation, invite_form=form))


def _team_change(request, slug: str, change):
    organisation = _member_organisation_or_404(request, slug)
    try:
        said = change(organisation)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except PermissionDenied as exc:
        messages.error(request, exc.message)
        return render(request, "accounts/team.html", _team_context(request, organisation), status=403)
    except TijaraError as exc:  # the last owner, an unknown role: said on the page, nothing changed
        messages.error(request, exc.message)
    else:
        messages.success(request, said if isinstance(said, str) else _("Team updated."))
    return redirect("accounts:team", slug=organisation.slug)


@login_required
@require_POST
def team_role(request, slug: str, user_id: int):
    from tijara.accounts import team as team_services

    return _team_change(request, slug, lambda org: team_services.team_role_change(
        actor=request.user, organisation=org, user_id=user_id, role=request.POST.get("role", ""),
        ip=_ip_or_none(client_ip(request))))


@login_required
@require_POST
def team_remove(request, slug: str, user_id: int):
    from tijara.accounts import team as team_services

    return _team_change(request, slug, lambda org: team_services.team_remove(
        actor=request.user, organisation=org, user_id=user_id, ip=_ip_or_none(client_ip(request))))


@login_required
@require_POST
def team_invitation_withdraw(request, slug: str, invitation_id: int):
    from tijara.accounts import team as team_services

    def withdraw(org):
        invitation = team_services.team_invitation_withdraw(actor=request.user, organisation=org,
                                                            invitation_id=invitation_id,
                                                            ip=_ip_or_none(client_ip(request)))
        return _("Invitation to {email} withdrawn: its link no longer works.").format(email=isolate(invitation.email))

    return _team_change(request, slug, withdraw)


@login_required
@require_POST
def team_invitation_resend(request, slug: str, invitation_id: int):
    from tijara.accounts import team as team_services

    def resend(org):
        invitation = team_services.team_invitation_resend(actor=request.user, organisation=org,
                                                          invitation_id=invitation_id,
                                                          base_url=request.build_absolute_uri("/"),
                                                          ip=_ip_or_none(client_ip(request)))
        return _("Invitation sent again to {email}. The new link is valid for 7 days.").format(
            email=isolate(invitation.email))

    return _team_change(request, slug, resend)


@login_required
@require_POST
def team_leave(request, slug: str):
    from tijara.accounts import team as team_services

    organisation = _member_organisation_or_404(request, slug)
    try:
        team_services.team_leave(user=request.user, organisation=organisation, ip=_ip_or_none(client_ip(request)))
    except TijaraError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:team", slug=organisation.slug)
    if request.session.get("organisation") == organisation.slug:
        del request.session["organisation"]
    messages.success(request, _("You left {organisation}.").format(organisation=isolate(organisation.public_name)))
    return redirect("accounts:dashboard")


def invitation(request, token: str):
    """An invitation link: accept it signed in with the invited address, or create the account right here."""
    from django.contrib.auth import login as auth_login

    from tijara.accounts import team as team_services
    from tijara.accounts.models import User

    try:
        invite = team_services.invitation_read(token=token)
    except TijaraError as exc:
        return render(request, "accounts/invitation.html", {"error": exc.message}, status=400)
    context = {"invitation": invite, "token": token}
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                team_services.invitation_accept(user=request.user, token=token, ip=_ip_or_none(client_ip(request)))
            except TijaraError as exc:
                context["error"] = exc.message
                return render(request, "accounts/invitation.html", context, status=exc.status)
            request.session["organisation"] = invite.organisation.slug
            messages.success(request, _("Welcome to {organisation}.").format(organisation=isolate(invite.organisation.public_name)))
            return redirect("accounts:team", slug=invite.organisation.slug)
        context["wrong_account"] = request.user.email.lower() != invite.email.lower()
        return render(request, "accounts/invitation.html", context)
    # Signed out: the holder of the link controls the invited inbox, so the page may say whether to sign in or sign up.
    if User.objects.filter(email__iexact=invite.email).exists():
        context["has_account"] = True
        return render(request, "accounts/invitation.html", context)
    form = InvitationSignupForm(request.POST or None, initial={"preferred_language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user = services.user_create(email=invite.email, password=data["password"], full_name=data["full_name"],
                                            preferred_language=data["preferred_language"], verified=True)
                team_services.invitation_accept(user=user, token=token, ip=_ip_or_none(client_ip(request)))
        except TijaraError as exc:
            form.add_error(None, exc.message)
        else:
            auth_login(request, user, backend="tijara.accounts.backends.EmailBackend")
            request.session["organisation"] = invite.organisation.slug
            messages.success(request, _("Welcome to {organisation}.").format(organisation=isolate(invite.organisation.public_name)))
            return _in_language(redirect("accounts:team", slug=invite.organisation.slug), user.preferred_language)
    context["form"] = form
    return render(request, "accounts/invitation.html", context)
