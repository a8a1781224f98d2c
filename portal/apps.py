from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal en API"

    def ready(self) -> None:
        from portal import metrics

        metrics.register()
