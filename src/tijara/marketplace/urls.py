from django.urls import path

from tijara.marketplace import views

app_name = "marketplace"

urlpatterns = [
    path("", views.index, name="index"),
    path("makers/<slug:slug>/", views.maker, name="maker"),
    path("makers/<slug:maker>/<path:sku>/", views.product, name="product"),
]
