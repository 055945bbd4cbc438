from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tijara.documents"
    label = "documents"
    verbose_name = "Export documents"
