from django.urls import path

from tijara.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.index, name="index"),
    path("requirements/", views.requirements, name="requirements"),
    path("checklist/", views.checklist, name="checklist"),
    path("checklist/tick/", views.checklist_tick, name="checklist_tick"),
    path("facts/<str:fact_id>/", views.fact_detail, name="fact"),
    path("review/", views.review, name="review"),
    path("stale/", views.stale_report, name="stale"),
]
