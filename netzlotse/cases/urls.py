from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("faellig/", views.due, name="due"),
]
