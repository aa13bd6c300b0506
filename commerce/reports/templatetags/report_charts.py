from django import template

from commerce.reports import charts

register = template.Library()


@register.simple_tag
def bar_chart(rows, title):
    """{% bar_chart rows title %}: one bar per report row, by amount in won."""
    return charts.bar_chart([(row.label, row.amount) for row in rows], title=title)


@register.simple_tag
def line_chart(rows, title):
    return charts.line_chart([(row.label, row.amount) for row in rows], title=title)
