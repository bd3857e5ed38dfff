from django.db.models import QuerySet

from inbox.models import OPEN_STATES, InboundMessage


def inbound_queue() -> QuerySet[InboundMessage]:
    """What waits for the coordinator, oldest first."""
    return (
        InboundMessage.objects.filter(state__in=OPEN_STATES).select_related("complaint").order_by("received_at", "id")
    )


def inbound_recent(*, limit: int = 50) -> QuerySet[InboundMessage]:
    """Handled and automatic messages, newest first."""
    return (
        InboundMessage.objects.exclude(state__in=OPEN_STATES)
        .select_related("complaint", "handled_by")
        .order_by("-received_at", "-id")[:limit]
    )


def inbound_open_count() -> int:
    return InboundMessage.objects.filter(state__in=OPEN_STATES).count()
