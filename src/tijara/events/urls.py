from django.urls import path

from tijara.events import views

app_name = "events"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed.ics", views.feed, name="feed"),
    path("new/", views.event_new, name="new"),
    path("import/", views.import_view, name="import"),
    path("for/<slug:slug>/", views.matched, name="matched"),
    path("for/<slug:slug>/products/<str:sku>/", views.matched_product, name="matched_product"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/follow/", views.follow, name="follow"),
]
