import base64
from urllib.parse import unquote, urlsplit

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.encoding import escape_uri_path
from django.views.decorators.cache import never_cache

from cms_pages.models import CampaignPage
from commerce.mc.services import campaign_visit_record

# A transparent 1×1 GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def campaign_share(request, code):
    """A campaign's own short link: it leads to the campaign page."""
    campaign = get_object_or_404(CampaignPage.objects.live().public(), share_code=code)
    return redirect(campaign.get_url(request))


@never_cache
def campaign_visit(request, code):
    """The beacon of a cached campaign page: credits the visit to its MC (thecen/cdn.py)."""
    response = HttpResponse(PIXEL, content_type="image/gif")
    campaign = CampaignPage.objects.live().public().filter(share_code=code).first()
    if campaign is not None:
        # As the page's own request.path would read it (get_url gives it percent-escaped).
        path = escape_uri_path(unquote(urlsplit(campaign.get_url(request) or "").path))
        campaign_visit_record(request, response, campaign=campaign, source_page=path)
    return response
