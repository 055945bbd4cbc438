from django.urls import path

from tijara.channels import views

app_name = "channels"

urlpatterns = [
    path("", views.index, name="index"),
    path("feeds/<str:token>.<str:fmt>", views.feed, name="feed"),
    path("etsy/callback/", views.etsy_callback, name="etsy_callback"),
    path("<slug:slug>/", views.organisation_page, name="organisation"),
    path("<slug:slug>/connections/new/", views.connection_new, name="connection_new"),
    path("<slug:slug>/product-attributes/", views.product_attributes, name="product_attributes"),
    path("<slug:slug>/apparel-attributes/", views.apparel_attributes, name="apparel_attributes"),
    path("<slug:slug>/connections/<int:pk>/refresh/", views.connection_refresh, name="connection_refresh"),
    path("<slug:slug>/connections/<int:pk>/generate/", views.connection_generate, name="connection_generate"),
    path("<slug:slug>/connections/<int:pk>/feeds/", views.feed_status, name="feed_status"),
    path("<slug:slug>/connections/<int:pk>/credentials/", views.connection_credentials, name="connection_credentials"),
    path("<slug:slug>/connections/<int:pk>/etsy-settings/", views.connection_etsy_settings,
         name="connection_etsy_settings"),
    path("<slug:slug>/connections/<int:pk>/delete/", views.connection_delete, name="connection_delete"),
    path("<slug:slug>/connections/<int:pk>/etsy/connect/", views.etsy_connect, name="etsy_connect"),
    path("<slug:slug>/connections/<int:pk>/listings/<int:listing_id>/publish/", views.listing_publish,
         name="listing_publish"),
]
