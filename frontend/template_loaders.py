"""Oscar's templates hard-code a few English labels and print order statuses raw; translate
them as the template source is loaded.

Overriding some ninety Oscar templates to change one attribute or one variable each would pin
us to copies of templates that change with every Oscar release.
"""

import re
from pathlib import Path

import oscar
from django.template.loaders.app_directories import Loader as AppDirectoriesLoader

OSCAR_TEMPLATES = str(Path(oscar.__file__).resolve().parent / "templates")
# The hard-coded labels and their msgids (translated in frontend/locale).
LABELS = {
    'aria-label="breadcrumb"': 'aria-label="{% translate "breadcrumb" %}"',
    'aria-label="Toggle navigation"': 'aria-label="{% translate "Toggle navigation" %}"',
    'aria-label="Close"': 'aria-label="{% translate "Close" %}"',
    # The shipping method's code (commerce/shipping/methods.py), shown to partners as a label.
    "{{ order.shipping_code|upper }}": (
        '{% translate order.shipping_code context "shipping method" %}'
    ),
}
# Form fields and buttons Oscar renders without a name (basket quantity, the checkout password,
# the address menus' split buttons).
UNLABELLED_FIELDS = {
    # checkout.html links each line's picture through a `form` that is not in its loop.
    '<a href="{{ form.instance.product.get_absolute_url }}">\n'
    + " " * 36
    + '<img src="{{ thumb.url }}" alt="{{ product.get_title }}"': (
        '<a href="{{ line.product.get_absolute_url }}">\n'
        + " " * 36
        + '<img src="{{ thumb.url }}" alt="{{ line.product.get_title }}"'
    ),
    '<button class="btn btn-secondary dropdown-toggle" data-toggle="dropdown"></button>': (
        '<button class="btn btn-secondary dropdown-toggle" data-toggle="dropdown"'
        ' aria-label="{% translate "More actions" %}"></button>'
    ),
    '{% render_field form.quantity class+="form-control" %}': (
        '<label class="visually-hidden" for="{{ form.quantity.id_for_label }}">'
        '{% translate "Quantity" %}</label>{% render_field form.quantity class+="form-control" %}'
    ),
    '{% render_field form.password class+="form-control mr-sm-2" %}': (
        '<label class="visually-hidden" for="{{ form.password.id_for_label }}">'
        '{% translate "Password" %}</label>'
        '{% render_field form.password class+="form-control mr-sm-2" %}'
    ),
}
# Order and line statuses are the English keys of OSCAR_ORDER_STATUS_PIPELINE.
STATUS_VARIABLE = re.compile(
    r"\{\{ *((?:order|line|status_change)\.(?:status|old_status|new_status)"
    r"(?:\|default:\"[^\"]*\")?) *\}\}"
)
STATUS_OPTION = "<option>{{ status }}</option>"
# A line's description lists its options raw ("예약 = '2026-12-03 14:00 · <uuid>'"): the
# bookings app's filter writes a booked service as "12월 3일 (목) 오후 2:00 · 2명" instead.
LINE_DESCRIPTION = "{{ line.description }}"
LINE_DESCRIPTION_REWRITE = "{{ line|line_description }}"
TRANSLATED_STATUS_OPTION = (
    '<option value="{{ status }}">{% translate status context "order status" %}</option>'
)


def translate_labels(source: str) -> str:
    translated = STATUS_VARIABLE.sub(r'{% translate \1 context "order status" %}', source)
    translated = translated.replace(STATUS_OPTION, TRANSLATED_STATUS_OPTION)
    for label, label_translated in LABELS.items():
        translated = translated.replace(label, label_translated)
    for field, labelled in UNLABELLED_FIELDS.items():
        translated = translated.replace(field, labelled)
    loads = "{% load i18n %}"
    if LINE_DESCRIPTION in translated:
        translated = translated.replace(LINE_DESCRIPTION, LINE_DESCRIPTION_REWRITE)
        loads += "{% load service_booking %}"
    if translated == source:
        return source
    source = translated
    # {% extends %} must stay the first tag; {% load %} may follow it.
    head, sep, rest = "", "", source
    if source.lstrip().startswith("{% extends"):
        head, sep, rest = source.partition("%}")
    return f"{head}{sep}{loads}{rest}"


class Loader(AppDirectoriesLoader):
    """The app-directories loader, with Oscar's hard-coded English labels made translatable."""

    def get_contents(self, origin):
        contents = super().get_contents(origin)
        if origin.name.startswith(OSCAR_TEMPLATES):
            return translate_labels(contents)
        return contents
