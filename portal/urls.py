from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/api/v1/openapi.json", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api.urls")),
    path("anymail/", include("anymail.urls")),  # ESP delivery webhooks (basic auth)
]
