from django.urls import path

from tijara.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
]
