"""The usual 제주 and 도서산간 postcode ranges, as a start; operators edit them in the admin."""

from django.db import migrations

ZONES = [
    ("jeju", "제주특별자치도", "63000", "63644"),
    ("remote", "제주 추자면", "63000", "63001"),
    ("remote", "제주 우도면", "63365", "63365"),
    ("remote", "인천 중구 섬 지역", "22386", "22388"),
    ("remote", "인천 강화군 섬 지역", "23004", "23010"),
    ("remote", "인천 옹진군", "23100", "23136"),
    ("remote", "충남 보령시 섬 지역", "33411", "33411"),
    ("remote", "경북 울릉군", "40200", "40240"),
    ("remote", "부산 강서구 섬 지역", "46768", "46771"),
    ("remote", "경남 사천시 섬 지역", "52570", "52571"),
    ("remote", "경남 통영시 섬 지역", "53031", "53104"),
    ("remote", "전남 진도군 섬 지역", "58760", "58762"),
    ("remote", "전남 신안군", "58800", "58866"),
    ("remote", "전남 완도군 섬 지역", "59102", "59166"),
    ("remote", "전남 여수시 섬 지역", "59650", "59650"),
]


def seed(apps, schema_editor):
    Zone = apps.get_model("shipping", "PostcodeZone")
    for kind, name, start, end in ZONES:
        Zone.objects.get_or_create(
            kind=kind, postcode_from=start, postcode_to=end, defaults={"name": name}
        )


class Migration(migrations.Migration):
    dependencies = [("shipping", "0004_partner_policies")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
