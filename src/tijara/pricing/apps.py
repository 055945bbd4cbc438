from django.apps import AppConfig


class PricingConfig(AppConfig):
    name = "tijara.pricing"
    label = "pricing"
