from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from frontend.consent import ConsentingAuthView, ConsentingRegistrationView
from frontend.discovery import ProductSitemap, StoryFeed, robots_txt
from thecen.cdn import csrf_cookie
from thecen.healthchecks import ThecenHealthView

# A lost database connection answers a Korean 503 with Retry-After (thecen/errors.py).
handler500 = "thecen.errors.server_error"

urlpatterns = [
    # For load balancers and monitoring (not /health/, the health self-check feature).
    path("-/health/", ThecenHealthView.as_view(), name="ops-health"),
    # Pages served from a cache carry no CSRF token: their forms fetch the cookie here.
    path("-/csrf/", csrf_cookie, name="csrf-cookie"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap, "products": ProductSitemap}}),
    path("robots.txt", robots_txt),
    path("privacy/", TemplateView.as_view(template_name="frontend/privacy.html"), name="privacy"),
    path("feeds/stories/", StoryFeed(), name="story-feed"),
    path("", include("cms_pages.urls")),
    path("health/", include("health.urls")),
    # Bookings, deposits, MC and partner membership pages (before Oscar's dashboard catch-alls).
    path("", include("commerce.urls")),
    # Oscar's sign-up, with the required consents (before Oscar's own routes).
    path("accounts/login/", ConsentingAuthView.as_view(), name="customer-login-consent"),
    path(
        "accounts/register/",
        ConsentingRegistrationView.as_view(),
        name="customer-register-consent",
    ),
    # Oscar: catalogue, basket, checkout, accounts, search, dashboard (its "/" redirect removed).
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path, "/" included: it must come last.
urlpatterns += [path("", include(wagtail_urls))]
