from django.conf import settings


def operator(request):
    """The operator's legal details for the footer of every page."""
    return {"operator": settings.THECEN_OPERATOR}
