"""Block Kit for "Export my data" and "Delete my data"."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ConfirmObject

from bot.core.phrases import phrase
from bot.core.slack import ids


def privacy_buttons(*, export: bool = True) -> ActionsBlock:
    """ "Export my data" and "Delete my data", each asking to confirm first."""
    delete = ButtonElement(
        text=phrase("privacy.delete_button"),
        action_id=ids.PRIVACY_FORGET,
        value="forget",
        style="danger",
        confirm=ConfirmObject(
            title=phrase("privacy.delete_confirm_title"),
            text=phrase("privacy.delete_confirm_text"),
            confirm=phrase("privacy.delete_confirm_yes"),
            deny=phrase("privacy.cancel"),
            style="danger",
        ),
    )
    buttons = [delete]
    if export:
        buttons.insert(
            0,
            ButtonElement(
                text=phrase("privacy.export_button"),
                action_id=ids.PRIVACY_EXPORT,
                value="export",
                confirm=ConfirmObject(
                    title=phrase("privacy.export_confirm_title"),
                    text=phrase("privacy.export_confirm_text"),
                    confirm=phrase("privacy.export_confirm_yes"),
                    deny=phrase("privacy.cancel"),
                ),
            ),
        )
    return ActionsBlock(block_id="privacy", elements=buttons)
