"""Slack-facing pieces that hold no rules: the client, identifiers, Block Kit builders, phrases."""
