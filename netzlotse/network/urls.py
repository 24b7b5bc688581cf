from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("", views.object_list, name="organizations"),
    path("<slug:kind>/", views.object_list, name="list"),
    path("<slug:kind>/neu/", views.object_edit, name="create"),
    path("<slug:kind>/<int:pk>/", views.object_edit, name="edit"),
]
