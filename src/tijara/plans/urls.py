from django.urls import path

from tijara.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/recompute/", views.recompute, name="recompute"),
    path("<int:pk>/share/", views.share, name="share"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
]
