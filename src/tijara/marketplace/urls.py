from django.urls import path

from tijara.marketplace import views

app_name = "marketplace"

urlpatterns = [
    path("", views.index, name="index"),
    path("makers/<slug:slug>/", views.maker, name="maker"),
    path("makers/<slug:maker>/<path:sku>/", views.product, name="product"),
    path("inquiries/", views.inquiries, name="inquiries"),
    path("inquiries/new/", views.inquiry_new, name="inquiry_new"),
    path("inquiries/guest/sent/", views.guest_sent, name="guest_sent"),
    path("inquiries/guest/confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("inquiries/<int:pk>/", views.inquiry, name="inquiry"),
    path("inquiries/<int:pk>/message/", views.inquiry_message, name="inquiry_message"),
    path("inquiries/<int:pk>/quote/", views.inquiry_quote, name="inquiry_quote"),
    path("inquiries/<int:pk>/close/", views.inquiry_close, name="inquiry_close"),
    path("inquiries/<int:pk>/report/", views.inquiry_report, name="inquiry_report"),
    path("moderation/", views.moderation, name="moderation"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
