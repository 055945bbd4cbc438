from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "tijara.channels"
    label = "channels"
