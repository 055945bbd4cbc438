"""Mounted at the site root by tijara/urls.py: /sitemap.xml."""

from django.urls import path

from tijara.marketplace import views

urlpatterns = [path("sitemap.xml", views.sitemap, name="sitemap")]
