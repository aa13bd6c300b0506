"""The first published versions of the operating principles and the ethics code, so that the
application forms show a text from day one; editors change them in the admin (revisions)."""

from django.db import migrations

PRINCIPLES = """<h2>더센 운영원칙</h2>
<ol>
<li>더센은 사회적경제 조직이 서로 사고팔며 함께 성장하는 상호거래 장터입니다.</li>
<li>입점사는 사업자등록번호를 가진 사회적경제 조직이며, 회원 등급에 따라 등록할 수 있는 상품 수와 홍보 지원이 정해집니다.</li>
<li>연회비가 납부 기한을 지나 미납되면 판매가 일시 중지되고, 납부하면 바로 다시 공개됩니다.</li>
<li>상품과 서비스의 가격, 재고, 예약 정보는 입점사가 정확하게 관리합니다.</li>
<li>마켓크리에이터를 통한 판매는 해당 마켓크리에이터의 실적으로 기록됩니다.</li>
</ol>"""

ETHICS = """<h2>더센 윤리강령</h2>
<ol>
<li>소비자에게 사실에 근거한 정보만 알리고, 과장하거나 숨기지 않습니다.</li>
<li>함께 일하는 사람의 노동과 권리를 존중하고, 공정한 대가를 지급합니다.</li>
<li>지역과 환경에 끼치는 영향을 생각하며 생산하고 판매합니다.</li>
<li>소비자의 개인정보와 건강 정보를 목적 밖으로 쓰지 않습니다.</li>
<li>다른 입점사와 경쟁하기보다 협력하며, 분쟁은 사무국과 함께 대화로 풉니다.</li>
</ol>"""


def seed(apps, schema_editor):
    PolicyText = apps.get_model("commerce_core", "PolicyText")
    for kind, title, body in [
        ("principles", "운영원칙", PRINCIPLES),
        ("ethics", "윤리강령", ETHICS),
    ]:
        PolicyText.objects.get_or_create(
            kind=kind,
            defaults={"title": title, "version_label": "2026-01", "body": body, "live": True},
        )


class Migration(migrations.Migration):
    dependencies = [("commerce_core", "0002_policy_texts")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
