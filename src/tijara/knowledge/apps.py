from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "tijara.knowledge"
    label = "knowledge"
