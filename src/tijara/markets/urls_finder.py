"""URLs of the market finder, included by markets/urls.py under /markets/finder/ (namespace "markets")."""

from django.urls import path

from tijara.markets import views_finder

urlpatterns = [
    path("", views_finder.finder_index, name="finder"),
    path("<str:hs>/", views_finder.finder_product, name="finder_product"),
    path("<str:hs>/compare/", views_finder.finder_compare, name="finder_compare"),
]
