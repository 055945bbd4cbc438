from django.shortcuts import render


def home(request):
    """The public home page: what the platform does, in the visitor's language."""
    return render(request, "core/home.html")
