from django.urls import path

from . import site_views

app_name = "sites"
urlpatterns = [
    path("", site_views.site_list, name="list"),
    path("neu/", site_views.site_edit, name="create"),
    path("<int:pk>/", site_views.site_edit, name="edit"),
    path("<int:pk>/archivieren/", site_views.site_remove, name="archive"),
]
