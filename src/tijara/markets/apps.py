from django.apps import AppConfig


class MarketsConfig(AppConfig):
    name = "tijara.markets"
    label = "markets"
