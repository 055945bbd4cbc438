from django.urls import path

from tijara.training import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("lessons/", views.lessons, name="lessons"),
    path("lessons/<slug:slug>/", views.lesson, name="lesson"),
    path("lessons/<slug:slug>/steps/<int:step>/", views.lesson_step, name="lesson_step"),
    path("advised/", views.advised, name="advised"),
    path("cohort/", views.cohort, name="cohort"),
    path("cohort/<slug:slug>/", views.cohort_organisation, name="cohort_organisation"),
    path("o/<slug:slug>/", views.organisation, name="organisation"),
    path("o/<slug:slug>/assess/", views.assess, name="assess"),
]
