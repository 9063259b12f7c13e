from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail.admin import urls as wagtailadmin_urls

from reintegra.accounts.middleware import mfa_exempt
from reintegra.core import views as core_views
from reintegra.site import sitemaps as site_sitemaps
from reintegra.work import views as work_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("sitemap.xml", site_sitemaps.sitemap_xml, name="sitemap-xml"),
    path("robots.txt", site_sitemaps.robots_txt, name="robots-txt"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/setlang/", login_not_required(mfa_exempt(set_language)), name="set_language"),
    # The editors' CMS signs in through the product's own login (password, lockout, MFA).
    path("cms/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("cms/password_reset/", RedirectView.as_view(pattern_name="accounts:password-reset")),
    path("cms/", include(wagtailadmin_urls)),
]

urlpatterns += i18n_patterns(
    path("", work_views.landing, name="landing"),
    path("account/", include("reintegra.accounts.urls")),
    path("work/", include("reintegra.work.urls")),
    path("audit/", include("reintegra.audit.urls")),
    path("people/", include("reintegra.people.urls")),
    path("observations/", include("reintegra.observations.urls")),
    path("allocations/", include("reintegra.allocations.urls")),
    path("assessments/", include("reintegra.assessments.urls")),
    path("release/", include("reintegra.release.urls")),
    path("probation/", include("reintegra.probation.urls")),
    path("plans/", include("reintegra.plans.urls")),
    path("programmes/", include("reintegra.programmes.urls")),
    path("training/", include("reintegra.training.urls")),
    path("coordination/", include("reintegra.coordination.urls")),
    path("forums/", include("reintegra.forums.urls")),
    path("regional/", include("reintegra.regional.urls")),
    # The public site's page tree: the catch-all, last.
    path("", include("reintegra.site.urls")),
    prefix_default_language=True,
)

handler400 = "reintegra.core.views.bad_request"
handler403 = "reintegra.audit.views.permission_denied"
handler404 = "reintegra.core.views.page_not_found"
handler500 = "reintegra.core.views.server_error"
