from django.conf import settings
from django.urls import include, path

from portal import health, metrics


def _delivery_webhook() -> list:
    """Only the delivery-status webhook of the mail provider in use (basic auth), not every
    provider's inbound and tracking endpoints that anymail.urls would expose."""
    from anymail.urls import urlpatterns as anymail_urls

    name = f"{settings.ANYMAIL_ESP}_tracking_webhook"
    return [path("anymail/", include([p for p in anymail_urls if p.name == name]))]


# No admin site: every read of personal data goes through the services (read log, roles, 2FA).
urlpatterns = [
    path("health/web", health.web, name="health_web"),
    path("health/flows", health.flows, name="health_flows"),
    path("metrics", metrics.export, name="metrics"),
    path("api/v1/", include("portal.api.urls")),
    *_delivery_webhook(),
    path("i18n/", include("django.conf.urls.i18n")),  # the language switch (set_language)
    path("", include("portal.web.urls")),
]


def _not_found(request, exception=None):  # noqa: ANN001, ANN202 - Django's handler signature
    """The API answers in JSON, also for a path that does not exist; pages get the page."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Niet gevonden."}, status=404)
    return page_not_found(request, exception)


handler404 = _not_found
