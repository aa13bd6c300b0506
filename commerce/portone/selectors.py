from .models import PortOnePayment


def order_portone_payment(*, order) -> PortOnePayment | None:
    """The PortOne payment of an order (method, receipt, virtual account), if it has one."""
    return PortOnePayment.objects.filter(order=order).first()
