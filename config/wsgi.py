import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# The framework's objects live as long as the worker. Loading the URLconf (and with it every view)
# now and freezing them keeps the collector's full passes from scanning ~180,000 of them: without
# it, one gap analysis in three cost twice the others (80 ms instead of 40).
get_resolver().url_patterns  # noqa: B018 - imported for its side effect
gc.freeze()
