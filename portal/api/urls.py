from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from portal.api import views

urlpatterns = [
    path("openapi.json", SpectacularAPIView.as_view(), name="openapi"),
    path("signaleringen", views.SignaleringList.as_view()),
    path("signaleringen/<int:pk>", views.SignaleringDetail.as_view()),
    path("signaleringen/<int:pk>/transitions/<str:name>", views.SignaleringTransition.as_view()),
    path("signaleringen/<int:pk>/categorie", views.SignaleringCategorie.as_view()),
    path("matches", views.MatchList.as_view()),
    path("matches/<int:pk>/transitions/<str:name>", views.MatchTransition.as_view()),
    path("match-check", views.MatchCheck.as_view()),
    path("outbox", views.OutboxList.as_view()),
    path("deelnemers/<slug:code>/transitions/<str:name>", views.DeelnemerTransition.as_view()),
]
