from django.urls import path, register_converter
from drf_spectacular.views import SpectacularAPIView

from portal.api import case_views, views


class CaseResourceConverter:
    regex = "verzoeken|klachten|geschillen|datalekken"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CaseResourceConverter, "caseresource")

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
    path("<caseresource:resource>", case_views.CaseList.as_view()),
    path("<caseresource:resource>/<int:pk>", case_views.CaseDetail.as_view()),
    path("<caseresource:resource>/<int:pk>/bijlagen", case_views.CaseAttachments.as_view()),
    path(
        "<caseresource:resource>/<int:pk>/bijlagen/<int:bijlage>",
        case_views.CaseAttachment.as_view(),
    ),
    path(
        "<caseresource:resource>/<int:pk>/transitions/<str:name>",
        case_views.CaseTransition.as_view(),
    ),
]
