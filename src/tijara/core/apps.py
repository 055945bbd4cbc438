from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tijara.core"
    label = "core"
    verbose_name = "Tijara core"

    def ready(self) -> None:
        from tijara.core import checks  # noqa: F401
        from tijara.core.warmup import warm_at_start

        warm_at_start()  # only in the development server and task workers `tijara serve` starts
