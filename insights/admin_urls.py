from django.urls import path, re_path

from . import province_views, views

app_name = "insights_admin"
urlpatterns = [
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("dashboard/<slug:key>.csv", views.panel_csv_view, name="panel_csv"),
    path("province/", province_views.province_index_view, name="provinces"),
    path("province/<str:province>/", province_views.province_view, name="province"),
    re_path(r"^province/(?P<province>[^/]+)/adoption\.(?P<fmt>csv|json)$", province_views.adoption_download_view,
            name="adoption"),
    path("province/<str:province>/import/", province_views.registry_import_view, name="registry_import"),
    path("province/<str:province>/lgo/<str:dla_code>/", province_views.province_lgo_view, name="province_lgo"),
    path("province/<str:province>/lgo/<str:dla_code>/<slug:key>.csv", province_views.province_lgo_csv_view,
         name="province_lgo_csv"),
]
