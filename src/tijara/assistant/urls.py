from django.shortcuts import render
from django.urls import path

app_name = "assistant"


def placeholder(request):
    return render(request, "core/placeholder.html")


urlpatterns = [
    path("classify" if "classify" == "index" else "classify/", placeholder, name="classify"),
    path("ask" if "ask" == "index" else "ask/", placeholder, name="ask"),
]
