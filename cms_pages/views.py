from django.shortcuts import get_object_or_404, redirect

from cms_pages.models import CampaignPage


def campaign_share(request, code):
    """A campaign's own short link: it leads to the campaign page."""
    campaign = get_object_or_404(CampaignPage.objects.live().public(), share_code=code)
    return redirect(campaign.get_url(request))
