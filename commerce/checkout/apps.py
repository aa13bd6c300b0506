from django.urls import path
from oscar.apps.checkout import apps
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "commerce.checkout"

    def ready(self):
        super().ready()
        self.portone_return_view = get_class("checkout.views", "PortOneReturnView")

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [path("portone/return/", self.portone_return_view.as_view(), name="portone-return")]
        )
        return urls
