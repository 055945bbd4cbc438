from django.urls import path

from tijara.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/bundle.zip", views.bundle_zip, name="zip"),
    path("<int:pk>/<str:name>", views.file, name="file"),
]
