"""The five couriers most parcels in Korea travel with; operators edit the list afterwards."""

from django.db import migrations

COURIERS = [
    ("CJ대한통운", "https://trace.cjlogistics.com/next/tracking.html?wblNo={number}"),
    ("우체국택배", "https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1={number}"),
    ("한진택배", "https://www.hanjin.com/kor/CMS/DeliveryMgr/WaybillResult.do?mCode=MN038&wblnum={number}&schLang=KR"),
    ("롯데택배", "https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo={number}"),
    ("로젠택배", "https://www.ilogen.com/web/personal/trace/{number}"),
]


def seed(apps, schema_editor):
    Courier = apps.get_model("fulfilment", "Courier")
    for position, (name, url) in enumerate(COURIERS):
        Courier.objects.get_or_create(name=name, defaults={"tracking_url": url, "position": position})


def unseed(apps, schema_editor):
    apps.get_model("fulfilment", "Courier").objects.filter(name__in=[n for n, _u in COURIERS]).delete()


class Migration(migrations.Migration):
    dependencies = [("fulfilment", "0001_couriers_lines_events_returns")]
    operations = [migrations.RunPython(seed, unseed)]
