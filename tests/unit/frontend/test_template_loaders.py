"""Oscar's hard-coded English labels and raw order statuses are translated as templates load;
each rewrite still finds its text in the installed Oscar, so an upgrade fails loudly."""

from pathlib import Path

import pytest
from django.template import engines
from django.utils import translation

from frontend.template_loaders import (
    LABELS,
    LINE_DESCRIPTION,
    OSCAR_TEMPLATES,
    STATUS_OPTION,
    STATUS_VARIABLE,
    UNLABELLED_FIELDS,
    translate_labels,
)


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


def _oscar_sources() -> list[str]:
    return [path.read_text() for path in Path(OSCAR_TEMPLATES).rglob("*.html")]


@pytest.mark.parametrize("label", sorted(LABELS))
def test_each_label_still_occurs_in_an_installed_oscar_template(label):
    # An Oscar upgrade that renames a label must fail here, not silently show English.
    assert any(label in source for source in _oscar_sources()), label


@pytest.mark.parametrize(
    "variable",
    ["order.status", "line.status", "status_change.old_status", "status_change.new_status"],
)
def test_each_status_variable_still_occurs_in_an_installed_oscar_template(variable):
    found = {
        match.group(1).split("|")[0]
        for source in _oscar_sources()
        for match in STATUS_VARIABLE.finditer(source)
    }
    assert variable in found


def test_the_status_option_still_occurs_in_an_installed_oscar_template():
    assert any(STATUS_OPTION in source for source in _oscar_sources())


def test_the_rewriting_loader_is_the_one_that_loads_oscar_templates():
    loaders = engines["django"].engine.template_loaders
    inner = [each for loader in loaders for each in getattr(loader, "loaders", [])]
    names = {type(loader).__module__ for loader in [*loaders, *inner]}
    assert "frontend.template_loaders" in names


@pytest.mark.parametrize("field", sorted(UNLABELLED_FIELDS))
def test_each_unlabelled_field_still_occurs_in_an_installed_oscar_template(field):
    assert any(field in source for source in _oscar_sources()), field


def test_line_descriptions_are_written_by_the_booking_filter():
    assert any(LINE_DESCRIPTION in source for source in _oscar_sources())
    translated = translate_labels("<h3>{{ line.description }}</h3>")
    assert "{% load service_booking %}" in translated
    assert "{{ line|line_description }}" in translated
    assert "{{ line.description }}" not in translated
