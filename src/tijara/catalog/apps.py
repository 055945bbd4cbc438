from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "tijara.catalog"
    label = "catalog"
