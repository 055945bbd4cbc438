"""Django admin for fairs: the shipped calendar is read-only (reloaded from its pack); follows are viewable."""

from django.contrib import admin

from tijara.core.admin import ReadOnlyAdmin
from tijara.events.models import Event, EventFollow


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """Fairs come from the reference pack: view them here, change them in the pack."""

    list_display = ["name", "city", "country", "start", "end", "registration_deadline", "confidence"]
    list_filter = ["country", "confidence", "frequency"]
    search_fields = ["name", "slug", "organiser", "city"]
    date_hierarchy = "start"


@admin.register(EventFollow)
class EventFollowAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "reminded_for", "reminded_at", "created_at"]
    search_fields = ["user__email", "event__name"]
    raw_id_fields = ["user", "event"]
