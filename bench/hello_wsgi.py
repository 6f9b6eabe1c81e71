"""The yardstick of `make bench-http`: a one-view Django hello-world with no middleware, no database, no templates.

Served by the same gunicorn, worker class and worker count as the application in the same run, so every page's
req/s can be given as a ratio to what Django itself costs on this machine at that moment (the machine is shared
and its speed varies from minute to minute; ratios from one run are comparable, absolute figures are not).
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="hello-world-bench-only-" + "x" * 40,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402 -- after settings.configure()
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
