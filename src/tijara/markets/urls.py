from django.urls import include, path

from tijara.markets import views

app_name = "markets"

urlpatterns = [
    path("", views.index, name="index"),
    path("hs/<str:code>/", views.hs_detail, name="hs"),
    path("country/<str:iso3>/", views.country_detail, name="country"),
    path("duty/", views.duty, name="duty"),
    path("finder/", include("tijara.markets.urls_finder")),
]
