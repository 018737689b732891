"""Signed webhooks (Standard Webhooks): endpoints per station, deliveries queued from the
outbox, sent with retries by the ``core.webhooks.deliver`` job, every attempt recorded."""
