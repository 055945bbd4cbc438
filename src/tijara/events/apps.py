from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "tijara.events"
    label = "events"
