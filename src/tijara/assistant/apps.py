from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "tijara.assistant"
    label = "assistant"
