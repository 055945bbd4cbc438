from django.urls import path

from tijara.plans import views, views_journey

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/recompute/", views.recompute, name="recompute"),
    path("<int:pk>/share/", views.share, name="share"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
    path("products/", views_journey.start, name="journey_start"),
    path("products/<int:pk>/", views_journey.todo, name="journey"),
    path("products/<int:pk>/describe/", views_journey.step_product, name="journey_product"),
    path("products/<int:pk>/code/", views_journey.step_code, name="journey_code"),
    path("products/<int:pk>/markets/", views_journey.step_markets, name="journey_markets"),
    path("products/<int:pk>/price/", views_journey.step_price, name="journey_price"),
    path("products/<int:pk>/plan/", views_journey.step_plan, name="journey_plan"),
    path("products/<int:pk>/sell/", views_journey.step_sell, name="journey_sell"),
]
