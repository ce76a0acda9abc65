"""One Slack call per outbox message, and what its answer means for delivery."""

from __future__ import annotations

import http.client
import logging
import urllib.error
from collections.abc import Callable
from datetime import timedelta
from enum import StrEnum

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.core.clock import Clock, SystemClock
from bot.core.outbox.delivery import Delivery
from bot.core.outbox.quiet import HeldError, do_not_disturb_until, person_of
from bot.core.outbox.rendered import RenderedMessage
from bot.core.outbox.values import DeliveryMethod
from bot.core.slack.client import WEB_API_TIMEOUT_SECONDS
from bot.core.slack.workspace_clients import WorkspaceNotInstalledError
from bot.core.store.models import OutboxMessage

logger = logging.getLogger(__name__)

ClientFor = Callable[[str], WebClient]
UNSENT_REQUEST_RETRY = timedelta(seconds=5)
DEFAULT_RETRY_AFTER = timedelta(seconds=1)
TOKEN_TROUBLE_RETRY = timedelta(minutes=15)
# Slack errors that mean "the bot cannot post in this channel".
CHANNEL_UNREACHABLE = frozenset(
    {"not_in_channel", "channel_not_found", "is_archived", "restricted_action", "access_denied"}
)
MAYBE_DONE_ERRORS = frozenset({"fatal_error", "internal_error"})
WORKSPACE_TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)


class WaitCause(StrEnum):
    """Why Slack made a workspace wait (a bounded metrics label)."""

    RATE_LIMITED = "rate_limited"  # a 429, from any method
    CONNECTION = "connection"  # the connection failed before the request was written
    CREDENTIALS = "credentials"  # the workspace's token does not work right now


class RetryLaterError(Exception):
    """Nothing was posted (a 429, a request never written): try again after ``delay``."""

    def __init__(self, delay: timedelta, reason: str, *, cause: WaitCause) -> None:
        super().__init__(reason)
        self.delay = delay
        self.reason = reason
        self.cause = cause


class UncertainDeliveryError(Exception):
    """The call may or may not have posted (a timeout, a reset while the answer was read, a
    server error): never send it again blindly."""


class SlackSender:
    """Performs the Slack call an outbox message asks for."""

    def __init__(
        self,
        client_for: ClientFor,
        *,
        clock: Clock | None = None,
        timeout: int = WEB_API_TIMEOUT_SECONDS,
    ) -> None:
        self._client_for = client_for
        self._clock = clock or SystemClock()
        self._timeout = timeout  # for response URLs; ``client_for``'s clients have their own

    def send(
        self, message: OutboxMessage, rendered: RenderedMessage, *, quiet_for: str | None = None
    ) -> Delivery:
        """Make the call; raises :class:`HeldError` while ``quiet_for`` is on do-not-disturb."""
        try:
            return self._call(message, rendered, quiet_for)
        except WorkspaceNotInstalledError:
            return Delivery(delivered=False, error="not_installed")
        except SlackApiError as error:
            return _delivery_from_api_error(error, to_person=person_of(message.channel) is not None)
        except TimeoutError as error:
            raise UncertainDeliveryError(str(error)) from error
        except urllib.error.URLError as error:
            # urllib raises URLError only while the request is still being written (connect,
            # TLS, headers, body; slack_sdk turns an HTTPError into an answer): nothing posted.
            raise RetryLaterError(
                UNSENT_REQUEST_RETRY, str(error.reason), cause=WaitCause.CONNECTION
            ) from error
        except (ConnectionError, http.client.HTTPException) as error:
            # Raised while the answer was read: the request may have reached Slack.
            raise UncertainDeliveryError(f"{type(error).__name__}: {error}") from error

    def permalink(self, team_id: str, channel: str, ts: str) -> str | None:
        """A link to a posted message, or None if Slack will not give one."""
        try:
            answer = self._client_for(team_id).chat_getPermalink(channel=channel, message_ts=ts)
        except (SlackApiError, OSError, WorkspaceNotInstalledError) as error:
            logger.warning("No permalink for %s/%s: %s", channel, ts, error)
            return None
        link = answer.get("permalink")
        return link if isinstance(link, str) else None

    def _call(
        self, message: OutboxMessage, rendered: RenderedMessage, quiet_for: str | None
    ) -> Delivery:
        client, now = self._client_for(message.team_id), self._clock.now()
        skipped_for = message.payload.get("unless_dnd")
        if isinstance(skipped_for, str) and do_not_disturb_until(client, skipped_for, now):
            return Delivery(delivered=False, skipped=True, error="do_not_disturb")
        if quiet_for is not None and (until := do_not_disturb_until(client, quiet_for, now)):
            raise HeldError(until)
        perform = {
            DeliveryMethod.POST_MESSAGE: self._post,
            DeliveryMethod.POST_EPHEMERAL: self._post_ephemeral,
            DeliveryMethod.UPDATE_MESSAGE: self._update,
            DeliveryMethod.RESPONSE_URL: lambda _client, m, r: self._post_to_response_url(m, r),
            DeliveryMethod.UPLOAD_FILE: self._upload,
            DeliveryMethod.PUBLISH_VIEW: self._publish_home,
        }.get(message.method)
        if perform is None:
            return Delivery(delivered=False, error=f"unknown method {message.method}")
        return perform(client, message, rendered)

    @staticmethod
    def _post(client: WebClient, message: OutboxMessage, rendered: RenderedMessage) -> Delivery:
        answer = client.chat_postMessage(
            channel=message.channel or "",
            text=rendered.text,
            blocks=rendered.blocks,
            unfurl_links=False,
            unfurl_media=False,
        )
        return Delivery(delivered=True, channel=answer.get("channel"), ts=answer.get("ts"))

    @staticmethod
    def _post_ephemeral(
        client: WebClient, message: OutboxMessage, rendered: RenderedMessage
    ) -> Delivery:
        client.chat_postEphemeral(
            channel=message.channel or "",
            user=rendered.extra["user"],
            text=rendered.text,
            blocks=rendered.blocks,
        )
        return Delivery(delivered=True, channel=message.channel)

    @staticmethod
    def _update(client: WebClient, message: OutboxMessage, rendered: RenderedMessage) -> Delivery:
        answer = client.chat_update(
            channel=message.channel or "",
            ts=rendered.extra["ts"],
            text=rendered.text,
            blocks=rendered.blocks,
        )
        return Delivery(delivered=True, channel=answer.get("channel"), ts=answer.get("ts"))

    @staticmethod
    def _publish_home(
        client: WebClient, message: OutboxMessage, rendered: RenderedMessage
    ) -> Delivery:
        view = {"type": "home", "blocks": rendered.blocks}
        client.views_publish(user_id=message.channel or "", view=view)
        return Delivery(delivered=True, channel=message.channel)

    @staticmethod
    def _upload(client: WebClient, message: OutboxMessage, rendered: RenderedMessage) -> Delivery:
        """A file in the member's DM (``files_upload_v2`` needs the DM's conversation id)."""
        opened = client.conversations_open(users=message.channel or "")
        channel = str((opened.get("channel") or {}).get("id", ""))
        client.files_upload_v2(
            channel=channel,
            content=rendered.extra["content"],
            filename=rendered.extra["filename"],
            title=rendered.extra["title"],
            initial_comment=rendered.text,
        )
        return Delivery(delivered=True, channel=channel)

    def _post_to_response_url(self, message: OutboxMessage, rendered: RenderedMessage) -> Delivery:
        url = message.payload.get("response_url")
        if not isinstance(url, str) or not url:
            return Delivery(delivered=False, error="no_response_url")
        webhook = WebhookClient(url, timeout=self._timeout, retry_handlers=[])
        response = webhook.send(
            text=rendered.text,
            blocks=rendered.blocks,
            response_type=rendered.extra.get("response_type", "ephemeral"),
            replace_original=rendered.extra.get("replace_original"),
        )
        if response.status_code == 429:
            raise RetryLaterError(
                _retry_after(response.headers),
                "response_url rate limited",
                cause=WaitCause.RATE_LIMITED,
            )
        if response.status_code == 200:
            return Delivery(delivered=True)
        if response.status_code >= 500:
            raise UncertainDeliveryError(f"response_url_{response.status_code}")
        return Delivery(delivered=False, error=f"response_url_{response.status_code}")


def _delivery_from_api_error(error: SlackApiError, *, to_person: bool) -> Delivery:
    status = error.response.status_code
    if status == 429:
        raise RetryLaterError(
            _retry_after(error.response.headers), "ratelimited", cause=WaitCause.RATE_LIMITED
        ) from error
    code = error.response.get("error")
    if status >= 500 or code in MAYBE_DONE_ERRORS:
        # Slack's own words for these: "it's possible some aspect of the operation succeeded".
        raise UncertainDeliveryError(f"http_{status}" if status >= 500 else str(code)) from error
    if code in WORKSPACE_TOKEN_ERRORS and not (to_person and code == "account_inactive"):
        # (A DM to a deactivated person answers account_inactive too: only that one fails.)
        # Nothing can reach this workspace now; keep its messages rather than fail them all.
        raise RetryLaterError(
            TOKEN_TROUBLE_RETRY, str(code), cause=WaitCause.CREDENTIALS
        ) from error
    return Delivery(
        delivered=False,
        error=str(code or f"http_{status}"),
        channel_unreachable=code in CHANNEL_UNREACHABLE,
    )


def _retry_after(headers: object) -> timedelta:
    value = None
    if isinstance(headers, dict):
        lowered = {str(key).lower(): val for key, val in headers.items()}
        value = lowered.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return timedelta(seconds=max(1, int(str(value))))
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
