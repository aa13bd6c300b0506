"""The SVG charts: every value readable in the markup, names escaped, nothing to draw when empty."""

from xml.etree import ElementTree

from commerce.reports.charts import bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_each_bar_names_its_value_in_won_and_the_longest_is_the_largest():
    svg = ElementTree.fromstring(
        bar_chart([("해님베이커리", 30000), ("두레농장", 15000)], title="매출")
    )
    titles = [t.text for t in svg.iter(f"{SVG}title")]
    assert titles == ["매출", "해님베이커리: ₩30,000", "두레농장: ₩15,000"]
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1]


def test_a_name_with_markup_stays_text():
    markup = bar_chart([('<script>alert("x")</script>', 1000)], title="<b>매출</b>")
    assert "<script>" not in markup and "<b>" not in markup
    svg = ElementTree.fromstring(markup)
    assert svg.find(f"{SVG}title").text == "<b>매출</b>"


def test_a_line_has_one_point_per_month_and_zero_months_sit_on_the_axis():
    months = [("2026-01", 0), ("2026-02", 5000), ("2026-03", 0)]
    svg = ElementTree.fromstring(line_chart(months, title="월별 매출"))
    circles = list(svg.iter(f"{SVG}circle"))
    assert len(circles) == 3
    axis = float(svg.find(f"{SVG}line").get("y1"))
    assert [float(c.get("cy")) == axis for c in circles] == [True, False, True]


def test_nothing_to_draw_gives_no_svg():
    assert bar_chart([], title="x") == "" and line_chart([], title="x") == ""
