"""Thai for the framework strings staff read: Wagtail's, wagtail-localize's and Django's own.

Their shipped Thai catalogues leave most of the admin in English and garble much of the rest ("ไม่%(model_name)s
สามารถเซฟได้", "ลงชื่อเข้าใช้ในWagtail"). This app holds only a reviewed replacement catalogue. It sits in
INSTALLED_APPS after every Thongthin app and before Wagtail and Django, so it wins over the frameworks' catalogues but
never over an app's own translation of the same English. JavaScript strings cannot come from an app (Wagtail's
JavaScript catalogue only reads wagtail.admin and LOCALE_PATHS), so they live in jslocale/, listed in LOCALE_PATHS;
that folder holds the djangojs domain only and so overrides nothing of the apps.
"""
