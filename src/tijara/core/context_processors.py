from django.conf import settings
from django.utils import translation

import tijara


def platform(request):
    return {
        "TIJARA_VERSION": tijara.__version__,
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "PLATFORM_LANGUAGES": settings.LANGUAGES,
        "SITE_URL": settings.SITE_URL,
    }
