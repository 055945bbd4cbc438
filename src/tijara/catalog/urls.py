from django.urls import path

from tijara.catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.product_list, name="list"),
    path("<slug:slug>/new/", views.product_new, name="new"),
    path("<slug:slug>/bulk-edit/", views.bulk_edit, name="bulk_edit"),
    path("<slug:slug>/import/", views.import_view, name="import"),
    path("<slug:slug>/import/run/<str:token>/", views.import_job, name="import_job"),
    path("<slug:slug>/import/template.<str:fmt>", views.template_download, name="template"),
    path("<slug:slug>/export.<str:fmt>", views.export_download, name="export"),
    path("<slug:slug>/p/<str:sku>/", views.product_edit, name="edit"),
    path("<slug:slug>/p/<str:sku>/delete/", views.product_delete, name="delete"),
    path("<slug:slug>/p/<str:sku>/variants/", views.variant_add, name="variant_add"),
    path("<slug:slug>/p/<str:sku>/variants/<str:variant_sku>/", views.variant_edit, name="variant_edit"),
    path("<slug:slug>/p/<str:sku>/texts/<str:language>/", views.text_edit, name="text"),
    path("<slug:slug>/p/<str:sku>/photos/", views.photos, name="photos"),
    path("<slug:slug>/p/<str:sku>/photos/<int:photo_id>/", views.photo_action, name="photo_action"),
    path("<slug:slug>/p/<str:sku>/hs/", views.hs_set, name="hs_set"),
    path("<slug:slug>/p/<str:sku>/hs/suggest/", views.hs_suggest, name="hs_suggest"),
]
