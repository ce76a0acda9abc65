"""Slack plumbing: clients, installs, identity, request parsing, payload helpers."""
