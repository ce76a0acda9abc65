"""Delivery of the outbox to Slack: one dispatcher, one rate limiter, one 429 policy."""
