"""Reads for the order pages: each line's fulfilment, parcel link and what may be done next."""

from dataclasses import dataclass

from django.utils import timezone
from oscar.core.loading import get_model

from .models import FulfilmentEvent, LineFulfilment, ReturnRequest
from .returns import return_deadline
from .services import line_ships
from .states import NEXT, State

Line = get_model("order", "Line")


@dataclass
class LineRow:
    line: object
    ships: bool
    fulfilment: LineFulfilment | None
    events: list
    requests: list

    @property
    def state(self) -> str | None:
        return self.fulfilment.state if self.fulfilment else None

    @property
    def state_label(self) -> str:
        return State(self.state).label if self.state else ""

    @property
    def next_states(self) -> tuple:
        return NEXT.get(self.state, ())

    @property
    def open_request(self) -> ReturnRequest | None:
        return next((r for r in self.requests if r.status == ReturnRequest.Status.REQUESTED), None)

    @property
    def accepted_request(self) -> ReturnRequest | None:
        return next((r for r in self.requests if r.status == ReturnRequest.Status.ACCEPTED), None)

    @property
    def can_confirm(self) -> bool:
        return self.state in (State.DELIVERED, State.EXCHANGED) and self.open_request is None

    @property
    def return_deadline(self):
        return return_deadline(self.fulfilment)

    @property
    def can_return(self) -> bool:
        deadline = self.return_deadline
        return (
            self.state == State.DELIVERED
            and self.open_request is None
            and deadline is not None
            and timezone.now() <= deadline
        )


def order_line_rows(*, lines) -> list[LineRow]:
    """One row per line, in four queries whatever the number of lines."""
    lines = list(lines)
    ids = [line.pk for line in lines]
    fulfilments = {
        f.line_id: f
        for f in LineFulfilment.objects.filter(line_id__in=ids).select_related(
            "courier", "exchange_courier"
        )
    }
    events: dict[int, list] = {}
    for event in FulfilmentEvent.objects.filter(line_id__in=ids).select_related("actor"):
        events.setdefault(event.line_id, []).append(event)
    requests: dict[int, list] = {}
    for request in ReturnRequest.objects.filter(line_id__in=ids).order_by("created"):
        requests.setdefault(request.line_id, []).append(request)
    return [
        LineRow(
            line=line,
            ships=line_ships(line),
            fulfilment=fulfilments.get(line.pk),
            events=events.get(line.pk, []),
            requests=requests.get(line.pk, []),
        )
        for line in lines
    ]


def order_lines_for_rows(order):
    return order.lines.select_related("product__product_class", "partner").order_by("pk")
