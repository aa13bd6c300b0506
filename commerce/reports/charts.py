"""Bar and line charts as inline SVG, drawn on the server: no script, no CDN.

Each chart has a <title> and <desc> for screen readers, and every bar or point carries its
value in a <title>, so the numbers are there without hovering JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 200
LINE_HEIGHT = 220
PAD = 36
# Drawn with presentation attributes, so a chart looks right without any stylesheet.
COLOR = "#2b7a4b"


def won(amount: int) -> str:
    return f"₩{amount:,}"


def _short(label: str, limit: int = 18) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(items: Sequence[tuple[str, int]], *, title: str) -> SafeString:
    """Horizontal bars, longest first as given; values in won."""
    if not items:
        return mark_safe("")
    top = max(value for _label, value in items) or 1
    span = WIDTH - LABEL_WIDTH - 90
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    bars = []
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(1, round(span * value / top)) if value else 0
        bars.append(
            format_html(
                '<g class="chart__bar"><title>{label}: {value}</title>'
                '<text x="{lx}" y="{ty}" text-anchor="end" font-size="12">{short}</text>'
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3" fill="{color}"></rect>'
                '<text x="{vx}" y="{ty}" class="chart__value" font-size="12">{value}</text></g>',
                label=label,
                short=_short(label),
                value=won(value),
                lx=LABEL_WIDTH - 8,
                x=LABEL_WIDTH,
                y=y,
                w=length,
                h=BAR_HEIGHT,
                vx=LABEL_WIDTH + length + 6,
                color=COLOR,
                ty=f"{y + BAR_HEIGHT * 0.7:.1f}",
            )
        )
    return format_html(
        '<svg class="chart chart--bar" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>{bars}</svg>',
        w=WIDTH,
        h=height,
        title=title,
        bars=mark_safe("".join(bars)),
    )


def line_chart(items: Sequence[tuple[str, int]], *, title: str) -> SafeString:
    """Points joined by a line, left to right in the given order (months)."""
    if not items:
        return mark_safe("")
    top = max(value for _label, value in items) or 1
    inner_w, inner_h = WIDTH - 2 * PAD, LINE_HEIGHT - 2 * PAD
    step = inner_w / max(len(items) - 1, 1)
    points = [
        (PAD + index * step, PAD + inner_h - inner_h * value / top, label, value)
        for index, (label, value) in enumerate(items)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _l, _v in points)
    dots = format_html_join(
        "",
        '<g class="chart__point"><title>{}: {}</title>'
        '<circle cx="{}" cy="{}" r="4" fill="{}"></circle>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="12">{}</text></g>',
        (
            (
                label,
                won(value),
                f"{x:.1f}",
                f"{y:.1f}",
                COLOR,
                f"{x:.1f}",
                LINE_HEIGHT - 12,
                label[-2:],
            )
            for x, y, label, value in points
        ),
    )
    return format_html(
        '<svg class="chart chart--line" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
        "<desc>{top_label}</desc>"
        '<line x1="{pad}" y1="{base}" x2="{right}" y2="{base}" class="chart__axis" '
        'stroke="#999"></line><polyline points="{path}" fill="none" stroke="{color}" '
        'stroke-width="2" class="chart__line"></polyline>{dots}</svg>',
        w=WIDTH,
        h=LINE_HEIGHT,
        title=title,
        top_label=won(top),
        pad=PAD,
        base=PAD + inner_h,
        right=WIDTH - PAD,
        path=path,
        color=COLOR,
        dots=dots,
    )
