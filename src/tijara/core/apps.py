from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tijara.core"
    label = "core"
    verbose_name = "Tijara core"

    def ready(self) -> None:
        from tijara.core import checks  # noqa: F401
