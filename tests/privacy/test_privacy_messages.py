"""Privacy's typed kinds read the rows the untyped code wrote, and keep their keys."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.core.outbox.messages import Payload
from bot.privacy.messages import (
    EXPORT,
    EXPORT_UNDELIVERED,
    FORGOTTEN,
    ExportPayload,
    UndeliveredPayload,
)
from tests.support.messages import render

NOW = datetime(2026, 11, 25, 12, 0, 5, 120000, tzinfo=UTC)
URL = "https://hooks.slack.com/actions/T1/1/x"


def test_privacy_rows_as_the_untyped_code_wrote_them_still_render() -> None:
    export = render("data_export", {"user_id": "UA"}, permalink=None)
    assert export.extra["filename"] == "kindling-export.json"
    assert json.loads(export.extra["content"]) == {}  # the loader fills it when it is sent
    forgotten = render("data_forgotten", {"response_url": URL}, permalink=None)
    assert forgotten.extra == {"response_type": "ephemeral", "replace_original": True}
    reinstall = render("data_export_undelivered", {"error": "missing_scope"}, permalink=None)
    assert "`missing_scope`" in reinstall.text
    assert "install Kindling again" in reinstall.text
    retry = render("data_export_undelivered", {"error": "fatal_error"}, permalink=None)
    assert "`fatal_error`" in retry.text
    assert "again in a little while" in retry.text


def test_privacy_keys_are_todays() -> None:
    export = ExportPayload(user_id="UA")
    assert EXPORT.key_for(export, at=NOW.isoformat()) == f"export:UA:{NOW.isoformat()}"
    assert FORGOTTEN.key_for(Payload(response_url=URL), nonce="9c1d") == "forgotten:9c1d"
    undelivered = UndeliveredPayload(error="missing_scope")
    assert EXPORT_UNDELIVERED.key_for(undelivered, export_id=42) == "export-undelivered:42"


def test_the_export_is_read_when_sent_and_never_stored() -> None:
    row = EXPORT.message(ExportPayload(user_id="UA"), team_id="T1", channel="UA", at="now")
    assert row.payload["user_id"] == "UA"
    assert "export" not in row.payload
    loaded = ExportPayload(user_id="UA", export={"user_id": "UA", "wins": [{"text": "é"}]})
    content = EXPORT.render(loaded, None).extra["content"]
    assert json.loads(content) == {"user_id": "UA", "wins": [{"text": "é"}]}
    assert "é" in content
