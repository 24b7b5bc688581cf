from django.urls import path

from . import views

app_name = "gaps"
urlpatterns = [
    path("", views.matrix_page, name="matrix"),
]
