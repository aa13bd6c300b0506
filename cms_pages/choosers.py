"""Admin choosers over Oscar's catalogue: editors pick products and enterprises (partners)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet


class CatalogueSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Title or UPC")}),
        required=False,
    )
    search_fields = ("title__icontains", "upc__iexact")

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if query:
            condition = Q()
            for lookup in self.search_fields:
                condition |= Q(**{lookup: query})
            objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


class PartnerSearchForm(CatalogueSearchForm):
    search_fields = ("name__icontains", "code__iexact")


class ProductChooseMixin:
    filter_form_class = CatalogueSearchForm
    ordering = ["title"]

    def get_object_list(self):
        return self.model_class.objects.select_related("product_class").prefetch_related(
            "stockrecords__partner"
        )

    @property
    def columns(self):
        return super().columns + [
            Column("upc", label=_("UPC")),
            Column(
                "enterprise",
                label=_("Enterprise"),
                accessor=lambda p: ", ".join(s.partner.name for s in p.stockrecords.all()),
            ),
        ]


class ProductChooseView(ProductChooseMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooseMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = get_model("catalogue", "Product")
    icon = "tag"
    choose_one_text = _("Choose a product or service")
    choose_another_text = _("Choose another product or service")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    # No "create" tab: products are created in Oscar's dashboard, not from a page editor.


class PartnerChooseMixin:
    filter_form_class = PartnerSearchForm
    ordering = ["name"]


class PartnerChooseView(PartnerChooseMixin, ChooseView):
    pass


class PartnerChooseResultsView(PartnerChooseMixin, ChooseResultsView):
    pass


class PartnerChooserViewSet(ChooserViewSet):
    model = get_model("partner", "Partner")
    icon = "group"
    choose_one_text = _("Choose an enterprise")
    choose_another_text = _("Choose another enterprise")
    choose_view_class = PartnerChooseView
    choose_results_view_class = PartnerChooseResultsView


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="catalogue-chooser")
partner_chooser_viewset = PartnerChooserViewSet("partner_chooser", url_prefix="partner-chooser")
