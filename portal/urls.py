from django.urls import include, path

# No admin site: every read of personal data goes through the services (read log, roles, 2FA).
urlpatterns = [
    path("api/v1/", include("portal.api.urls")),
    path("anymail/", include("anymail.urls")),  # ESP delivery webhooks (basic auth)
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
