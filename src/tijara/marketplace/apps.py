from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "tijara.marketplace"
    label = "marketplace"
