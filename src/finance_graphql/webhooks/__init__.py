"""Outbound webhooks: signed, retried, and never lost (an outbox written with the change)."""
