"""The Slack Web API client, pointed at ``SLACK_API_URL``."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

# Slack's own guidance: fail fast, the outbox and the tick retry what is worth retrying.
WEB_API_TIMEOUT_SECONDS = 10


def build_web_client(
    *,
    token: str | None,
    base_url: str,
    timeout: float = WEB_API_TIMEOUT_SECONDS,
    retry: bool = True,
) -> WebClient:
    """A Web API client for ``base_url``.

    ``retry`` retries a broken connection once: right for reads and views, never for the
    outbox, which posts at most once and decides itself what may be tried again.
    """
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=int(timeout),
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1)] if retry else [],
    )
