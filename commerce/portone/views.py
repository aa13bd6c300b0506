import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .client import PortOneUnavailable
from .services import WebhookRejected, portone_webhook_receive

logger = logging.getLogger(__name__)


@csrf_exempt  # PortOne's servers post here; the signature is the authentication
@require_POST
def webhook(request):
    try:
        portone_webhook_receive(body=request.body.decode("utf-8"), headers=request.headers)
    except (WebhookRejected, UnicodeDecodeError) as error:
        logger.warning("portone: webhook rejected: %s", error)
        return HttpResponseBadRequest("invalid signature")
    except PortOneUnavailable:
        logger.exception("portone: webhook could not be handled now; PortOne retries")
        return HttpResponse("try again", status=503)
    return HttpResponse("ok")
