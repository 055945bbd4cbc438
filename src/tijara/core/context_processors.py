import functools

from django.conf import settings
from django.utils import translation

import tijara


def _nav_role(request) -> str:
    """Which menu the visitor sees: "visitor", "buyer" (a buyer organisation, no seller menus), "seller", "advisor" or "admin"."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "visitor"
    if getattr(user, "is_platform_admin", False):
        return "admin"
    if getattr(user, "is_advisor", False) or getattr(user, "is_staff", False):
        return "advisor"
    from tijara.accounts.selectors import current_organisation

    organisation = current_organisation(request)
    return "buyer" if organisation is not None and organisation.kind == "buyer" else "seller"


def platform(request):
    role = functools.cache(lambda: _nav_role(request))
    return {
        "NAV_ROLE": role,
        "TIJARA_VERSION": tijara.__version__,
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "PLATFORM_LANGUAGES": settings.LANGUAGES,
        "SITE_URL": settings.SITE_URL,
    }
