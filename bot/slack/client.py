"""The Slack Web API client, pointed at ``SLACK_API_URL``."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

# Slack's own guidance: fail fast, the outbox and the tick retry what is worth retrying.
WEB_API_TIMEOUT_SECONDS = 10


def build_web_client(*, token: str, base_url: str) -> WebClient:
    """A client that retries only refused connections (nothing was posted); 429s are ours."""
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=WEB_API_TIMEOUT_SECONDS,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1)],
    )
