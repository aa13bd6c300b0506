"""The first published terms of use and personal-data consent, so that sign-up links to a
text from day one; editors change them in the admin (each publication a new version)."""

from django.db import migrations

TERMS = """<h2>더센 이용약관</h2>
<ol>
<li>이 약관은 더센 사회적협동조합(이하 "더센")이 운영하는 상호거래 장터와 콘텐츠 서비스를 이용하는 조건을 정합니다.</li>
<li>회원은 이메일로 가입하며, 가입할 때 적은 정보가 바뀌면 내 계정에서 고쳐야 합니다.</li>
<li>상품과 서비스의 판매자는 각 입점사이며, 더센은 거래가 이루어지는 장터를 제공하고 결제와 정산을 대행합니다. 상품 정보와 배송, 서비스 제공의 책임은 입점사에 있습니다.</li>
<li>회원은 전자상거래법에 따라 상품을 받은 날부터 7일 안에 청약을 철회할 수 있습니다. 서비스 예약은 상품 페이지에 적힌 취소 규정을 따릅니다.</li>
<li>주문 대금은 결제가 확인된 뒤에 주문이 확정되며, 무통장입금과 가상계좌 주문은 입금 기한이 지나면 자동으로 취소됩니다.</li>
<li>회원은 다른 사람의 정보를 쓰거나, 거래를 방해하거나, 후기를 거짓으로 쓰지 않습니다. 이를 어기면 더센은 이용을 제한할 수 있습니다.</li>
<li>회원은 언제든 탈퇴할 수 있으며, 법이 보관을 요구하는 거래 기록은 정해진 기간 동안 보관한 뒤 파기합니다.</li>
<li>분쟁이 생기면 더센 사무국이 먼저 중재하며, 해결되지 않으면 관계 법령과 한국소비자원의 기준을 따릅니다.</li>
</ol>"""

PRIVACY = """<h2>개인정보 수집·이용 동의</h2>
<table>
<thead><tr><th>항목</th><th>목적</th><th>보유 기간</th></tr></thead>
<tbody>
<tr><td>이메일, 비밀번호</td><td>회원 확인, 주문·예약 내역 제공, 공지 전달</td><td>회원 탈퇴 시까지</td></tr>
<tr><td>주문할 때 적는 이름, 휴대폰 번호, 주소</td><td>상품 배송, 서비스 제공, 연락</td><td>전자상거래법에 따라 5년</td></tr>
</tbody>
</table>
<p>동의를 거부할 수 있으나, 거부하면 회원 가입과 주문을 할 수 없습니다. 자세한 내용은 개인정보처리방침을 확인해 주세요.</p>"""


def seed(apps, schema_editor):
    PolicyText = apps.get_model("commerce_core", "PolicyText")
    for kind, title, body in [
        ("terms", "이용약관", TERMS),
        ("privacy", "개인정보 수집·이용 동의", PRIVACY),
    ]:
        PolicyText.objects.get_or_create(
            kind=kind,
            defaults={"title": title, "version_label": "2026-12", "body": body, "live": True},
        )


class Migration(migrations.Migration):
    dependencies = [("commerce_core", "0004_signup_consents")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
