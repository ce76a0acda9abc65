"""A fake Slack for tests: a real HTTP Web API server and a real Socket Mode WebSocket."""

from tests.fakeslack.server import FakeSlack, RecordedCall

__all__ = ["FakeSlack", "RecordedCall"]
