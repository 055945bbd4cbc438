from django.shortcuts import render
from django.urls import path

from . import views_classify

app_name = "assistant"


def placeholder(request):
    return render(request, "core/placeholder.html")


urlpatterns = [
    path("classify/", views_classify.classify_page, name="classify"),
    path("ask" if "ask" == "index" else "ask/", placeholder, name="ask"),
]
