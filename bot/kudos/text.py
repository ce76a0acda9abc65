"""Read the text of ``/kudos``: who it is for, the message, and the value tags.

Slack sends command text with ``should_escape: true``: mentions arrive as ``<@U123|name>`` (or
``<@U123>``, ``<@W123>`` on Enterprise Grid), mass mentions as ``<!here>``, ``<!channel>``,
``<!everyone>`` and user groups as ``<!subteam^S123|@team>``; ``&``, ``<`` and ``>`` typed by
the person arrive escaped. The message kept is therefore safe to show as mrkdwn.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
MASS_MENTION = re.compile(
    r"<!(?:here|channel|everyone)(?:\|[^>]*)?>|<!subteam\^[A-Z0-9]+(?:\|[^>]*)?>"
    r"|(?<![\w@])@(?:here|channel|everyone)\b"
)
PLAIN_AT_NAME = re.compile(r"(?<![<\w@|])@([\w][\w.\-]*)")
VALUE_TAG = re.compile(r"(?<![\w<&#])#([\w][\w\-]*)")
LEADING_SEPARATORS = re.compile(
    r"^(?:\s|[,;+]|:(?![\w+\-])|[\-\u2013\u2014](?=\s)|&amp;|\band\b|\bund\b)+", re.IGNORECASE
)
RUNS_OF_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True, slots=True)
class KudosText:
    """What a person typed after ``/kudos``, taken apart."""

    recipient_ids: tuple[str, ...]
    message: str
    values: tuple[str, ...]
    has_mass_mention: bool
    plain_at_names: tuple[str, ...]


def parse_kudos_text(text: str, *, known_values: Collection[str]) -> KudosText:
    """Take ``text`` apart; ``known_values`` are the workspace's value tags (lower case)."""
    has_mass_mention = MASS_MENTION.search(text) is not None
    recipients = tuple(dict.fromkeys(USER_MENTION.findall(text)))
    message = _strip_leading_mentions(text)
    message = USER_MENTION.sub(lambda match: f"<@{match.group(1)}>", message)
    plain_at_names = tuple(
        name
        for name in dict.fromkeys(PLAIN_AT_NAME.findall(message))
        if name.lower() not in {"here", "channel", "everyone"}
    )
    values: list[str] = []

    def take_value(match: re.Match[str]) -> str:
        tag = match.group(1).lower()
        if tag not in known_values:
            return match.group(0)
        if tag not in values:
            values.append(tag)
        return ""

    message = VALUE_TAG.sub(take_value, message)
    return KudosText(
        recipient_ids=recipients,
        message=_tidy(message),
        values=tuple(values),
        has_mass_mention=has_mass_mention,
        plain_at_names=plain_at_names,
    )


def visible_length(message: str) -> int:
    """Characters as the person typed them (Slack's ``&amp;``-style escapes count once)."""
    return len(unescape_mrkdwn(message))


def escape_mrkdwn(text: str) -> str:
    """Make plain text (a modal's input) safe to show as mrkdwn: no markup, no mentions."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_SPECIAL_MENTION = re.compile(
    r"<!(here|channel|everyone)(?:\|[^>]*)?>|<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>"
)


def defuse_mass_mentions(text: str) -> str:
    """Command text (already escaped by Slack) with ``<!here>``, ``<!channel>``,
    ``<!everyone>`` and user groups turned into plain words that ping nobody."""
    return _SPECIAL_MENTION.sub(
        lambda match: f"@{match.group(1)}" if match.group(1) else (match.group(2) or "@group"),
        text,
    )


def unescape_mrkdwn(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _strip_leading_mentions(text: str) -> str:
    rest = text
    while True:
        rest = LEADING_SEPARATORS.sub("", rest)
        match = USER_MENTION.match(rest)
        if match is None:
            return rest
        rest = rest[match.end() :]


def _tidy(message: str) -> str:
    lines = [RUNS_OF_SPACES.sub(" ", line).strip() for line in message.strip().splitlines()]
    return "\n".join(lines).strip()
