"""How the outbox reports what became of a message, without knowing who cares.
Both are sent inside the transaction that records the outcome, so a receiver's
writes commit (or roll back) with it.

- ``email_sent(sender=OutboundEmail, email=...)``: the mailer accepted it.
- ``email_failed(sender=OutboundEmail, email=..., error=...)``: given up after the last attempt.
"""

from django.dispatch import Signal

email_sent = Signal()
email_failed = Signal()
