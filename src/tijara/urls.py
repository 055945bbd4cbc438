"""Root URLconf: each app mounts its pages under its own prefix; the API lives under /api/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from tijara.accounts.views import language_set
from tijara.api import api

urlpatterns = [
    path("", include("tijara.core.urls")),
    path("i18n/setlang/", language_set, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("tijara.accounts.urls")),
    path("markets/", include("tijara.markets.urls")),
    path("knowledge/", include("tijara.knowledge.urls")),
    path("assistant/", include("tijara.assistant.urls")),
    path("pricing/", include("tijara.pricing.urls")),
    path("catalog/", include("tijara.catalog.urls")),
    path("channels/", include("tijara.channels.urls")),
    path("marketplace/", include("tijara.marketplace.urls")),
    path("", include("tijara.marketplace.sitemap_urls")),  # /sitemap.xml
    path("plans/", include("tijara.plans.urls")),
    path("events/", include("tijara.events.urls")),
    path("training/", include("tijara.training.urls")),
    path("documents/", include("tijara.documents.urls")),
]

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Media from local disk; in production behind S3 the object store serves it.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
