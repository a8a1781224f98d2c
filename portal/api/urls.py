from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from portal.api import case_views, views

urlpatterns = [
    path("openapi.json", SpectacularAPIView.as_view(), name="openapi"),
    path("signaleringen", views.SignaleringList.as_view()),
    path("signaleringen/<int:pk>", views.SignaleringDetail.as_view()),
    path("signaleringen/<int:pk>/transitions/<str:name>", views.SignaleringTransition.as_view()),
    path("categorie", views.CategorieOpening.as_view()),
    path("matches", views.MatchList.as_view()),
    path("matches/<int:pk>/transitions/<str:name>", views.MatchTransition.as_view()),
    path("match-check", views.MatchCheck.as_view()),
    path("outbox", views.OutboxList.as_view()),
    path("outbox/<int:pk>/pdf", views.OutboxLetter.as_view()),
    path("outbox/<int:pk>/transitions/<str:name>", views.OutboxTransition.as_view()),
    path("deelnemers/<slug:code>/transitions/<str:name>", views.DeelnemerTransition.as_view()),
    path("deadlines", case_views.DeadlineList.as_view()),
    path("deadlines/<int:pk>/transitions/<str:name>", case_views.DeadlineTransition.as_view()),
]

# One set of paths per case kind, each typed in the OpenAPI document (case_views.TYPED).
for resource, views_ in case_views.TYPED.items():
    kind = {"resource": resource}
    urlpatterns += [
        path(resource, views_["list"].as_view(), kind),
        path(f"{resource}/<int:pk>", views_["detail"].as_view(), kind),
        path(f"{resource}/<int:pk>/bijlagen", views_["attachments"].as_view(), kind),
        path(f"{resource}/<int:pk>/bijlagen/<int:bijlage>", views_["attachment"].as_view(), kind),
        path(f"{resource}/<int:pk>/transitions/<str:name>", views_["transition"].as_view(), kind),
    ]
