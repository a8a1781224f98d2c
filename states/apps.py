from django.apps import AppConfig


class StatesConfig(AppConfig):
    name = "states"
    verbose_name = "Signaleringslijst: domein"
    default_auto_field = "django.db.models.BigAutoField"
