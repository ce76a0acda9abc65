"""The workspace settings form."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    TimePickerElement,
    UrlInputElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.core.localtime import format_local_time
from bot.core.phrases import phrase
from bot.core.slack import ids
from bot.settings.values import WorkspaceSettings

ACTION = ids.SETTINGS_FIELD_ACTION


def settings_modal(settings: WorkspaceSettings) -> dict[str, Any]:
    """The settings form, filled with ``settings``."""
    return View(
        type="modal",
        callback_id=ids.SETTINGS_MODAL,
        title=PlainTextObject(text=phrase("settings.title")),
        submit=PlainTextObject(text=phrase("settings.save")),
        close=PlainTextObject(text=phrase("settings.cancel")),
        blocks=[*_kudos_fields(settings), *_workspace_fields(settings), *_admin_fields(settings)],
    ).to_dict()


def _kudos_fields(settings: WorkspaceSettings) -> list[Block]:
    """Where kudos go, the values they may name, the emoji that give them, and how many a day."""
    return [
        _input(
            "kudos_channel",
            ConversationSelectElement(
                action_id=ACTION,
                initial_conversation=settings.kudos_channel_id,
                filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
            ),
            optional=True,
        ),
        _input(
            "values",
            PlainTextInputElement(action_id=ACTION, initial_value=", ".join(settings.values)),
        ),
        _input(
            "kudos_reactions",
            PlainTextInputElement(
                action_id=ACTION, initial_value=", ".join(settings.kudos_reactions)
            ),
        ),
        _input(
            "daily_limit",
            NumberInputElement(
                action_id=ACTION, is_decimal_allowed=False, initial_value=str(settings.daily_limit)
            ),
        ),
    ]


def _workspace_fields(settings: WorkspaceSettings) -> list[Block]:
    """Check-ins, group size, retention and holidays."""
    return [
        _input(
            "checkin_time",
            TimePickerElement(
                action_id=ACTION, initial_time=format_local_time(settings.checkin_minute)
            ),
        ),
        _input(
            "min_group_size",
            NumberInputElement(
                action_id=ACTION,
                is_decimal_allowed=False,
                initial_value=str(settings.min_group_size),
            ),
        ),
        _input(
            "retention_days",
            NumberInputElement(
                action_id=ACTION,
                is_decimal_allowed=False,
                initial_value=str(settings.retention_days),
            ),
        ),
        _input(
            "holiday_country",
            PlainTextInputElement(
                action_id=ACTION, initial_value=settings.holiday_country or None, max_length=8
            ),
            optional=True,
        ),
    ]


def _admin_fields(settings: WorkspaceSettings) -> list[Block]:
    """The support link, the leaderboard, and Kindling's admins."""
    leaderboard = Option(value="on", label=phrase("settings.leaderboard_on"))
    return [
        _input(
            "support_link",
            UrlInputElement(action_id=ACTION, initial_value=settings.support_link or None),
            optional=True,
        ),
        _input(
            "leaderboard",
            CheckboxesElement(
                action_id=ACTION,
                options=[leaderboard],
                initial_options=[leaderboard] if settings.leaderboard else None,
            ),
            optional=True,
        ),
        _input(
            "admins",
            UserMultiSelectElement(
                action_id=ACTION, initial_users=list(settings.admin_ids) or None
            ),
            optional=True,
        ),
    ]


def settings_saved_view() -> dict[str, Any]:
    view = View(
        type="modal",
        callback_id=ids.SETTINGS_SAVED,
        title=PlainTextObject(text=phrase("settings.title")),
        close=PlainTextObject(text=phrase("settings.done")),
        blocks=[SectionBlock(text=MarkdownTextObject(text=phrase("settings.saved")))],
    )
    return view.to_dict()


def _input(field: str, element: Any, *, optional: bool = False) -> InputBlock:
    return InputBlock(
        block_id=ids.settings_block(field),
        label=phrase(f"settings.{field}"),
        element=element,
        optional=optional,
    )
