"""An index on Oscar's order lines by (partner, order), for the partner's order list.

Oscar's order app is not forked here, so its ``Line`` model cannot carry the index in its
Meta; this app (the order's floor) creates it in SQL that SQLite and PostgreSQL both accept.
The partner list asks "has this order a line of mine?" (an EXISTS semi-join): with the pair
indexed, PostgreSQL answers it by an index-only scan over the partner's lines instead of
reading every order line.
"""

from django.db import migrations

INDEX = "order_line_partner_order_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0021_billingaddress_code_shippingaddress_code"),
        ("orderpayments", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {INDEX} ON order_line (partner_id, order_id)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
