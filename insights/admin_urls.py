from django.urls import path

from . import views

app_name = "insights_admin"
urlpatterns = [
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("dashboard/<slug:key>.csv", views.panel_csv_view, name="panel_csv"),
]
