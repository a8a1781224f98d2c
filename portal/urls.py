from django.urls import include, path

# No admin site: every read of personal data goes through the services (read log, roles, 2FA).
urlpatterns = [
    path("api/v1/", include("portal.api.urls")),
    path("anymail/", include("anymail.urls")),  # ESP delivery webhooks (basic auth)
    path("i18n/", include("django.conf.urls.i18n")),  # the language switch (set_language)
    path("", include("portal.web.urls")),
]
