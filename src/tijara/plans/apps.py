from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tijara.plans"
    label = "plans"
