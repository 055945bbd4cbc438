from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "tijara.training"
    label = "training"
