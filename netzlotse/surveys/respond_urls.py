"""The respondents' addresses: short, no account needed."""

from django.urls import path

from .views import respond

app_name = "respond"
urlpatterns = [
    path("<uuid:survey>/", respond.answer, name="answer"),
    path("<uuid:survey>/a/<uuid:occasion>/", respond.answer, name="occasion"),
    path("<uuid:survey>/danke/", respond.thanks, name="thanks"),
    path("e/<str:token>/", respond.invited, name="invited"),
]
