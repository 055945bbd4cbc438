from django.shortcuts import render
from django.urls import path

app_name = "training"


def placeholder(request):
    return render(request, "core/placeholder.html")


urlpatterns = [
    path("" if "index" == "index" else "index/", placeholder, name="index"),
]
