from django.shortcuts import render
from django.urls import path

app_name = "pricing"


def placeholder(request):
    return render(request, "core/placeholder.html")


urlpatterns = [
    path("calculator" if "calculator" == "index" else "calculator/", placeholder, name="calculator"),
]
