from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api.urls")),
    path("anymail/", include("anymail.urls")),  # ESP delivery webhooks (basic auth)
    path("i18n/", include("django.conf.urls.i18n")),  # the language switch (set_language)
    path("", include("portal.web.urls")),
]
