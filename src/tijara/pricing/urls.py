from django.urls import path

from tijara.pricing import views

app_name = "pricing"

urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("rates/", views.rates, name="rates"),
    path("organisations/<slug:slug>/rules/", views.rules, name="rules"),
]
