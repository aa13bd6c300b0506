"""Oscar's hard-coded English labels and raw order statuses are translated as templates load."""

from django.template import engines
from django.utils import translation

from frontend.template_loaders import translate_labels


def test_labels_and_statuses_are_wrapped_and_extends_stays_first():
    source = (
        '{% extends "oscar/layout.html" %}{% block content %}'
        '<nav aria-label="breadcrumb"></nav><td>{{ order.status|default:"-" }}</td>'
        "<select>{% for status in statuses %}<option>{{ status }}</option>{% endfor %}</select>"
        "{% endblock %}"
    )

    translated = translate_labels(source)

    assert translated.startswith('{% extends "oscar/layout.html" %}{% load i18n %}')
    assert 'aria-label="{% translate "breadcrumb" %}"' in translated
    assert '{% translate order.status|default:"-" context "order status" %}' in translated
    assert '<option value="{{ status }}">' in translated


def test_a_template_without_labels_is_left_alone():
    source = "{% load i18n %}<p>{{ order.number }}</p>"
    assert translate_labels(source) is source


def test_oscar_order_list_shows_statuses_in_korean():
    template = engines["django"].get_template("oscar/dashboard/orders/order_list.html")
    source = template.template.source
    assert 'context "order status"' in source
    with translation.override("ko"):
        html = (
            engines["django"]
            .from_string('{% load i18n %}{% translate s context "order status" %}')
            .render({"s": "Awaiting deposit"})
        )
    assert html == "입금 대기"
